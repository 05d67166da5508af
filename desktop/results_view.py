"""Kết quả: the documents the commune issued, scanned in; the fields OCR proposes beside the
page, for the clerk to check and confirm; then packed as the result's own record.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import signing_key
from desktop.context import AppContext
from desktop.ops import OpContext
from desktop.table_model import RowTableModel
from desktop.wording import say
from dossier.results import Result


def _state(r: Result) -> str:
    if r.packed:
        return QCoreApplication.translate("ResultsView", "Đã đóng gói")
    if r.confirmed:
        return QCoreApplication.translate("ResultsView", "Đã xác nhận")
    return QCoreApplication.translate("ResultsView", "Chờ xác nhận")


def _show_date(value: str | None) -> str:
    if not value:
        return ""
    return f"{value[8:10]}/{value[5:7]}/{value[:4]}"


def _cells(r: Result) -> list[object]:
    return [_state(r), r.dossier_code or "", r.type_name or "", r.number_symbol or "",
            _show_date(r.date_signed)]


# (field, label) in the order a clerk reads the paper.
def _form() -> tuple[tuple[str, str], ...]:
    t = QCoreApplication.translate
    return (("number_symbol", t("ResultsView", "Số, ký hiệu")),
            ("date_signed", t("ResultsView", "Ngày ký")),
            ("signer", t("ResultsView", "Người ký")),
            ("agency", t("ResultsView", "Cơ quan ban hành")),
            ("type_name", t("ResultsView", "Loại kết quả")),
            ("result_code", t("ResultsView", "Mã kết quả")),
            ("summary", t("ResultsView", "Trích yếu")),
            ("holder_name", t("ResultsView", "Người được cấp")),
            ("holder_id", t("ResultsView", "Số định danh")),
            ("valid_until", t("ResultsView", "Hiệu lực đến")),
            ("dossier_code", t("ResultsView", "Thuộc hồ sơ")))
DATES = ("date_signed", "valid_until")


class ResultsView(QWidget):
    packed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self.current: Result | None = None
        # Why the last signing failed (wrong PIN, token out), said when the PIN is asked again.
        self._sign_problem = ""
        title = QLabel(self.tr("Kết quả giải quyết"), self)
        title.setObjectName("title")
        self.dossier_code = QLineEdit(self)
        self.dossier_code.setPlaceholderText(self.tr("Mã hồ sơ mà kết quả giải quyết"))
        self.add_button = QPushButton(self.tr("Nhập bản quét kết quả…"), self)
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_dialog)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Hồ sơ:"), self))
        top.addWidget(self.dossier_code, 1)
        top.addWidget(self.add_button)

        self.model = RowTableModel([self.tr("Trạng thái"), self.tr("Hồ sơ"), self.tr("Loại"),
                                    self.tr("Số, ký hiệu"), self.tr("Ngày ký")], _cells, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.edits: dict[str, QLineEdit] = {}
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        for name, label in _form():
            edit = QLineEdit(form_box)
            if name in DATES:
                edit.setPlaceholderText("dd/mm/yyyy")
            if name == "valid_until":
                edit.setPlaceholderText(self.tr("dd/mm/yyyy, trống là không thời hạn"))
            self.edits[name] = edit
            form.addRow(label, edit)
        self.confirm_button = QPushButton(self.tr("Lưu và xác nhận (Ctrl+Enter)"), form_box)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.clicked.connect(self.confirm)
        self.pack_button = QPushButton(self.tr("Đóng gói kết quả"), form_box)
        self.pack_button.clicked.connect(self.pack)
        row = QHBoxLayout()
        row.addWidget(self.confirm_button)
        row.addWidget(self.pack_button)
        form.addRow(row)
        self.message = QLabel(form_box)
        self.message.setWordWrap(True)
        form.addRow(self.message)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.confirm)

        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.addWidget(form_box)
        split.setSizes([250, 380, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._show(None)

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self, select: int | None = None) -> None:
        from dossier.results import list_results

        keep = select if select is not None else (self.current.id if self.current else None)
        self.model.set_rows(list_results(self._ctx.ws))
        for row in range(self.model.rowCount()):
            if self.model.row_object(row).id == keep:
                self.table.selectRow(row)
                return
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def for_dossier(self, code: str) -> None:
        """Come here from the worklist: the dossier whose result is to be digitised."""
        self.dossier_code.setText(code)
        self.add_button.setFocus()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show(self.model.row_object(rows[0].row()) if rows else None)

    def _show(self, result: Result | None) -> None:
        self.current = result
        for name, edit in self.edits.items():
            value = getattr(result, name) if result else None
            edit.setText(_show_date(value) if name in DATES else (value or ""))
            edit.setCursorPosition(0)   # a long value shows its beginning, not its tail
            edit.setToolTip(edit.text())
            edit.setReadOnly(result is None or result.packed or name == "dossier_code")
        self.confirm_button.setEnabled(result is not None and not result.packed)
        self.pack_button.setEnabled(result is not None and result.confirmed
                                    and not result.packed)
        if result is None:
            self.hint.setText(self.tr("Chọn một kết quả, hoặc nhập bản quét kết quả mới."))
            self.preview.clear()
            return
        self.hint.setText(
            self.tr("Đã đóng gói thành hồ sơ điện tử riêng.") if result.packed
            else self.tr("Đã xác nhận. Có thể đóng gói.") if result.confirmed
            else self.tr("Các ô do máy đọc đề xuất — đối chiếu với bản giấy rồi xác nhận."))
        self.message.setText("")
        self._load_preview(result)

    def _load_preview(self, result: Result) -> None:
        if not result.page_ids:
            self.preview.setText(self.tr("(không có trang)"))
            return
        page_id = result.page_ids[0]

        def work(op: OpContext) -> QImage:
            from desktop.images import render_page
            from dossier.queries import get_page

            page = get_page(op.ws, page_id)
            if page is None:
                raise LookupError(page_id)
            return render_page(op.ws, page, max_side=1400)

        def shown(image: QImage, rid: int = result.id) -> None:
            if self.current is not None and self.current.id == rid:
                width = max(300, self.preview.width() - 10)
                self.preview.setPixmap(QPixmap.fromImage(image).scaledToWidth(
                    width, Qt.TransformationMode.SmoothTransformation))

        op = self._ctx.ops.run("preview", work, quiet=True)
        op.on_success(shown)
        op.on_failure(lambda _e: self.preview.setText(self.tr("(không hiện được trang)")))
        op.start()

    # Actions -------------------------------------------------------------------------

    def add_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn bản quét kết quả"), "",
            self.tr("Ảnh hoặc PDF (*.png *.jpg *.jpeg *.jfif *.tif *.tiff *.gif *.bmp *.webp *.heic *.heif *.pdf)"))  # noqa: E501
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        code = self.dossier_code.text().strip()
        if not code:
            self.message.setText(self.tr("Nhập mã hồ sơ mà kết quả này giải quyết."))
            self.dossier_code.setFocus()
            return
        self.add_button.setEnabled(False)

        def work(op: OpContext) -> tuple[int, list[str]]:
            from dossier.results import add_result_files, find_dossier

            dossier_id = find_dossier(op.ws, code)
            return add_result_files(op.ws, paths, dossier_id=dossier_id,
                                    dossier_code=None if dossier_id else code,
                                    jobs=2, cancel=op.cancel_event)

        def added(outcome: tuple[int, list[str]]) -> None:
            result_id, problems = outcome
            self.refresh(select=result_id)
            if problems:
                self.message.setText("\n".join(say(p) for p in problems))

        op = self._ctx.ops.run(self.tr("Đọc bản quét kết quả"), work)
        op.on_success(added)
        op.on_failure(lambda e: self.message.setText(say(e)))
        op.on_finally(lambda: self.add_button.setEnabled(True))
        op.start()

    def confirm(self) -> None:
        from dossier.errors import DossierError
        from dossier.results import update_result

        if self.current is None or self.current.packed:
            return
        values = {name: edit.text() for name, edit in self.edits.items()
                  if name != "dossier_code"}
        try:
            updated = update_result(self._ctx.ws, self.current.id, confirm=True, **values)
        except DossierError as e:
            self.message.setText(say(e))
            return
        self.refresh(select=updated.id)
        self.pack_button.setFocus()

    def pack(self) -> None:
        if self.current is None or not self.current.confirmed:
            return
        from dossier.errors import DossierError
        from records import KeyUnavailableError

        # Signed like dossier records when the settings say so; the PIN is asked here,
        # goes to this one operation's signer and is never kept.
        try:
            signing = signing_key.configured_options(self._ctx.ws)
        except DossierError as e:
            self.message.setText(say(e))
            return
        secret = None
        if signing is not None:
            reason, self._sign_problem = self._sign_problem, ""
            secret = signing_key.ask_secret(self, signing, reason)
            if secret is None:
                self.message.setText(self.tr("Đã hủy: kết quả chưa được ký và chưa đóng gói."))
                return
        result_id = self.current.id
        self.pack_button.setEnabled(False)

        def work(op: OpContext) -> Path:
            from dossier.results import pack_result

            if signing is None:
                return pack_result(op.ws, result_id)
            from records import open_signer

            with open_signer(signing, secret) as signer:
                return pack_result(op.ws, result_id, signer=signer)

        def failed(error: Exception) -> None:
            self._show(self.current)
            self.message.setText(say(error))
            if isinstance(error, KeyUnavailableError):
                self._sign_problem = say(error)  # said again when the PIN is asked again

        def done(path: Path) -> None:
            self.refresh(select=result_id)
            self.message.setText(self.tr("Đã đóng gói và đưa vào hàng đợi gửi: {n}").format(
                n=path.name))
            self.packed.emit(result_id)

        op = self._ctx.ops.run(self.tr("Đóng gói kết quả"), work, cancellable=False)
        op.on_success(done)
        op.on_failure(failed)
        op.start()
