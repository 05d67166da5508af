"""Tìm kiếm: full-text search over every digitised page, marks optional, matches highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop import actions
from desktop.context import AppContext
from desktop.models import ObjectRole, SearchModel, snippet_html


class HitDelegate(QStyledItemDelegate):
    """Thumbnail on the left; file name and the snippet with marked matches on the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(ObjectRole)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight().color().lighter(170))
        pix = index.data(Qt.ItemDataRole.DecorationRole)
        x = option.rect.left() + 8
        if pix is not None:
            scaled = pix.scaled(QSize(70, 96), Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(x, option.rect.top() + 6, scaled)
            painter.setPen(QColor("#c4cdd5"))   # the sheet's edge on a white list
            painter.drawRect(x, option.rect.top() + 6, scaled.width() - 1, scaled.height() - 1)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        model = index.model()
        heading = html.escape(model.heading(hit) if isinstance(model, SearchModel) else "")
        doc.setHtml(f"<b>{heading}</b><br>{snippet_html(hit)}")
        doc.setTextWidth(option.rect.width() - 100)
        painter.translate(x + 84, option.rect.top() + 6)
        doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 100, 100))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), 110)


class SearchView(QWidget):
    open_page = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self._latest = ""
        title = QLabel(self.tr("Tìm kiếm trong các trang đã số hóa"), self)
        title.setObjectName("title")
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(
            self.tr("Gõ tên, số định danh, nội dung… (không dấu cũng được)"))
        self.query.setClearButtonEnabled(True)
        font = self.query.font()
        font.setPointSize(14)
        self.query.setFont(font)
        self.count = QLabel(self)
        self.count.setObjectName("subtitle")
        self.model = SearchModel(ctx.thumbs, self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self.run_search)

    def run_search(self) -> object:
        self._timer.stop()
        text = self.query.text().strip()
        self._latest = text
        op = actions.search(self._ctx.ops, text, title=self.tr("Tìm kiếm"))
        op.on_success(self._show)
        return op.start()

    def _show(self, result: actions.SearchResult) -> None:
        if result.query != self._latest:
            return  # a newer search is on its way
        self.model.set_hits(result.hits, result.pages, result.dossiers)
        if result.query:
            self.count.setText(self.tr("{n} trang khớp với “{q}”").format(
                n=len(result.hits), q=result.query))
        else:
            self.count.setText("")

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(ObjectRole)
        if hit is not None:
            self.open_page.emit(hit.page_id)
