"""Typed inputs and outputs of the OCR stage: settings, words, page results, timings.

All of them are frozen and picklable so they cross process boundaries unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class OcrSettings:
    """Knobs of the per-page pipeline; the defaults are what Sohoa uses."""

    languages: str = "vie"
    dpi_hint: int | None = None  # used when the image does not say its resolution
    psm: int = 3  # Tesseract page segmentation: 3 fully automatic (forms and running text)
    orient: bool = True  # find 90/180/270 page turns
    deskew: bool = True
    max_skew: float = 15.0  # degrees searched either way
    clean: bool = True  # suppress red/blue ink, speckle and edge shadows
    timeout_s: float = 180.0  # per Tesseract run
    # Wall time one page may take in its worker, all runs together. Tesseract's own
    # deadline bounds recognition only, not layout analysis, which on some patterned
    # backgrounds runs for an hour: past this, the worker is stopped and the page fails.
    page_deadline_s: float = 300.0
    max_pixels: int = 120_000_000  # larger images are refused (decompression bombs)


class Timings(NamedTuple):
    """Seconds spent in each step of one page."""

    decode: float = 0.0
    geometry: float = 0.0
    clean: float = 0.0
    recognise: float = 0.0
    total: float = 0.0


@dataclass(frozen=True)
class Word:
    """One recognised word; ``box`` is (left, top, right, bottom) in the upright, deskewed image."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float  # 0..100
    line: int  # index into PageResult.lines


@dataclass(frozen=True)
class PageResult:
    """Everything recognition learned about one page.

    ``rotation`` is degrees clockwise applied to the original to make it upright;
    ``skew`` is degrees counter-clockwise (as ``PIL.Image.rotate``) applied after that.
    ``upright_image(original, rotation, skew)`` gives the colour image ``Word.box`` refers to.
    """

    rotation: int
    skew: float
    blank: bool
    width: int
    height: int
    dpi: int | None
    clean_png: bytes
    words: tuple[Word, ...]
    lines: tuple[str, ...]
    text: str
    mean_confidence: float | None
    timings: Timings
    orientation_unsure: bool = False  # kept as it came; the signs of a turn did not agree
