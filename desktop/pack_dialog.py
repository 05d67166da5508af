"""Before a dossier is packed: confirm its code, give a reason for missing components.

Asked only when there is something to decide; Enter packs, Escape goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dossier import editing
from dossier.packing import PackState
from storage.model import Dossier


class PackDialog(QDialog):
    """Asks what packing needs: the official code (or keeping the provisional one) and,
    when required components are missing, why the dossier goes anyway."""

    def __init__(self, dossier: Dossier, missing: tuple[str, ...], state: PackState,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đóng gói hồ sơ {code}").format(code=dossier.display_code))
        self.dossier = dossier
        self.missing = missing
        layout = QVBoxLayout(self)
        self.code_edit: QLineEdit | None = None
        self.keep_provisional: QRadioButton | None = None
        self.use_official: QRadioButton | None = None
        self.reason: QLineEdit | None = None
        first: QWidget | None = None

        if not dossier.code:
            layout.addWidget(self._heading(self.tr("Mã hồ sơ")))
            self.use_official = QRadioButton(self.tr("Dùng mã chính thức trên giấy tiếp nhận:"),
                                             self)
            self.code_edit = QLineEdit(self)
            self.code_edit.setPlaceholderText("000.00.06.H56-231027-0361")
            self.keep_provisional = QRadioButton(
                self.tr("Chưa có mã chính thức: gửi với mã tạm {code}").format(
                    code=dossier.provisional_id), self)
            self.use_official.setChecked(True)
            self.code_edit.textEdited.connect(lambda _t: self.use_official.setChecked(True))
            self.keep_provisional.toggled.connect(lambda _c: self._update())
            self.code_edit.textChanged.connect(lambda _t: self._update())
            self.code_problem = QLabel(self)
            self.code_problem.setObjectName("error")
            self.code_problem.setWordWrap(True)
            for w in (self.use_official, self.code_edit, self.code_problem,
                      self.keep_provisional):
                layout.addWidget(w)
            first = self.code_edit

        if missing:
            layout.addWidget(self._heading(self.tr("Còn thiếu giấy tờ bắt buộc")))
            listing = QLabel("\n".join(f"✗ {name}" for name in missing), self)
            listing.setObjectName("error")
            listing.setWordWrap(True)
            layout.addWidget(listing)
            layout.addWidget(QLabel(self.tr("Lý do vẫn gửi hồ sơ (ghi vào hồ sơ điện tử và "
                                            "nhật ký):"), self))
            self.reason = QLineEdit(self)
            self.reason.setPlaceholderText(self.tr("Ví dụ: công dân sẽ bổ sung giấy chứng sinh "
                                                   "sau"))
            self.reason.textChanged.connect(lambda _t: self._update())
            layout.addWidget(self.reason)
            first = first or self.reason

        note = self._state_note(state)
        if note:
            label = QLabel(note, self)
            label.setWordWrap(True)
            label.setObjectName("warning")
            layout.addWidget(label)

        self.buttons = QDialogButtonBox(self)
        self.pack_button = self.buttons.addButton(self.tr("Đóng gói và đưa vào hàng đợi gửi"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Quay lại"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.pack_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._first = first or self.pack_button
        self._update()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.activateWindow()
        self._first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("subtitle")
        return label

    def _state_note(self, state: PackState) -> str:
        if state.queued and not state.sent:
            return self.tr("Gói {name} của hồ sơ này đang chờ gửi; gói mới sẽ thay cho nó.").format(
                name=state.package_name)
        if state.sent:
            return self.tr("Hồ sơ này đã gửi đi; gói mới sẽ là bản {n}, gửi kèm ghi chú thay "
                           "cho bản trước.").format(n=(state.version or 1) + 1)
        return ""

    # Answers ---------------------------------------------------------------------

    def official_code(self) -> str | None:
        """The official code typed, or None to keep the provisional one (or it had one)."""
        if self.code_edit is None or (self.keep_provisional and
                                      self.keep_provisional.isChecked()):
            return None
        return self.code_edit.text().strip() or None

    def reason_text(self) -> str | None:
        if self.reason is None:
            return None
        return self.reason.text().strip() or None

    def problem(self) -> str | None:
        if self.code_edit is not None and not (self.keep_provisional and
                                               self.keep_provisional.isChecked()):
            text = self.code_edit.text().strip()
            if not text:
                return self.tr("Gõ mã hồ sơ chính thức, hoặc chọn gửi với mã tạm.")
            if editing.check_dossier_code(text):
                return self.tr("Mã hồ sơ phải có dạng 000.00.06.H56-231027-0361.")
        if self.reason is not None and not self.reason_text():
            return self.tr("Ghi lý do vẫn gửi khi còn thiếu giấy tờ.")
        return None

    def _update(self) -> None:
        problem = self.problem()
        self.pack_button.setEnabled(problem is None)
        self.pack_button.setToolTip(problem or "")
        if self.code_edit is not None:
            text = self.code_edit.text().strip()
            wrong = (bool(text) and self.use_official is not None
                     and self.use_official.isChecked() and editing.check_dossier_code(text))
            self.code_problem.setText(
                self.tr("Mã hồ sơ phải có dạng 000.00.06.H56-231027-0361.") if wrong else "")

    def _accept(self) -> None:
        if self.problem() is None:
            self.accept()
