"""Make the image Tesseract reads: coloured ink lifted out, binarised, speckle and shadows gone.

Only the recognition copy is changed; the colour original is never touched.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Ink is at least this much darker than the paper around it (grey levels).
PAPER_CONTRAST = 60
# ... or, on quiet paper, at least this much (faded print).
MIN_PAPER_CONTRAST = 30


def ink_grey(image: Image.Image, suppress_colour: bool = True) -> NDArray[np.uint8]:
    """Grey levels where red seals and blue signatures are lifted towards paper white.

    Black toner stays dark under a seal (multiplied ink stays near-neutral), while
    saturated red or blue strokes have a bright maximum channel and a large chroma.
    """
    if image.mode == "L":
        return np.asarray(image, dtype=np.uint8)
    rgb = np.asarray(image.convert("RGB"))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if not suppress_colour:
        return np.asarray(grey, dtype=np.uint8)
    # OpenCV's saturating uint8 arithmetic: about twenty times faster than numpy here.
    r, g, b = cv2.split(rgb)
    mx = cv2.max(cv2.max(r, g), b)
    chroma = cv2.subtract(mx, cv2.min(cv2.min(r, g), b))
    _, coloured = cv2.threshold(chroma, 45, 255, cv2.THRESH_BINARY)
    if not cv2.countNonZero(coloured):
        return np.asarray(grey, dtype=np.uint8)
    lifted = cv2.max(grey, cv2.add(mx, chroma))
    out = grey.copy()
    cv2.copyTo(lifted, coloured, out)
    return np.asarray(out, dtype=np.uint8)


def binarise(grey: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """Ink mask by Otsu's threshold on a lightly smoothed copy (sensor noise averaged out).

    The threshold is kept below the paper's own level by a margin that follows the
    paper's noise: on a blank page Otsu would otherwise split the scanner noise in two
    and call half of it ink, while faded thermal print is only a little darker than
    clean paper.
    """
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    otsu, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    hist = cv2.calcHist([smooth], [0], None, [256], [0, 256]).ravel()
    cumulative = np.cumsum(hist)
    paper = int(np.searchsorted(cumulative, 0.9 * hist.sum()))  # 90th percentile
    median = int(np.searchsorted(cumulative, 0.5 * hist.sum()))
    # Spread of the paper around its level, from below the median: above it a
    # flattened page is clipped at white.
    lower = int(np.searchsorted(cumulative, 0.25 * hist.sum()))
    noise = max(1.0, (median - lower) / 0.674)
    margin = max(MIN_PAPER_CONTRAST, min(PAPER_CONTRAST, 6.0 * noise))
    threshold = min(float(otsu), paper - margin)
    _, mask = cv2.threshold(smooth, threshold, 255, cv2.THRESH_BINARY_INV)
    return np.asarray(mask > 0)


def stroke_width(ink: NDArray[np.bool_]) -> float:
    """Typical stroke width in pixels: ink area over half its outline length."""
    ink8 = ink.astype(np.uint8)
    inner = int(cv2.erode(ink8, np.ones((3, 3), np.uint8)).sum())
    total = int(ink8.sum())
    edges = total - inner
    return 2.0 * total / edges if edges else 0.0


def remove_specks_and_shadows(ink: NDArray[np.bool_], dpi: int,
                              specks: bool = True) -> NDArray[np.bool_]:
    """Drop dust-sized specks and large blobs that touch the edge (lid shadows, page edges).

    The speck limit follows the stroke width: the dot of an i or a dot-below mark is
    about 1.5 strokes across, so it survives, while toner dust on a photocopy whose
    strokes have thickened is removed. Blobs that size are only removed when there are
    more of them than letters; on other pages they are marks and punctuation.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return ink
    h, w = ink.shape
    scale = (dpi / 300.0) ** 2
    area = stats[:, cv2.CC_STAT_AREA]
    left = stats[:, cv2.CC_STAT_LEFT]
    top = stats[:, cv2.CC_STAT_TOP]
    cw = stats[:, cv2.CC_STAT_WIDTH]
    ch = stats[:, cv2.CC_STAT_HEIGHT]
    width = stroke_width(ink)
    limit = max(3.0, min(1.3 * width * width if width else 14 * scale, 60 * scale))
    small = area < limit
    small[0] = False
    # More mark-sized blobs than letters means toner dust: remove up to mark size.
    # Otherwise the small blobs are dots, colons and tone marks, and only dust goes.
    dusty = int(small.sum()) > int((~small).sum()) - 1
    speck = small if dusty else area < max(3.0, 4 * scale)
    if dusty:
        # Marks sit just above or below letters; dust smaller than a dot goes anyway.
        speck &= ~(_beside_letters(np.asarray(labels, dtype=np.int32),
                                   np.asarray(stats, dtype=np.int32), small, ink.shape)
                   & (area >= max(6.0, 0.4 * limit)))
    touches = (left == 0) | (top == 0) | (left + cw >= w) | (top + ch >= h)
    shadow = touches & ((ch > h * 0.2) | (cw > w * 0.2))
    drop = (speck | shadow) if specks else shadow
    drop[0] = False  # label 0 is the background
    if not drop.any():
        return ink
    return np.asarray(ink & ~drop[labels])


def _beside_letters(labels: NDArray[np.int32], stats: NDArray[np.int32],
                    small: NDArray[np.bool_], shape: tuple[int, ...]) -> NDArray[np.bool_]:
    """Small blobs just above or below a letter: tone marks and dots, not dust."""
    h = stats[:, cv2.CC_STAT_HEIGHT]
    w = stats[:, cv2.CC_STAT_WIDTH]
    letter = ~small & (h >= 6) & (w <= 3 * h) & (h < shape[0] * 0.2)
    letter[0] = False
    if not letter.any():
        return np.zeros(len(stats), dtype=bool)
    size = float(np.median(h[letter]))
    reach = max(3, round(size * 0.6))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, reach // 2), 2 * reach + 1))
    near = cv2.dilate(letter[labels].astype(np.uint8), kernel)
    cx = np.clip(stats[:, cv2.CC_STAT_LEFT] + w // 2, 0, shape[1] - 1)
    cy = np.clip(stats[:, cv2.CC_STAT_TOP] + h // 2, 0, shape[0] - 1)
    return np.asarray(near[cy, cx] > 0)


def ink_ratio(ink: NDArray[np.bool_]) -> float:
    """Share of ink pixels inside the page, ignoring a 3% border where scanners leave edges."""
    h, w = ink.shape
    my, mx = max(1, h * 3 // 100), max(1, w * 3 // 100)
    inner = ink[my:h - my, mx:w - mx]
    return float(inner.mean()) if inner.size else 0.0


# A shape at least this long (mm) is a mark, not noise: the smallest printed letters are
# about 1.5 mm high, dust and sensor noise far less (and mostly removed as specks).
MARK_MIN_MM = 1.0
# A page with this many marks is written on, however little ink they hold.
MIN_MARKS = 2


def count_marks(ink: NDArray[np.bool_], dpi: int, margin: float = 0.03) -> int:
    """Ink shapes inside the page's margins at least :data:`MARK_MIN_MM` long: the
    evidence that a page carries something (a letter, a digit, a line, a signature)."""
    h, w = ink.shape
    my, mx = max(1, int(h * margin)), max(1, int(w * margin))
    inner = ink[my:h - my, mx:w - mx]
    if inner.size == 0 or not inner.any():
        return 0
    _, _, stats, _ = cv2.connectedComponentsWithStats(inner.astype(np.uint8), connectivity=8)
    longest = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    return int((longest >= MARK_MIN_MM * max(dpi, 1) / 25.4).sum())


def is_blank(ink: NDArray[np.bool_], dpi: int, max_ratio: float) -> bool:
    """Blank only on evidence: hardly any ink, and none of it shaped like a mark. A page
    holding one short line is not blank, however little of it is ink."""
    return ink_ratio(ink) < max_ratio and count_marks(ink, dpi) < MIN_MARKS


def to_png(ink: NDArray[np.bool_]) -> bytes:
    """A 1-bit PNG, black ink on white (small enough to store for every page)."""
    ok, buf = cv2.imencode(".png", np.where(ink, 0, 255).astype(np.uint8),
                           [cv2.IMWRITE_PNG_BILEVEL, 1])
    if not ok:  # pragma: no cover - OpenCV only fails on empty arrays
        raise ValueError("PNG encoding failed")
    return bytes(buf.tobytes())


# Character-sized ink at 100 dpi: about 1.3-10 mm high, at most 15 mm wide.
_CHAR_MIN_H, _CHAR_MAX_H, _CHAR_MAX_W = 5, 40, 60
# A page needs this many character-sized shapes, holding this share of its ink,
# to be worth reading.
MIN_TEXT_SHAPES = 3
MIN_TEXT_SHARE = 0.25


def looks_like_text(ink: NDArray[np.bool_], dpi: int) -> bool:
    """Whether the page's ink is mostly character-sized shapes (judged at 100 dpi).

    A page of stripes, a photograph or a scanner's test pattern is not; sending
    such a page to Tesseract costs tens of seconds and reads nothing.
    """
    factor = 100.0 / max(dpi, 1)
    small = cv2.resize(ink.astype(np.uint8) * 255, None, fx=factor, fy=factor,
                       interpolation=cv2.INTER_AREA) > 64
    _, _, stats, _ = cv2.connectedComponentsWithStats(small.astype(np.uint8), connectivity=8)
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    chars = (heights >= _CHAR_MIN_H) & (heights <= _CHAR_MAX_H) & (widths <= _CHAR_MAX_W)
    share = float(areas[chars].sum()) / max(1.0, float(areas.sum()))
    return int(chars.sum()) >= MIN_TEXT_SHAPES and share >= MIN_TEXT_SHARE
