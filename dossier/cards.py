"""A second look at pages OCR read little of: identity cards copied onto a sheet.

A card photocopied on grey or patterned paper, tilted, with a halftone screen,
can read as nothing as a whole page: the background drowns the text. Cut out
each card-shaped region, turned upright, and recognise it on its own.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import cv2
import numpy as np
from PIL import Image

# Pages with more letters than this were read: no second look.
POOR_TEXT_LETTERS = 300
_WORK_DPI = 50
_CARD_ASPECT = (1.3, 1.85)     # ID-1 cards 1.586, passport data pages about 1.42
_AREA_SHARE = (0.015, 0.45)    # of the page
_MAX_CARDS = 3
# Looking for cards by their outline (white paper): resolution, how much darker than
# the paper counts as ink, and the widest gap of a copied edge that is closed.
_OUTLINE_DPI = 75
_OUTLINE_DROP = 15
_OUTLINE_GAP_MM = 2.0
# cv2.minAreaRect: (centre, size, angle)
Rect = tuple[Sequence[float], Sequence[float], float]


def poor_text(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) < POOR_TEXT_LETTERS


def _dpi(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    if dpi and dpi[0]:
        return max(72, min(1200, round(float(dpi[0]))))
    # An A4 sheet: guess from its width.
    return max(72, round(min(image.size) / 8.27))


def card_faces(data: bytes) -> list[bytes]:
    """PNG images of the card-shaped regions of a page image, upright, largest first."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            dpi = _dpi(opened)
            grey = np.asarray(opened.convert("L"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return []
    factor = _WORK_DPI / dpi
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    found = _light(small, mask)
    paper, top = float(np.median(small)), float(np.percentile(small, 99))
    if not found and top - paper >= 12:
        # Otsu can split ink from light paper and leave card and paper one region:
        # what is clearly lighter than the paper itself.
        found = _light(small, ((small > (paper + top) / 2) * 255).astype(np.uint8))
    if not found:
        # On white paper a light card does not stand out: its printed edge does.
        factor = _OUTLINE_DPI / dpi
        found = _outlined(grey, factor)
    found.sort(key=lambda item: -item[0])
    faces = []
    for _, rect in found[:_MAX_CARDS]:
        faces.append(_cut(grey, rect, factor, dpi))
    return faces


def _light(small: np.ndarray, mask: np.ndarray) -> list[tuple[float, Rect]]:
    """Rectangles of card shape among the light regions of ``mask``."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    page_area = float(small.shape[0] * small.shape[1])
    found: list[tuple[float, Rect]] = []
    for contour in contours:
        rect = cv2.minAreaRect(contour)
        (_, _), (w, h), _ = rect
        area = w * h
        if not _AREA_SHARE[0] * page_area <= area <= _AREA_SHARE[1] * page_area:
            continue
        aspect = max(w, h) / max(1.0, min(w, h))
        if not _CARD_ASPECT[0] <= aspect <= _CARD_ASPECT[1]:
            continue
        if cv2.contourArea(contour) < 0.85 * area:  # not a rectangle
            continue
        # A card is lighter than the paper around it; a bright blob on white paper is not.
        inside = small[mask > 0].mean() if mask.any() else 0.0
        outside = small[mask == 0].mean() if (mask == 0).any() else 255.0
        if inside - outside < 12:
            continue
        found.append((area, rect))
    return found


def _outlined(grey: np.ndarray, factor: float) -> list[tuple[float, Rect]]:
    """Card-shaped regions drawn by their edge and print: ink on the paper, gaps of
    the copied (dotted, broken) edge closed, each shape whose outline is a rectangle."""
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    paper = float(np.median(small))
    ink = (small < paper - _OUTLINE_DROP).astype(np.uint8) * 255
    size = max(3, round(_OUTLINE_DPI * _OUTLINE_GAP_MM / 25.4)) | 1
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    page_area = float(small.shape[0] * small.shape[1])
    found: list[tuple[float, Rect]] = []
    for contour in contours:
        rect = cv2.minAreaRect(contour)
        (_, _), (w, h), _ = rect
        area = w * h
        if not _AREA_SHARE[0] * page_area <= area <= _AREA_SHARE[1] * page_area:
            continue
        aspect = max(w, h) / max(1.0, min(w, h))
        if not _CARD_ASPECT[0] <= aspect <= _CARD_ASPECT[1]:
            continue
        if cv2.contourArea(cv2.convexHull(contour)) < 0.9 * area:
            continue
        # The card's print fills it; a drawn box on a form is empty inside.
        x0, y0, bw, bh = cv2.boundingRect(contour)
        inside = ink[y0 + bh // 6:y0 + bh - bh // 6, x0 + bw // 6:x0 + bw - bw // 6]
        if inside.size == 0 or float((inside > 0).mean()) < 0.03:
            continue
        found.append((area, rect))
    return found


def _cut(grey: np.ndarray, rect: Rect, factor: float, dpi: int) -> bytes:
    (cx, cy), (w, h), angle = rect
    cx, cy, w, h = cx / factor, cy / factor, w / factor, h / factor
    if w < h:
        w, h, angle = h, w, angle + 90.0
    if angle > 45:
        angle -= 180.0
    elif angle < -45:
        angle += 180.0
    # Turn only the card's neighbourhood, not the whole sheet.
    reach = int(0.5 * (w * w + h * h) ** 0.5) + 4
    bx0, by0 = max(0, int(cx) - reach), max(0, int(cy) - reach)
    region = grey[by0:int(cy) + reach, bx0:int(cx) + reach]
    cx, cy = cx - bx0, cy - by0
    turn = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    upright = cv2.warpAffine(region, turn, (region.shape[1], region.shape[0]),
                             flags=cv2.INTER_CUBIC, borderValue=255)
    pad = 0.02 * w
    x0, y0 = max(0, int(cx - w / 2 - pad)), max(0, int(cy - h / 2 - pad))
    x1, y1 = int(cx + w / 2 + pad), int(cy + h / 2 + pad)
    face = Image.fromarray(upright[y0:y1, x0:x1])
    buffer = io.BytesIO()
    face.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def recognise_texts(images: list[bytes]) -> list[str]:
    """The OCR stage's text of each image, in worker processes with the stage's page
    deadline (a card on a patterned background can keep Tesseract busy for an hour);
    nothing for an image that cannot be read."""
    import ocr

    if not images:
        return []
    texts = [""] * len(images)
    jobs = max(1, min(len(images), ocr.default_jobs()))
    for index, outcome in ocr.recognise_many(enumerate(images), ocr.OcrSettings(), jobs=jobs):
        if isinstance(outcome, ocr.PageResult):
            texts[index] = outcome.text
    return texts


def recognise_text(png: bytes) -> str:
    """The OCR stage's text of one image; nothing when it cannot be read."""
    return recognise_texts([png])[0]


def reread_cards(data: bytes, text: str,
                 recognise: Callable[[bytes], str] | None = None) -> str:
    """``text``, with the text of each card cut out of the page when OCR read little.

    ``recognise`` turns one image (PNG bytes) into text: by default the OCR stage (all
    the cards of the page at once), or a cache of it.
    """
    if not poor_text(text):
        return text
    faces = card_faces(data)
    extra = recognise_texts(faces) if recognise is None else [recognise(f) for f in faces]
    return "\n".join(part for part in (text, *extra) if part.strip())
