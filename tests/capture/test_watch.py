"""The watched folder: each file imported once, only when fully written, across restarts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dossier import ImportItem, import_items, start_batch
from dossier.watching import FolderWatcher, WatchEventKind
from storage import Workspace, sha256_bytes
from storage import pages as page_store
from storage import watch as watch_store
from storage.database import OperationalError
from storage.watch import WatchState
from tests.capture.conftest import text_page
from tests.workspaces import init_workspace, open_workspace, raw_connection


def watcher(ws: Workspace, folder: Path) -> FolderWatcher:
    return FolderWatcher(ws, folder, process=False, interval=0)


def poll(w: FolderWatcher, times: int = 2) -> list[WatchEventKind]:
    kinds = []
    for _ in range(times):
        kinds.extend(e.kind for e in w.poll_once())
    return kinds


def test_new_file_imported_once_when_stable(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    w = watcher(workspace, folder)
    (folder / "a.png").write_bytes(text_page("Tờ khai A"))
    assert w.poll_once() == []                 # first sight: may still be growing
    assert poll(w, 1) == [WatchEventKind.IMPORTED]
    assert poll(w, 3) == []                    # never again
    assert len(page_store.list_pages(workspace)) == 1


def test_growing_file_waits(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = text_page("Tờ khai B")
    w = watcher(workspace, folder)
    target = folder / "b.png"
    with open(target, "wb") as out:
        out.write(data[: len(data) // 2])
        out.flush()
        assert poll(w, 1) == []
        out.write(data[len(data) // 2:])
        out.flush()
        os.utime(target, ns=(time.time_ns(), time.time_ns() + 1_000_000))
        assert poll(w, 1) == []                # size changed since the last poll
    assert poll(w, 1) == [WatchEventKind.IMPORTED]
    page = page_store.list_pages(workspace)[0]
    assert workspace.blobs.read(page.source_sha) == data


def test_temporary_names_are_ignored_until_renamed(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    w = watcher(workspace, folder)
    for name in ("c.png.part", "~c.png", "c.tmp", ".hidden.png"):
        (folder / name).write_bytes(text_page(name))
    assert poll(w, 3) == []
    (folder / "c.png.part").rename(folder / "c.png")
    assert poll(w, 2) == [WatchEventKind.IMPORTED]
    assert [p.source_name for p in page_store.list_pages(workspace)] == ["c.png"]


def test_restart_does_not_reimport(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "d.png").write_bytes(text_page("D"))
    (folder / "sub" / "e.png").write_bytes(text_page("E"))
    (folder / "notes.txt").write_text("không phải ảnh", encoding="utf-8")
    kinds = poll(watcher(workspace, folder))
    assert sorted(kinds) == sorted([WatchEventKind.IMPORTED, WatchEventKind.IMPORTED,
                                    WatchEventKind.REJECTED])
    again = watcher(workspace, folder)
    again.recover()
    assert poll(again, 3) == []
    # The same content under a new name is recognised as already imported.
    (folder / "copy-of-d.png").write_bytes((folder / "d.png").read_bytes())
    assert poll(again) == [WatchEventKind.DUPLICATE]
    assert len(page_store.list_pages(workspace)) == 2
    states = sorted(f.state for f in watch_store.list_files(workspace))
    assert states == sorted([WatchState.PROCESSED, WatchState.PROCESSED, WatchState.REJECTED,
                             WatchState.DUPLICATE])


def test_recovery_after_a_crash_between_commit_and_mark(workspace: Workspace,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    committed = folder / "f.png"
    committed.write_bytes(text_page("F"))
    lost = folder / "g.png"
    lost.write_bytes(text_page("G"))
    key = str(folder.resolve())
    # A previous run claimed both, committed f's pages, then was killed.
    for path in (committed, lost):
        info = path.stat()
        watch_store.claim(workspace, key, str(path.resolve()), info.st_size, info.st_mtime_ns,
                          sha256_bytes(path.read_bytes()))
    batch = start_batch(workspace, "watch")
    list(import_items(workspace, [ImportItem(str(committed), committed)], batch_id=batch))
    w = watcher(workspace, folder)
    w.recover()
    assert poll(w) == [WatchEventKind.IMPORTED]      # only g is imported now
    names = sorted(p.source_name for p in page_store.list_pages(workspace))
    assert names == ["f.png", "g.png"]
    assert {f.state for f in watch_store.list_files(workspace)} == {WatchState.PROCESSED}


def _processed_count(ws_dir: Path) -> int:
    """Read-only look at the database: opening a Workspace would tidy its blob store."""
    db = ws_dir / "sohoa.db"
    if not db.exists():
        return 0
    conn = raw_connection(ws_dir)
    try:
        return int(conn.execute(
            "SELECT COUNT(*) FROM watch_file WHERE state = 'processed'").fetchone()[0])
    except OperationalError:   # schema not created yet
        return 0
    finally:
        conn.close()


def _start(ws_dir: Path, folder: Path) -> subprocess.Popen[str]:
    init_workspace(ws_dir)
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--workspace", str(ws_dir), "watch", str(folder),
         "--no-process", "--interval", "0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_and_restart_imports_each_file_exactly_once(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    ws_dir = tmp_path / "ws"
    pages = [text_page(f"Hồ sơ số {i}") for i in range(60)]
    proc = _start(ws_dir, folder)
    try:
        for i, data in enumerate(pages):
            if i % 3 == 0:   # a scanner writing under a temporary name, then renaming
                part = folder / f"scan-{i:03d}.png.part"
                part.write_bytes(data)
                part.rename(folder / f"scan-{i:03d}.png")
            else:
                (folder / f"scan-{i:03d}.png").write_bytes(data)
            if i in (20, 40):
                time.sleep(0.3)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                proc = _start(ws_dir, folder)
            time.sleep(0.01)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            done = _processed_count(ws_dir)
            if done == len(pages):
                break
            time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        assert code == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with open_workspace(ws_dir) as ws:
        rows = ws.conn.execute(
            "SELECT source_name, COUNT(*) FROM page GROUP BY source_name").fetchall()
        assert len(rows) == len(pages)
        assert all(count == 1 for _, count in rows)
        files = watch_store.list_files(ws)
        assert len(files) == len(pages)
        assert {f.state for f in files} == {WatchState.PROCESSED}


def test_watched_file_is_recognised_and_split_at_cover_sheets(workspace: Workspace,
                                                              tmp_path: Path) -> None:
    from tests.capture.test_scan_cli import needs_ocr

    needs_ocr()
    import io

    from PIL import Image

    from storage import dossiers as dossier_store
    from tests.capture.conftest import scanned_cover

    codes = ["000.00.06.H56-251104-0001", "000.00.06.H56-251104-0002"]
    frames = []
    for code in codes:
        frames.append(Image.open(io.BytesIO(scanned_cover(code, "1.001193", angle=180))))
        frames.append(Image.open(io.BytesIO(text_page(f"Tờ khai {code}"))))
    folder = tmp_path / "in"
    folder.mkdir()
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    (folder / "stack.tif").write_bytes(out.getvalue())
    w = FolderWatcher(workspace, folder, process=True, jobs=1, interval=0)
    kinds = poll(w)
    assert kinds == [WatchEventKind.IMPORTED, WatchEventKind.PROCESSED]
    codes_found = sorted(d.code or "" for d in dossier_store.list_dossiers(workspace))
    assert codes_found == codes


def test_a_damaged_tiff_is_refused_once_and_watching_goes_on(workspace: Workspace,
                                                             tmp_path: Path) -> None:
    from tests.inputs import corpus

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.png").write_bytes(text_page("Trước"))
    (folder / "hong.tif").write_bytes(corpus.tiff_missing_dimensions())
    (folder / "z.png").write_bytes(text_page("Sau"))
    w = watcher(workspace, folder)
    events = [e for _ in range(2) for e in w.poll_once()]
    refused = [e for e in events if e.kind == WatchEventKind.REJECTED]
    assert [Path(e.path).name for e in refused] == ["hong.tif"]
    assert refused[0].reason is not None and "damaged" in refused[0].reason
    assert sorted(p.source_name for p in page_store.list_pages(workspace)) == ["a.png", "z.png"]
    # A restart remembers it as refused: it is not read again.
    again = watcher(workspace, folder)
    again.recover()
    assert poll(again, 3) == []


def test_a_file_a_run_died_on_twice_is_refused_not_retried(workspace: Workspace,
                                                          tmp_path: Path) -> None:
    from dossier.watching import DIED_TWICE

    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / "crash.png"
    bad.write_bytes(text_page("X"))
    info = bad.stat()
    key = str(folder.resolve())
    # A run claimed the file and died while reading it (no pages committed).
    watch_store.claim(workspace, key, str(bad.resolve()), info.st_size, info.st_mtime_ns,
                      sha256_bytes(bad.read_bytes()))
    first = watcher(workspace, folder)
    first.recover()           # retried once...
    (row,) = watch_store.list_files(workspace)
    assert row.state == WatchState.IMPORTING
    second = watcher(workspace, folder)
    second.recover()          # ...but the retry died too (it never got to poll)
    (row,) = watch_store.list_files(workspace)
    assert (row.state, row.reason) == (WatchState.REJECTED, DIED_TWICE)
    assert poll(second, 3) == []
    assert page_store.list_pages(workspace) == []


def _done_count(ws_dir: Path) -> int:
    db = ws_dir / "sohoa.db"
    if not db.exists():
        return 0
    conn = raw_connection(ws_dir)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM watch_file WHERE state IN "
                                "('processed', 'rejected')").fetchone()[0])
    except OperationalError:
        return 0
    finally:
        conn.close()


def _watch_until(ws_dir: Path, folder: Path, done: int, settle: float) -> tuple[int, str]:
    proc = _start(ws_dir, folder)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()   # "watching": its signal handlers are in place
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _done_count(ws_dir) < done:
            time.sleep(0.2)
        time.sleep(settle)   # a few more polls: nothing may be read again
        proc.send_signal(signal.SIGTERM)
        _, rest = proc.communicate(timeout=30)
        err = first + rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


def test_sohoa_watch_names_a_damaged_tiff_once_and_keeps_going(tmp_path: Path) -> None:
    from tests.inputs import corpus

    folder = tmp_path / "scans"
    folder.mkdir()
    ws_dir = tmp_path / "ws"
    (folder / "hong.tif").write_bytes(corpus.tiff_missing_dimensions())
    (folder / "tot.png").write_bytes(text_page("Tờ khai"))

    code, err = _watch_until(ws_dir, folder, 2, 0.5)

    assert code == 0, err
    lines = err.splitlines()
    refused = [line for line in lines if line.startswith(str((folder / "hong.tif").resolve()))]
    assert len(refused) == 1 and "damaged" in refused[0], err
    assert len(lines) == 3, err    # watching, the refusal, stopped: no traceback, no noise
    # Restarted, it does not read the refused file again (nor die on it).
    code, err = _watch_until(ws_dir, folder, 2, 1.5)
    assert code == 0, err
    assert "hong.tif" not in err and len(err.splitlines()) == 2, err
    with open_workspace(ws_dir) as ws:
        assert [p.source_name for p in page_store.list_pages(ws)] == ["tot.png"]
