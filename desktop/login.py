"""Logging in: the login dialog, the first run (admin account, recovery key shown once),
and the idle lock that hides the window until the password is typed again."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.session import (
    StorageError,
    Workspace,
    convert_plaintext,
    create_workspace,
    is_legacy,
    open_workspace,
    unlock,
    workspace_exists,
)

IDLE_SETTING = "security.idle_minutes"
DEFAULT_IDLE_MINUTES = 10


def _said(error: StorageError) -> str:
    """The error in the interface's language (messages are "Vietnamese — English")."""
    from desktop.settings_view import app_settings

    return error.in_language(str(app_settings().value("language", "vi")))


class _Form(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setProperty("class", "error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _password_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _submit(self) -> None:
        raise NotImplementedError


class LoginDialog(_Form):
    """Name and password; the workspace opens only with a valid login."""

    def __init__(self, root: Path, user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Đăng nhập Sohoa"),
                         self.tr("Thư mục làm việc: {0}").format(root), parent)
        self.root = root
        self.user = QLineEdit(user)
        self.password = self._password_field()
        self.form.addRow(self.tr("Tên đăng nhập"), self.user)
        self.form.addRow(self.tr("Mật khẩu"), self.password)
        (self.password if user else self.user).setFocus()
        self.workspace: Workspace | None = None

    def _submit(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.workspace = open_workspace(self.root, self.user.text().strip(),
                                            self.password.text())
        except StorageError as e:
            self.error.setText(_said(e))
            self.password.clear()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


class FirstRunDialog(_Form):
    """A new workspace: its admin account. Then the recovery key, shown once."""

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        legacy = is_legacy(root)
        intro = (self.tr("Thư mục làm việc này từ phiên bản cũ, chưa được mã hóa. Tạo tài khoản "
                         "quản trị để mã hóa nó: {0}") if legacy else
                 self.tr("Tạo thư mục làm việc mới, được mã hóa, và tài khoản quản trị đầu "
                         "tiên: {0}")).format(root)
        super().__init__(self.tr("Lần chạy đầu tiên"), intro, parent)
        self.root = root
        self.legacy = legacy
        self.user = QLineEdit("quantri")
        self.password = self._password_field()
        self.again = self._password_field()
        self.form.addRow(self.tr("Tên quản trị"), self.user)
        self.form.addRow(self.tr("Mật khẩu (ít nhất 8 ký tự)"), self.password)
        self.form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        self.workspace: Workspace | None = None
        self.recovery_key = ""

    def _submit(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("Hai mật khẩu không giống nhau."))
            return
        name, password = self.user.text().strip(), self.password.text()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.legacy:

                self.recovery_key = convert_plaintext(self.root, name, password)
                self.workspace = open_workspace(self.root, name, password)
            else:
                self.workspace, self.recovery_key = create_workspace(self.root, name, password)
        except StorageError as e:
            self.error.setText(_said(e))
            return
        finally:
            QApplication.restoreOverrideCursor()
        RecoveryKeyDialog(self.recovery_key, self).exec()
        self.accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, once: the only way back in if every admin password is lost."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Khóa khôi phục"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "Đây là khóa khôi phục của thư mục làm việc. Nó chỉ hiện một lần. Hãy in ra hoặc "
            "chép tay, và cất ở nơi an toàn (không để cùng máy tính). Nếu quên hết mật khẩu "
            "quản trị, chỉ khóa này mở lại được dữ liệu."))
        text.setWordWrap(True)
        layout.addWidget(text)
        shown = QPlainTextEdit(key)
        shown.setReadOnly(True)
        shown.setMaximumHeight(70)
        font = shown.font()
        font.setFamily("monospace")
        font.setPointSize(font.pointSize() + 2)
        shown.setFont(font)
        layout.addWidget(shown)
        self.confirm = QCheckBox(self.tr("Tôi đã in hoặc chép lại khóa này"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.confirm.toggled.connect(buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.key = key

    def reject(self) -> None:  # Esc does not skip it
        if self.confirm.isChecked():
            super().reject()


def log_in(root: Path, parent: QWidget | None = None) -> Workspace | None:
    """First run or login, as the folder needs; ``None`` if the person cancels."""
    if not workspace_exists(root) or is_legacy(root):
        first = FirstRunDialog(root, parent)
        return first.workspace if first.exec() == QDialog.DialogCode.Accepted else None
    dialog = LoginDialog(root, parent=parent)
    return dialog.workspace if dialog.exec() == QDialog.DialogCode.Accepted else None


class UnlockDialog(_Form):
    """The window is locked: the same person's password unlocks it; open work stays."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sohoa đã khóa"),
                         self.tr("Máy đã để yên quá lâu nên Sohoa đã khóa. Nhập mật khẩu của "
                                 "{0} để tiếp tục.").format(ws.account.name), parent)
        self.ws = ws
        self.password = self._password_field()
        self.form.addRow(self.tr("Mật khẩu"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

    def _submit(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            unlock(self.ws, self.password.text())
        except StorageError as e:
            self.error.setText(_said(e))
            self.password.clear()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def reject(self) -> None:  # no way around it but the password
        pass


class IdleLock(QObject):
    """Locks the window after ``security.idle_minutes`` without keyboard or mouse input."""

    def __init__(self, ws: Workspace, window_getter: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._window = window_getter
        self._last = time.monotonic()
        self._locked = False
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self._check)
        self._timer.start()
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def idle_seconds(self) -> float:
        try:
            minutes = float(self.ws.get_setting(IDLE_SETTING) or DEFAULT_IDLE_MINUTES)
        except ValueError:
            minutes = DEFAULT_IDLE_MINUTES
        return max(0.0, minutes * 60)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = QEvent.Type
        if event.type() in (kind.KeyPress, kind.MouseButtonPress, kind.MouseMove, kind.Wheel):
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        limit = self.idle_seconds()
        if not self._locked and limit > 0 and time.monotonic() - self._last >= limit:
            self.lock()

    def lock(self) -> None:
        """Hide the window's content behind the unlock dialog, until the password is typed."""
        if self._locked:
            return
        self._locked = True
        window = self._window() if callable(self._window) else None
        self.ws.audit.record("lock", detail="idle")
        if window is not None:
            central = window.centralWidget()
            if central is not None:
                central.hide()
        dialog = UnlockDialog(self.ws, window)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._unlocked(window))
        dialog.open()

    def _unlocked(self, window: object) -> None:
        self._locked = False
        self._last = time.monotonic()
        if window is not None:
            central = window.centralWidget()  # type: ignore[attr-defined]
            if central is not None:
                central.show()

    @property
    def locked(self) -> bool:
        return self._locked
