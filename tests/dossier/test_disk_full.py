"""A full disk during import or pack: one line naming the item, the batch marked, workspace healthy.

A real full disk where the machine lets the test mount a tiny tmpfs; a full
database through SQLite's own page limit; ENOSPC injected into the blob store.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from dossier import expand_paths, import_items, import_paths, start_batch
from storage import DiskFull, HealthReport, check_workspace, is_disk_full
from storage.blobs import BlobStore
from storage.health import Finding
from tests.workspaces import init_workspace, open_workspace


def noisy_png(path: Path, seed: int, size: tuple[int, int] = (420, 420)) -> Path:
    """An incompressible page, so that a few of them fill a small disk."""
    rng = random.Random(seed)
    Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3)).save(path, dpi=(200, 200))
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    return [noisy_png(folder / f"{i:02d}.png", i) for i in range(6)]


def test_enospc_in_the_blob_store_names_the_file_and_keeps_the_rest(
        tmp_path: Path, inputs: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    real = BlobStore.put_bytes
    # The disk fills on the third file, whichever thread stores it (files are read and
    # stored in parallel, so the order of the calls is not the order of the files).
    full_from = inputs[2].read_bytes()

    def put_bytes(self: BlobStore, data: bytes) -> str:
        if data == full_from:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(BlobStore, "put_bytes", put_bytes)
    with open_workspace(tmp_path / "ws") as ws:
        with pytest.raises(DiskFull) as info:
            import_paths(ws, [inputs[0].parent])
        assert info.value.item == str(inputs[2])
        assert "disk is full" in str(info.value) and "Errno" not in str(info.value)
        problems = ws.conn.execute("SELECT item, reason FROM batch_problem").fetchall()
        assert [p["item"] for p in problems] == [str(inputs[2])]
        assert ws.conn.execute("SELECT count(*) FROM page").fetchone()[0] == 2
        monkeypatch.setattr(BlobStore, "put_bytes", real)
        # Nothing damaged: the cut batch is named, for the next run to finish.
        assert only_interrupted(check_workspace(ws))


def test_a_full_database_is_a_full_disk(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    inputs = [noisy_png(folder / f"{i:03d}.png", i, (24, 24)) for i in range(150)]
    with open_workspace(tmp_path / "ws") as ws:
        batch = start_batch(ws)
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
        ws.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull) as info:
            list(import_items(ws, expand_paths(inputs), batch_id=batch))
        assert info.value.item in {str(p) for p in inputs}
        ws.conn.execute("PRAGMA max_page_count = 1073741823")
        assert only_interrupted(check_workspace(ws))


def test_is_disk_full_follows_causes() -> None:
    import sqlite3

    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as e:
        assert is_disk_full(e)
    assert is_disk_full(OSError(errno.ENOSPC, "x"))
    assert not is_disk_full(OSError(errno.EACCES, "x"))
    assert not is_disk_full(ValueError("disk is full"))


@contextlib.contextmanager
def tiny_disk(where: Path, size: str) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs a tmpfs mount (root on Linux); "
                    "the injected faults above cover the same paths")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def only_interrupted(report: HealthReport) -> bool:
    return all(f.kind == Finding.BATCH_INTERRUPTED for f in report.findings)


def sohoa(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_import_onto_a_really_full_disk(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = [noisy_png(folder / f"{i:02d}.png", i, (600, 600)) for i in range(12)]
    with tiny_disk(tmp_path / "disk", "4m") as disk:
        root = init_workspace(disk / "ws")
        done = sohoa("--workspace", str(root), "import", "--no-process", str(folder))
        assert done.returncode == 4, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr
        assert "disk is full" in lines[0] and "disk I/O error" not in lines[0]
        assert any(lines[0].startswith(f"{f}: ") for f in files)
        # Still full: nothing is damaged (every page has its blob, every hash right);
        # the batch the full disk cut short is named, for the next run to finish.
        check = sohoa("--workspace", str(root), "check", "--json")
        problems = json.loads(check.stdout)["problems"]
        assert problems and all("interrupted while importing" in p for p in problems), problems


def test_purge_on_a_really_full_disk(tmp_path: Path) -> None:
    from synth.workspaces import add_dossier

    with tiny_disk(tmp_path / "disk", "6m") as disk:
        root = disk / "ws"
        with open_workspace(root) as ws:
            ws.set_setting("retention.days", "0")
            rng = random.Random(2)
            for _ in range(20):
                add_dossier(ws, rng, delivered_at="2025-01-01T00:00:00+00:00", scratch=tmp_path)
        filler = disk / "filler"
        with open(filler, "wb") as handle, contextlib.suppress(OSError):
            while True:
                handle.write(bytes(64 * 1024))
                handle.flush()
        done = sohoa("--workspace", str(root), "purge")
        assert "Traceback" not in done.stderr and "disk I/O error" not in done.stderr
        if done.returncode != 0:
            assert done.returncode == 4
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and "disk is full" in lines[0]
            assert str(root) in lines[0] or lines[0].startswith("purge: ")
        filler.unlink()
        again = sohoa("--workspace", str(root), "purge")
        assert again.returncode == 0, again.stderr
        check = sohoa("--workspace", str(root), "check")
        assert check.returncode == 0, check.stdout + check.stderr
        with open_workspace(root) as ws:
            assert ws.conn.execute("SELECT count(*) FROM purged_dossier").fetchone()[0] == 20
