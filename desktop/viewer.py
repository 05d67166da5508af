"""Looking at pages: a zoomable image view, the page viewer, and the OCR review beside the image.

Images are rendered in the background; a stale result (the clerk moved on) is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.images import ReviewImage, Word, render_page, render_review
from desktop.ops import OpContext
from dossier.editing import set_page_text
from storage.model import Page
from vntext.lookalike import misread_mark

LOW_CONFIDENCE = 70.0


class ImageView(QGraphicsView):
    """An image with optional word boxes; Ctrl+wheel or +/- zoom, drag to pan."""

    word_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform
                            | QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor("#e4e7eb")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pixmap: QGraphicsPixmapItem | None = None
        self._boxes: list[QGraphicsRectItem] = []
        self._current = -1
        self._fit = True

    def set_image(self, image: QImage | None) -> None:
        self.scene().clear()
        self._boxes = []
        self._current = -1
        self._pixmap = None
        if image is None or image.isNull():
            return
        self._pixmap = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(image.rect()))
        self.fit()

    def set_words(self, words: tuple[Word, ...]) -> None:
        for word in words:
            left, top, right, bottom = word.box
            item = self.scene().addRect(QRectF(left, top, right - left, bottom - top))
            low = unsure(word)
            item.setPen(self._pen(low))
            item.setData(0, low)
            item.setBrush(QBrush(QColor(255, 200, 0, 70) if low else Qt.BrushStyle.NoBrush))
            self._boxes.append(item)

    @staticmethod
    def _pen(low: bool) -> QPen:
        return QPen(QColor("#d97706"), 2) if low else QPen(Qt.PenStyle.NoPen)

    def highlight(self, index: int) -> None:
        if 0 <= self._current < len(self._boxes):
            self._boxes[self._current].setZValue(0)
            previous = self._boxes[self._current]
            previous.setPen(self._pen(bool(previous.data(0))))
        self._current = index
        if 0 <= index < len(self._boxes):
            box = self._boxes[index]
            box.setPen(QPen(QColor("#1f6feb"), 4))
            box.setZValue(1)
            self.ensureVisible(box, 60, 60)

    def zoom(self, factor: float) -> None:
        self._fit = False
        self.scale(factor, factor)

    def fit(self) -> None:
        self._fit = True
        if self._pixmap is not None:
            self.fitInView(self._pixmap, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self._fit = False
        self.resetTransform()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        for i, box in enumerate(self._boxes):
            if box.rect().contains(pos):
                self.word_clicked.emit(i)
                break
        super().mousePressEvent(event)


def unsure(word: Word) -> bool:
    """A word to check: OCR was unsure of it, or it is a common form word with the wrong
    marks ("nắm" for "năm"), which OCR can be sure of and still get wrong."""
    return word.confidence < LOW_CONFIDENCE or misread_mark(word.text)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width``×``height``, or less so it fits the screen's free area
    (a 1366×768 laptop has about 1366×720 once the taskbar and title bar are counted)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - 24)
        height = min(height, area.height() - 48)   # the window's own title bar
    widget.resize(max(width, 320), max(height, 240))


def zoom_bar(view: ImageView, parent: QWidget) -> QHBoxLayout:
    bar = QHBoxLayout()
    for text, tip, slot, key in (
        ("−", QCoreApplication.translate("ImageView", "Thu nhỏ (Ctrl+-)"),
         lambda: view.zoom(1 / 1.25), "Ctrl+-"),
        ("+", QCoreApplication.translate("ImageView", "Phóng to (Ctrl++)"),
         lambda: view.zoom(1.25), "Ctrl++"),
        (QCoreApplication.translate("ImageView", "Vừa khung"),
         QCoreApplication.translate("ImageView", "Vừa khung (Ctrl+0)"), view.fit, "Ctrl+0"),
        ("100%", QCoreApplication.translate("ImageView", "Kích thước thật"),
         view.actual_size, ""),
    ):
        button = QPushButton(text, parent)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        bar.addWidget(button)
        if key:
            shortcut = QShortcut(QKeySequence(key), parent)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
    bar.addStretch(1)
    return bar


class PageViewer(QWidget):
    """One page, upright, with zoom."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._token = 0
        self.view = ImageView(self)
        self.caption = QLabel(self)
        self.caption.setObjectName("subtitle")
        layout = QVBoxLayout(self)
        bar = zoom_bar(self.view, self)
        bar.addWidget(self.caption)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.page_id: int | None = None

    def show_page(self, page: Page | None) -> None:
        self._token += 1
        token = self._token
        self.page_id = page.id if page else None
        if page is None:
            self.view.set_image(None)
            self.caption.setText("")
            return
        info = f"{page.source_name}"
        if page.blank:
            info += " · " + self.tr("có thể là trang trắng")
        if page.confidence is not None:
            info += " · " + self.tr("OCR {c:.0f}%").format(c=page.confidence)
        self.caption.setText(info)

        def work(op: OpContext) -> QImage:
            return render_page(op.ws, page)

        (self._ctx.ops.run("page", work, quiet=True)
         .on_success(lambda image: self._shown(token, image))
         .on_failure(lambda e: self.caption.setText(str(e)))
         .start())

    def _shown(self, token: int, image: QImage) -> None:
        if token == self._token:
            self.view.set_image(image)


class ReviewWidget(QWidget):
    """OCR review: the image with word boxes beside the editable text.

    Low-confidence words are tinted in both; a click on a word (either side)
    shows its box. Typing is kept as a draft in the workspace within a second,
    so a crash loses nothing; Ctrl+S stores the corrected text.
    """

    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._token = 0
        self._page: Page | None = None
        self._words: tuple[Word, ...] = ()
        self._spans: list[tuple[int, int]] = []
        self._loading = False
        self.view = ImageView(self)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("Chưa có chữ nhận dạng cho trang này."))
        font = self.text.font()
        font.setPointSize(12)
        self.text.setFont(font)
        self.status = QLabel(self)
        self.status.setObjectName("subtitle")
        # However long the message, it never widens its column: the text pane under the
        # clerk's mouse stays where it is.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status.setMinimumWidth(0)
        self.save_button = QPushButton(self.tr("Lưu chữ (Ctrl+S)"), self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        legend = QLabel(self.tr("Từ tô vàng: máy đọc chưa chắc, hãy kiểm tra."), self)
        legend.setWordWrap(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(zoom_bar(self.view, left))
        left_layout.addWidget(self.view, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(legend)
        right_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        self._button_row = row
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(700)
        self._draft_timer.timeout.connect(self._write_draft)
        self.text.textChanged.connect(self._changed)
        self.text.cursorPositionChanged.connect(self._cursor_moved)
        self.view.word_clicked.connect(self._word_clicked)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    def add_button(self, button: QPushButton) -> None:
        """A button beside Save (the dialog's Close)."""
        self._button_row.addWidget(button)

    # Loading ---------------------------------------------------------------------

    def show_page(self, page: Page | None) -> None:
        self._flush_draft()
        self._token += 1
        token = self._token
        self._page = page
        self._words = ()
        self.view.set_image(None)
        self._loading = True
        self.text.setPlainText("")
        self._loading = False
        if page is None:
            self.status.setText("")
            return
        draft = self._ctx.ws.get_setting(self._ctx.draft_key("page_text", page.id)) or ""
        self._loading = True
        self.text.setPlainText(draft or page.text or "")
        self._loading = False
        self.status.setText(self.tr("Bản nháp chưa lưu (khôi phục sau khi tắt máy)")
                            if draft else "")

        def work(op: OpContext) -> ReviewImage:
            return render_review(op.ws, page)

        (self._ctx.ops.run("review", work, quiet=True)
         .on_success(lambda result: self._loaded(token, result))
         .on_failure(lambda e: self.status.setText(str(e)))
         .start())

    def _loaded(self, token: int, result: ReviewImage) -> None:
        if token != self._token:
            return
        self.view.set_image(result.image)
        self._words = result.words
        self.view.set_words(result.words)
        self._mark_words()

    def _mark_words(self) -> None:
        """Find each OCR word in the (possibly edited) text, in order; tint the unsure ones."""
        text = self.text.toPlainText()
        self._spans = []
        at = 0
        for word in self._words:
            found = text.find(word.text, at)
            if found < 0:
                self._spans.append((-1, -1))
                continue
            self._spans.append((found, found + len(word.text)))
            at = found + len(word.text)
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe066"))
        for word, (start, end) in zip(self._words, self._spans, strict=True):
            if start < 0 or not unsure(word):
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = self.text.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def low_confidence_count(self) -> int:
        return sum(1 for w in self._words if unsure(w))

    # Interaction -----------------------------------------------------------------

    def _cursor_moved(self) -> None:
        pos = self.text.textCursor().position()
        for i, (start, end) in enumerate(self._spans):
            if start <= pos <= end and start >= 0:
                self.view.highlight(i)
                return

    def _word_clicked(self, index: int) -> None:
        if 0 <= index < len(self._spans) and self._spans[index][0] >= 0:
            start, end = self._spans[index]
            cursor = self.text.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.text.setTextCursor(cursor)
        self.view.highlight(index)

    def _changed(self) -> None:
        if self._loading or self._page is None:
            return
        self.status.setText(self.tr("Đang sửa…"))
        self._draft_timer.start()

    def _write_draft(self) -> None:
        if self._page is None:
            return
        self._ctx.ws.set_setting(self._ctx.draft_key("page_text", self._page.id),
                                 self.text.toPlainText())
        self.status.setText(self.tr("Bản nháp đã giữ — nhấn Ctrl+S để lưu"))
        self._mark_words()

    def _flush_draft(self) -> None:
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self._write_draft()

    def save(self) -> None:
        if self._page is None:
            return
        self._draft_timer.stop()
        set_page_text(self._ctx.ws, self._page.id, self.text.toPlainText())
        self._ctx.ws.set_setting(self._ctx.draft_key("page_text", self._page.id), "")
        self.status.setText(self.tr("Đã lưu."))
        self._mark_words()
        self.saved.emit(self._page.id)
