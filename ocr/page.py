"""The per-page pipeline: decode, find the page, size the text, orient, clean, recognise.

``recognise_page`` takes picklable arguments and returns a picklable ``PageResult``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ocr.cleaning import (
    binarise,
    dust_specks,
    ground_roughness,
    ink_grey,
    is_blank,
    lift_grey_seals,
    looks_like_text,
    remove_specks_and_shadows,
    to_png,
)
from ocr.engine import RawWord, reader
from ocr.geometry import deskew_array, estimate_pose, horizontal_skew, rotate_array
from ocr.loading import decode
from ocr.orientation import Candidate, choose_rotation, confidence
from ocr.prepare import find_page, flatten, line_count, rectify, scale_for, text_dpi, text_height
from ocr.results import OcrSettings, PageResult, Timings, Word

# Below this share of ink (inside the margins, after cleaning), and with no mark on it,
# a page is blank.
BLANK_INK_RATIO = 0.0004
# Text height is measured on a copy at most this many pixels on its long side.
_ANALYSIS_SIDE = 3500
# Enlarging stops at this many pixels (memory and time).
_MAX_WORK_PIXELS = 40_000_000
# A reading less sure than this is checked against a reading of the unprocessed grey.
CHECK_BELOW_CONFIDENCE = 80.0
# A rectified photo read less surely than this is checked against the photo as it came.
FALLBACK_BELOW_CONFIDENCE = 40.0
# Specks beyond this share of the ink make a page dusty (a photocopy): read the mask.
DUSTY_SHARE = 0.03
# From this many specks of dust apart from the text lines a page is a dusty copy, read
# without them (faded thermal print breaks into fewer such pieces).
DUST_SPECKS = 100
# Grey-level spread of the paper between the letters from which it is a dot screen or
# mottled toner, not scanner noise.
ROUGH_GROUND = 22.0
# Letter height (pixels) at which a screen is blurred by 1.5 pixels.
_SCREEN_TEXT_HEIGHT = 35.0
# Background spread (grey levels) from which the page is read flattened.
UNEVEN_PAPER = 40.0
# A reading that replaces another keeps at least this share of its characters.
KEEP_CHARS_SHARE = 0.9
# Line mode (Tesseract psm 7) for an image of one text line.
_SINGLE_LINE_PSM = 7
# One uniform block (psm 6) when Tesseract's column finder cut many rows in pieces, as it
# does with the right-aligned amounts of a receipt.
_SINGLE_BLOCK_PSM = 6
_SPLIT_ROWS_SHARE = 0.25
_SPLIT_ROWS_MIN = 4
# Below this skew (degrees) a page is not deskewed (as ``deskew_array``).
_NO_SKEW = 0.05

Points = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def image_dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # Some writers store 1 or 72 "dpi" meaning nothing; scans are 100-1200.
    return value if 100 <= value <= 1200 else None


def guess_dpi(width: int, height: int) -> int:
    """Resolution assuming an A4 sheet, within 100-600 (for records of unknown resolution)."""
    short_inches = 210 / 25.4
    return int(min(600, max(100, round(min(width, height) / short_inches / 10) * 10)))


def _resize(grey: NDArray[np.uint8], factor: float) -> NDArray[np.uint8]:
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return np.asarray(cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp),
                      dtype=np.uint8)


def _shrink_mask(ink: NDArray[np.bool_], size: tuple[int, int]) -> NDArray[np.bool_]:
    grey = cv2.resize(ink.astype(np.uint8) * 255, size, interpolation=cv2.INTER_AREA)
    return np.asarray(grey > 127)


def _measure_text(grey: NDArray[np.uint8]) -> float | None:
    """Letter height in ``grey`` pixels, from a binarisation that shrugs off shadows."""
    long_side = max(grey.shape)
    a = min(1.0, _ANALYSIS_SIDE / long_side)
    small = _resize(grey, a) if a < 1.0 else grey
    block = max(15, (min(small.shape) // 20) | 1)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                cv2.THRESH_BINARY_INV, block, 20) > 0
    height = text_height(ink)
    return None if height is None else height / a


def _oriented(ink: NDArray[np.bool_], rotation: int, skew: float) -> NDArray[np.bool_]:
    turned = rotate_array(ink.astype(np.uint8) * 255, rotation)
    return np.asarray(deskew_array(turned, skew, fill=0) > 127)


def _group_lines(raw: list[RawWord], to_frame: Points) -> tuple[tuple[Word, ...],
                                                                 tuple[str, ...]]:
    words: list[Word] = []
    keys: dict[tuple[int, int, int], int] = {}
    pieces: list[list[str]] = []
    for rw in raw:
        index = keys.get(rw.line_key)
        if index is None:
            index = keys[rw.line_key] = len(pieces)
            pieces.append([])
        pieces[index].append(rw.text)
        left, top, right, bottom = rw.box
        corners = to_frame(np.array([[left, top], [right, top], [right, bottom],
                                     [left, bottom]], dtype=np.float64))
        x0, y0 = np.floor(corners.min(axis=0)).astype(int)
        x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
        words.append(Word(rw.text, (int(x0), int(y0), int(x1), int(y1)), rw.confidence, index))
    lines = [" ".join(p) for p in pieces]
    return tuple(words), tuple(lines)


def recognise_page(
    image: bytes | Image.Image, settings: OcrSettings | None = None
) -> PageResult:
    """Recognise one page image (file bytes or a PIL image). Raises ``OcrError``."""
    settings = settings or OcrSettings()
    t0 = time.perf_counter()
    original = decode(image, settings.max_pixels)
    known_dpi = image_dpi(original) or settings.dpi_hint
    grey = ink_grey(original, settings.clean)
    # Whether our grey is the image's own (no coloured ink lifted): then a page that needs
    # nothing else is given to Tesseract as it came, and reads as plain Tesseract reads it.
    colour_lifted = original.mode != "L" and settings.clean and not np.array_equal(
        grey, ink_grey(original, False))
    orig_h, orig_w = grey.shape
    engine = reader(settings.languages)
    t1 = time.perf_counter()

    # A photographed sheet is cut out of its surroundings and flattened.
    homography: NDArray[np.float64] | None = None
    photo_grey = grey
    if settings.clean:
        quad = find_page(grey)
        if quad is not None:
            homography, size = rectify(quad)
            grey = np.asarray(cv2.warpPerspective(
                grey, homography, size, flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REPLICATE), dtype=np.uint8)
    height = _measure_text(grey)
    factor = scale_for(height)
    limit = (_MAX_WORK_PIXELS / max(1, grey.size)) ** 0.5
    factor = min(factor, max(1.0, limit))
    work = _resize(grey, factor) if factor != 1.0 else grey
    as_came: Image.Image | None = original
    if homography is not None or factor != 1.0 or colour_lifted:
        as_came = None
    del original
    work_height = height * factor if height else None
    if known_dpi and homography is None:
        work_dpi = round(known_dpi * factor)
    else:
        work_dpi = text_dpi(work_height) if work_height else 300
    # The grey as it came (at working size), for the check that our cleaning did no harm.
    as_is = work
    cleaned = False
    flat, spread = flatten(work, work_height) if settings.clean else (work, 0.0)
    if settings.clean and work_height and homography is None and spread < UNEVEN_PAPER:
        # A seal on a grey scan (or what colour separation left of a faint one) is taken
        # out by its shape; on even paper only (a shadow's greys would pass for a seal's),
        # and a photo keeps its colour, which lifts a seal out by itself.
        unsealed = lift_grey_seals(work, work_height)
        if unsealed is not None:
            work, as_came, cleaned = unsealed, None, True
            flat, spread = flatten(work, work_height)
    plain = work
    ink = binarise(flat)
    # Even paper is read as it came (Tesseract does well on it, and our changes would
    # only move it); shadows, lamp falloff and shaded boxes are read flattened.
    flattened = spread >= UNEVEN_PAPER
    dusty = False
    if not flattened:
        flat = plain
    if settings.clean:
        # Tesseract reads grey (its recognition uses the grey levels, which keeps faint
        # strokes): shadows at the edges are whitened there, specks are left to it, as
        # faint print breaks into specks of its own.
        flat = flat.copy()
        unshadowed = remove_specks_and_shadows(ink, work_dpi, specks=False)
        shadowed = ink & ~unshadowed
        if shadowed.any():
            flat[shadowed] = 255
            as_came = None
        kept = remove_specks_and_shadows(ink, work_dpi)
        # Toner dust (a photocopy) is the exception: Tesseract reads the cleaned mask.
        dusty = int((unshadowed & ~kept).sum()) > DUSTY_SHARE * max(1, int(kept.sum()))
        ink = kept
        if work_height:
            # A photocopy's dust and dots are whitened in the grey Tesseract reads, where
            # its letters keep their grey edges (the mask would lose faint strokes).
            dust, specks = dust_specks(unshadowed, work_height)
            print_ink = unshadowed & ~dust
            rough = ground_roughness(flat, print_ink) > ROUGH_GROUND
            if rough:
                # A copier's dot screen: blurred into an even grey that flattening takes
                # away (letters are far larger than its dots), then cleaned again.
                sigma = max(1.0, 1.5 * work_height / _SCREEN_TEXT_HEIGHT)
                flat, _ = flatten(np.asarray(cv2.GaussianBlur(plain, (0, 0), sigma), np.uint8),
                                  work_height)
                unshadowed = remove_specks_and_shadows(binarise(flat), work_dpi, specks=False)
                kept = remove_specks_and_shadows(unshadowed, work_dpi)
                dust, specks = dust_specks(unshadowed, work_height)
                print_ink = unshadowed & ~dust
                flattened = True
            if specks >= DUST_SPECKS or rough:
                # Dust, a dot screen or a mottled ground: only the print and its grey edges
                # stay; what lies beyond them is paper.
                near = cv2.dilate(print_ink.astype(np.uint8), np.ones((5, 5), np.uint8))
                flat[near == 0] = 255
                ink = kept & ~dust
                as_came = None
                dusty = False
                cleaned = True
    if flattened or dusty:
        as_came = None
    t2 = time.perf_counter()

    blank = is_blank(ink, work_dpi, BLANK_INK_RATIO)
    has_text = not blank and looks_like_text(ink, work_dpi)

    # Orientation: a small mask for the line estimates, recognition for the decision.
    shrink = min(1.0, 16.0 / work_height) if work_height else min(1.0, 150 / work_dpi)
    small = _shrink_mask(ink, (max(1, round(ink.shape[1] * shrink)),
                               max(1, round(ink.shape[0] * shrink)))) if shrink < 1 else ink
    deskew = settings.deskew and homography is None
    pose = estimate_pose(small, settings.max_skew, deskew, settings.orient)
    upright_skew = horizontal_skew(small, settings.max_skew) if deskew else 0.0
    t2b = time.perf_counter()
    pad = int(work_height or 20)

    def mode(mask: NDArray[np.bool_]) -> int:
        if settings.psm != 3:
            return settings.psm
        rows = np.nonzero(mask.any(axis=1))[0]
        one_line_tall = rows.size > 0 and work_height and (
            rows[-1] - rows[0] <= 3 * work_height)
        if one_line_tall and line_count(mask) == 1:
            return _SINGLE_LINE_PSM
        return 3

    def read(mask: NDArray[np.bool_]) -> list[RawWord]:
        return _read_mask(engine, mask, mode(mask), work_dpi, settings.timeout_s, pad)

    def untouched(rotation: int, skew: float, psm: int) -> Image.Image | None:
        """The image as it came, when that is what this reading would give Tesseract."""
        if as_came is None or rotation != 0 or abs(skew) >= _NO_SKEW or psm == _SINGLE_LINE_PSM:
            return None
        return as_came

    def read_full(rotation: int, skew: float) -> list[RawWord]:
        psm = mode(_oriented(ink, rotation, skew))
        source = untouched(rotation, skew, psm)
        if source is not None:
            return engine.read(source, psm, work_dpi, settings.timeout_s)
        if dusty:
            mask = _oriented(ink, rotation, skew)
            return _read_mask(engine, mask, mode(mask), work_dpi, settings.timeout_s, pad)
        grey_turned = deskew_array(rotate_array(flat, rotation), skew)
        return _read_grey(engine, grey_turned, psm, work_dpi, settings.timeout_s, pad)

    chosen = Candidate(0, upright_skew, None)
    if has_text:
        if settings.orient:
            def osd() -> tuple[int, float] | None:
                if min(small.shape) < 64:
                    return None  # too little for Tesseract's detector
                upright = np.where(_oriented(small, 0, upright_skew), 0, 255).astype(np.uint8)
                return engine.osd(Image.fromarray(upright, "L"))

            chosen = choose_rotation(ink, pose, upright_skew, read, read_full, _oriented, osd)
        if chosen.words is None:
            chosen = Candidate(chosen.rotation, chosen.skew,
                               read_full(chosen.rotation, chosen.skew), chosen.unsure)
    rotation, skew = chosen.rotation, chosen.skew
    raw = chosen.words or []
    final_ink = _oriented(ink, rotation, skew)
    if has_text and cleaned and confidence(raw) < CHECK_BELOW_CONFIDENCE:
        # Seal and dust removal can hurt paper they were not made for (faded thermal print
        # is no seal, nor are its broken strokes dust): the grey as it came is read too,
        # and when surer it is what the rest of the page is read from.
        grey_turned = deskew_array(rotate_array(as_is, rotation), skew)
        other = _read_grey(engine, grey_turned, mode(final_ink), work_dpi, settings.timeout_s,
                           pad)
        # Surer, and not by reading less (Tesseract is surest of the words it keeps).
        if (confidence(other) > confidence(raw) + 2.0
                and _chars(other) >= KEEP_CHARS_SHARE * _chars(raw)):
            raw, flat = other, as_is
    if settings.psm == 3 and _rows_cut(raw):
        source = untouched(rotation, skew, _SINGLE_BLOCK_PSM)
        if source is not None:
            block = engine.read(source, _SINGLE_BLOCK_PSM, work_dpi, settings.timeout_s)
        else:
            grey_turned = deskew_array(rotate_array(flat, rotation), skew)
            block = _read_grey(engine, grey_turned, _SINGLE_BLOCK_PSM, work_dpi,
                               settings.timeout_s, pad)
        if confidence(block) >= confidence(raw) - 3.0:
            raw = block
    if has_text and flattened and not cleaned and confidence(raw) < CHECK_BELOW_CONFIDENCE:
        # Our cleaning can hurt paper it was not made for: the grey as it came, in the
        # same geometry, is read too and the surer reading kept.
        grey_turned = deskew_array(rotate_array(as_is, rotation), skew)
        other = _read_grey(engine, grey_turned, mode(final_ink), work_dpi, settings.timeout_s,
                           pad)
        if confidence(other) > confidence(raw) + 2.0:
            raw = other
    from_photo = False
    if has_text and homography is not None and rotation == 0 and (
            confidence(raw) < FALLBACK_BELOW_CONFIDENCE):
        # The cut-out sheet read poorly (a wrong outline reads as nothing): the photo as it
        # came is read too, and kept when surer.
        other = _read_grey(engine, photo_grey, 3, text_dpi(height) if height else 300,
                           settings.timeout_s, pad)
        if confidence(other) > confidence(raw) + 2.0:
            raw, from_photo = other, True
    t3 = time.perf_counter()

    # Word boxes and the stored mask go to the upright frame of the original image.
    to_frame: Points
    if homography is None:
        turned_w, turned_h = (orig_w, orig_h) if rotation in (0, 180) else (orig_h, orig_w)
        out_w, out_h = turned_w, turned_h

        def to_frame(p: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.asarray(p / factor, dtype=np.float64)

        clean_png = to_png(final_ink if factor == 1.0 else _shrink_mask(final_ink,
                                                                       (out_w, out_h)))
    else:
        to_frame, clean_png, (out_w, out_h) = _photo_frame(
            final_ink, homography, factor, rotation, (orig_w, orig_h))
        skew = 0.0
        if from_photo:
            def to_frame(p: NDArray[np.float64]) -> NDArray[np.float64]:
                return p
    words, lines = _group_lines(raw, to_frame)
    t4 = time.perf_counter()
    confidences = [w.confidence for w in words]
    return PageResult(
        rotation=rotation,
        skew=skew,
        blank=blank,
        width=out_w,
        height=out_h,
        dpi=known_dpi,
        clean_png=clean_png,
        words=words,
        lines=lines,
        text="\n".join(lines),
        mean_confidence=(sum(confidences) / len(confidences)) if confidences else None,
        timings=Timings(decode=t1 - t0, geometry=t2b - t2, clean=t2 - t1, recognise=t3 - t2b,
                        total=t4 - t0),
        orientation_unsure=chosen.unsure and not blank,
    )


def _chars(raw: list[RawWord]) -> int:
    return sum(len(w.text) for w in raw)


def _rows_cut(raw: list[RawWord]) -> bool:
    """Whether many text lines were read as pieces in different blocks (false columns)."""
    boxes: dict[tuple[int, int, int], list[int]] = {}
    for w in raw:
        box = boxes.setdefault(w.line_key, [w.box[1], w.box[3]])
        box[0], box[1] = min(box[0], w.box[1]), max(box[1], w.box[3])
    lines = [(key[0], top, bottom) for key, (top, bottom) in boxes.items()]
    cut = 0
    for block, top, bottom in lines:
        for other, top2, bottom2 in lines:
            overlap = min(bottom, bottom2) - max(top, top2)
            if other != block and overlap > 0.5 * min(bottom - top, bottom2 - top2):
                cut += 1
                break
    return cut >= _SPLIT_ROWS_MIN and cut >= _SPLIT_ROWS_SHARE * len(lines)


def _photo_frame(
    final_ink: NDArray[np.bool_], homography: NDArray[np.float64], factor: float,
    rotation: int, size: tuple[int, int],
) -> tuple[Points, bytes, tuple[int, int]]:
    """Map work coordinates of a rectified photo back into the turned original photo."""
    orig_w, orig_h = size
    work_h, work_w = final_ink.shape  # turned work image
    # Work (turned, scaled, rectified) -> rectified unturned -> photo -> turned photo.
    flat_w, flat_h = (work_w, work_h) if rotation in (0, 180) else (work_h, work_w)
    turn_work = _turn_matrix(rotation, flat_w, flat_h)
    turn_photo = _turn_matrix(rotation, orig_w, orig_h)
    scale = np.diag([1 / factor, 1 / factor, 1.0])
    to_photo = turn_photo @ np.linalg.inv(homography) @ scale @ np.linalg.inv(turn_work)
    out_w, out_h = (orig_w, orig_h) if rotation in (0, 180) else (orig_h, orig_w)

    def to_frame(p: NDArray[np.float64]) -> NDArray[np.float64]:
        pts = np.hstack([p, np.ones((len(p), 1))]) @ to_photo.T
        return np.asarray(pts[:, :2] / pts[:, 2:3], dtype=np.float64)

    mask = cv2.warpPerspective(final_ink.astype(np.uint8) * 255, to_photo, (out_w, out_h),
                               flags=cv2.INTER_AREA, borderValue=0)
    return to_frame, to_png(mask > 127), (out_w, out_h)


def _turn_matrix(rotation: int, w: int, h: int) -> NDArray[np.float64]:
    """Homogeneous map of points of a (w, h) image turned ``rotation`` degrees clockwise."""
    r = rotation % 360
    if r == 0:
        return np.eye(3)
    if r == 90:
        return np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], dtype=np.float64)
    if r == 180:
        return np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], dtype=np.float64)
    return np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], dtype=np.float64)


def _padded(grey: NDArray[np.uint8], pad: int) -> Image.Image:
    pad = max(8, min(pad, 60))
    framed = cv2.copyMakeBorder(grey, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return Image.fromarray(framed, "L")


def _shift(raw: list[RawWord], pad: int) -> list[RawWord]:
    pad = max(8, min(pad, 60))
    return [RawWord(w.text, (w.box[0] - pad, w.box[1] - pad, w.box[2] - pad, w.box[3] - pad),
                    w.confidence, w.line_key) for w in raw]


def _read_mask(engine: object, ink: NDArray[np.bool_], psm: int, dpi: int, timeout: float,
               pad: int) -> list[RawWord]:
    # A 1-bit image: Tesseract reads exactly what clean_png shows, with a white margin
    # (it misses letters that touch the edge of the image).
    grey = np.where(ink, 0, 255).astype(np.uint8)
    image = _padded(grey, pad).convert("1")
    return _shift(engine.read(image, psm, dpi, timeout), pad)  # type: ignore[attr-defined]


def _read_grey(engine: object, grey: NDArray[np.uint8], psm: int, dpi: int, timeout: float,
               pad: int) -> list[RawWord]:
    return _shift(engine.read(_padded(grey, pad), psm, dpi, timeout), pad)  # type: ignore[attr-defined]
