"""Reading input files into page images: the one reader of import, watch, ocr, tag and pack.

Pictures (PNG, JPEG/JFIF, MPO, GIF, BMP, WEBP, TIFF of any depth and compression,
HEIC) go through :mod:`ocr.loading`; PDFs through :mod:`dossier.pdfs`. Types are told
by content, not by name. Every failure is a :class:`RejectedFile` whose message a clerk
can act on.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from dossier.errors import RejectedFile
from ocr import UnreadableImage, error_detail, picture_pages, to_page_mode

# A4 at 600 dpi is 35 Mpx; A3 at 600 dpi 70 Mpx. Anything far above is a
# mistake or a decompression bomb, refused before it is decoded.
MAX_PIXELS = 120_000_000

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"II+\x00", "image/tiff"),
    (b"MM\x00+", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)


@dataclass(frozen=True)
class SourcePage:
    """One page image taken out of an input file, losslessly."""

    index: int
    data: bytes  # the page image file (the input itself for single images)
    media_type: str
    width: int
    height: int
    dpi: int | None


def sniff(data: bytes) -> str | None:
    """The media type a file's first bytes announce (None when they announce none)."""
    head = data[:1024]
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if b"%PDF-" in head:
        return "application/pdf"
    return None


_EXPECTED = {
    ".pdf": "PDF",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jfif": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".gif": "GIF",
    ".bmp": "BMP",
    ".webp": "WEBP",
    ".heic": "HEIC",
    ".heif": "HEIC",
}


def _describe_unknown(data: bytes, name: str) -> RejectedFile:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    try:
        data[:512].decode("utf-8")
    except UnicodeDecodeError:
        if suffix in _EXPECTED:
            kind = _EXPECTED[suffix]
            return RejectedFile(
                f"tên tệp là {suffix} nhưng nội dung không phải {kind} "
                "(tệp hỏng hoặc sai định dạng)",
                f"named {suffix} but the content is not {kind} (damaged or wrong type)",
            )
        return RejectedFile(
            "không phải ảnh (PNG, JPEG, TIFF, GIF, BMP, WEBP, HEIC) hay PDF — "
            "định dạng không hỗ trợ",
            "not an image (PNG, JPEG, TIFF, GIF, BMP, WEBP, HEIC) or PDF — unsupported type",
            kind="unknown",
        )
    return RejectedFile(
        "đây là tệp văn bản, không phải ảnh quét hay PDF",
        "this is a text file, not a scanned image or PDF",
        kind="unknown" if suffix not in _EXPECTED else "refused",
    )


def read_pages(data: bytes, name: str = "") -> list[SourcePage]:
    """Every page of an input file. Raises :class:`RejectedFile` with the reason, and
    nothing else: whatever a library raises on a hostile file becomes a reason too."""
    if data and sniff(data) == "application/pdf":
        from dossier.pdfs import pdf_pages

        return list(_guarded(lambda: iter(pdf_pages(data))))
    return list(iter_pages(data, name))


def _picture_pages(data: bytes, name: str) -> Iterator[SourcePage]:
    if not data:
        raise RejectedFile("tệp rỗng (0 byte)", "empty file (0 bytes)")
    try:
        for p in picture_pages(data, MAX_PIXELS):
            yield SourcePage(p.index, p.data, p.media_type, p.width, p.height, p.dpi)
    except UnreadableImage as e:
        if e.kind == "unknown":
            raise _describe_unknown(data, name) from e
        raise RejectedFile(e.reason_vi, e.reason_en) from e


def _guarded(pages: Callable[[], Iterator[SourcePage]]) -> Iterator[SourcePage]:
    """``pages()`` with anything but a :class:`RejectedFile` (or an OSError reading the
    file) turned into one: a library's surprise on a hostile file is a reason too."""
    try:
        yield from pages()
    except (RejectedFile, OSError):
        raise
    except MemoryError as e:
        raise RejectedFile("tệp quá lớn, không đủ bộ nhớ để đọc",
                           "the file is too large to read in memory") from e
    except Exception as e:
        raise RejectedFile("tệp bị hỏng, không đọc được",
                           f"damaged file, cannot be read ({error_detail(e)})") from e


def _check_size(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise RejectedFile("ảnh không có kích thước hợp lệ", "image has no valid size")
    if width * height > MAX_PIXELS:
        raise RejectedFile(
            f"ảnh quá lớn ({width}×{height} điểm ảnh), có thể là tệp độc hại",
            f"image too large ({width}×{height} pixels), possibly a decompression bomb",
        )


def _decode_fully(image: Image.Image, media_type: str | None = None) -> None:
    """Read the whole file so that a truncated or damaged one is caught at import.

    PNG: every chunk's CRC up to IEND (no need to inflate the pixels). JPEG:
    the whole entropy-coded stream at 1/8 scale, which libjpeg decodes fast.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if media_type == "image/png":
                image.verify()
                return
            if media_type == "image/jpeg":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as e:
        raise RejectedFile(
            "ảnh bị hỏng hoặc bị cắt cụt, không đọc hết được",
            f"image is damaged or truncated ({e})",
        ) from e


def iter_pages(data: bytes, name: str = "") -> Iterator[SourcePage]:
    """The pages of an input file one at a time, for callers that stream (OCR starts on the
    first page while later ones are still being read; one page image held at a time).

    PDFs are streamed page by page, multi-page TIFFs frame by frame. Raises
    :class:`RejectedFile` (possibly after some pages have come), and nothing else.
    """
    if data and sniff(data) == "application/pdf":
        from dossier.pdfs import iter_pdf_pages

        return _guarded(lambda: iter_pdf_pages(data))
    return _guarded(lambda: _picture_pages(data, name))


def iter_file_pages(path: Path) -> Iterator[SourcePage]:
    """:func:`iter_pages` of a file on disk; a PDF is read in place, never whole into
    memory. Raises OSError (on the first ``next``) when the file cannot be read."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if head and sniff(head) == "application/pdf":
        from dossier.pdfs import iter_pdf_pages

        yield from _guarded(lambda: iter_pdf_pages(path))
        return
    yield from iter_pages(path.read_bytes(), path.name)


def open_page(data: bytes) -> Image.Image:
    """A stored page image, loaded, as the page it shows (mode 1, L or RGB, 8 bits): pages
    a workspace took in before every page was stored that way (16-bit TIFFs, transparent
    PNGs) show right too."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image = Image.open(io.BytesIO(data))
        image.load()
        return to_page_mode(image)
