"""Measure and even out what a photo or an odd-sized scan brings: page outline, light, text size.

Each function works on grey arrays and returns numbers or new arrays; nothing here reads text.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

# Tesseract reads best when letters with ascenders are about this tall (pixels).
GOOD_TEXT_HEIGHT = 30.0
# Smaller text than this is enlarged, larger than HUGE is reduced (it only costs time).
SMALL_TEXT_HEIGHT = 20.0
HUGE_TEXT_HEIGHT = 80.0
# Ascender height of 11 pt body text in inches: text height over this is the resolution.
_TEXT_INCHES = 11 / 72 * 0.7


def text_height(ink: NDArray[np.bool_]) -> float | None:
    """Typical height in pixels of letters (75th percentile of glyph-like shapes), or None."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if count < 6:
        return None
    w = stats[1:, cv2.CC_STAT_WIDTH]
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    area = stats[1:, cv2.CC_STAT_AREA]
    fill = area / np.maximum(1, w * h)
    # Glyphs: not specks, not rules or boxes, not long strokes; some fill, not solid blocks.
    glyph = (h >= 4) & (w <= 3 * h) & (h <= 4 * w + 4) & (fill > 0.08) & (fill < 0.95)
    glyph &= h < ink.shape[0] * 0.5
    heights = h[glyph]
    if heights.size < 5:
        return None
    # Dots of a copier's screen or toner dust can outnumber the letters: then only shapes
    # of a letter's order of size are counted.
    small = heights < 0.3 * np.percentile(heights, 95)
    if small.mean() > 0.5 and (~small).sum() >= 5:
        heights = heights[~small]
    return float(np.percentile(heights, 75))


def text_dpi(height: float) -> int:
    """The resolution at which ``height`` pixels would be 11 pt text."""
    return int(max(70, min(1200, round(height / _TEXT_INCHES))))


def scale_for(height: float | None) -> float:
    """Resize factor that brings text of ``height`` pixels into Tesseract's good range."""
    if height is None:
        return 1.0
    if height < SMALL_TEXT_HEIGHT:
        return min(4.0, GOOD_TEXT_HEIGHT / height)
    if height > HUGE_TEXT_HEIGHT:
        return max(0.2, 50.0 / height)
    return 1.0


def flatten(grey: NDArray[np.uint8], height: float | None) -> tuple[NDArray[np.uint8], float]:
    """Divide out the paper's own brightness: shadows, lamp falloff, shaded boxes, tint.

    The background is a grey closing (dark strokes thinner than the kernel vanish) at a
    reduced size; areas wider than a text line, such as a shaded box, keep their level
    and come out white, with their text on it. Also returns how uneven the background
    was (grey levels between its 2nd and 98th percentiles).
    """
    h = height or 30.0
    shrink = min(1.0, 16.0 / h)
    small = cv2.resize(grey, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) \
        if shrink < 1.0 else grey
    k = max(5, round(h * shrink * 0.9) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.blur(background, (3, 3))
    low, high = np.percentile(background, (2, 98))
    spread = float(high - low)
    if shrink < 1.0:
        background = cv2.resize(background, (grey.shape[1], grey.shape[0]),
                                interpolation=cv2.INTER_LINEAR)
    background = np.maximum(background, 1)
    flat = cv2.divide(grey, background, scale=255.0)
    return np.asarray(flat, dtype=np.uint8), spread


def find_page(grey: NDArray[np.uint8]) -> NDArray[np.float32] | None:
    """Corners (tl, tr, br, bl) of a sheet photographed on a darker ground, or None.

    None for a scan (the paper fills the frame) or when no clear four-sided outline shows.
    """
    h, w = grey.shape
    shrink = 800.0 / max(h, w)
    small = cv2.resize(grey, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) \
        if shrink < 1.0 else grey
    shrink = min(shrink, 1.0)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    sh, sw = blur.shape
    candidates: list[NDArray[np.float32]] = []
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    edges = cv2.dilate(cv2.Canny(blur, 30, 90), np.ones((3, 3), np.uint8))
    edge_regions = cv2.bitwise_not(edges)
    for mask in (bright, edge_regions):
        # Open first: lit grain on the table must not bridge to the sheet.
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((7, 7), np.uint8))
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            quad = _quad_of(np.asarray(contour, dtype=np.int32), sw, sh)
            if quad is not None:
                candidates.append(quad)
        if candidates:
            break
    if not candidates:
        return None
    quad = candidates[0]
    if not _paper_stands_out(np.asarray(blur, dtype=np.uint8), quad):
        return None
    return np.asarray(quad / shrink, dtype=np.float32)


def _quad_of(contour: NDArray[np.int32], w: int, h: int) -> NDArray[np.float32] | None:
    area = cv2.contourArea(contour)
    if area < 0.2 * w * h:
        return None
    hull = cv2.convexHull(contour)
    if area < 0.8 * cv2.contourArea(hull):
        return None  # ragged: not one sheet
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            break
    else:
        return None
    pts = approx.reshape(4, 2).astype(np.float32)
    # A page filling the frame is a scan or a crop: nothing to correct.
    margin = 0.015 * max(w, h)
    near_edge = ((pts[:, 0] < margin) | (pts[:, 0] > w - 1 - margin)
                 | (pts[:, 1] < margin) | (pts[:, 1] > h - 1 - margin))
    if near_edge.sum() >= 3 or cv2.contourArea(pts) > 0.95 * w * h:
        return None
    if abs(cv2.contourArea(pts) - cv2.contourArea(hull)) > 0.08 * cv2.contourArea(hull):
        return None  # four corners that do not fit the outline
    ordered = _order(pts)
    for i in range(4):
        a, b, c = ordered[i - 1], ordered[i], ordered[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(cos) > 0.45:  # a corner far from square is not a sheet seen by a phone
            return None
    return ordered


def _order(pts: NDArray[np.float32]) -> NDArray[np.float32]:
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)],
                     pts[np.argmax(d)]], dtype=np.float32)


def _paper_stands_out(grey: NDArray[np.uint8], quad: NDArray[np.float32]) -> bool:
    mask = np.zeros(grey.shape, np.uint8)
    cv2.fillConvexPoly(mask, quad.astype(np.int32), 255)
    inside = float(np.median(grey[mask > 0]))
    outside_px = grey[mask == 0]
    if outside_px.size < 100:
        return False
    return inside - float(np.median(outside_px)) > 25


def rectify(quad: NDArray[np.float32]) -> tuple[NDArray[np.float64], tuple[int, int]]:
    """Homography from the photo to the flat page, and the flat page's (width, height)."""
    tl, tr, br, bl = quad
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]],
                      dtype=np.float32)
    return cv2.getPerspectiveTransform(quad, target).astype(np.float64), (width, height)


def line_count(ink: NDArray[np.bool_]) -> int:
    """Text lines in an upright ink mask, from the gaps in its row profile."""
    rows = ink.sum(axis=1)
    if not rows.any():
        return 0
    threshold = max(1, int(0.02 * rows.max()))
    on = rows >= threshold
    edges = np.diff(on.astype(np.int8), prepend=0, append=0)
    starts = np.nonzero(edges == 1)[0]
    ends = np.nonzero(edges == -1)[0]
    runs = ends - starts
    if runs.size == 0:
        return 0
    tall = runs.max()
    # Tone marks and dots above a line form thin runs of their own: not lines.
    return int((runs >= 0.4 * tall).sum())
