"""The per-page pipeline: decode, orient, deskew, clean, recognise; a pure function.

``recognise_page`` takes picklable arguments and returns a picklable ``PageResult``.
"""

from __future__ import annotations

import time

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ocr.cleaning import (
    binarise,
    ink_grey,
    ink_ratio,
    looks_like_text,
    remove_specks_and_shadows,
    to_png,
)
from ocr.geometry import ESTIMATE_DPI, Pose, deskew_array, estimate_pose, rotate_array
from ocr.loading import decode
from ocr.results import OcrSettings, PageResult, Timings, Word
from ocr.tesseract import RawWord, detect_orientation, recognise

# Below this share of ink (inside the margins, after cleaning) a page is blank.
BLANK_INK_RATIO = 0.0004
# Only very low-resolution scans are enlarged: at 200 dpi Tesseract reads the page as
# it is better than an enlarged copy (measured on the noisy 200 dpi condition).
MIN_RECOGNITION_DPI = 150
# Up/down ratio of ink above and below text cores under which we ask Tesseract's OSD.
UNSURE_UPRIGHT_RATIO = 1.2
# A page read this poorly is read again turned over; the better reading wins. Upright
# text scores 85-95, text read upside down 30-50.
LOW_CONFIDENCE = 65.0


def image_dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # Some writers store 1 or 72 "dpi" meaning nothing; scans are 100-1200.
    return value if 100 <= value <= 1200 else None


def guess_dpi(width: int, height: int) -> int:
    """Resolution assuming an A4 sheet (the usual commune page), within 100-600."""
    short_inches = 210 / 25.4
    return int(min(600, max(100, round(min(width, height) / short_inches / 10) * 10)))


def _resize(grey: NDArray[np.uint8], factor: float) -> NDArray[np.uint8]:
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp),
                      dtype=np.uint8)


def _shrink_mask(ink: NDArray[np.bool_], size: tuple[int, int]) -> NDArray[np.bool_]:
    grey = cv2.resize(ink.astype(np.uint8) * 255, size, interpolation=cv2.INTER_AREA)
    return np.asarray(grey > 127)


def _pose(grey: NDArray[np.uint8], dpi: int, settings: OcrSettings) -> Pose:
    small = _resize(grey, ESTIMATE_DPI / dpi) if dpi > ESTIMATE_DPI else grey
    ink = binarise(small)
    if settings.clean:
        ink = remove_specks_and_shadows(ink, min(dpi, ESTIMATE_DPI))
    pose = estimate_pose(ink, settings.max_skew, settings.deskew, settings.orient)
    if settings.orient and pose.upright_ratio < UNSURE_UPRIGHT_RATIO:
        pose = _ask_osd(ink, pose, settings)
    return pose


def _ask_osd(ink: NDArray[np.bool_], pose: Pose, settings: OcrSettings) -> Pose:
    turned = rotate_array(np.where(ink, 0, 255).astype(np.uint8), pose.rotation)
    turned = deskew_array(turned, pose.skew)
    answer = detect_orientation(Image.fromarray(turned, "L"), settings.timeout_s)
    if answer is None or answer[1] < 1.5 or answer[0] == 0:
        return pose
    extra = answer[0]
    # A further quarter turn would put the lines across the page; skew then means nothing.
    skew = pose.skew if extra == 180 else 0.0
    return Pose((pose.rotation + extra) % 360, skew, pose.upright_ratio, pose.line_contrast)


def _group_lines(raw: list[RawWord], scale: float) -> tuple[tuple[Word, ...], tuple[str, ...]]:
    words: list[Word] = []
    lines: list[str] = []
    keys: dict[tuple[int, int, int], int] = {}
    pieces: list[list[str]] = []
    for rw in raw:
        index = keys.get(rw.line_key)
        if index is None:
            index = keys[rw.line_key] = len(pieces)
            pieces.append([])
        pieces[index].append(rw.text)
        box = rw.box if scale == 1.0 else (
            int(rw.box[0] * scale), int(rw.box[1] * scale),
            round(rw.box[2] * scale), round(rw.box[3] * scale),
        )
        words.append(Word(rw.text, box, rw.confidence, index))
    lines = [" ".join(p) for p in pieces]
    return tuple(words), tuple(lines)


def _read(ink: NDArray[np.bool_], settings: OcrSettings, dpi: int) -> list[RawWord]:
    # A 1-bit image: Tesseract reads exactly what clean_png shows.
    bitmap = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), "L").convert("1")
    return recognise(bitmap, settings.languages, settings.psm, dpi, settings.timeout_s)


def _confidence(raw: list[RawWord]) -> float:
    """Mean word confidence weighted by length: one confident letter does not count much."""
    total = sum(len(w.text) for w in raw)
    return sum(w.confidence * len(w.text) for w in raw) / total if total else 0.0


def recognise_page(
    image: bytes | Image.Image, settings: OcrSettings | None = None
) -> PageResult:
    """Recognise one page image (file bytes or a PIL image). Raises ``OcrError``."""
    settings = settings or OcrSettings()
    t0 = time.perf_counter()
    original = decode(image, settings.max_pixels)
    known_dpi = image_dpi(original) or settings.dpi_hint
    dpi = known_dpi or guess_dpi(*original.size)
    grey = ink_grey(original, settings.clean)
    del original
    t1 = time.perf_counter()

    pose = _pose(grey, dpi, settings) if settings.orient or settings.deskew else Pose(
        0, 0.0, 1.0, 1.0
    )
    grey = deskew_array(rotate_array(grey, pose.rotation), pose.skew)
    height, width = grey.shape
    t2 = time.perf_counter()

    factor = MIN_RECOGNITION_DPI / dpi if dpi < MIN_RECOGNITION_DPI else 1.0
    work = _resize(grey, factor) if factor != 1.0 else grey
    del grey
    work_dpi = round(dpi * factor)
    ink = binarise(work)
    if settings.clean:
        ink = remove_specks_and_shadows(ink, work_dpi)
    ratio = ink_ratio(ink)
    blank = ratio < BLANK_INK_RATIO
    # The stored image is in the coordinates of the words: the upright page.
    clean_png = to_png(ink if factor == 1.0 else _shrink_mask(ink, (width, height)))
    t3 = time.perf_counter()

    raw: list[RawWord] = []
    rotation = pose.rotation
    if not blank and looks_like_text(ink, work_dpi):
        raw = _read(ink, settings, work_dpi)
        if settings.orient and _confidence(raw) < LOW_CONFIDENCE:
            turned = np.ascontiguousarray(ink[::-1, ::-1])
            raw_turned = _read(turned, settings, work_dpi)
            if _confidence(raw_turned) > _confidence(raw) + 10.0:
                # Turning the deskewed page by 180 degrees about its centre commutes
                # with the deskew, so the skew angle stays as it is.
                raw, ink, rotation = raw_turned, turned, (rotation + 180) % 360
                clean_png = to_png(ink if factor == 1.0 else _shrink_mask(ink, (width, height)))
    words, lines = _group_lines(raw, 1.0 / factor)
    t4 = time.perf_counter()
    confidences = [w.confidence for w in words]
    return PageResult(
        rotation=rotation,
        skew=pose.skew,
        blank=blank,
        width=width,
        height=height,
        dpi=known_dpi,
        clean_png=clean_png,
        words=words,
        lines=lines,
        text="\n".join(lines),
        mean_confidence=(sum(confidences) / len(confidences)) if confidences else None,
        timings=Timings(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0),
    )
