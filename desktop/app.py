"""Start Sohoa's window: language, look, workspace, main window; ``run`` is what ``sohoa`` calls.

Switching language rebuilds the window, so every string is translated afresh.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import theme
from desktop.context import AppContext
from desktop.images import ThumbnailCache
from desktop.main_window import MainWindow
from desktop.ops import Operations
from desktop.settings_view import app_settings
from dossier.session import StorageError, Workspace, default_workspace_path

LANGUAGES = ("vi", "en")


def translation_file(language: str) -> Path:
    return Path(str(resources.files("resources") / "translations" / f"sohoa_{language}.qm"))


def qt_translation_file(language: str) -> Path:
    return Path(str(resources.files("resources") / "translations" / f"qtbase_{language}.qm"))


def extra_translation_files(language: str) -> list[Path]:
    folder = Path(str(resources.files("resources") / "translations"))
    return sorted(folder.glob(f"sohoa-*_{language}.qm"))


class Application:
    """Owns the workspace, the services and the window for one run."""

    def __init__(self, app: QApplication, ws: Workspace) -> None:
        self.app = app
        self.ws = ws
        self.translator: QTranslator | None = None
        self.qt_translator: QTranslator | None = None
        self.extra_translators: list[QTranslator] = []
        self.window: MainWindow | None = None
        self.ops = Operations(ws)
        self.thumbs = ThumbnailCache(self.ops)
        self.undo = QUndoStack()
        self.ctx = AppContext(ws, self.ops, self.thumbs, self.undo)
        self.idle_lock: object | None = None

    def set_language(self, language: str) -> None:
        """Sohoa's own strings, and Qt's (file dialogs, standard buttons), in ``language``."""
        for old in (self.translator, self.qt_translator, *self.extra_translators):
            if old is not None:
                QCoreApplication.removeTranslator(old)
        self.translator = self.qt_translator = None
        self.extra_translators = []
        self.ctx.language = language
        if language != "vi":
            translator = QTranslator()
            if translator.load(str(translation_file(language))):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
            # Screens that keep their strings in a file of their own (sohoa-<part>_<lang>.qm).
            for path in extra_translation_files(language):
                extra = QTranslator()
                if extra.load(str(path)):
                    QCoreApplication.installTranslator(extra)
                    self.extra_translators.append(extra)
        # Qt's own dialogs speak English unless told otherwise; Qt ships no Vietnamese,
        # so Sohoa carries the strings its screens show.
        qt = QTranslator()
        if language == "vi" and qt.load(str(qt_translation_file(language))):
            QCoreApplication.installTranslator(qt)
            self.qt_translator = qt

    def build_window(self) -> MainWindow:
        old = self.window
        section = old.sidebar.currentRow() if old is not None else None
        self.undo.clear()
        window = MainWindow(self.ctx)
        window.language_changed.connect(self.switch_language)
        if old is not None:
            window.setGeometry(old.geometry())
            old.hide()
            old.deleteLater()
            if section is not None and section >= 0:
                window.sidebar.setCurrentRow(section)
        self.window = window
        return window

    def switch_language(self, language: str) -> None:
        self.set_language(language)
        self.build_window().show()


def workspace_root(workspace: Path | None) -> Path:
    if workspace is None:
        saved = app_settings().value("workspace")
        workspace = Path(str(saved)) if saved else default_workspace_path()
    return workspace


def open_workspace(workspace: Path | None) -> Workspace | None:
    """First run (new admin, recovery key) or login; ``None`` when the person cancels."""
    from desktop.login import log_in

    ws = log_in(workspace_root(workspace))
    if ws is not None:
        ws.use_private_tmp()
    return ws


def run(workspace: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Sohoa")
    app.setOrganizationName("Sohoa")
    theme.apply(app)  # type: ignore[arg-type]
    language = str(app_settings().value("language", "vi"))
    try:
        ws = open_workspace(workspace)
    except StorageError as e:
        QMessageBox.critical(None, "Sohoa", str(e))
        return 4
    if ws is None:
        return 0
    application = Application(app, ws)  # type: ignore[arg-type]
    application.set_language(language if language in LANGUAGES else "vi")
    application.build_window().show()
    from desktop.login import IdleLock

    application.idle_lock = IdleLock(ws, lambda: application.window)
    try:
        return int(app.exec())
    finally:
        application.ops.wait(20000)
        ws.close()
