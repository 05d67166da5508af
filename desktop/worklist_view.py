"""Việc cần làm: the desk's register imported from the one-stop system, and the worklist of
received dossiers not digitised and results not digitised yet.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.ops import OpContext
from desktop.table_model import RowTableModel
from desktop.wording import say
from dossier.register import (
    FIELD_NAMES,
    Field,
    RegisterError,
    RegisterImport,
    WorkItem,
    WorkKind,
)


class MappingDialog(QDialog):
    """Which column holds what, for a register layout Sohoa does not know (asked once)."""

    def __init__(self, headings: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chọn cột của sổ"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Tệp này có tiêu đề cột lạ. Chọn cột cho từng mục; lần sau "
                                   "Sohoa sẽ tự nhận ra."), self))
        self.combos: dict[Field, QComboBox] = {}
        for field in Field:
            combo = QComboBox(self)
            combo.addItem(self.tr("(không có)"), "")
            for h in headings:
                combo.addItem(h, h)
            self.combos[field] = combo
            form.addRow(QCoreApplication.translate("MappingDialog", FIELD_NAMES[field]), combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def mapping(self) -> dict[Field, str]:
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData()}


def _cells(item: WorkItem) -> list[object]:
    what = (QCoreApplication.translate("WorklistView", "Chưa số hóa hồ sơ")
            if item.kind is WorkKind.NOT_DIGITISED
            else QCoreApplication.translate("WorklistView", "Chưa số hóa kết quả"))
    received = (item.received_at or "")[:10]
    if len(received) == 10:
        received = f"{received[8:10]}/{received[5:7]}/{received[:4]}"
    return [what, item.dossier_code, received, item.procedure_code or "",
            item.procedure_name or "", item.applicant_name or ""]


class WorklistView(QWidget):
    open_dossier = Signal(int)
    result_requested = Signal(str)  # dossier code whose result is to be digitised

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        title = QLabel(self.tr("Việc cần làm"), self)
        title.setObjectName("title")
        self.summary = QLabel(self)
        self.summary.setObjectName("subtitle")
        self.import_button = QPushButton(self.tr("Nhập sổ tiếp nhận (CSV, Excel)…"), self)
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.import_dialog)
        self.result_button = QPushButton(self.tr("Số hóa kết quả của hồ sơ này…"), self)
        self.result_button.clicked.connect(self._request_result)
        self.model = RowTableModel(
            [self.tr("Việc"), self.tr("Mã hồ sơ"), self.tr("Ngày tiếp nhận"),
             self.tr("Mã thủ tục"), self.tr("Thủ tục"), self.tr("Chủ hồ sơ")], _cells, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._activate())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.result_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        from dossier.register import register_size, worklist

        items = worklist(self._ctx.ws)
        self.model.set_rows(items)
        dossiers = sum(1 for i in items if i.kind is WorkKind.NOT_DIGITISED)
        results = len(items) - dossiers
        registered = register_size(self._ctx.ws)
        if not registered:
            self.summary.setText(self.tr(
                "Chưa có sổ tiếp nhận. Nhập danh sách hồ sơ đã tiếp nhận từ hệ thống một cửa "
                "để biết hồ sơ nào chưa số hóa."))
        else:
            self.summary.setText(self.tr(
                "{d} hồ sơ chưa số hóa · {r} kết quả chưa số hóa (trong {n} hồ sơ của sổ)").format(
                    d=dossiers, r=results, n=registered))
        self._update_buttons()

    def selected(self) -> WorkItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_object(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        self.result_button.setEnabled(item is not None
                                      and item.kind is WorkKind.RESULT_NOT_DIGITISED)

    def _activate(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.kind is WorkKind.RESULT_NOT_DIGITISED:
            self.result_requested.emit(item.dossier_code)
        elif item.dossier_id is not None:
            self.open_dossier.emit(item.dossier_id)

    def _request_result(self) -> None:
        item = self.selected()
        if item is not None:
            self.result_requested.emit(item.dossier_code)

    # Import ------------------------------------------------------------------------

    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp sổ tiếp nhận"), "",
            self.tr("Sổ tiếp nhận (*.csv *.xlsx *.txt)"))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path, mapping: dict[Field, str] | None = None) -> None:
        self.import_button.setEnabled(False)

        def work(op: OpContext) -> RegisterImport:
            from dossier.register import import_register

            return import_register(op.ws, path, mapping)

        op = self._ctx.ops.run(self.tr("Nhập sổ tiếp nhận"), work, cancellable=False)
        op.on_success(self._imported)
        op.on_failure(lambda e: self._failed(path, e))
        op.on_finally(lambda: self.import_button.setEnabled(True))
        op.start()

    def _imported(self, result: RegisterImport) -> None:
        lines = [self.tr("Đã nhập {n} hồ sơ ({a} mới, {u} cập nhật).").format(
            n=result.imported, a=result.added, u=result.updated)]
        if result.problems:
            lines.append(self.tr("{k} dòng không nhập được:").format(k=len(result.problems)))
            lines += [f"  {self.tr('dòng')} {p.row}: {say(p.reason)}" for p in result.problems[:10]]
        self.message.setText("\n".join(lines))
        self.refresh()

    def _failed(self, path: Path, error: Exception) -> None:
        from dossier.register import headings_of

        if isinstance(error, RegisterError) and "Mã hồ sơ" in str(error):
            try:
                headings = headings_of(path)
            except RegisterError as e:
                self.message.setText(say(e))
                return
            dialog = MappingDialog(headings, self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.mapping():
                self.import_file(path, dialog.mapping())
                return
        self.message.setText(say(error))
