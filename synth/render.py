"""Render Vietnamese text onto white pages with known ground truth.

Used by tests and benchmarks of every stage that reads pages (OCR, tagging, records).
"""

from __future__ import annotations

import enum
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from failures import ExitCode, SohoaError

MM_PER_INCH = 25.4

# Paper sizes in millimetres (width, height), portrait.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
}

# Font key -> (family name for fc-match, regular file, bold file) under the Debian font dirs.
_FONT_FILES: dict[str, tuple[str, str, str]] = {
    "times": (
        "Liberation Serif",
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
    ),
    "dejavu": ("DejaVu Serif", "dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "noto_serif": ("Noto Serif", "noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"),
    "arial": (
        "Liberation Sans",
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
    ),
}
_FONT_ALIASES = {"serif": "times", "sans": "arial"}

#: Font keys accepted by :func:`render_page` and :func:`render_lines`.
FONTS: tuple[str, ...] = tuple(_FONT_FILES)

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)

NATIONAL_HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


class SynthError(SohoaError):
    """Synthetic pages could not be made."""

    exit_code = ExitCode.FAILED


class FontNotFoundError(SynthError):
    pass


class Align(enum.Enum):
    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


@dataclass(frozen=True)
class LineStyle:
    """How one logical line (a paragraph, heading or field) is set."""

    size_pt: float = 13.0
    bold: bool = False
    align: Align = Align.LEFT
    space_before_pt: float = 0.0
    indent_mm: float = 0.0


BODY = LineStyle()
PARAGRAPH = LineStyle(space_before_pt=6.0, indent_mm=10.0)
HEADING = LineStyle(size_pt=13.0, bold=True, align=Align.CENTRE)
MOTTO = LineStyle(size_pt=13.0, bold=True, align=Align.CENTRE)
TITLE = LineStyle(size_pt=15.0, bold=True, align=Align.CENTRE, space_before_pt=18.0)
SUBTITLE = LineStyle(size_pt=13.0, align=Align.CENTRE, space_before_pt=4.0)
FIELD = LineStyle(size_pt=13.0, space_before_pt=4.0)
SIGNATURE = LineStyle(size_pt=13.0, bold=True, align=Align.RIGHT, space_before_pt=18.0)


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page and what is written on it.

    ``text`` is the ground truth: rendered lines (after word-wrapping) joined by
    "\\n", NFC. ``line_boxes`` are (left, top, right, bottom) pixel boxes of the
    ink of each rendered line, in the same order. ``overflow`` holds the logical
    lines that did not fit on the page, untouched.
    """

    image: Image.Image
    text: str
    lines: tuple[str, ...]
    line_boxes: tuple[tuple[int, int, int, int], ...]
    dpi: int
    overflow: tuple[str, ...] = ()


def font_path(font: str, bold: bool = False) -> Path:
    """The TrueType file for a font key ("times", "dejavu", "noto_serif", "arial")."""
    key = _FONT_ALIASES.get(font, font)
    if key not in _FONT_FILES:
        raise FontNotFoundError(
            f"phông chữ không rõ: {font!r} — unknown font {font!r} (use one of {', '.join(FONTS)})"
        )
    family, regular, bold_file = _FONT_FILES[key]
    rel = bold_file if bold else regular
    for base in _FONT_DIRS:
        candidate = base / rel
        if candidate.is_file():
            return candidate
    found = _fc_match(f"{family}:{'bold' if bold else 'regular'}", family)
    if found is not None:
        return found
    raise FontNotFoundError(
        f"không tìm thấy phông {family} — font {family} not found "
        "(install fonts-liberation2, fonts-dejavu-core and fonts-noto-core)"
    )


def _fc_match(pattern: str, family: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family}\t%{file}", pattern],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    fam, _, file = out.partition("\t")
    # fc-match always answers something; accept it only if it is the family asked for.
    if family.lower() in fam.lower() and file and Path(file).is_file():
        return Path(file)
    return None


@lru_cache(maxsize=64)
def _load_font(font: str, bold: bool, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(font, bold)), size_px)


def page_pixels(size: str | tuple[float, float], dpi: int) -> tuple[int, int]:
    """Pixel size of a paper size name ("A4") or (width_mm, height_mm) at ``dpi``."""
    if isinstance(size, str):
        try:
            mm = PAPER_SIZES[size.upper()]
        except KeyError:
            raise SynthError(f"khổ giấy không rõ: {size} — unknown paper size {size}") from None
    else:
        mm = size
    return round(mm[0] / MM_PER_INCH * dpi), round(mm[1] / MM_PER_INCH * dpi)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_lines(
    lines: Sequence[tuple[str, LineStyle]],
    font: str = "times",
    dpi: int = 300,
    size: str | tuple[float, float] = "A4",
    margins_mm: tuple[float, float, float, float] = (30.0, 20.0, 20.0, 20.0),
    line_spacing: float = 1.25,
) -> RenderedPage:
    """Set logical lines (text, style) top to bottom, word-wrapped, on a white RGB page.

    ``margins_mm`` is (left, top, right, bottom); the Vietnamese administrative
    layout has a wide left margin for binding.
    """
    width, height = page_pixels(size, dpi)
    px_per_mm = dpi / MM_PER_INCH
    left = round(margins_mm[0] * px_per_mm)
    top = round(margins_mm[1] * px_per_mm)
    right = width - round(margins_mm[2] * px_per_mm)
    bottom = height - round(margins_mm[3] * px_per_mm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = float(top)
    out_lines: list[str] = []
    boxes: list[tuple[int, int, int, int]] = []
    overflow: list[str] = []
    for index, (raw, style) in enumerate(lines):
        text = unicodedata.normalize("NFC", raw)
        size_px = max(6, round(style.size_pt / 72.0 * dpi))
        fnt = _load_font(font, style.bold, size_px)
        indent = style.indent_mm * px_per_mm
        advance = size_px * line_spacing
        y_try = y + style.space_before_pt / 72.0 * dpi if out_lines else y
        wrapped = _wrap(text, fnt, right - left - indent)
        if not wrapped:  # an empty logical line is vertical space
            y = y_try + advance
            continue
        if y_try + advance > bottom:
            overflow.extend(t for t, _ in lines[index:])
            break
        y = y_try
        for n, piece in enumerate(wrapped):
            if y + advance > bottom:
                # Keep the ground truth exact: the rest of this paragraph goes to overflow.
                overflow.append(" ".join(wrapped[n:]))
                overflow.extend(t for t, _ in lines[index + 1:])
                break
            line_width = fnt.getlength(piece)
            if style.align is Align.CENTRE:
                x = left + (right - left - line_width) / 2
            elif style.align is Align.RIGHT:
                x = right - line_width
            else:
                x = left + (indent if n == 0 else 0)
            draw.text((x, y), piece, font=fnt, fill=(0, 0, 0))
            bbox = draw.textbbox((x, y), piece, font=fnt)
            boxes.append((int(bbox[0]), int(bbox[1]), int(bbox[2]) + 1, int(bbox[3]) + 1))
            out_lines.append(piece)
            y += advance
        else:
            continue
        break
    image.info["dpi"] = (dpi, dpi)
    return RenderedPage(
        image=image,
        text="\n".join(out_lines),
        lines=tuple(out_lines),
        line_boxes=tuple(boxes),
        dpi=dpi,
        overflow=tuple(overflow),
    )


def render_page(
    paragraphs: Sequence[str],
    font: str = "times",
    dpi: int = 300,
    size: str | tuple[float, float] = "A4",
    size_pt: float = 13.0,
) -> RenderedPage:
    """Running text: each paragraph indented and word-wrapped, as much as fits on one page."""
    style = LineStyle(size_pt=size_pt, space_before_pt=6.0, indent_mm=10.0)
    return render_lines([(p, style) for p in paragraphs], font=font, dpi=dpi, size=size)


def form_lines(
    title: str,
    fields: Sequence[tuple[str, str]],
    agency: str | None = None,
    closing: Sequence[str] = (),
) -> list[tuple[str, LineStyle]]:
    """Lines of a typical form: national heading, centred bold title, "label: value" lines."""
    out: list[tuple[str, LineStyle]] = [
        (NATIONAL_HEADING[0], HEADING),
        (NATIONAL_HEADING[1], MOTTO),
    ]
    if agency:
        out.append((agency, SUBTITLE))
    out.append((title, TITLE))
    out.extend((f"{label}: {value}", FIELD) for label, value in fields)
    out.extend((line, SIGNATURE) for line in closing)
    return out
