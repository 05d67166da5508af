"""`sohoa import`, `check` and `dossiers` as a person (or a script) sees them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.dossier import samples
from tests.workspaces import init_workspace

REPO = Path(__file__).resolve().parents[2]


def sohoa(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    init_workspace(ws)
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def start(ws: Path, *args: str) -> subprocess.Popen[str]:
    init_workspace(ws)
    return subprocess.Popen([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def folder_of(root: Path, count: int, tag: str) -> Path:
    root.mkdir(parents=True)
    for i in range(count):
        samples.write_png(root / f"{i:02d}.png", f"{tag} trang {i}")
    return root


def dossiers(ws: Path) -> list[dict[str, object]]:
    result = sohoa(ws, "dossiers", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def healthy(ws: Path) -> dict[str, object]:
    result = sohoa(ws, "check", "--json")
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["ok"]
    return report  # type: ignore[no-any-return]


def test_control_characters_in_names_stay_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    samples.write_png(folder / "good.png", "tốt")
    (folder / "bad\nname\x1b.png").write_bytes(b"not an image")
    result = sohoa(tmp_path / "ws", "import", "--no-process", str(folder))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{folder}/bad\\nname\\x1b.png: ")
    assert result.stdout.strip() == "1"


def test_reimport_names_the_batch_and_makes_no_empty_one(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 2, "lại")
    ws = tmp_path / "ws"
    first = sohoa(ws, "import", "--no-process", str(folder))
    again = sohoa(ws, "import", "--no-process", str(folder))
    assert first.returncode == again.returncode == 0
    assert again.stdout.strip() == first.stdout.strip() == "1"
    assert again.stderr.splitlines() == [
        f"{folder}/{i:02d}.png: đã nhập trong lô 1 — already imported in batch 1"
        for i in range(2)]


def test_dossiers_json_has_the_documented_keys(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    result = sohoa(ws, "import", "--jobs", "1", str(REPO / "resources" / "sample"))
    assert result.stdout.strip() == "1"
    [entry] = dossiers(ws)
    assert set(entry) == {"id", "code", "provisional_id", "procedure_code", "state", "version",
                          "pages", "documents", "missing_components"}
    assert entry["pages"] == 3 and entry["procedure_code"] == "1.001193"
    assert entry["version"] == 0 and entry["state"] == "draft"
    assert isinstance(entry["missing_components"], list)
    assert healthy(ws)["ok"]


def _pages_committed(root: Path) -> int:
    """Pages the import has committed so far, read through a login (the database is
    encrypted); 0 while the workspace is not there yet or is busy."""
    from storage import Workspace
    from tests.workspaces import TEST_PASSWORD, TEST_USER

    if not (root / "sohoa.db").exists():
        return 0
    try:
        with Workspace.open(root, TEST_USER, TEST_PASSWORD) as ws:
            return int(ws.conn.execute("SELECT COUNT(*) FROM page").fetchone()[0])
    except Exception:  # locked or mid-write: not yet, ask again
        return 0


def test_kill_during_import_with_processing_then_rerun_gives_one_whole_dossier(
        tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 6, "hồ sơ")
    ws = tmp_path / "ws"
    proc = start(ws, "import", "--jobs", "1", str(folder))
    deadline = time.monotonic() + 120
    while _pages_committed(ws) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    report = healthy(ws)
    if _pages_committed(ws) < 6 or not dossiers(ws):
        assert not report["ok"] and any("interrupted" in p for p in report["problems"])
    rerun = sohoa(ws, "import", "--jobs", "1", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == "1"
    [entry] = dossiers(ws)
    assert entry["pages"] == 6
    assert healthy(ws) == {"ok": True, "pages": 6, "dossiers": 1, "problems": []}


@pytest.mark.parametrize("round_no", range(2))
def test_two_imports_of_the_same_folder_at_once_make_one_dossier(
        tmp_path: Path, round_no: int) -> None:
    folder = folder_of(tmp_path / "in", 3, f"đồng thời {round_no}")
    ws = tmp_path / "ws"
    procs = [start(ws, "import", "--jobs", "1", str(folder)) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert {out.strip() for out, _err in outs} == {"1"}
    [entry] = dossiers(ws)
    assert entry["pages"] == 3
    assert healthy(ws)["ok"]
