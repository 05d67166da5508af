"""Under the dossier's checklist: the citizen's documents already on file and still valid,
reused with one key (Ctrl+U) instead of being scanned again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.context import AppContext
from dossier.reuse import Offer
from storage.model import Dossier


def _day(value: str | None) -> str:
    if not value:
        return QCoreApplication.translate("ReusePanel", "không thời hạn")
    return f"{value[8:10]}/{value[5:7]}/{value[:4]}"


class ReusePanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.dossier: Dossier | None = None
        self.offered: list[Offer] = []
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.reuse_button = QPushButton(self.tr("Dùng lại giấy tờ đã có (Ctrl+U)"), self)
        self.reuse_button.clicked.connect(self.reuse_all)
        self.undo_button = QPushButton(self.tr("Bỏ dùng lại"), self)
        self.undo_button.clicked.connect(self.undo_all)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.reuse_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        act = QAction(self.tr("Dùng lại giấy tờ đã có"), self)
        act.setShortcut(QKeySequence("Ctrl+U"))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(self.reuse_all)
        self.addAction(act)
        self.hide()

    def show_for(self, dossier: Dossier | None) -> None:
        from dossier.reuse import offers, used_in

        self.dossier = dossier
        if dossier is None:
            self.offered = []
            self.hide()
            return
        self.offered = list(offers(self._ctx.ws, dossier.id))
        used = used_in(self._ctx.ws, dossier.id)
        lines = []
        if self.offered:
            lines.append(self.tr("Người nộp đã có trên hệ thống (còn hạn):"))
            lines += [f"  ↺ {o.component_name} — {self.tr('đến')} {_day(o.item.valid_until)}"
                      for o in self.offered]
        if used:
            lines.append(self.tr("Đã dùng lại, không cần quét:"))
            lines += [f"  ✓ {u.type_name}" for u in used]
        self.label.setText("\n".join(lines))
        self.reuse_button.setVisible(bool(self.offered))
        self.undo_button.setVisible(bool(used))
        self.setVisible(bool(lines))

    def reuse_all(self) -> None:
        from dossier.reuse import reuse

        if self.dossier is None or not self.offered:
            return
        for offer in self.offered:
            reuse(self._ctx.ws, self.dossier.id, offer.item.id)
        self.changed.emit()

    def undo_all(self) -> None:
        from dossier.reuse import unreuse, used_in

        if self.dossier is None:
            return
        for u in used_in(self._ctx.ws, self.dossier.id):
            unreuse(self._ctx.ws, self.dossier.id, u.type_key)
        self.changed.emit()
