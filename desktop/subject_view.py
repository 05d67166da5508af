"""Yêu cầu về dữ liệu cá nhân: what the workspace holds about one person, its export, its erasure.

For leaders and admins; every search, export and erasure is logged (with a hash of the number).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.messages import plain
from desktop.ops import OpContext


class SubjectDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Yêu cầu về dữ liệu cá nhân"))
        self.resize(900, 560)
        self._ctx = ctx
        self._report: object | None = None
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Số định danh cá nhân (12 số) hoặc CMND (9 số)"))
        self.number.returnPressed.connect(self.find_person)
        self.find_button = QPushButton(self.tr("Tìm"), self)
        self.find_button.setObjectName("primary")
        self.find_button.clicked.connect(self.find_person)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Mục"), self.tr("Trạng thái"), self.tr("Ngày")])
        self.tree.setColumnWidth(0, 460)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Xuất cho người dân…"), self)
        self.export_button.clicked.connect(self.export)
        self.erase_button = QPushButton(self.tr("Xóa theo yêu cầu…"), self)
        self.erase_button.clicked.connect(self.erase)
        top = QHBoxLayout()
        top.addWidget(self.number, 1)
        top.addWidget(self.find_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.erase_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    def _update_buttons(self) -> None:
        found = self._report is not None and not getattr(self._report, "empty", True)
        self.export_button.setEnabled(found)
        self.erase_button.setEnabled(found)

    def _run(self, title: str, fn: object, on_success: object) -> None:
        op = self._ctx.ops.run(title, fn)  # type: ignore[arg-type]
        op.on_success(on_success).on_failure(self._failed).start()  # type: ignore[arg-type]

    def _failed(self, error: Exception) -> None:
        self.summary.setText(str(error))

    # Find -------------------------------------------------------------------------

    def find_person(self) -> None:
        number = self.number.text().strip()

        def work(ctx: OpContext) -> object:
            from dossier.subjects import find_subject

            return find_subject(ctx.ws, number)

        self._run(self.tr("Tìm dữ liệu cá nhân"), work, self._show)

    def _show(self, report: object) -> None:
        from dossier.subjects import SubjectReport

        assert isinstance(report, SubjectReport)
        self._report = report
        self.tree.clear()
        yes, no = self.tr("đã gửi tỉnh"), self.tr("chưa gửi tỉnh")
        for d in report.dossiers:
            item = QTreeWidgetItem(self.tree, [
                self.tr("Hồ sơ {code} · thủ tục {proc}").format(
                    code=d.code or d.provisional_id, proc=d.procedure_code or "—"),
                f"{d.state} · {yes if d.delivered else no}", d.created_at[:10]])
            for doc in d.documents:
                QTreeWidgetItem(item, [self.tr("Giấy tờ {n}: {name}").format(
                    n=doc.seq, name=doc.type_name or "—"), "", ""])
            for p in d.pages:
                QTreeWidgetItem(item, [self.tr("Trang {n}: {name}").format(
                    n=p.id, name=p.source_name), p.state, p.created_at[:10]])
            for r in d.records:
                QTreeWidgetItem(item, [self.tr("Gói {name}").format(name=r.package_name),
                                       r.upload_state or "—", (r.delivered_at or "")[:10]])
            item.setExpanded(True)
        for p in report.loose_pages:
            QTreeWidgetItem(self.tree, [self.tr("Trang {n} (chưa thuộc hồ sơ): {name}").format(
                n=p.id, name=p.source_name), p.state, p.created_at[:10]])
        if report.empty:
            self.summary.setText(self.tr("Không có dữ liệu nào về số này."))
        else:
            self.summary.setText(self.tr("{n} hồ sơ; tên đi kèm: {names}").format(
                n=len(report.dossiers), names=", ".join(report.names) or "—"))
        self._update_buttons()

    # Export and erase -------------------------------------------------------------

    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn nơi lưu bản xuất"))
        if not folder or self._report is None:
            return
        number = str(getattr(self._report, "id_number", ""))

        def work(ctx: OpContext) -> object:
            from pathlib import Path

            from dossier.subjects import export_subject

            return export_subject(ctx.ws, number, Path(folder))

        self._run(self.tr("Xuất dữ liệu cá nhân"), work, lambda path: self.summary.setText(
            self.tr("Đã xuất: {path}").format(path=path)))

    def erase(self, override_reason: str | None = None) -> None:
        if self._report is None:
            return
        number = str(getattr(self._report, "id_number", ""))
        if override_reason is None:
            answer = QMessageBox.question(self, self.tr("Xóa theo yêu cầu"), self.tr(
                "Xóa mọi dữ liệu về số {n} tại máy này? Không thể hoàn tác.").format(n=number))
            if answer != QMessageBox.StandardButton.Yes:
                return

        def work(ctx: OpContext) -> object:
            from dossier.subjects import SubjectError, erase_subject

            try:
                return erase_subject(ctx.ws, number, override_reason=override_reason)
            except SubjectError as e:
                return e

        self._run(self.tr("Xóa dữ liệu cá nhân"), work, self._erased)

    def _erased(self, result: object) -> None:
        from dossier.subjects import OVERRIDE_ROLES, SubjectError

        if isinstance(result, SubjectError):
            if self._ctx.ws.account.role not in OVERRIDE_ROLES:
                # Only an admin may erase what the province has not confirmed yet.
                self.summary.setText(plain(result, self._ctx.language).text)
                return
            reason, ok = QInputDialog.getText(self, self.tr("Hồ sơ chưa gửi tỉnh"), self.tr(
                "Có hồ sơ chưa gửi tỉnh nên chưa được xóa. Quản trị viên vẫn muốn xóa thì "
                "ghi lý do:"))
            if ok and reason.strip():
                self.erase(override_reason=reason.strip())
            else:
                self.summary.setText(plain(result, self._ctx.language).text)
            return
        self.summary.setText(self.tr("Đã xóa {n} hồ sơ, {p} trang.").format(
            n=len(getattr(result, "erased", ())), p=getattr(result, "pages", 0)))
        self.find_person()
