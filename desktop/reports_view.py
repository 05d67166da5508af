"""Báo cáo: the shares the commune is scored on for a period, a chart by month, a table by
procedure, and the XLSX and PDF exports for the monthly report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.charts import BLUE, GREEN, GREY, ORANGE, Bar, BarChart, ShareTile
from desktop.context import AppContext
from desktop.ops import OpContext
from desktop.table_model import RowTableModel
from dossier.reports import HEADER, ProcedureFigures, Report, percent


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _cells(p: ProcedureFigures) -> list[object]:
    f = p.figures
    hours = f.median_hours_to_delivery
    return [p.code or "—", p.name or "—", f.received, f.digitised, percent(f.digitised_share),
            f.results_issued, f.results_digitised, percent(f.results_share), f.components,
            f.components_reused, percent(f.reuse_share), f.pages,
            "–" if hours is None else f"{hours:.1f}".replace(".", ","), f.outbox]


class ReportsView(QWidget):
    report_ready = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self.report: Report | None = None
        self._first_look = True   # the first report shown widens an empty month
        title = QLabel(self.tr("Báo cáo số hóa"), self)
        title.setObjectName("title")
        today = dt.date.today()
        self.start = QDateEdit(_qdate(today.replace(day=1)), self)
        self.end = QDateEdit(_qdate(today), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.show_button = QPushButton(self.tr("Xem"), self)
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.refresh)
        quick = QHBoxLayout()
        quick.addWidget(QLabel(self.tr("Từ"), self))
        quick.addWidget(self.start)
        quick.addWidget(QLabel(self.tr("đến"), self))
        quick.addWidget(self.end)
        quick.addWidget(self.show_button)
        for text, slot in ((self.tr("Tháng này"), self.this_month),
                           (self.tr("Tháng trước"), self.last_month),
                           (self.tr("Năm nay"), self.this_year)):
            b = QPushButton(text, self)
            b.clicked.connect(slot)
            quick.addWidget(b)
        quick.addStretch(1)
        self.xlsx_button = QPushButton(self.tr("Xuất Excel…"), self)
        self.pdf_button = QPushButton(self.tr("Xuất PDF để in…"), self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        quick.addWidget(self.xlsx_button)
        quick.addWidget(self.pdf_button)

        self.tiles = {
            "dossiers": ShareTile(self.tr("Hồ sơ đã số hóa"), BLUE, self),
            "results": ShareTile(self.tr("Kết quả đã số hóa"), GREEN, self),
            "reuse": ShareTile(self.tr("Thành phần tái sử dụng"), ORANGE, self),
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.chart = BarChart(((self.tr("Tiếp nhận"), GREY), (self.tr("Đã số hóa"), BLUE)), self)
        headers = [QCoreApplication.translate("ReportsView", h) for h in (
            "Mã thủ tục", "Tên thủ tục", "Tiếp nhận", "Đã số hóa", "Tỷ lệ số hóa", "Kết quả",
            "KQ đã số hóa", "Tỷ lệ KQ", "Thành phần", "Tái sử dụng", "Tỷ lệ tái sử dụng",
            "Trang", "Giờ tới khi giao (trung vị)", "Chờ gửi")]
        assert len(headers) == len(HEADER)
        self.model = RowTableModel(headers, _cells, self, numeric_from=2)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(quick)
        layout.addLayout(tiles)
        layout.addWidget(self.facts)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.message)

    def showEvent(self, event: object) -> None:
        if self.report is None:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    # Periods -------------------------------------------------------------------------

    def _set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self.refresh()

    def this_month(self) -> None:
        today = dt.date.today()
        self._set_period(today.replace(day=1), today)

    def last_month(self) -> None:
        first = dt.date.today().replace(day=1)
        end = first - dt.timedelta(days=1)
        self._set_period(end.replace(day=1), end)

    def this_year(self) -> None:
        today = dt.date.today()
        self._set_period(today.replace(month=1, day=1), today)

    # Work ------------------------------------------------------------------------------

    def refresh(self) -> None:
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        if start > end:
            self.message.setText(self.tr("Ngày bắt đầu sau ngày kết thúc."))
            return
        self.show_button.setEnabled(False)
        first_look, self._first_look = self._first_look, False

        def work(op: OpContext) -> Report:
            from dossier.reports import build_report, view_report

            report = view_report(op.ws, start, end)
            t = report.total
            if first_look and not (t.received or t.digitised or t.results_issued):
                # Nothing yet this month (a new desk, or the sample's dossiers of an earlier
                # year): open on the period since the first month that has figures.
                months = build_report(op.ws, None, end).by_month
                if months:
                    year, month = (int(n) for n in months[0].month.split("-"))
                    report = view_report(op.ws, dt.date(year, month, 1), end)
            return report

        op = self._ctx.ops.run(self.tr("Lập báo cáo"), work, quiet=True, cancellable=False)
        op.on_success(self.show_report)
        op.on_finally(lambda: self.show_button.setEnabled(True))
        op.start()

    def show_report(self, report: Report) -> None:
        self.report = report
        t = report.total
        self.tiles["dossiers"].set_value(
            t.digitised_share, self.tr("{a} / {b} hồ sơ tiếp nhận").format(
                a=t.digitised, b=t.received))
        self.tiles["results"].set_value(
            t.results_share, self.tr("{a} / {b} kết quả đã ban hành").format(
                a=t.results_digitised, b=t.results_issued))
        self.tiles["reuse"].set_value(
            t.reuse_share, self.tr("{a} / {b} thành phần hồ sơ").format(
                a=t.components_reused, b=t.components))
        hours = t.median_hours_to_delivery
        self.facts.setText(self.tr(
            "{pages} trang đã quét · {outbox} gói còn chờ gửi · từ tiếp nhận tới khi giao: "
            "{hours}").format(
                pages=t.pages, outbox=t.outbox,
                hours=self.tr("chưa có") if hours is None
                else self.tr("{h} giờ (trung vị)").format(h=f"{hours:.1f}".replace(".", ","))))
        self.chart.set_bars([Bar(f"{m.month[5:]}/{m.month[2:4]}",
                                 (m.figures.received, m.figures.digitised))
                             for m in report.by_month[-12:]],
                            self.tr("Chưa có hồ sơ nào trong kỳ này"))
        self.model.set_rows(list(report.by_procedure))
        self.message.setText("")
        if report.start is not None and report.start != _pydate(self.start.date()):
            self.start.setDate(_qdate(report.start))
            self.message.setText(self.tr("Tháng này chưa có số liệu: báo cáo từ tháng đầu "
                                         "tiên có hồ sơ."))
        self.report_ready.emit(report)

    def export(self, kind: str) -> None:
        if self.report is None:
            return
        report = self.report
        default = f"bao-cao-so-hoa-{report.start or ''}-{report.end or ''}.{kind}"
        filters = (self.tr("Bảng tính Excel (*.xlsx)") if kind == "xlsx"
                   else self.tr("Tệp PDF (*.pdf)"))
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), default, filters)
        if name:
            self.export_to(Path(name), kind)

    def export_to(self, path: Path, kind: str) -> None:
        report = self.report
        if report is None:
            return
        def work(op: OpContext) -> Path:
            from dossier.report_export import export_report

            return export_report(op.ws, report, path, kind)

        op = self._ctx.ops.run(self.tr("Xuất báo cáo"), work, cancellable=False)
        op.on_success(lambda p: self.message.setText(self.tr("Đã lưu: {p}").format(p=p)))
        op.start()
