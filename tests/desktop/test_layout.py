"""The dossier screen as a clerk sees it: fits a laptop screen, checklist entries read cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import dossier
from storage import Workspace
from storage import dossiers as dossier_store
from tests.desktop.conftest import text_pages


@pytest.fixture
def themed(window: object) -> object:
    """The window in the app's own look (fonts, padding), as the clerk sees it."""
    from desktop import theme

    window.setFont(theme.ui_font())  # type: ignore[attr-defined]
    window.setStyleSheet(theme.STYLE)  # type: ignore[attr-defined]
    return window


def _death_dossier(ws: Workspace, tmp_path: Path) -> int:
    """A death registration with its declaration, an ID card and a stray birth certificate."""
    paths = text_pages(tmp_path / "in", ["Tờ khai", "Căn cước", "Giấy chứng sinh"], dpi=50)
    ids = dossier.import_paths(ws, paths).page_ids
    d = dossier_store.create_dossier(ws, procedure_code="1.000656", procedure_confidence=0.9)
    dossier_store.update_dossier(ws, d, applicant_name="Nguyễn Thị Phương Thảo Quỳnh",
                                 applicant_id="001203004567")
    dossier_store.add_document(ws, d, ids[:1], type_key="to_khai_khai_tu",
                               type_name="Tờ khai đăng ký khai tử", type_confidence=0.93)
    dossier_store.add_document(ws, d, ids[1:2], type_key="can_cuoc",
                               type_name="Căn cước/giấy tờ tùy thân", type_confidence=0.97)
    dossier_store.add_document(ws, d, ids[2:], type_key="giay_chung_sinh",
                               type_name="Giấy chứng sinh", type_confidence=0.88)
    return d


def test_checklist_entries_read_cleanly(window, tmp_path) -> None:
    window.open_dossier(_death_dossier(window.ctx.ws, tmp_path))
    texts = window.dossier_view.checklist_texts()
    assert texts == [
        "✓ Tờ khai đăng ký khai tử",
        "✓ Căn cước/giấy tờ tùy thân (không bắt buộc)",
        "✗ Giấy báo tử — còn thiếu",
        "○ Văn bản ủy quyền (không bắt buộc)",
        "○ Giấy tiếp nhận hồ sơ và hẹn trả kết quả (không bắt buộc)",
        "+ Giấy chứng sinh",
    ]
    assert not any("  " in t for t in texts)
    assert window.dossier_view.check_box.title().endswith("còn thiếu 1")


def test_dossier_screen_fits_a_laptop_without_scrolling(themed, tmp_path) -> None:
    window = themed
    # A 1366×768 screen less a title bar and a taskbar.
    window.open_dossier(_death_dossier(window.ctx.ws, tmp_path))
    window.resize(1366, 700)
    QApplication.processEvents()
    dv = window.dossier_view
    assert window.size().height() == 700
    assert dv.panel_scroll.verticalScrollBar().maximum() == 0
    for widget in (dv.pack_button, dv.applicant_name, dv.docs, dv.pages, dv.fields_table):
        assert widget.isVisible() and not widget.visibleRegion().isEmpty()
        bottom = widget.mapTo(dv, widget.rect().bottomLeft()).y()
        assert bottom <= dv.height(), widget
    # The applicant's whole name shows in its field.
    name = dv.applicant_name
    assert name.fontMetrics().horizontalAdvance(name.text()) < name.contentsRect().width() - 8


def test_procedure_search_drops_down_without_moving_the_screen(qtbot, themed, tmp_path) -> None:
    window = themed
    window.open_dossier(_death_dossier(window.ctx.ws, tmp_path))
    window.resize(1366, 700)
    QApplication.processEvents()
    dv = window.dossier_view
    before = dv.pack_button.mapTo(window, dv.pack_button.rect().topLeft())
    dv.picker.query.setFocus()
    qtbot.keyClicks(dv.picker.query, "dang ky ket hon")
    qtbot.waitUntil(lambda: dv.picker.results.isVisible(), timeout=5000)
    assert dv.pack_button.mapTo(window, dv.pack_button.rect().topLeft()) == before
    assert "kết hôn" in dv.picker.results.item(0).text()
    qtbot.keyClick(dv.picker.query, Qt.Key.Key_Down)
    second = dv.picker.results.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(dv.picker.query, Qt.Key.Key_Return)
    assert dossier_store.get_dossier(window.ctx.ws, dv.dossier.id).procedure_code == second
    assert not dv.picker.results.isVisible()
