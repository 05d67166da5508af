"""The desktop and a ``sohoa watch`` on the same workspace, at the same time.

A clerk imports a folder in the window while the scanner's drop folder is being
watched by a separate process: both finish, every page lands in exactly one
dossier, and ``sohoa check`` finds nothing wrong.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from storage import check_workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.desktop.conftest import text_pages
from tests.workspaces import login_env

REPO = Path(__file__).resolve().parents[2]


def test_window_import_and_watch_process_side_by_side(qtbot, window, tmp_path) -> None:
    ws = window.ctx.ws
    drop = tmp_path / "drop"
    drop.mkdir()
    watch = subprocess.Popen(
        [sys.executable, "-m", "cli", "--workspace", str(ws.root), "watch", str(drop),
         "--interval", "0.2", "--jobs", "1"],
        cwd=REPO, env={**login_env(dict(os.environ)), "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    imported: list[str] = []
    errors: list[str] = []
    started = threading.Event()

    def read_out() -> None:
        assert watch.stdout is not None
        for line in watch.stdout:
            imported.append(line.rstrip("\n"))

    def read_err() -> None:
        assert watch.stderr is not None
        for line in watch.stderr:
            if "watching" in line:
                started.set()
            else:
                errors.append(line.rstrip("\n"))

    readers = [threading.Thread(target=f, daemon=True) for f in (read_out, read_err)]
    for reader in readers:
        reader.start()
    try:
        assert started.wait(60), f"sohoa watch did not start: {errors}"
        # The scanner drops three pages while the clerk imports three others in the window.
        text_pages(tmp_path / "scanned", ["Trang quét một", "Trang quét hai", "Trang quét ba"])
        for path in sorted((tmp_path / "scanned").iterdir()):
            os.replace(path, drop / path.name)
        desk = text_pages(tmp_path / "desk", ["Tờ khai nhập một", "Tờ khai nhập hai",
                                              "Tờ khai nhập ba"])
        window.go(0)
        op = window.scan_view.import_paths(desk)
        qtbot.waitUntil(lambda: op.finished, timeout=240000)
        qtbot.waitUntil(lambda: len(imported) == 3, timeout=240000)
        # The watcher goes on to read and assemble what it imported.
        qtbot.waitUntil(lambda: all(b.finished for b in page_store.list_batches(ws)),
                        timeout=240000)
    finally:
        watch.send_signal(signal.SIGTERM)
        watch.wait(120)
        for reader in readers:
            reader.join(10)

    assert watch.returncode == 0, errors
    assert not [e for e in errors if "locked" in e.lower() or "Traceback" in e], errors
    pages = page_store.list_pages(ws)
    assert len(pages) == 6
    plans = {b.id: b.plan for b in page_store.list_batches(ws)}
    owners: Counter[int] = Counter()
    for dossier in dossier_store.list_dossiers(ws):
        for document in dossier_store.documents_of(ws, dossier.id):
            owners.update(document.page_ids)
    assert max(owners.values()) == 1, "a page is in two dossiers"
    # The watched folder's pages are assembled into dossiers; the window's import waits
    # for the clerk to group its pages (a batch to process, not to assemble).
    assembled = {p.id for p in pages if plans[p.batch_id].assembles}
    assert len(assembled) == 3 and assembled <= set(owners), "a watched page is in no dossier"
    report = check_workspace(ws)
    assert report.ok, report.problems
