"""Page pictures for the screens: thumbnails and upright images, made off the GUI thread.

``ThumbnailCache`` asks for each thumbnail once, in the background, and says when it is ready.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap

from desktop.ops import OpContext, Operations
from dossier import words as stored_words
from dossier.pdfs import image_key, page_image
from dossier.session import Workspace
from dossier.sources import open_page
from storage.model import Page

THUMB_SIZE = 168


def pil_to_qimage(image: Image.Image) -> QImage:
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    # copy(): the QImage must own its pixels once ``data`` goes away.
    return QImage(data, rgba.width, rgba.height, rgba.width * 4,
                  QImage.Format.Format_RGBA8888).copy()


def open_page_image(ws: Workspace, page: Page) -> Image.Image:
    return open_page(page_image(ws, page))


def rotated(image: Image.Image, rotation: int) -> Image.Image:
    """``rotation`` is degrees clockwise (PIL turns anticlockwise)."""
    return image.rotate(-rotation, expand=True) if rotation % 360 else image


def render_thumbnail(ws: Workspace, page: Page, side: int = THUMB_SIZE) -> QImage:
    image = open_page_image(ws, page)
    image.draft("RGB", (side * 2, side * 2))
    image = image.convert("RGB")
    image.thumbnail((side, side))
    return pil_to_qimage(rotated(image, page.rotation))


def render_page(ws: Workspace, page: Page, max_side: int = 2400) -> QImage:
    image = open_page_image(ws, page).convert("RGB")
    image.thumbnail((max_side, max_side))
    return pil_to_qimage(rotated(image, page.rotation))


# A recognised word with its box, confidence and line, as the review screen draws it.
Word = stored_words.StoredWord


@dataclass(frozen=True)
class ReviewImage:
    """The upright image the OCR words' boxes refer to, with those words."""

    page_id: int
    image: QImage
    words: tuple[Word, ...]


def render_review(ws: Workspace, page: Page) -> ReviewImage:
    original = open_page_image(ws, page)
    words: tuple[Word, ...] = ()
    skew = page.skew or 0.0
    rotation = page.rotation
    if page.words_sha:
        stored = stored_words.read(ws, page.words_sha)
        rotation, skew = stored.rotation, stored.skew
        words = stored.words
    try:
        import ocr

        upright = ocr.upright_image(original, rotation, skew)
    except (ImportError, AttributeError):
        upright = rotated(original.convert("RGB"), rotation)
    return ReviewImage(page.id, pil_to_qimage(upright), words)


def placeholder(size: int = THUMB_SIZE, text: str = "…") -> QPixmap:
    pix = QPixmap(QSize(int(size * 0.72), size))
    pix.fill(QColor("#eef1f5"))
    painter = QPainter(pix)
    painter.setPen(QColor("#9aa5b1"))
    painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pix


class ThumbnailCache(QObject):
    """Thumbnails keyed by image and rotation; each is made once, in the background."""

    ready = Signal(str)

    def __init__(self, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._done: dict[str, QPixmap] = {}
        self._icons: dict[str, QIcon] = {}
        self._asked: set[str] = set()
        self._placeholder = placeholder()
        self._placeholder_icon = QIcon(self._placeholder)

    @staticmethod
    def key(page: Page) -> str:
        return f"{image_key(page)}:{page.rotation}"

    def get(self, page: Page) -> QPixmap:
        key = self.key(page)
        pix = self._done.get(key)
        if pix is not None:
            return pix
        if key not in self._asked:
            self._asked.add(key)

            def make(ctx: OpContext, page: Page = page) -> QImage:
                return render_thumbnail(ctx.ws, page)

            def made(image: QImage, key: str = key) -> None:
                self._store(key, image)

            def failed(_error: object, key: str = key) -> None:
                self._store(key, placeholder(text="!").toImage())

            self._ops.run("thumbnail", make, quiet=True).on_success(made).on_failure(failed).start()
        return self._placeholder

    def icon(self, page: Page) -> QIcon:
        """The thumbnail as an icon, which item views scale to their icon size."""
        self.get(page)
        return self._icons.get(self.key(page), self._placeholder_icon)

    def has(self, page: Page) -> bool:
        return self.key(page) in self._done

    def _store(self, key: str, image: QImage) -> None:
        self._done[key] = QPixmap.fromImage(image)
        self._icons[key] = QIcon(self._done[key])
        self.ready.emit(key)
