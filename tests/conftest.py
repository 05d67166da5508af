"""Suite-wide settings: Qt runs headless; every test gets its own workspace."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    from storage import Workspace

    ws = Workspace.open(tmp_path / "workspace")
    try:
        yield ws
    finally:
        ws.close()
