"""Asking for the signing token's PIN (or the PKCS#12 file's passphrase) when a record is
signed. The PIN goes to the signer and nowhere else: it is never stored or logged."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PinDialog(QDialog):
    """One field, masked; OK only once something is typed."""

    def __init__(self, what: str, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ký số"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(what, self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        # Why it is asked again (a wrong PIN, a token plugged back in), in the user's words.
        self.reason = QLabel(reason, self)
        self.reason.setObjectName("error")
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        layout.addWidget(self.reason)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setObjectName("pin")
        layout.addWidget(self.pin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ký"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pin.textChanged.connect(self._typed)
        self._typed("")

    def _typed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text))

    def secret(self) -> str:
        return self.pin.text()


def ask_pin(parent: QWidget | None, what: str, reason: str = "") -> str | None:
    """The PIN typed, or None when the clerk cancels. The field is cleared afterwards."""
    dialog = PinDialog(what, reason, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.secret()
    finally:
        dialog.pin.clear()
        dialog.deleteLater()
