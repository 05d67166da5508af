"""Tài khoản: the admin adds people (clerk, leader, admin), disables them, sets a new password.

Each change goes through :mod:`dossier.accounts`, which refuses anyone but an admin and logs it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier import accounts
from dossier.session import StorageError, Workspace
from storage.model import Role


def _said(error: StorageError) -> str:
    from desktop.login import _said as said

    return said(error)


class UsersDialog(QDialog):
    """The accounts of this workspace, for its admin."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(self.tr("Tài khoản người dùng"))
        self.setMinimumWidth(460)
        self.roles = {Role.CLERK: self.tr("Cán bộ một cửa"), Role.LEADER: self.tr("Lãnh đạo"),
                      Role.ADMIN: self.tr("Quản trị")}
        self.list = QListWidget(self)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role, label in self.roles.items():
            self.role.addItem(label, role)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Mật khẩu (ít nhất 8 ký tự)"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        self.add_button = QPushButton(self.tr("Thêm tài khoản"), self)
        self.add_button.clicked.connect(self.add)
        self.password_button = QPushButton(self.tr("Đặt mật khẩu này cho người đã chọn"), self)
        self.password_button.clicked.connect(self.set_password)
        self.disable_button = QPushButton(self.tr("Khóa tài khoản đã chọn"), self)
        self.disable_button.clicked.connect(self.disable)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.password_button, self.disable_button):
            buttons.addWidget(b)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for account in accounts.list_users(self.ws):
            state = self.tr(" (đã khóa)") if account.disabled else ""
            item = QListWidgetItem(f"{account.name} — {self.roles[account.role]}{state}")
            item.setData(Qt.ItemDataRole.UserRole, account.name)
            self.list.addItem(item)

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _password(self) -> str | None:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("Hai mật khẩu không giống nhau."))
            return None
        return self.password.text()

    def _done(self, text: str) -> None:
        self.password.clear()
        self.again.clear()
        self.message.setText(text)
        self.refresh()

    def add(self) -> None:
        password = self._password()
        if password is None:
            return
        name = self.name.text().strip()
        try:
            accounts.add_user(self.ws, name, Role(self.role.currentData()), password)
        except StorageError as e:
            self.message.setText(_said(e))
            return
        self.name.clear()
        self._done(self.tr("Đã thêm tài khoản {0}.").format(name))

    def set_password(self) -> None:
        name, password = self.selected(), self._password()
        if name is None or password is None:
            if name is None:
                self.message.setText(self.tr("Hãy chọn một tài khoản trong danh sách."))
            return
        try:
            self.ws.require(Role.ADMIN, action="user.passwd")
            accounts.reset_user(self.ws, name, password)
        except StorageError as e:
            self.message.setText(_said(e))
            return
        self._done(self.tr("Đã đặt mật khẩu mới cho {0}.").format(name))

    def disable(self) -> None:
        name = self.selected()
        if name is None:
            self.message.setText(self.tr("Hãy chọn một tài khoản trong danh sách."))
            return
        try:
            accounts.disable_user(self.ws, name)
        except StorageError as e:
            self.message.setText(_said(e))
            return
        self._done(self.tr("Đã khóa tài khoản {0}.").format(name))
