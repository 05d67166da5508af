"""The window never freezes: the event loop keeps ticking while a 50-page batch is processed.

Processing is the real pipeline (import, then ``ocr.recognise_many`` in worker
processes, results stored page by page); the pages are small A5 sheets at 100 dpi
so that the test stays within a minute or so on two cores. The test checks that the loop
keeps running while the work goes on; how long its longest pause is, is a figure that
``benchmarks/desktop_stall.py`` measures (a timed assertion here would fail on a loaded
machine and prove nothing on an idle one).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from storage import PageState
from storage import pages as page_store
from tests.desktop.conftest import text_pages

PAGES = 50


def test_no_stall_while_a_50_page_batch_is_processed(qtbot, window, tmp_path) -> None:
    import ocr

    assert callable(ocr.recognise_many)   # the real OCR stage does the work
    texts = [f"Trang {i}: Giấy khai sinh của Nguyễn Văn An, số 0012030045{i:02d}"
             for i in range(PAGES)]
    paths = text_pages(tmp_path / "in", texts, dpi=100)
    window.start_up()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    op = window.scan_view.import_paths(paths)
    # The batch view is on screen: it reloads as pages arrive and asks for thumbnails.
    qtbot.waitUntil(lambda: op.finished, timeout=540000)
    # Let the last thumbnails arrive too.
    qtbot.waitUntil(lambda: not window.ctx.ops.running, timeout=60000)
    timer.stop()
    pages = page_store.list_pages(window.ctx.ws)
    assert len(pages) == PAGES
    assert all(p.state == PageState.PROCESSED and p.words_sha for p in pages)
    # The OCR really read the pages (not just a stand-in): the sheet numbers are there.
    read = sum(f"Trang {i}" in (p.text or "") for i, p in enumerate(pages))
    assert read >= PAGES * 0.8, f"only {read} of {PAGES} pages read back their number"
    assert window.scan_view.model.rowCount() == PAGES
    # The loop ran all through the work, not only before and after it: ticks fall in
    # each tenth of the time the batch took.
    start, end = ticks[0], ticks[-1]
    tenths = {min(9, int((t - start) / (end - start) * 10)) for t in ticks}
    missing = set(range(10)) - tenths
    assert not missing, f"the event loop stood still in tenths {sorted(missing)}"


def test_a_window_that_outlives_its_workspace_stops_looking(qtbot, tmp_path) -> None:
    """Its periodic checks find the workspace closed and stop, instead of raising."""
    from PySide6.QtGui import QUndoStack

    from desktop.context import AppContext
    from desktop.images import ThumbnailCache
    from desktop.main_window import MainWindow
    from desktop.ops import Operations
    from tests.workspaces import open_workspace

    ws = open_workspace(tmp_path / "ws")
    ops = Operations(ws)
    window = MainWindow(AppContext(ws, ops, ThumbnailCache(ops), QUndoStack()))
    qtbot.addWidget(window)
    ops.wait(30000)
    ws.close()
    assert ws.closed
    window.check_link()
    window.outbox_view.refresh()
    assert not window.link_timer.isActive() and not window.outbox_view.timer.isActive()
