"""Reading PDF files into page images.

A page that is exactly one stored image is taken out as stored (JPEG byte for
byte); any other page is rendered with pdfium. Failures are :class:`RejectedFile`.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from dossier.errors import RejectedFile
from dossier.sources import MAX_PIXELS, SourcePage, _check_size, _decode_fully

RENDER_DPI = 300
MAX_PDF_PAGES = 2000


def pdf_pages(data: bytes) -> list[SourcePage]:
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
