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
from tests.workspaces import open_workspace

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
CODE = "000.00.06.H56-231027-0361"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "ws"
    with open_workspace(root) as ws:
        report = import_and_process(ws, sorted(SAMPLE.glob("*.png")), jobs=2)
        assert report.problems == []
    return root


@pytest.fixture
def ws(sample_root: Path, tmp_path: Path) -> Iterator[Workspace]:
    """Overrides the empty workspace: the sample dossier, read and assembled."""
    root = tmp_path / "ws"
    shutil.copytree(sample_root, root)
    workspace = open_workspace(root)
    try:
        yield workspace
    finally:
        workspace.close()


def _dossier_id(ws: Workspace) -> int:
    [d] = dossier_store.list_dossiers(ws)
    return d.id


def _manifest(path: object) -> dict[str, object]:
    """The manifest of a package: a file, or a blob opened through the encrypted store."""
    with zipfile.ZipFile(path) as archive:  # type: ignore[call-overload]
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
    manifest = _manifest(ws.blobs.open(job.package_sha256))
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


def test_keyboard_only_from_the_sample_to_the_outbox(qtbot, tmp_path) -> None:
    """Welcome → sample → review a page → pack → queued, with keys alone."""
    from PySide6.QtGui import QUndoStack

    from desktop.context import AppContext
    from desktop.images import ThumbnailCache
    from desktop.main_window import MainWindow
    from desktop.ops import Operations

    # A fresh, empty workspace this time: the clerk starts from the welcome screen.
    empty = open_workspace(tmp_path / "fresh")
    ops = Operations(empty)
    ctx = AppContext(empty, ops, ThumbnailCache(ops), QUndoStack())
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        failures: list[str] = []
        ops.failed.connect(lambda title, error: failures.append(f"{title}: {error!r}"))
        _wait_focus(qtbot, win.welcome.sample_button)
        qtbot.keyClick(win.welcome.sample_button, Qt.Key.Key_Return)   # Enter, not Space

        def landed() -> None:
            # What the clerk would see if the sample did not open, in the failure message.
            assert not failures, failures
            assert win.sidebar.currentRow() == DOSSIER, (
                f"section {win.sidebar.currentRow()}; running "
                f"{[op.title for op in ops.running]}; welcome "
                f"{win.welcome.status.text()!r}; batch screen "
                f"{win.scan_view.import_message.text()!r}; status bar "
                f"{win.statusBar().currentMessage()!r}")

        qtbot.waitUntil(landed, timeout=300000)
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

        # The sample comes with its official code and every required paper: Ctrl+P packs.
        code = dv.dossier.code
        assert code
        with qtbot.waitSignal(dv.packed, timeout=120000):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
        assert dv.pack_dialog is None
        [job] = outbox_store.list_jobs(empty)
        assert job.state == "queued" and job.filename == f"{code}.zip"
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)

        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, CTRL)
        assert win.sidebar.currentRow() == OUTBOX
        assert win.outbox_view.model.rowCount() == 1
    finally:
        win.close()
        ops.cancel_all()
        ops.wait(60000)
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


def test_a_sure_but_wrong_mark_is_tinted(qtbot, ctx) -> None:
    from desktop.images import Word
    from desktop.viewer import ReviewWidget

    review = ReviewWidget(ctx)
    qtbot.addWidget(review)
    text = "Hà Nội, ngày 12 tháng 3 nắm 2023"
    words, at = [], 0
    for token in text.split(" "):
        words.append(Word(token, (at, 0, at + 10, 10), 96.0))   # OCR was sure of each
        at += 12
    review._words = tuple(words)
    review.text.setPlainText(text)
    review._mark_words()
    tinted = [sel.cursor.selectedText() for sel in review.text.extraSelections()]
    assert tinted == ["nắm"]
    assert review.low_confidence_count() == 1


# 2. Lists hide their selection; spin-box arrows --------------------------------------------


@pytest.fixture
def themed(qtbot: object) -> Iterator[None]:
    """The app's own look (style and style sheet), as ``sohoa`` starts with it."""
    from PySide6.QtWidgets import QStyleFactory

    from desktop import theme

    app = QApplication.instance()
    before = app.styleSheet(), app.style().name()
    theme.apply(app)
    yield
    app.setStyleSheet(before[0])
    app.setStyle(QStyleFactory.create(before[1]))


def _colours(image: object, rect: object) -> dict[str, int]:
    counts: dict[str, int] = {}
    for x in range(rect.left() + 1, min(rect.right(), image.width() - 1)):
        for y in range(rect.top() + 1, min(rect.bottom(), image.height() - 1)):
            name = image.pixelColor(x, y).name()
            counts[name] = counts.get(name, 0) + 1
    return counts


def _lightness(name: str) -> float:
    from PySide6.QtGui import QColor

    return QColor(name).lightnessF()


def test_the_highlighted_entry_of_every_list_is_legible(qtbot, window, themed) -> None:
    window.open_dossier(_dossier_id(window.ctx.ws))
    window.go(0)
    window.go(DOSSIER)
    combo = window.dossier_view.type_combo
    qtbot.waitExposed(window)
    combo.showPopup()
    view = combo.view()
    qtbot.waitExposed(view)
    view.setCurrentIndex(combo.model().index(1, 0))
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    hit = _colours(image, view.visualRect(combo.model().index(1, 0)))
    other = _colours(image, view.visualRect(combo.model().index(2, 0)))
    combo.hidePopup()
    background = max(hit, key=hit.get)
    assert background != max(other, key=other.get)           # the highlight shows
    # Its text stands out from it: enough pixels far lighter or darker than the bar.
    contrast = sum(n for c, n in hit.items()
                   if abs(_lightness(c) - _lightness(background)) > 0.45)
    assert contrast > 40


def test_spin_box_arrows_are_drawn(qtbot, window, themed) -> None:
    from PySide6.QtWidgets import QStyle, QStyleOptionSpinBox

    window.go(SETTINGS)
    spin = window.settings_view.p_dpi
    qtbot.waitExposed(window)
    QApplication.processEvents()
    image = spin.grab().toImage()
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option) if hasattr(spin, "initStyleOption") else option.initFrom(spin)
    for part in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
        rect = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, spin)
        assert rect.width() > 6
        dark = sum(n for c, n in _colours(image, rect).items() if _lightness(c) < 0.45)
        assert dark >= 6, part


# 4. One language per message, Qt's dialogs translated, one name for the server ---------------


def test_messages_speak_one_language_with_details_apart(qtbot, ws) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from desktop.app import Application

    application = Application(QApplication.instance(), ws)
    try:
        application.set_language("vi")
        win = application.build_window()
        win.show()
        # No server set: "Gửi ngay" cannot be pressed, and says where to set one.
        win.go(OUTBOX)
        assert not win.outbox_view.send_button.isEnabled()
        assert "máy chủ nhận hồ sơ" in win.outbox_view.send_button.toolTip()
        win.show_error("Gửi hồ sơ", "không kết nối được máy chủ — cannot reach the server "
                                    "(POST: [Errno 111] Connection refused)")
        box = win.error_box
        assert box.text() == "Không kết nối được máy chủ"
        assert "Errno" in box.detailedText()
        assert "Chi tiết…" in [b.text() for b in box.findChildren(QPushButton)]
        box.close()
        dialog = QFileDialog(win, "Chọn ảnh quét hoặc PDF")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.show()
        labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        assert "&Tên tệp:" in labels and "&Tìm trong:" in labels
        dialog.close()

        application.switch_language("en")
        english = application.window
        english.show_error("Send", "người dùng đã dừng — stopped by the user")
        assert english.error_box.text() == "Stopped by the user"
        english.error_box.close()
        english.go(OUTBOX)
        tip = english.outbox_view.send_button.toolTip()
        assert tip.isascii() and "upload server" in tip
        assert english.link_label.text() == "" or english.link_label.text().isascii()
        english.check_link()
        qtbot.waitUntil(lambda: english.link_state is not None, timeout=10000)
        assert english.link_label.text() == "○ No upload server set"
    finally:
        application.window.close()
        application.set_language("vi")
        application.ops.wait(30000)


# 5. Scanning with no scanner -------------------------------------------------------------------


def test_no_scanner_means_no_fake_pages(qtbot, window) -> None:
    from storage import pages as page_store

    before = len(page_store.list_batches(window.ctx.ws))
    qtbot.keyClick(window.scan_view.list, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.no_scanner_box is not None, timeout=60000)
    assert "Không tìm thấy máy quét nào" in window.no_scanner_box.text()
    window.no_scanner_box.close()
    window.ctx.ops.wait(30000)
    assert len(page_store.list_batches(window.ctx.ws)) == before   # no batch of black pages

    # Settings find the network scanner on the desk's network, and never the test device.
    from tests.capture.escl_responder import Responder

    with Responder() as scanner:
        window.ctx.ws.set_setting("scanner.escl_addresses", scanner.url)
        window.go(SETTINGS)
        sv = window.settings_view
        sv.find_scanners()
        qtbot.waitUntil(lambda: sv.find_button.isEnabled() and sv.p_device.count() > 1,
                        timeout=60000)
        names = [sv.p_device.itemData(i) for i in range(sv.p_device.count())]
        assert any(str(n).startswith(scanner.url.rsplit("/", 1)[0]) for n in names)
        assert "test" not in names
        assert "Tìm thấy 1 máy quét" in sv.scanner_note.text()


# 6. Status that tells the truth ---------------------------------------------------------------


def test_status_line_tells_set_refused_and_paused_apart(qtbot, window) -> None:
    import socket

    win = window
    win.check_link()
    qtbot.waitUntil(lambda: win.link_state is not None, timeout=10000)
    assert "Chưa đặt máy chủ nhận hồ sơ" in win.link_label.text()

    # A server address saved in the settings, on a port where nothing listens: the network
    # is there, the server turns the connection away.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    win.go(SETTINGS)
    win.link_state = None
    win.settings_view.endpoint.setText(f"http://127.0.0.1:{port}/files/")
    win.settings_view.save()
    from desktop.actions import LinkState

    qtbot.waitUntil(lambda: win.link_state == LinkState.REFUSED, timeout=10000)
    assert "không nhận kết nối" in win.link_label.text()
    assert "Mất mạng" not in win.link_label.text()

    # Pausing a send: the bar stops, the rows read paused.
    from dossier.packing import pack_and_queue

    pack_and_queue(win.ctx.ws, _dossier_id(win.ctx.ws), allow_missing="x")
    win.go(OUTBOX)
    ov = win.outbox_view
    assert ov.send_button.isEnabled()
    ov.send()
    ov.pause()
    assert win.work_bar.maximum() == 1 and win.work_bar.value() == 0
    assert "tạm dừng" in win.work_label.text()
    state = ov.model.index(0, 1).data()
    assert state == "Tạm dừng"
    ov.resume()
    win.ctx.ops.cancel_all()


# 8. Fields, search and lists ----------------------------------------------------------------


def test_search_names_the_dossier_and_citizen_and_lights_the_phrase(qtbot, window) -> None:
    from vntext import fold

    ws = window.ctx.ws
    dossier_id = _dossier_id(ws)
    dossier_store.update_dossier(ws, dossier_id, applicant_name="Nguyễn Thị Bình")
    code = dossier_store.get_dossier(ws, dossier_id).display_code
    qtbot.keyClick(window.scan_view.list, Qt.Key.Key_F, CTRL)
    sv = window.search_view
    sv.query.setText("khai sinh")
    qtbot.waitUntil(lambda: sv.model.rowCount() > 0, timeout=10000)
    hit = sv.model.hit(0)
    heading = sv.model.heading(hit)
    assert code in heading and "Nguyễn Thị Bình" in heading
    assert {fold(hit.snippet[s:e]) for s, e in hit.highlights} == {"khai sinh"}


def test_a_refused_import_leaves_no_empty_batch(qtbot, window, tmp_path) -> None:
    from storage import pages as page_store

    ws = window.ctx.ws
    before = [b.id for b in page_store.list_batches(ws)]
    bad = tmp_path / "hong.png"
    bad.write_bytes(b"this is not a picture")
    window.go(0)
    op = window.scan_view.import_paths([bad])
    qtbot.waitUntil(lambda: op.finished, timeout=60000)
    assert [b.id for b in page_store.list_batches(ws)] == before
    message = window.scan_view.import_message
    assert message.isVisible() and "hong.png" in message.text()
    assert " — " not in message.text().split("\n", 1)[1]      # one language


def test_one_labelled_row_per_person_and_field(qtbot, window) -> None:
    dv = window.dossier_view
    window.open_dossier(_dossier_id(window.ctx.ws))
    row = next(i for i, d in enumerate(dv.doc_model.documents())
               if d.type_name == "Giấy chứng sinh")
    dv.docs.setCurrentIndex(dv.doc_model.index(row))
    names = dv.field_values("full_names")
    assert len(names) == 2 and all(";" not in n for n in names)   # two people, two rows
    table = dv.fields_table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Họ tên người 1"] == names[0] and rows["Họ tên người 2"] == names[1]
    assert "Họ tên (thêm người)" in rows and "Ngày 1" in rows

    # A new person is typed in the empty row: stored as a third name.
    empty = next(r for r in range(table.rowCount())
                 if table.item(r, 0).text() == "Họ tên (thêm người)")
    table.item(empty, 1).setText("Trần Văn Cường")
    doc_id = dv.current_document().id

    def stored() -> list[str]:
        [doc] = [d for d in dossier_store.documents_of(window.ctx.ws, dv.dossier.id)
                 if d.id == doc_id]
        return json.loads(doc.fields_json)["full_names"]

    qtbot.waitUntil(lambda: len(stored()) == 3, timeout=5000)
    assert stored()[2] == "Trần Văn Cường"
    qtbot.waitUntil(lambda: "Họ tên người 3" in [table.item(r, 0).text()
                                                 for r in range(table.rowCount())], timeout=5000)
    # A wrong ID number is marked and not stored.
    id_row = next(r for r in range(table.rowCount())
                  if table.item(r, 0).text() == "Số định danh (thêm)")
    table.item(id_row, 1).setText("12345")
    assert table.item(id_row, 1).background().color().name() == "#fff5f5"
    assert "12345" not in dv.current_document().fields_json


def test_long_values_show_their_beginning(qtbot, window) -> None:
    ws = window.ctx.ws
    dossier_id = _dossier_id(ws)
    long_name = "Nguyễn Thị Phương Thảo Hoàng Lê Minh Khai Trần Quốc Toản Đinh Bộ Lĩnh"
    dossier_store.update_dossier(ws, dossier_id, applicant_name=long_name)
    window.open_dossier(dossier_id)
    dv = window.dossier_view
    assert dv.applicant_name.text() == long_name
    assert dv.applicant_name.cursorPosition() == 0
    # The dossier list names the citizen and the whole procedure; long names wrap.
    index = dv.list_model.index(dv.list.currentIndex().row())
    entry = index.data()
    assert long_name in entry and "Đăng ký khai sinh" in entry
    assert "Thủ tục đăng ký khai sinh" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert dv.list.textElideMode() == Qt.TextElideMode.ElideNone
