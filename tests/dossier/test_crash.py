"""Kill a real import at random moments: nothing committed is lost, nothing duplicated."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from storage import Workspace, check_workspace
from storage import pages as page_store
from storage.health import Finding
from tests.dossier import samples

REPO = Path(__file__).resolve().parents[2]


def _start_import(ws: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "--workspace",
            str(ws),
            "import",
            "--no-process",
            str(folder),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _wait_for_database(db: Path, proc: subprocess.Popen[bytes]) -> None:
    """Until the process has created the workspace (so the kill lands mid-import)."""
    deadline = time.monotonic() + 30
    while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def test_kill_during_import_loses_nothing_and_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    count = 300
    for i in range(count):
        samples.write_png(folder / f"{i:03d}.png", f"page {i} " + "x" * (i % 7))
    ws_path = tmp_path / "ws"
    rng = random.Random(20261121)
    committed_before = 0
    kills_mid_import = 0
    for _ in range(4):
        proc = _start_import(ws_path, folder)
        _wait_for_database(ws_path / "sohoa.db", proc)
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with Workspace.open(ws_path) as ws:
            report = check_workspace(ws)
            # Only the cut batch itself is news: named as interrupted, nothing damaged.
            damage = [p.text for p in report.findings if p.kind != Finding.BATCH_INTERRUPTED]
            assert damage == []
            assert len(report.of_kind(Finding.BATCH_INTERRUPTED)) <= 1
            pages = page_store.list_pages(ws)
            # Pages committed by an earlier run are still there, each once.
            assert len(pages) >= committed_before
            assert len({p.source_sha for p in pages}) == len(pages)
            committed_before = len(pages)
            kills_mid_import += len(pages) < count
    # The bounded kill count must have interrupted at least one import mid-way.
    assert kills_mid_import >= 1
    final = _start_import(ws_path, folder)
    _out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    with Workspace.open(ws_path) as ws:
        pages = page_store.list_pages(ws)
        assert sorted(p.source_name for p in pages) == sorted(f"{i:03d}.png" for i in range(count))
        assert check_workspace(ws).ok
