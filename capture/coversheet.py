"""Cover sheets between dossiers in a scanned stack, and the receipt's code.

A cover sheet is an A4 page with a large QR code ``SOHOA:1|dossier=…|procedure=…``;
zxing-cpp reads it in any orientation. Receipts carry the official dossier code.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from capture.errors import CaptureError
from failures import ExitCode

PREFIX = "SOHOA:1"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Official dossier codes: AGENCYID-YYMMDD-NNNN, e.g. 000.00.06.H56-231027-0361.
DOSSIER_CODE = re.compile(r"\b([0-9A-Z][0-9A-Z.]{2,30})-(\d{6})-(\d{4})\b")
PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
SHEET_DPI = 300
A4_MM = (210.0, 297.0)
# Pages are decoded at about this size: QR codes on cover sheets are large,
# and small images keep detection fast while the feeder runs.
DETECT_MAX_SIDE = 1800
BLANK_INK = 0.002


class CoverSheetError(CaptureError):
    exit_code = ExitCode.USAGE


class MarkKind(enum.StrEnum):
    PAGE = "page"          # an ordinary page of a dossier
    COVER = "cover"        # a Sohoa cover sheet: starts a dossier, not part of it
    RECEIPT = "receipt"    # a receipt with the dossier code: part of the dossier
    BLANK = "blank"        # no ink at all


@dataclass(frozen=True)
class PageMark:
    """What a scanned page tells about the stack it is in."""

    kind: MarkKind
    dossier: str | None = None
    procedure: str | None = None
    code: str | None = None      # an official dossier code read from a barcode


@dataclass(frozen=True)
class CoverPayload:
    dossier: str | None
    procedure: str | None


def encode_payload(dossier: str | None, procedure: str | None) -> str:
    parts = [PREFIX]
    if dossier:
        parts.append("dossier=" + quote(dossier, safe=".-_"))
    if procedure:
        parts.append("procedure=" + quote(procedure, safe=".-_"))
    return "|".join(parts)


def decode_payload(text: str) -> CoverPayload | None:
    """The cover sheet's content, or None when the text is not a Sohoa cover sheet."""
    parts = text.strip().split("|")
    if not parts or parts[0] != PREFIX:
        return None
    values: dict[str, str] = {}
    for part in parts[1:]:
        key, _, value = part.partition("=")
        values[key.strip()] = unquote(value.strip())
    return CoverPayload(values.get("dossier") or None, values.get("procedure") or None)


def find_dossier_code(text: str) -> str | None:
    match = DOSSIER_CODE.search(text)
    return match.group(0) if match else None


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        # Fonts elsewhere (Windows, frozen bundles): let FreeType search by name.
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            return ImageFont.load_default(size)


def render_cover_sheet(dossier: str | None, procedure: str | None, *,
                       procedure_name: str | None = None, dpi: int = SHEET_DPI) -> Image.Image:
    """The cover sheet as a bilevel A4 image at ``dpi``."""
    import segno

    if not dossier and not procedure:
        raise CoverSheetError("phiếu bìa cần mã hồ sơ hoặc mã thủ tục",
                              "a cover sheet needs a dossier id/code or a procedure code")
    if procedure and not PROCEDURE_CODE.match(procedure):
        raise CoverSheetError(
            f"mã thủ tục không hợp lệ: {procedure!r} (dạng 1.001193)",
            f"invalid procedure code: {procedure!r} (like 1.001193)",
        )
    width = round(A4_MM[0] / 25.4 * dpi)
    height = round(A4_MM[1] / 25.4 * dpi)
    mm = dpi / 25.4
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    qr = segno.make(encode_payload(dossier, procedure), error="m", micro=False)
    modules = qr.symbol_size(border=0)[0]
    scale = max(1, round(95 * mm / modules))
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=4)
    code_image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    top = round(20 * mm)
    draw.text((width / 2, top), "PHIẾU BÌA HỒ SƠ", font=_font(round(11 * mm), True), fill=0,
              anchor="mt")
    draw.text((width / 2, top + 15 * mm), "Tờ phân cách hồ sơ khi quét — Sohoa cover sheet",
              font=_font(round(4.5 * mm)), fill=0, anchor="mt")
    qr_top = round(top + 28 * mm)
    page.paste(code_image, ((width - code_image.width) // 2, qr_top))
    y = qr_top + code_image.height + 8 * mm
    lines: list[tuple[str, bool]] = []
    if dossier:
        lines.append((f"Hồ sơ: {dossier}", True))
    if procedure:
        lines.append((f"Thủ tục: {procedure}", True))
        if procedure_name:
            lines.append((procedure_name, False))
    lines.append((f"In ngày {dt.date.today():%d/%m/%Y}", False))
    for text, bold in lines:
        font = _font(round((7 if bold else 5) * mm), bold)
        for part in _wrap(draw, text, font, width - 40 * mm):
            draw.text((width / 2, y), part, font=font, fill=0, anchor="mt")
            y += (10 if bold else 7.5) * mm
    note = ("Đặt phiếu này lên trên các trang của hồ sơ rồi quét cả chồng. "
            "Phiếu bìa không được đưa vào hồ sơ.")
    y = height - 35 * mm
    for part in _wrap(draw, note, _font(round(4 * mm)), width - 40 * mm):
        draw.text((width / 2, y), part, font=_font(round(4 * mm)), fill=0, anchor="mt")
        y += 6 * mm
    return page.point(lambda v: 255 if v >= 128 else 0).convert("1")


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
          max_width: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= max_width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def cover_sheet_pdf(dossier: str | None, procedure: str | None, *,
                    procedure_name: str | None = None) -> bytes:
    """The cover sheet as a one-page A4 PDF (bilevel image, prints sharp)."""
    image = render_cover_sheet(dossier, procedure, procedure_name=procedure_name)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=SHEET_DPI, title="Phiếu bìa hồ sơ — Sohoa")
    return buffer.getvalue()


def _gray_small(data: bytes) -> Image.Image:
    opened = Image.open(io.BytesIO(data))
    opened.draft("L", (DETECT_MAX_SIDE, DETECT_MAX_SIDE))  # JPEG: decode at reduced size
    image = opened.convert("L")
    factor = max(image.size) / DETECT_MAX_SIDE
    if factor > 1:
        image = image.resize((round(image.width / factor), round(image.height / factor)),
                             Image.Resampling.BOX)
    return image


def is_blank(image: Image.Image) -> bool:
    """No ink beyond specks: a blank sheet (or the empty back of one)."""
    pixels = np.asarray(image, dtype=np.uint8)
    h, w = pixels.shape
    # Scanner edges and shadows are not ink.
    inner = pixels[h // 20: h - h // 20, w // 20: w - w // 20]
    if inner.size == 0:
        return False
    ink = inner < 128
    if float(ink.mean()) >= BLANK_INK:
        return False
    # Little ink is not enough: a sheet with one short line on it is not a separator.
    from ocr import MIN_MARKS, count_marks

    dpi = max(1, round(max(image.size) / (297 / 25.4)))  # the detection copy of an A4 sheet
    return count_marks(ink, dpi, margin=0.0) < MIN_MARKS


def detect(data: bytes) -> PageMark:
    """Read a page image: cover sheet, receipt with a dossier code, blank, or ordinary."""
    import zxingcpp

    try:
        image = _gray_small(data)
    except (OSError, ValueError, Image.DecompressionBombError):
        return PageMark(MarkKind.PAGE)
    if is_blank(image):
        return PageMark(MarkKind.BLANK)
    results = zxingcpp.read_barcodes(image)
    if not results:
        # A tilted sheet can defeat the fast pass; try again on a sharper binarisation.
        results = zxingcpp.read_barcodes(image, binarizer=zxingcpp.Binarizer.GlobalHistogram)
    code = None
    for result in results:
        payload = decode_payload(result.text)
        if payload is not None:
            return PageMark(MarkKind.COVER, payload.dossier, payload.procedure,
                            find_dossier_code(payload.dossier or ""))
        code = code or find_dossier_code(result.text)
    if code is not None:
        return PageMark(MarkKind.RECEIPT, code=code)
    return PageMark(MarkKind.PAGE)
