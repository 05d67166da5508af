"""The register, worklist, results and reports screens in the real window."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from desktop.main_window import REPORTS, RESULTS, WORKLIST
from storage import dossiers as dossier_store
from synth.results import make_result

REGISTER = (
    "Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả\n"
    "000.00.06.H56-251003-0001,1.004873,A,03/10/2025,04/10/2025\n"
    "000.00.06.H56-251003-0002,1.001193,B,03/10/2025,\n"
)


def test_register_worklist_result_and_report(qtbot, window, tmp_path: Path) -> None:
    ws = window.ctx.ws
    register = tmp_path / "so.csv"
    register.write_text(REGISTER, encoding="utf-8")
    window.go(WORKLIST)
    view = window.worklist_view
    assert "Chưa có sổ" in view.summary.text()
    view.import_file(register)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=30000)
    assert "Đã nhập 2 hồ sơ" in view.message.text()
    kinds = [view.model.index(r, 0).data() for r in range(3)]
    assert kinds.count("Chưa số hóa hồ sơ") == 2 and kinds.count("Chưa số hóa kết quả") == 1

    # From the worklist to the result screen, with the dossier's code filled in.
    row = kinds.index("Chưa số hóa kết quả")
    view.table.selectRow(row)
    assert view.result_button.isEnabled()
    view.result_button.click()
    assert window.sidebar.currentRow() == RESULTS
    results = window.results_view
    assert results.dossier_code.text() == "000.00.06.H56-251003-0001"
    truth = make_result(random.Random(11), "death_extract", font="arial")
    scan = tmp_path / "kq.png"
    truth.image.save(scan, dpi=(300, 300))
    results.add_files([scan])
    qtbot.waitUntil(lambda: results.current is not None, timeout=240000)
    assert results.edits["number_symbol"].text() == truth.number_symbol
    # OCR proposes a name (a tone mark may be misread); the clerk checks it against the paper.
    assert len(results.edits["signer"].text().split()) >= 2
    results.edits["signer"].setText(truth.signer)
    assert not results.pack_button.isEnabled()
    assert results.edits["date_signed"].text() == truth.date_signed.strftime("%d/%m/%Y")
    results.edits["agency"].setText("Ủy ban nhân dân xã An Bình")
    results.edits["date_signed"].setText("04/10/2025")  # the report below is for October
    results.confirm()
    assert results.current is not None and results.current.confirmed
    assert results.pack_button.isEnabled()
    results.pack()
    qtbot.waitUntil(lambda: results.current is not None and results.current.packed,
                    timeout=120000)
    assert ".KQ.zip" in results.message.text()
    # The result resolves the register's dossier, which now exists in the workspace.
    dossier = dossier_store.get_dossier(ws, results.current.dossier_id)
    assert dossier is not None and dossier.code == "000.00.06.H56-251003-0001"

    window.go(REPORTS)
    reports = window.reports_view
    reports._set_period(dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    qtbot.waitUntil(lambda: reports.report is not None and reports.report.start is not None
                    and reports.report.total.results_digitised == 1, timeout=30000)
    assert reports.tiles["results"].share == 1.0
    assert reports.model.rowCount() == 2
    assert reports.chart.bars and reports.chart.bars[0].values == (2, 0)
    out = tmp_path / "bao-cao.xlsx"
    reports.export_to(out, "xlsx")
    qtbot.waitUntil(lambda: out.exists() and "Đã lưu" in reports.message.text(), timeout=30000)
    window.grab()  # the charts paint without error


def test_report_table_model(qtmodeltester, window) -> None:
    window.go(REPORTS)
    qtmodeltester.check(window.reports_view.model)
    qtmodeltester.check(window.worklist_view.model)


def test_screens_in_english(qtbot, ws) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import Application

    application = Application(QApplication.instance(), ws)
    try:
        application.build_window()
        application.switch_language("en")
        window = application.window
        qtbot.addWidget(window)
        assert [window.sidebar.item(i).text() for i in (WORKLIST, RESULTS, REPORTS)] == [
            "To do", "Results", "Reports"]
        assert window.reports_view.xlsx_button.text() == "Export to Excel…"
        assert window.reports_view.model.headerData(2, __import__("PySide6.QtCore").QtCore
                                                    .Qt.Orientation.Horizontal) == "Received"
        assert window.results_view.confirm_button.text() == "Save and confirm (Ctrl+Enter)"
        assert window.worklist_view.import_button.text() == "Import the register (CSV, Excel)…"
    finally:
        application.set_language("vi")
        application.ops.wait(30000)


def test_documents_on_file_are_reused_with_one_key(qtbot, window) -> None:
    from PySide6.QtCore import Qt

    from desktop.main_window import DOSSIER
    from dossier import import_paths
    from dossier.reuse import add_item, used_in

    ws = window.ctx.ws
    sample = Path(__file__).resolve().parents[2] / "resources" / "sample"
    add_item(ws, holder_id="001203004567", holder_name="Nguyễn Văn An",
             type_key="giay_xac_nhan_hon_nhan", type_name="Giấy xác nhận tình trạng hôn nhân",
             data=b"%PDF-1.7 confirmation", source="result:1",
             valid_until=(dt.date.today() + dt.timedelta(days=30)).isoformat())
    add_item(ws, holder_id="001203004567", holder_name="Nguyễn Văn An", type_key="can_cuoc",
             type_name="Căn cước", data=b"%PDF-1.7 old card", source="dossier:x",
             valid_until="2020-01-01")  # expired: never offered
    d = dossier_store.create_dossier(ws, procedure_code="1.000894")
    dossier_store.update_dossier(ws, d, applicant_id="001203004567")
    pages = import_paths(ws, [sample / "01-to-khai-khai-sinh.png"])
    dossier_store.add_document(ws, d, pages.pages_added, type_key="to_khai_ket_hon",
                               type_name="Tờ khai đăng ký kết hôn")
    window.open_dossier(d)
    assert window.sidebar.currentRow() == DOSSIER
    panel = window.dossier_view.reuse_panel
    qtbot.waitUntil(panel.isVisible, timeout=10000)
    assert "Giấy xác nhận tình trạng hôn nhân" in panel.label.text()
    assert "Căn cước" not in panel.label.text()
    qtbot.keyClick(window.dossier_view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert [u.type_key for u in used_in(ws, d)] == ["giay_xac_nhan_hon_nhan"]
    assert any(t.startswith("✓ Giấy xác nhận tình trạng hôn nhân")
               for t in window.dossier_view.checklist_texts())
    assert "Đã dùng lại" in panel.label.text()
    panel.undo_button.click()
    assert used_in(ws, d) == []


def test_the_report_opens_on_the_months_that_have_figures(qtbot, window, tmp_path: Path) -> None:
    """Nothing this month yet (a new desk, or the sample of an earlier year): the first
    report shown starts at the first month with figures, and says so."""
    from dossier.register import import_register

    register = tmp_path / "so.csv"
    register.write_text(REGISTER, encoding="utf-8")
    import_register(window.ctx.ws, register)
    window.go(REPORTS)
    reports = window.reports_view
    qtbot.waitUntil(lambda: reports.report is not None, timeout=30000)
    assert reports.report.start == dt.date(2025, 10, 1)
    assert reports.report.total.received == 2
    assert reports.start.date().toPython() == dt.date(2025, 10, 1)
    assert "chưa có số liệu" in reports.message.text()
    # Later choices are the clerk's own: this month stays this month, even if empty.
    reports.this_month()
    qtbot.waitUntil(lambda: reports.report.start == dt.date.today().replace(day=1),
                    timeout=30000)
    assert reports.message.text() == ""
