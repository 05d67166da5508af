"""Desktop tests: headless Qt, a fresh workspace each, pages drawn with known text."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Workspace
from tests.workspaces import open_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "ws")
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def ctx(qtbot: object, ws: Workspace) -> Iterator[object]:
    from PySide6.QtGui import QUndoStack

    from desktop.context import AppContext
    from desktop.images import ThumbnailCache
    from desktop.ops import Operations

    ops = Operations(ws)
    context = AppContext(ws, ops, ThumbnailCache(ops), QUndoStack())
    yield context
    ops.cancel_all()
    ops.wait(60000)


@pytest.fixture
def window(qtbot: object, ctx: object) -> Iterator[object]:
    from desktop.main_window import MainWindow

    win = MainWindow(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    yield win
    win.close()  # stops its timers and waits for background work
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def text_pages(folder: Path, texts: list[str], dpi: int = 100) -> list[Path]:
    """Write one PNG per text (a small page with that text), named in order."""
    from synth import render_page

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts, start=1):
        page = render_page([text], dpi=dpi, size="A5")
        path = folder / f"{i:03d}.png"
        page.image.save(path, dpi=(dpi, dpi))
        paths.append(path)
    return paths


def birth_dossier_pages(folder: Path, dpi: int = 150) -> tuple[list[Path], list[str]]:
    """A synthetic birth-registration dossier (procedure 1.001193): page files and their text."""
    from synth import render_lines
    from synth.forms import make_dossier

    dossier = make_dossier(random.Random(7), "1.001193")
    folder.mkdir(parents=True, exist_ok=True)
    paths, texts = [], []
    n = 0
    for doc in dossier.documents:
        for lines in doc.pages:
            n += 1
            page = render_lines(list(lines), dpi=dpi)
            path = folder / f"{n:02d}.png"
            page.image.save(path, dpi=(dpi, dpi))
            paths.append(path)
            texts.append(page.text)
    return paths, texts
