"""The desktop's own preferences (language, window state), kept per user by Qt; the
workspace's settings are in the workspace."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    return QSettings("Sohoa", "Sohoa")
