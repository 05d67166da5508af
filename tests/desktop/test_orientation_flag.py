"""A page the recogniser could not settle the orientation of: kept, shown, settled by a turn."""

from __future__ import annotations

from pathlib import Path

import dossier
from storage import pages as page_store
from tests.dossier import samples


def test_the_flag_is_kept_shown_to_the_clerk_and_settled_by_a_turn(
        qtbot, window, tmp_path: Path) -> None:
    ws = window.ctx.ws
    paths = [samples.write_png(tmp_path / f"{i}.png", f"page {i}") for i in (1, 2)]
    report = dossier.import_paths(ws, paths)
    second = report.page_ids[1]
    page_store.store_ocr(ws, second, page_store.OcrOutcome(
        rotation=0, skew=0.0, blank=False, text="page 2", confidence=40.0,
        words_sha=None, clean_sha=None, orientation_unsure=True))
    assert page_store.get_page(ws, second).orientation_unsure

    window.go(0)
    view = window.scan_view
    view.refresh_batches(select=report.batch_id)
    qtbot.waitUntil(lambda: "Trang 2: máy không chắc chiều" in view.banner.text(),
                    timeout=10000)
    view.list.setCurrentIndex(view.model.index(1))
    view.rotate(1)
    assert not page_store.get_page(ws, second).orientation_unsure
    qtbot.waitUntil(lambda: "không chắc chiều" not in view.banner.text(), timeout=10000)
