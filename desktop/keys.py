"""Keyboard habits the whole window shares: Enter presses the focused button.

Qt presses a focused push button with Space only (Enter belongs to a dialog's
default button); clerks press Enter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QPushButton, QToolButton

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPressesButtons(QObject):
    """Installed on the application: Enter on a focused button (outside dialogs, whose own
    default-button rule already does this) clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress
                and isinstance(watched, (QPushButton, QToolButton))
                and not isinstance(watched.window(), QDialog)):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if (key_event.key() in _ENTER and not key_event.modifiers()
                    and watched.hasFocus() and watched.isEnabled()):
                watched.animateClick()
                return True
        return super().eventFilter(watched, event)
