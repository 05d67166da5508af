"""Reading input files into page images: PNG, JPEG, TIFF (multi-page) and PDF.

Types are told by content, not by name. Every failure is a :class:`RejectedFile`
whose message a clerk can act on.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from dossier.errors import RejectedFile

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
    ".tif": "TIFF",
    ".tiff": "TIFF",
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
            "không phải ảnh (PNG, JPEG, TIFF) hay PDF — định dạng không hỗ trợ",
            "not an image (PNG, JPEG, TIFF) or PDF — unsupported type",
        )
    return RejectedFile(
        "đây là tệp văn bản, không phải ảnh quét hay PDF",
        "this is a text file, not a scanned image or PDF",
    )


def read_pages(data: bytes, name: str = "") -> list[SourcePage]:
    """Every page of an input file. Raises :class:`RejectedFile` with the reason."""
    if not data:
        raise RejectedFile("tệp rỗng (0 byte)", "empty file (0 bytes)")
    media_type = sniff(data)
    if media_type is None:
        raise _describe_unknown(data, name)
    if media_type == "application/pdf":
        from dossier.pdfs import pdf_pages

        return pdf_pages(data)
    return _image_pages(data, media_type)


def _dpi(image: Image.Image) -> int | None:
    value = image.info.get("dpi")
    if not value:
        return None
    try:
        dpi = round(float(value[0]))
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if 50 <= dpi <= 2400 else None


def _check_size(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise RejectedFile("ảnh không có kích thước hợp lệ", "image has no valid size")
    if width * height > MAX_PIXELS:
        raise RejectedFile(
            f"ảnh quá lớn ({width}×{height} điểm ảnh), có thể là tệp độc hại",
            f"image too large ({width}×{height} pixels), possibly a decompression bomb",
        )


def _open_image(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise RejectedFile(
            "ảnh quá lớn, có thể là tệp độc hại", "image too large, possibly a decompression bomb"
        ) from e
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise RejectedFile(
            "ảnh bị hỏng, không đọc được", f"damaged image, cannot be read ({e})"
        ) from e


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


def _image_pages(data: bytes, media_type: str) -> list[SourcePage]:
    image = _open_image(data)
    _check_size(*image.size)
    frames = getattr(image, "n_frames", 1)
    if frames == 1:
        size = image.size
        _decode_fully(image, media_type)
        return [SourcePage(0, data, media_type, size[0], size[1], _dpi(image))]
    pages = []
    for index in range(frames):
        try:
            image.seek(index)
        except (EOFError, OSError) as e:
            raise RejectedFile(
                f"trang {index + 1} của tệp TIFF bị hỏng",
                f"page {index + 1} of the TIFF is damaged",
            ) from e
        _check_size(*image.size)
        _decode_fully(image)
        frame = image.copy()
        buffer = io.BytesIO()
        dpi = _dpi(image)
        frame.save(buffer, "PNG", dpi=(dpi, dpi) if dpi else None, compress_level=1)
        pages.append(
            SourcePage(index, buffer.getvalue(), "image/png", frame.width, frame.height, dpi)
        )
    return pages


def iter_pages(data: bytes, name: str = "") -> Iterator[SourcePage]:
    """The pages of an input file one at a time, for callers that stream (OCR starts on the
    first page while later ones are still being read; one page image held at a time).

    PDFs are streamed page by page; other files come through :func:`read_pages` (a
    multi-page TIFF reader that yields can be plugged in here the same way). Raises
    :class:`RejectedFile`, possibly after some pages have come.
    """
    if data and sniff(data) == "application/pdf":
        from dossier.pdfs import iter_pdf_pages

        yield from iter_pdf_pages(data)
        return
    yield from read_pages(data, name)


def iter_file_pages(path: Path) -> Iterator[SourcePage]:
    """:func:`iter_pages` of a file on disk; a PDF is read in place, never whole into
    memory. Raises OSError when the file cannot be read."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if head and sniff(head) == "application/pdf":
        from dossier.pdfs import iter_pdf_pages

        yield from iter_pdf_pages(path)
        return
    yield from read_pages(path.read_bytes(), path.name)
