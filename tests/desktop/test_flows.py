"""The main flows through the real window: batch edits, dossier, review, search, recovery."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

import dossier
from desktop.main_window import DOSSIER, MainWindow
from storage import Workspace
from storage import dossiers as dossier_store
from storage import outbox as outbox_store
from storage import pages as page_store
from tests.desktop.conftest import birth_dossier_pages


def _birth_batch(ws: Workspace, tmp_path: Path) -> tuple[int, list[int]]:
    """A synthetic birth dossier imported and read with the real OCR stage."""
    paths, _texts = birth_dossier_pages(tmp_path / "birth", dpi=120)
    report = dossier.import_paths(ws, paths)
    dossier.process_batch(ws, report.batch_id, jobs=2)
    return report.batch_id, report.page_ids


def test_first_run_shows_the_welcome_screen(window) -> None:
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.sample_button.text() == "Mở hồ sơ mẫu"
    assert window.sidebar.item(2).text() == "Hàng đợi gửi"


def test_batch_edits_are_undoable_and_assemble_a_dossier(qtbot, window, tmp_path) -> None:
    ws = window.ctx.ws
    batch, ids = _birth_batch(ws, tmp_path)
    window.start_up()
    view = window.scan_view
    assert window.stack.currentWidget() is view and view.model.rowCount() == len(ids)
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(0))

    qtbot.keyClick(view.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page_store.get_page(ws, ids[0]).rotation == 90
    qtbot.keyClick(view.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page_store.get_page(ws, ids[0]).rotation == 0
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert page_store.get_page(ws, ids[0]).deleted
    assert view.model.rowCount() == len(ids) - 1
    qtbot.keyClick(view.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not page_store.get_page(ws, ids[0]).deleted

    # A drop asks the model for a move; it goes through the undo stack.
    view.model.move_requested.emit([ids[-1]], ids[0])
    assert next(p.id for p in page_store.list_pages(ws, batch)) == ids[-1]
    window.ctx.undo.undo()
    assert [p.id for p in page_store.list_pages(ws, batch)] == ids

    view.list.setCurrentIndex(view.model.index(0))
    qtbot.keyClick(view.list, Qt.Key.Key_PageDown)
    assert view.list.currentIndex().row() == 1

    with qtbot.waitSignal(view.dossier_ready, timeout=30000):
        qtbot.keyClick(view.list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.sidebar.currentRow() == DOSSIER)
    dv = window.dossier_view
    d = dv.dossier
    assert d is not None and d.procedure_code == "1.001193"
    assert "khai sinh" in dv.procedure_label.text()
    assert any(t.startswith("✓") for t in dv.checklist_texts())
    assert dv.doc_model.rowCount() >= 2


def test_dossier_view_picker_checklist_types_and_fields(qtbot, window, tmp_path) -> None:
    ws = window.ctx.ws
    batch, ids = _birth_batch(ws, tmp_path)
    from dossier.assembly import assemble_pages

    dossier_id = assemble_pages(ws, ids, batch_id=batch)
    window.open_dossier(dossier_id)
    dv = window.dossier_view

    # Procedure search without marks.
    dv.choose_procedure("dang ky ket hon")
    assert "kết hôn" in dv.procedure_label.text()
    assert dossier_store.get_dossier(ws, dossier_id).procedure_confirmed
    assert any(t.startswith("✗") for t in dv.checklist_texts())  # marriage papers missing
    dv.choose_procedure("dang ky khai sinh")
    assert dossier_store.get_dossier(ws, dossier_id).procedure_code == "1.001193"
    missing_before = sum(t.startswith("✗") for t in dv.checklist_texts())

    # Accept a suggested type with one key.
    dv.docs.setFocus()
    row = next(i for i, d in enumerate(dv.doc_model.documents()) if d.type_key)
    dv.docs.setCurrentIndex(dv.doc_model.index(row))
    qtbot.keyClick(dv.docs, Qt.Key.Key_Return)
    assert dossier_store.documents_of(ws, dossier_id)[row].type_confirmed

    # Changing a document's type updates the checklist.
    first = dv.doc_model.document(row)
    dv._doc_edit("clear", lambda: __import__("dossier.editing").editing.choose_type(
        ws, first.id, None, None))
    assert sum(t.startswith("✗") for t in dv.checklist_texts()) >= missing_before
    window.ctx.undo.undo()
    assert sum(t.startswith("✗") for t in dv.checklist_texts()) == missing_before

    # Split a document at its second page, then undo.
    multi = next((i for i, d in enumerate(dv.doc_model.documents()) if len(d.page_ids) > 1),
                 None)
    if multi is not None:
        count = dv.doc_model.rowCount()
        dv.docs.setCurrentIndex(dv.doc_model.index(multi))
        dv.pages.setCurrentIndex(dv.page_model.index(1))
        qtbot.keyClick(dv.docs, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        assert dv.doc_model.rowCount() == count + 1
        window.ctx.undo.undo()
        assert dv.doc_model.rowCount() == count

    # Fields are validated; a bad ID is refused and marked.
    dv.applicant_id.setText("12345")
    dv.applicant_id.editingFinished.emit()
    assert dv.applicant_id.property("invalid") is True
    assert dossier_store.get_dossier(ws, dossier_id).applicant_id != "12345"
    dv.applicant_id.setText("001203004567")
    dv.applicant_id.editingFinished.emit()
    assert dossier_store.get_dossier(ws, dossier_id).applicant_id == "001203004567"
    # The applicant edit is on the undo stack: undo shows and stores what was there.
    before = dossier_store.get_dossier(ws, dossier_id).applicant_name
    dv.applicant_name.setText("Trần Văn Hưng")
    dv.applicant_name.editingFinished.emit()
    assert dossier_store.get_dossier(ws, dossier_id).applicant_name == "Trần Văn Hưng"
    window.ctx.undo.undo()
    assert dossier_store.get_dossier(ws, dossier_id).applicant_name == before
    assert dv.applicant_name.text() == (before or "")
    window.ctx.undo.redo()
    assert dv.applicant_name.text() == "Trần Văn Hưng"

    # A corrected name on a document is undoable too.
    doc = dv.current_document()
    row = next(r for r in range(dv.fields_table.rowCount())
               if dv.fields_table.item(r, 1) is not None
               and dv.fields_table.item(r, 1).data(Qt.ItemDataRole.UserRole) == "full_names")
    old_fields = dossier_store.documents_of(ws, dossier_id)[dv.doc_model.row_of(doc.id)].fields_json
    dv.fields_table.item(row, 1).setText("Lê Thị Hoa")
    qtbot.waitUntil(lambda: "Lê Thị Hoa" in next(
        d.fields_json for d in dossier_store.documents_of(ws, dossier_id) if d.id == doc.id),
        timeout=5000)
    window.ctx.undo.undo()
    qtbot.waitUntil(lambda: next(d.fields_json for d in dossier_store.documents_of(ws, dossier_id)
                                 if d.id == doc.id) == old_fields, timeout=5000)
    dv.code_edit.setText("000.00.06.H56-231027-0361")
    dv.code_edit.editingFinished.emit()
    assert dossier_store.get_dossier(ws, dossier_id).code == "000.00.06.H56-231027-0361"
    assert dv.code_kind.text() == "Mã chính thức"


def test_review_highlights_unsure_words_and_keeps_drafts(qtbot, ctx, tmp_path) -> None:
    from desktop.viewer import ReviewWidget

    ws = ctx.ws
    _batch, ids = _birth_batch(ws, tmp_path)
    page = page_store.get_page(ws, ids[0])
    assert page.words_sha is not None   # words and boxes from the OCR stage
    review = ReviewWidget(ctx)
    qtbot.addWidget(review)
    review.show()
    review.show_page(page)
    qtbot.waitUntil(lambda: review._words != (), timeout=20000)
    unsure = review.low_confidence_count()
    assert len(review.text.extraSelections()) == unsure
    index = next(i for i, s in enumerate(review._spans) if s[0] >= 0)
    review.view.word_clicked.emit(index)
    assert review.text.textCursor().selectedText() == review._words[index].text

    review.text.moveCursor(review.text.textCursor().MoveOperation.End)
    review.text.insertPlainText(" SỬA")
    qtbot.waitUntil(lambda: (ws.get_setting(ctx.draft_key("page_text", page.id)) or "")
                    .endswith(" SỬA"), timeout=5000)
    # After a "crash": a fresh widget finds the draft.
    again = ReviewWidget(ctx)
    qtbot.addWidget(again)
    again.show_page(page_store.get_page(ws, page.id))
    assert again.text.toPlainText().endswith(" SỬA")
    assert "nháp" in again.status.text()
    again.save()
    assert page_store.get_page(ws, page.id).text.endswith(" SỬA")
    assert not ws.get_setting(ctx.draft_key("page_text", page.id))


def test_unfinished_batch_is_offered_after_restart(qtbot, ctx, tmp_path) -> None:
    paths, _texts = birth_dossier_pages(tmp_path / "p", dpi=60)
    report = dossier.import_paths(ctx.ws, paths)   # imported, never recognised
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    assert win.stack.currentWidget() is win.scan_view
    assert win.scan_view.batch_id == report.batch_id
    assert win.scan_view.resume_button.isVisible()
    assert "chưa đọc chữ" in win.scan_view.banner.text()


def test_search_finds_without_marks_and_highlights(qtbot, window, tmp_path) -> None:
    _birth_batch(window.ctx.ws, tmp_path)
    sv = window.search_view
    window.focus_search()
    assert window.stack.currentWidget() is sv
    name = next(w for w in page_store.list_pages(window.ctx.ws)[0].text.split() if w.isalpha()
                and len(w) > 3)
    from vntext import fold

    sv.query.setText(fold(name))
    qtbot.waitUntil(lambda: sv.model.rowCount() > 0, timeout=10000)
    hit = sv.model.hit(0)
    assert hit.highlights
    assert fold(hit.snippet[hit.highlights[0][0]:hit.highlights[0][1]]) == fold(name)


def test_pack_and_queue_from_the_dossier_view(qtbot, window, tmp_path) -> None:
    ws = window.ctx.ws
    batch, ids = _birth_batch(ws, tmp_path)
    from dossier.assembly import assemble_pages

    window.open_dossier(assemble_pages(ws, ids, batch_id=batch))
    dv = window.dossier_view
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dv.docs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    jobs = outbox_store.list_jobs(ws)
    assert len(jobs) == 1 and jobs[0].state == "queued"
    # The pages were scanned at 120 dpi: packed, with a note to rescan them.
    assert "dưới 200 dpi" in dv.pack_status.text()


def test_open_sample_assemble_pack_queued(qtbot, window) -> None:
    from desktop.actions import sample_folder

    assert sorted(p.name for p in sample_folder().glob("*.png"))   # shipped with the app
    window.welcome.sample_button.click()
    qtbot.waitUntil(lambda: window.sidebar.currentRow() == DOSSIER, timeout=170000)
    dv = window.dossier_view
    assert dv.dossier is not None and dv.dossier.procedure_code == "1.001193"
    assert dv.doc_model.rowCount() == 3
    assert all(p.words_sha for p in page_store.list_pages(window.ctx.ws))   # read by OCR
    # The sample comes with its official code and every required paper: nothing to ask.
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dv.docs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dv.pack_dialog is None
    jobs = outbox_store.list_jobs(window.ctx.ws)
    assert [j.state for j in jobs] == ["queued"]
    assert dossier_store.get_dossier(window.ctx.ws, dv.dossier.id).state == "queued"
    assert jobs[0].filename in dv.pack_status.text()
    assert "dpi" not in dv.pack_status.text()  # the sample is scanned at 200 dpi
    window.go(2)
    assert window.outbox_view.model.rowCount() == 1


def test_switching_to_english_rebuilds_the_window(qtbot, ws) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import Application

    application = Application(QApplication.instance(), ws)
    try:
        first = application.build_window()
        qtbot.addWidget(first)
        assert first.sidebar.item(1).text() == "Hồ sơ"
        application.switch_language("en")
        second = application.window
        qtbot.addWidget(second)
        assert second is not first
        assert second.sidebar.item(1).text() == "Dossiers"
        assert second.welcome.sample_button.text() == "Open the sample dossier"
    finally:
        application.set_language("vi")
        application.ops.wait(30000)
