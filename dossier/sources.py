"""Reading input files into page images: PNG, JPEG, TIFF (multi-page) and PDF.

Types are told by content, not by name. Every failure is a :class:`RejectedFile`
whose message a clerk can act on.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from dossier.errors import RejectedFile

# A4 at 600 dpi is 35 Mpx; A3 at 600 dpi 70 Mpx. Anything far above is a
# mistake or a decompression bomb, refused before it is decoded.
MAX_PIXELS = 120_000_000
RENDER_DPI = 300
MAX_PDF_PAGES = 2000

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
        return _pdf_pages(data)
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


def _pdf_pages(data: bytes) -> list[SourcePage]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise RejectedFile(
                "PDF có mật khẩu, hãy mở khóa rồi nhập lại",
                "the PDF is password-protected; unlock it and import again",
            )
        count = len(reader.pages)
    except RejectedFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AssertionError) as e:
        raise RejectedFile("tệp PDF bị hỏng, không đọc được", f"damaged PDF ({e})") from e
    except Exception as e:  # pypdf raises assorted errors on hostile files
        if "crypt" in type(e).__name__.lower() or "decrypt" in str(e).lower():
            raise RejectedFile(
                "PDF có mật khẩu, hãy mở khóa rồi nhập lại",
                "the PDF is password-protected; unlock it and import again",
            ) from e
        raise RejectedFile("tệp PDF bị hỏng, không đọc được", f"damaged PDF ({e})") from e
    if count == 0:
        raise RejectedFile("tệp PDF không có trang nào", "the PDF has no pages")
    if count > MAX_PDF_PAGES:
        raise RejectedFile(f"tệp PDF quá nhiều trang ({count})", f"too many pages ({count})")
    pages = []
    pdfium_doc: Any = None
    try:
        for index, page in enumerate(reader.pages):
            extracted = _single_image(page)
            if extracted is None:
                if pdfium_doc is None:
                    pdfium_doc = _open_pdfium(data)
                extracted = _render(pdfium_doc, index)
            pages.append(SourcePage(index, *extracted))
    finally:
        if pdfium_doc is not None:
            pdfium_doc.close()
    return pages


def _single_image(page: Any) -> tuple[bytes, str, int, int, int | None] | None:
    """The page's image as stored, when the page is exactly one image and no text.

    JPEG streams are passed through byte for byte; other encodings are decoded
    by pypdf and kept as PNG, which is lossless.
    """
    try:
        if int(page.get("/Rotate", 0) or 0) % 360:
            return None  # would need turning: render instead
        xobjects = page["/Resources"].get("/XObject") or {}
        images = [x.get_object() for x in xobjects.values()]
        if len(images) != 1 or images[0].get("/Subtype") != "/Image":
            return None
        if (page.extract_text() or "").strip():
            return None
        stream = images[0]
        filters = stream.get("/Filter")
        if filters == "/DCTDecode" or (isinstance(filters, list) and filters == ["/DCTDecode"]):
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


def _open_pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise RejectedFile("tệp PDF bị hỏng, không đọc được", f"damaged PDF ({e})") from e


def _render(doc: Any, index: int) -> tuple[bytes, str, int, int, int | None]:
    page = doc[index]
    width_pt, height_pt = page.get_size()
    if (width_pt * RENDER_DPI / 72) * (height_pt * RENDER_DPI / 72) > MAX_PIXELS:
        raise RejectedFile("trang PDF quá lớn", "PDF page too large to render")
    bitmap = page.render(scale=RENDER_DPI / 72)
    image = bitmap.to_pil().convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(RENDER_DPI, RENDER_DPI), compress_level=1)
    return buffer.getvalue(), "image/png", image.width, image.height, RENDER_DPI
