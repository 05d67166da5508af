"""Suite-wide settings: Qt runs headless; every test gets its own workspace."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _test_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run in tests log in as the test admin (see tests/workspaces.py)."""
    from tests.workspaces import TEST_PASSWORD, TEST_USER

    monkeypatch.setenv("SOHOA_USER", TEST_USER)
    monkeypatch.setenv("SOHOA_PASSWORD", TEST_PASSWORD)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    """A new encrypted workspace, logged in as the test admin."""
    from tests.workspaces import open_workspace

    ws = open_workspace(tmp_path / "workspace")
    try:
        yield ws
    finally:
        ws.close()
