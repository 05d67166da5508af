"""The desk tried as a clerk would: one test per problem a clerk met, through the real window.

Each workspace is a copy of the sample dossier read once by the real OCR stage.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.main_window import DOSSIER, OUTBOX, SEARCH, SETTINGS
from dossier import import_and_process
from storage import Workspace
from storage import dossiers as dossier_store
from storage import outbox as outbox_store

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
CODE = "000.00.06.H56-231027-0361"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "ws"
    with Workspace.open(root) as ws:
        report = import_and_process(ws, sorted(SAMPLE.glob("*.png")), jobs=2)
        assert report.problems == []
    return root


@pytest.fixture
def ws(sample_root: Path, tmp_path: Path) -> Iterator[Workspace]:
    """Overrides the empty workspace: the sample dossier, read and assembled."""
    root = tmp_path / "ws"
    shutil.copytree(sample_root, root)
    workspace = Workspace.open(root)
    try:
        yield workspace
    finally:
        workspace.close()


def _dossier_id(ws: Workspace) -> int:
    [d] = dossier_store.list_dossiers(ws)
    return d.id


def _manifest(path: Path) -> dict[str, object]:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/data/manifest.json"))
        return json.loads(archive.read(name))["dossier"]  # type: ignore[no-any-return]


def _wait_focus(qtbot: object, widget: object) -> None:
    """Wait for ``widget`` to take the keyboard (a new window is activated asynchronously)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5000)  # type: ignore[attr-defined]


def _type(qtbot: object, widget: object, text: str) -> None:
    """Type ``text`` as key presses; Vietnamese letters arrive as a keyboard layout sends
    them (QTest's own typing knows ASCII only)."""
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)  # type: ignore[attr-defined]
            continue
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


# 1. Incomplete dossiers, doubled packages, silent edits, provisional codes ------------------


def test_pack_asks_for_the_code_and_a_reason_and_never_doubles(qtbot, window) -> None:
    ws = window.ctx.ws
    dossier_id = _dossier_id(ws)
    doc = next(d for d in dossier_store.documents_of(ws, dossier_id)
               if d.type_name == "Giấy chứng sinh")
    dossier_store.delete_document(ws, doc.id)
    window.open_dossier(dossier_id)
    dv = window.dossier_view
    assert any("Giấy chứng sinh — còn thiếu" in t for t in dv.checklist_texts())

    qtbot.keyClick(dv.docs, Qt.Key.Key_P, CTRL)
    dialog = dv.pack_dialog
    assert dialog is not None and dialog.isVisible()
    assert outbox_store.list_jobs(ws) == []           # nothing leaves before the clerk answers
    assert dialog.missing == ("Giấy chứng sinh",)
    assert not dialog.pack_button.isEnabled()          # no code, no reason yet
    _wait_focus(qtbot, dialog.code_edit)
    _type(qtbot, dialog.code_edit, "000.00.06.H56-2310")
    assert not dialog.pack_button.isEnabled()
    _type(qtbot, dialog.code_edit, "27-0361")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _wait_focus(qtbot, dialog.reason)
    assert not dialog.pack_button.isEnabled()
    _type(qtbot, dialog.reason, "Công dân bổ sung sau")
    assert dialog.pack_button.isEnabled()
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)

    [job] = outbox_store.list_jobs(ws)
    assert job.filename == f"{CODE}.zip" and job.state == "queued"
    manifest = _manifest(ws.blobs.path(job.package_sha256))
    assert manifest["code_kind"] == "official"
    assert manifest["missing_reason"] == "Công dân bổ sung sau"
    assert manifest["components_missing"] == ["Giấy chứng sinh"]
    assert "lý do đã được ghi lại" in dv.pack_status.text()

    # Packing the unchanged dossier again queues nothing new.
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(dv.docs, Qt.Key.Key_P, CTRL)
    dialog = dv.pack_dialog
    assert dialog.code_edit is None                    # the official code is known now
    _wait_focus(qtbot, dialog.reason)
    _type(qtbot, dialog.reason, "Công dân bổ sung sau")
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert len(outbox_store.list_jobs(ws)) == 1
    assert "không thay đổi" in dv.pack_status.text()

    # Rotating a page of the queued dossier warns, and the dossier shows it changed.
    window.go(0)
    sv = window.scan_view
    sv.list.setCurrentIndex(sv.model.index(0))
    qtbot.keyClick(sv.list, Qt.Key.Key_R, CTRL)
    assert sv.packed_warning.isVisible()
    assert CODE in sv.packed_warning.text() and "đang chờ gửi" in sv.packed_warning.text()
    window.open_dossier(dossier_id)
    assert "Đã sửa sau khi đóng gói" in dv.pack_status.text()

    # Packing it again replaces the queued package: still one row, the new bytes.
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(dv.docs, Qt.Key.Key_P, CTRL)
    _wait_focus(qtbot, dv.pack_dialog.reason)
    _type(qtbot, dv.pack_dialog.reason, "Công dân bổ sung sau")
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dv.pack_dialog.reason, Qt.Key.Key_Return)
    [replaced] = outbox_store.list_jobs(ws)
    assert replaced.package_sha256 != job.package_sha256
    assert "thay cho gói chưa gửi" in dv.pack_status.text()
    window.go(OUTBOX)
    assert window.outbox_view.model.rowCount() == 1


def test_keyboard_only_from_the_sample_to_the_outbox(qtbot, ctx, tmp_path) -> None:
    """Welcome → sample → review a page → pack → queued, with keys alone."""
    from desktop.main_window import MainWindow

    # A fresh, empty workspace this time: the clerk starts from the welcome screen.
    empty = Workspace.open(tmp_path / "fresh")
    ctx.ws.close()
    ctx.ws = empty
    ctx.ops.root = empty.root
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        _wait_focus(qtbot, win.welcome.sample_button)
        qtbot.keyClick(win.welcome.sample_button, Qt.Key.Key_Return)   # Enter, not Space
        qtbot.waitUntil(lambda: win.sidebar.currentRow() == DOSSIER, timeout=170000)
        dv = win.dossier_view
        qtbot.waitUntil(lambda: dv.doc_model.rowCount() == 3, timeout=10000)

        qtbot.keyClick(dv.docs, Qt.Key.Key_E, CTRL)                     # review the page
        review = dv.review_dialog
        assert review is not None and review.isVisible()
        review_widget = review.findChild(type(win.scan_view.review))
        _wait_focus(qtbot, review_widget.text)
        text = QApplication.focusWidget()
        qtbot.keyClick(text, Qt.Key.Key_End, CTRL)
        _type(qtbot, text, " (đã soát)")
        qtbot.keyClick(text, Qt.Key.Key_S, CTRL)
        qtbot.keyClick(text, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not review.isVisible(), timeout=5000)
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        [first] = dv.page_model.pages()[:1]
        from storage import pages as page_store

        assert page_store.get_page(empty, first.id).text.endswith("(đã soát)")

        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
        dialog = dv.pack_dialog
        _wait_focus(qtbot, dialog.code_edit)
        _type(qtbot, dialog.code_edit, CODE)
        with qtbot.waitSignal(dv.packed, timeout=120000):
            qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
        [job] = outbox_store.list_jobs(empty)
        assert job.state == "queued" and job.filename == f"{CODE}.zip"
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)

        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, CTRL)
        assert win.sidebar.currentRow() == OUTBOX
        assert win.outbox_view.model.rowCount() == 1
    finally:
        win.close()
        empty.close()


# 3. Dead keys ---------------------------------------------------------------------------------


def test_every_shortcut_works_where_it_is_shown(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (opened.append("open"), ([], ""))[1]))
    scans: list[bool] = []
    monkeypatch.setattr(window, "scan", lambda: scans.append(True))
    # The window's own actions are bound at build time: rebuild them with the stand-in.
    for act in window.actions():
        if act.shortcut().toString() == "F5":
            act.triggered.disconnect()
            act.triggered.connect(lambda _c=False: window.scan())

    window.go(0)
    sv = window.scan_view
    for widget in (sv.list, sv.batch_combo):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_O, CTRL)
        qtbot.keyClick(widget, Qt.Key.Key_F5)
    assert opened == ["open", "open"] and scans == [True, True]

    # Ctrl+4 opens search with its box ready for typing.
    qtbot.keyClick(sv.list, Qt.Key.Key_4, CTRL)
    assert window.sidebar.currentRow() == SEARCH
    assert QApplication.focusWidget() is window.search_view.query
    qtbot.keyClick(window.search_view.query, Qt.Key.Key_5, CTRL)
    assert window.sidebar.currentRow() == SETTINGS
    assert QApplication.focusWidget() is window.settings_view.first_field()

    # Enter on a focused button presses it.
    window.go(OUTBOX)
    refresh = window.outbox_view.retry_button
    pressed: list[bool] = []
    window.settings_view.save_button.clicked.connect(lambda: pressed.append(True))
    window.go(SETTINGS)
    window.settings_view.save_button.setFocus()
    qtbot.keyClick(window.settings_view.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed == [True], timeout=2000)
    assert refresh is not None

    # Ctrl+Q closes the window.
    qtbot.keyClick(window.settings_view.save_button, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)


# 7. OCR review ----------------------------------------------------------------------------


def test_review_fits_a_laptop_screen_and_holds_still(qtbot, window) -> None:
    window.open_dossier(_dossier_id(window.ctx.ws))
    dv = window.dossier_view
    dialog = dv.review_page()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    # The offscreen screen is 800x600: the dialog must shrink to it, buttons in sight.
    assert dialog.frameGeometry().height() <= area.height()
    assert dialog.width() <= area.width()
    review = dialog.findChild(type(window.scan_view.review))
    save = review.save_button
    assert dialog.rect().contains(save.mapTo(dialog, save.rect().bottomRight()))
    before = review.text.mapTo(dialog, review.text.rect().topLeft()), review.text.width()
    review.status.setText("Bản nháp đã giữ — nhấn Ctrl+S để lưu, một thông báo dài hơn nhiều "
                          "so với chỗ trống bên cạnh nút lưu")
    QApplication.processEvents()
    assert (review.text.mapTo(dialog, review.text.rect().topLeft()),
            review.text.width()) == before
    dialog.reject()
