"""Plaintext workspaces from before encryption are converted in place, losing nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import import_paths
from storage import Workspace, check_workspace, migrate_plaintext
from storage import pages as page_store
from storage.workspace import is_legacy
from tests.dossier import samples
from tests.workspaces import FAST_KDF, TEST_PASSWORD, TEST_USER

REPO = Path(__file__).resolve().parents[2]


def _plaintext_workspace(root: Path, tmp_path: Path) -> int:
    """A workspace as the previous version left it: plaintext, an event log, pages."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        samples.write_png(folder / f"{n:02d}.png", f"page {n}")
    with Workspace.open_plaintext(root) as ws:
        report = import_paths(ws, [folder])
        ws.conn.execute("DELETE FROM audit")  # the old version had only the event table
        ws.conn.execute("DELETE FROM sqlite_sequence WHERE name = 'audit'")
        ws.conn.execute("INSERT INTO event (at, actor, action, subject, detail) VALUES "
                        "('2026-01-05T08:00:00+00:00', 'lan', 'batch.create', 'batch:1', 'files')")
    assert is_legacy(root) and report.batch_id
    with Workspace.open_plaintext(root) as ws:
        return len(page_store.list_pages(ws))


def _magic_found(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if b"\x89PNG" in data or b"SQLite format 3" in data:
                found.append(str(path.relative_to(root)))
    return found


def test_first_login_converts_a_plaintext_workspace(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    pages = _plaintext_workspace(root, tmp_path)
    assert _magic_found(root)
    env = {**os.environ, "SOHOA_USER": TEST_USER, "SOHOA_PASSWORD": TEST_PASSWORD}
    done = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "check"],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "encrypting the workspace: 3/3" in done.stderr  # progress, blobs copied
    recovery = done.stdout.strip().splitlines()[0]
    assert len(recovery.replace("-", "")) == 52
    assert not is_legacy(root)
    assert _magic_found(root) == []
    assert not (root / ".converting").exists() and not (root / ".plaintext-old").exists()
    with Workspace.open(root, TEST_USER, TEST_PASSWORD) as ws:
        assert len(page_store.list_pages(ws)) == pages
        for page in page_store.list_pages(ws):
            assert ws.blobs.verify(page.image_sha)
        assert check_workspace(ws).ok
        old = [e for e in ws.audit.entries() if e.user == "lan"]
        assert [(e.action, e.at) for e in old] == [("batch.create", "2026-01-05T08:00:00+00:00")]
        assert ws.account.role == "admin"
    with Workspace.open_with_recovery(root, recovery):
        pass


def test_a_conversion_killed_before_the_swap_leaves_the_plaintext_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    pages = _plaintext_workspace(root, tmp_path)

    def dies(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # stands in for the power going off

    monkeypatch.setattr(migrate_plaintext, "_verify", dies)
    with pytest.raises(KeyboardInterrupt):
        migrate_plaintext.convert_plaintext(root, TEST_USER, TEST_PASSWORD, kdf=FAST_KDF)
    monkeypatch.undo()
    assert is_legacy(root) and (root / ".converting").exists()
    with Workspace.open_plaintext(root) as ws:
        assert len(page_store.list_pages(ws)) == pages
    migrate_plaintext.convert_plaintext(root, TEST_USER, TEST_PASSWORD, kdf=FAST_KDF)
    with Workspace.open(root, TEST_USER, TEST_PASSWORD) as ws:
        assert len(page_store.list_pages(ws)) == pages and check_workspace(ws).ok


@pytest.mark.parametrize("cut_after", [0, 1, 2, 3, 4])
def test_a_swap_cut_half_way_is_finished_at_the_next_login(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut_after: int) -> None:
    root = tmp_path / "ws"
    pages = _plaintext_workspace(root, tmp_path)
    real_replace = migrate_plaintext._replace
    calls = {"n": 0}

    def replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] > cut_after:
            raise KeyboardInterrupt
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(migrate_plaintext, "_replace", replace)
    with pytest.raises(KeyboardInterrupt):
        migrate_plaintext.convert_plaintext(root, TEST_USER, TEST_PASSWORD, kdf=FAST_KDF)
    monkeypatch.undo()
    with Workspace.open(root, TEST_USER, TEST_PASSWORD) as ws:
        assert len(page_store.list_pages(ws)) == pages
        assert check_workspace(ws).ok
    assert _magic_found(root) == []
