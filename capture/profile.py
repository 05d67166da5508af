"""Scan profiles: which tray, how fine, colour or gray, what paper size.

Sohoa never scans below 200 dpi: Decree 30/2020 sets that floor for digitised copies.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from capture.errors import ProfileError
from vntext.digitisation import MIN_DPI

DEFAULT_DPI = 300
MAX_DPI = 1200


class PaperSource(enum.StrEnum):
    FLATBED = "flatbed"
    ADF = "adf"          # automatic document feeder, one side
    DUPLEX = "duplex"    # feeder, both sides


class ColorMode(enum.StrEnum):
    COLOR = "color"
    GRAY = "gray"


@dataclass(frozen=True)
class PageSize:
    """Scan area in millimetres."""

    name: str
    width_mm: float
    height_mm: float


A4 = PageSize("A4", 210.0, 297.0)
A5 = PageSize("A5", 148.0, 210.0)
LETTER = PageSize("Letter", 215.9, 279.4)
LEGAL = PageSize("Legal", 215.9, 355.6)
PAGE_SIZES = {size.name.lower(): size for size in (A4, A5, LETTER, LEGAL)}


def page_size(name: str) -> PageSize:
    """A named size (A4, A5, Letter, Legal) or ``WIDTHxHEIGHT`` in millimetres."""
    key = name.strip().lower()
    if key in PAGE_SIZES:
        return PAGE_SIZES[key]
    try:
        width, height = (float(part) for part in key.split("x"))
    except ValueError as e:
        raise ProfileError(
            f"khổ giấy không hợp lệ: {name!r} (A4, A5, Letter, Legal hoặc RỘNGxCAO mm)",
            f"invalid page size: {name!r} (A4, A5, Letter, Legal or WIDTHxHEIGHT in mm)",
        ) from e
    if width <= 0 or height <= 0:
        raise ProfileError(f"khổ giấy không hợp lệ: {name!r}", f"invalid page size: {name!r}")
    return PageSize(f"{width:g}x{height:g}", width, height)


@dataclass(frozen=True)
class ScanProfile:
    """What to ask the scanner for. Validated on creation."""

    source: PaperSource = PaperSource.ADF
    dpi: int = DEFAULT_DPI
    color: ColorMode = ColorMode.COLOR
    size: PageSize = A4

    def __post_init__(self) -> None:
        if self.dpi < MIN_DPI:
            raise ProfileError(
                f"độ phân giải {self.dpi} dpi quá thấp: bản số hóa phải từ {MIN_DPI} dpi trở lên "
                "(Nghị định 30/2020/NĐ-CP)",
                f"{self.dpi} dpi is too low: digitised copies need at least {MIN_DPI} dpi",
            )
        if self.dpi > MAX_DPI:
            raise ProfileError(
                f"độ phân giải {self.dpi} dpi quá cao (tối đa {MAX_DPI})",
                f"{self.dpi} dpi is too high (at most {MAX_DPI})",
            )
