"""Reading PDF files into page images, one page at a time.

A page that is exactly one stored image and no text is taken out as stored (JPEG byte
for byte, other encodings as lossless PNG); any other page is rendered with pdfium at
:data:`RENDER_DPI`. Pages come one at a time (:func:`iter_pdf_pages`): the first can be
recognised while later ones are still being read, and only one page image is held.

Import goes further (:func:`plan_pdf_pages`): a page that is not one stored JPEG is kept
as a reference into its PDF (media type :data:`PDF_PAGE`, the image blob being the PDF
itself), and made into its image only when something needs it (:class:`PageImages`).
The image is a derived artefact of the original, made the same way every time.

Failures are :class:`RejectedFile`: damaged, password-protected, no pages, too large.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PIL import Image

from dossier.errors import RejectedFile
from dossier.sources import MAX_PIXELS, SourcePage, _check_size, _decode_fully

if TYPE_CHECKING:
    from storage import Workspace
    from storage.model import Page

RENDER_DPI = 300
MAX_PDF_PAGES = 2000
#: The media type of a page kept as a reference into its PDF (page ``source_page``).
PDF_PAGE = "application/pdf"

# pdfium is not thread-safe: every call into it, from any thread, holds this lock.
_PDFIUM = threading.Lock()

PageImage = tuple[bytes, str, int, int, "int | None"]  # data, media type, width, height, dpi


def _password_protected() -> RejectedFile:
    return RejectedFile(
        "PDF có mật khẩu, hãy mở khóa rồi nhập lại",
        "the PDF is password-protected; unlock it and import again",
    )


def _damaged(error: BaseException) -> RejectedFile:
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    return RejectedFile("tệp PDF bị hỏng, không đọc được", f"damaged PDF ({detail})")


def _is_password_error(error: BaseException) -> bool:
    name = type(error).__name__.lower()
    text = str(error).lower()
    return "crypt" in name or "password" in name or "decrypt" in text or "password" in text


class PdfFile:
    """One open PDF: pypdf for its structure and stored images, pdfium (opened when first
    needed) to render. ``source`` is the file's bytes, its path, or a function opening a
    fresh seekable stream of it (a workspace blob): a file or blob is read in place,
    never whole into memory."""

    def __init__(self, source: bytes | Path | Callable[[], BinaryIO]) -> None:
        self._source = source
        self._streams: list[BinaryIO] = []
        self._pdfium: Any = None
        try:
            self.reader = self._open_reader()
            self.count = self._count()
        except BaseException:
            self.close()
            raise

    def _stream(self) -> BinaryIO:
        if isinstance(self._source, bytes):
            return io.BytesIO(self._source)
        if isinstance(self._source, Path):
            stream: BinaryIO = open(self._source, "rb")  # noqa: SIM115 (closed in close())
        else:
            stream = self._source()
        self._streams.append(stream)
        return stream

    def _open_reader(self) -> Any:
        from pypdf import PdfReader

        stream = self._stream()  # a file that cannot be opened is not "damaged": OSError
        try:
            with _quiet():
                reader = PdfReader(stream)
                if reader.is_encrypted and not reader.decrypt(""):
                    raise _password_protected()
            return reader
        except RejectedFile:
            raise
        except MemoryError as e:
            raise RejectedFile("tệp PDF quá lớn để đọc", "the PDF is too large to read") from e
        except Exception as e:  # pypdf raises assorted errors on hostile files
            raise _password_protected() if _is_password_error(e) else _damaged(e) from e

    def _count(self) -> int:
        try:
            with _quiet():
                count = len(self.reader.pages)
        except Exception as e:
            raise _password_protected() if _is_password_error(e) else _damaged(e) from e
        if count == 0:
            raise RejectedFile("tệp PDF không có trang nào", "the PDF has no pages")
        if count > MAX_PDF_PAGES:
            raise RejectedFile(f"tệp PDF quá nhiều trang ({count})", f"too many pages ({count})")
        return count

    def page(self, index: int) -> Any:
        try:
            with _quiet():
                return self.reader.pages[index]
        except Exception as e:
            raise _damaged(e) from e

    def image(self, index: int) -> PageImage:
        """Page ``index`` as an image: as stored when it is one image, else rendered."""
        try:
            extracted = _single_image(self.page(index))
            return extracted if extracted is not None else self.render(index)
        finally:
            self.forget()

    def forget(self) -> None:
        """Drop what pypdf keeps of the objects read so far (a page's image streams among
        them): without this its cache grows with every page of a long file."""
        self.reader.resolved_objects.clear()

    def render(self, index: int) -> PageImage:
        with _PDFIUM:
            if self._pdfium is None:
                self._pdfium = _open_pdfium(self._stream())
            return _render(self._pdfium, index)

    def close(self) -> None:
        with _PDFIUM:
            if self._pdfium is not None:
                self._pdfium.close()
                self._pdfium = None
        for stream in self._streams:
            stream.close()
        self._streams.clear()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's complaints about a damaged file are warnings and log lines: kept out of the
    output (the file's one line says what matters)."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def iter_pdf_pages(data: bytes | Path) -> Iterator[SourcePage]:
    """Every page of a PDF, one at a time. The file is checked (readable, not locked by a
    password, with pages) before the first page comes; a page that cannot be turned into
    an image raises :class:`RejectedFile` when it is reached."""
    pdf = PdfFile(data)
    try:
        for index in range(pdf.count):
            yield SourcePage(index, *pdf.image(index))
    finally:
        pdf.close()


def pdf_pages(data: bytes) -> list[SourcePage]:
    return list(iter_pdf_pages(data))


@dataclass(frozen=True)
class PlannedPage:
    """What import stores for one PDF page: its stored JPEG (``image/jpeg``, taken out
    byte for byte), or a reference (:data:`PDF_PAGE`) made into an image when needed;
    with the size that image has."""

    index: int
    media_type: str
    width: int
    height: int
    dpi: int | None


class PdfPlan:
    """A PDF checked for import, every page planned, none rendered (:func:`plan_pdf`)."""

    def __init__(self, pdf: PdfFile, pages: list[PlannedPage]) -> None:
        self._pdf = pdf
        self.pages = pages

    def jpeg(self, index: int) -> bytes:
        """The stored JPEG of a page planned as ``image/jpeg``, byte for byte."""
        try:
            with _quiet():
                stream = _stored_image(self._pdf.page(index), jpeg_only=True)
                if stream is None:
                    raise ValueError(f"page {index + 1} is no longer one JPEG")
                data: bytes = stream.get_data()
                return data
        except Exception as e:
            raise _damaged(e) from e
        finally:
            self._pdf.forget()


@contextlib.contextmanager
def plan_pdf(source: bytes | Path) -> Iterator[PdfPlan]:
    """Check a PDF for import and plan its pages, without rendering any.

    Every page is planned before anything is stored, so a file refused on its last page
    leaves nothing behind. A page that is one stored JPEG and no text is taken out (as
    :func:`iter_pdf_pages` would); any other stays a reference, with the size its image
    will have (rendered at :data:`RENDER_DPI`, or the stored image's own).
    """
    pdf = PdfFile(source)
    try:
        planned = []
        for index in range(pdf.count):
            page = pdf.page(index)
            jpeg = _single_image(page, jpeg_only=True)
            if jpeg is not None:
                planned.append(PlannedPage(index, *jpeg[1:]))
            else:
                planned.append(PlannedPage(index, PDF_PAGE, *_planned_size(page)))
            del jpeg
            pdf.forget()
        yield PdfPlan(pdf, planned)
    finally:
        pdf.close()


def _planned_size(page: Any) -> tuple[int, int, int | None]:
    """The size of the image page ``page`` will give, worked out without making it."""
    try:
        with _quiet():
            image = _stored_image(page)
            width_pt = float(page.mediabox.width)
            if image is not None:
                width, height = int(image["/Width"]), int(image["/Height"])
                _check_size(width, height)
                return width, height, round(width / (width_pt / 72)) if width_pt > 0 else None
            height_pt = float(page.mediabox.height)
            if int(page.get("/Rotate", 0) or 0) % 180:
                width_pt, height_pt = height_pt, width_pt
    except RejectedFile:
        raise
    except Exception as e:
        raise _damaged(e) from e
    scale = RENDER_DPI / 72  # as pdfium sizes its bitmap
    width, height = math.ceil(width_pt * scale), math.ceil(height_pt * scale)
    if width * height > MAX_PIXELS:
        raise RejectedFile("trang PDF quá lớn", "PDF page too large to render")
    _check_size(width, height)
    return width, height, RENDER_DPI


def _stored_image(page: Any, *, jpeg_only: bool = False) -> Any:
    """The page's one image XObject when the page is exactly that (upright, no text)."""
    if int(page.get("/Rotate", 0) or 0) % 360:
        return None  # would need turning: render instead
    xobjects = page["/Resources"].get("/XObject") or {}
    images = [x.get_object() for x in xobjects.values()]
    if len(images) != 1 or images[0].get("/Subtype") != "/Image":
        return None
    if jpeg_only and not _is_jpeg(images[0]):
        return None
    if (page.extract_text() or "").strip():
        return None
    return images[0]


def _is_jpeg(stream: Any) -> bool:
    filters = stream.get("/Filter")
    return bool(filters == "/DCTDecode" or (isinstance(filters, list)
                                            and filters == ["/DCTDecode"]))


def _single_image(page: Any, *, jpeg_only: bool = False) -> PageImage | None:
    """The page's image as stored, when the page is exactly one image and no text.

    JPEG streams are passed through byte for byte; other encodings are decoded
    by pypdf and kept as PNG, which is lossless (not with ``jpeg_only``).
    """
    try:
        with _quiet():
            stream = _stored_image(page, jpeg_only=jpeg_only)
            if stream is None:
                return None
            if _is_jpeg(stream):
                data: bytes = stream.get_data()
                media = "image/jpeg"
            else:
                pil = page.images[0].image
                buffer = io.BytesIO()
                pil.save(buffer, "PNG", compress_level=1)
                data, media = buffer.getvalue(), "image/png"
            image = Image.open(io.BytesIO(data))
            _check_size(*image.size)
            _decode_fully(image)
            width_pt = float(page.mediabox.width)
            dpi = round(image.width / (width_pt / 72)) if width_pt > 0 else None
            return data, media, image.width, image.height, dpi
    except RejectedFile:
        raise
    except Exception:  # anything unusual in the page: fall back to rendering it
        return None


def _open_pdfium(source: bytes | BinaryIO) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(source)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD,
                                            pdfium_c.FPDF_ERR_SECURITY):
            raise _password_protected() from e
        raise _damaged(e) from e


def _render(doc: Any, index: int) -> PageImage:
    import pypdfium2 as pdfium

    try:
        page = doc[index]
        width_pt, height_pt = page.get_size()
        if (width_pt * RENDER_DPI / 72) * (height_pt * RENDER_DPI / 72) > MAX_PIXELS:
            raise RejectedFile("trang PDF quá lớn", "PDF page too large to render")
        try:
            bitmap = page.render(scale=RENDER_DPI / 72)
            image = bitmap.to_pil().convert("RGB")  # a copy: the bitmap can go
            bitmap.close()
        finally:
            page.close()
    except (pdfium.PdfiumError, ValueError, OSError) as e:
        raise RejectedFile(f"trang {index + 1} của tệp PDF bị hỏng, không vẽ được",
                           f"page {index + 1} of the PDF is damaged and cannot be rendered "
                           f"({e})") from e
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(RENDER_DPI, RENDER_DPI), compress_level=1)
    return buffer.getvalue(), "image/png", image.width, image.height, RENDER_DPI


class PageImages:
    """Page images of a workspace, for a run over many pages (OCR, packing, thumbnails).

    A page kept as a reference into its PDF is made into its image here; the PDF stays
    open (read in place from its blob, never whole in memory) while the following pages
    come from it too. Close it (or use ``with``) when the run is over.
    """

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._sha: str | None = None
        self._pdf: PdfFile | None = None

    def read(self, page: Page) -> bytes:
        """The page's image file (as stored, or made from its PDF)."""
        if page.media_type != PDF_PAGE:
            return self._ws.blobs.read(page.image_sha)
        if self._sha != page.image_sha or self._pdf is None:
            self.close()
            sha = page.image_sha
            self._pdf = PdfFile(lambda: self._ws.blobs.open(sha))
            self._sha = sha
        return self._pdf.image(page.source_page)[0]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        self._pdf = None
        self._sha = None

    def __enter__(self) -> PageImages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def image_key(page: Page) -> str:
    """What names a page's image: its blob, and for a page kept inside its PDF (which
    its PDF's other pages share) the page number too."""
    if page.media_type == PDF_PAGE:
        return f"{page.image_sha}#{page.source_page}"
    return page.image_sha


def page_image(ws: Workspace, page: Page) -> bytes:
    """One page's image file (see :class:`PageImages` for runs over many pages)."""
    with PageImages(ws) as images:
        return images.read(page)
