"""Page image encodings: the compact mixed raster layers and the archival full JPEG.

Compact: ink found on the scan becomes 1-bit CCITT G4 masks at scan resolution, one per
ink colour (dark text, red seals, blue signatures), over a text-free low-resolution JPEG.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, TiffImagePlugin

U8 = npt.NDArray[np.uint8]

# Resolution and JPEG quality of the compact background: colour areas (seal fill, photos,
# stamps) stay recognisable at 100 dpi, while paper noise is averaged away.
BACKGROUND_DPI = 100
BACKGROUND_QUALITY = 45
ARCHIVAL_QUALITY = 80
# The archival image keeps colour at full resolution (JPEG 4:4:4): with the usual 4:2:0
# chroma subsampling the thin edges of a blue signature lose their colour, and OCR of the
# archived page no longer tells them from black text (measured: one line lost on a page).
ARCHIVAL_SUBSAMPLING = 0
BACKGROUND_SUBSAMPLING = 2
# An ink pixel whose own chroma is below this is never a coloured stroke (scanner grain on
# black text stays far below it); only the others are looked at more closely.
CANDIDATE_CHROMA = 30
# Fewer coloured pixels than this do not get a layer of their own.
MIN_CLASS_PIXELS = 64


@dataclass(frozen=True)
class JpegImage:
    data: bytes
    width: int
    height: int
    grey: bool


@dataclass(frozen=True)
class InkMask:
    """A 1-bit G4 stream whose black pixels are painted in ``colour`` (sRGB 0-255)."""

    data: bytes
    width: int
    height: int
    colour: tuple[int, int, int]
    # Where the mask's top-left pixel sits on the page, in scan pixels (masks are cropped
    # to their ink: a seal's layer covers the seal, not the page).
    left: int = 0
    top: int = 0


@dataclass(frozen=True)
class CompactLayers:
    background: JpegImage
    masks: tuple[InkMask, ...]


def to_rgb_array(image: Image.Image) -> U8:
    """The page as an RGB uint8 array (alpha flattened on white)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return np.asarray(image, dtype=np.uint8)


def encode_jpeg(rgb: U8, quality: int, dpi: int, subsampling: int) -> JpegImage:
    grey = bool(np.all(rgb[..., 0] == rgb[..., 1]) and np.all(rgb[..., 1] == rgb[..., 2]))
    image = Image.fromarray(rgb[..., 0] if grey else rgb, "L" if grey else "RGB")
    buf = io.BytesIO()
    # No JFIF density games: the PDF places the image, so dpi is informational only.
    image.save(buf, "JPEG", quality=quality, optimize=True, subsampling=subsampling,
               dpi=(dpi, dpi))
    return JpegImage(buf.getvalue(), image.width, image.height, grey)


def encode_g4(ink: npt.NDArray[np.bool_]) -> bytes:
    """CCITT G4 data of a boolean mask (True = ink = black), as one strip."""
    height = ink.shape[0]
    # Pillow writes mode "1" as min-is-black, and libtiff then codes the 1 bits as the
    # "black" runs; so ink goes in as 1 bits to come out as PDF black (painted) samples.
    image = Image.fromarray(np.ascontiguousarray(ink))
    buf = io.BytesIO()
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[278] = height  # RowsPerStrip: the whole image in one strip
    image.save(buf, "TIFF", compression="group4", tiffinfo=info)
    buf.seek(0)
    with Image.open(buf) as tiff:
        assert isinstance(tiff, TiffImagePlugin.TiffImageFile)
        offsets = tiff.tag_v2[273]
        counts = tiff.tag_v2[279]
        photometric = tiff.tag_v2.get(262, 0)
    offsets = offsets if isinstance(offsets, tuple) else (offsets,)
    counts = counts if isinstance(counts, tuple) else (counts,)
    if len(offsets) != 1 or photometric != 1:
        raise ValueError("unexpected G4 TIFF layout")
    raw = buf.getvalue()
    return raw[offsets[0]:offsets[0] + counts[0]]


def _downscale_factor(dpi: int) -> int:
    """Integer reduction from scan to background resolution (about BACKGROUND_DPI).

    An integer factor lets OpenCV's area resampling take its fast block-average path.
    """
    return max(1, round(dpi / BACKGROUND_DPI))


def _block_min(grey: U8, factor: int, shape: tuple[int, int]) -> U8:
    """The darkest pixel of each ``factor`` square of ``grey``, as an image of ``shape``."""
    cells = grey
    if factor > 1:
        # A centred erosion puts each cell's minimum at the cell's centre pixel; twenty
        # times faster than numpy's min over a reshaped array.
        eroded = cv2.erode(grey, np.ones((factor, factor), np.uint8))
        cells = np.ascontiguousarray(eroded[factor // 2::factor, factor // 2::factor])
    if cells.shape != shape:
        return np.asarray(cv2.resize(cells, (shape[1], shape[0]),
                                     interpolation=cv2.INTER_NEAREST), dtype=np.uint8)
    return cells


def _ink_levels(small_grey: U8, darkest: U8) -> tuple[U8, U8]:
    """Per-pixel grey level below which a pixel is ink, at background resolution.

    The paper is found by a closing wider than any stroke, then a median blur. Ink is
    whatever is darker than it by 35-60 levels (less on dark paper), and, where the ink
    nearby (``darkest``: the darkest scan pixel of each cell) is much darker than that,
    darker than halfway between the paper and that ink: the mask's edge then sits where
    the stroke's edge is, so text neither thickens nor merges at 200 dpi. Returns
    (levels, paper).
    """
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    closed = cv2.morphologyEx(small_grey, cv2.MORPH_CLOSE, kernel)
    # A 5x5 median: OpenCV's 8-bit median is vectorised up to 5x5 and ten times slower
    # beyond; after the closing, a wider one changed under 0.1% of the ink (measured).
    paper = np.asarray(cv2.medianBlur(closed, 5), dtype=np.int16)
    margin = np.clip(paper * 28 // 100, 35, 60)
    # The darkest ink within a cell or two: a letter's edges know how dark its core is.
    ink = np.asarray(cv2.erode(darkest, np.ones((5, 5), np.uint8)), dtype=np.int16)
    levels: U8 = np.clip(np.minimum(paper - margin, (paper + ink) // 2), 0, 255).astype(
        np.uint8)
    return levels, paper.astype(np.uint8)


def _remove_specks(ink: npt.NDArray[np.bool_], min_area: int) -> None:
    """Clear isolated specks of fewer than ``min_area`` ink pixels from ``ink`` (in place).

    A pixel is cleared when the (2 * min_area - 1) square around it holds fewer than
    ``min_area`` ink pixels. Any 8-connected component of ``min_area`` pixels or more
    has that many within that distance of each of its pixels, so strokes never lose a
    pixel; a small speck goes unless other ink is close by. Two box sums instead of a
    connected-component labelling: five times cheaper, and the same masks on our scans.
    """
    size = 2 * min_area - 1
    # 8-bit sums are enough: only counts below min_area matter, and they never saturate.
    counts = cv2.boxFilter(ink.view(np.uint8), cv2.CV_8U, (size, size), normalize=False,
                           borderType=cv2.BORDER_CONSTANT)
    ink &= counts >= min_area


def _neighbours_3x3(where: npt.NDArray[np.intp], shape: tuple[int, ...]
                    ) -> Iterator[npt.NDArray[np.intp]]:
    """For each of the nine places of a 3x3 square, the flat index of that neighbour of
    each pixel of ``where`` (flat indices), clamped at the image's edges."""
    height, width = shape[:2]
    rows, cols = np.divmod(where, width)
    for dy in (-1, 0, 1):
        r = np.clip(rows + dy, 0, height - 1) * width
        for dx in (-1, 0, 1):
            yield r + np.clip(cols + dx, 0, width - 1)


def _mean_ink_3x3(rgb: U8, ink: npt.NDArray[np.bool_], where: npt.NDArray[np.intp]) -> U8:
    """The average colour of the ink pixels in the 3x3 square around each pixel of ``where``
    (flat indices of ink pixels), edges clamped.

    Paper is left out of the average: a thin blue stroke keeps its colour (averaged with
    the paper around it, it would look grey and join the black text layer), while colour
    noise on black text is still averaged away by the black ink around it.
    """
    flat = rgb.reshape(-1, 3)
    flat_ink = ink.reshape(-1)
    total = np.zeros((where.size, 3), dtype=np.uint16)
    count = np.zeros(where.size, dtype=np.uint16)
    for at in _neighbours_3x3(where, rgb.shape[:2]):
        inked = flat_ink[at]
        total += flat[at] * inked[:, None]
        count += inked
    return ((total + count[:, None] // 2) // count[:, None]).astype(np.uint8)


def _ink_colour(rgb: U8, indices: npt.NDArray[np.intp]) -> tuple[int, int, int]:
    """The colour of an ink class: median of the darker half of a sample of its pixels."""
    # A sample is enough for the colour; the darker half, as edges are lighter than cores.
    sample = rgb.reshape(-1, 3)[indices[:: max(1, indices.size // 20000)]].astype(np.int32)
    luma = sample @ np.array([299, 587, 114]) // 1000
    core = sample[luma <= np.median(luma)]
    colour = np.median(core, axis=0)
    return int(colour[0]), int(colour[1]), int(colour[2])


def _adopt_stragglers(shape: tuple[int, ...], where: npt.NDArray[np.intp],
                      coloured_at: npt.NDArray[np.intp], labels: npt.NDArray[np.uint8]
                      ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.uint8]]:
    """Neutral ink pixels whose ink neighbours are mostly of one colour join that colour.

    The pale edge pixels of a pen stroke can have too little chroma of their own to count
    as coloured; left in the text layer they would be painted as black dots along the
    stroke. Black text crossing the stroke keeps its pixels: they have more neutral
    neighbours than coloured ones. ``coloured_at`` indexes ``where``; returns it and the
    labels (1 red, 2 blue, 3 other) with the adopted pixels added.
    """
    height, width = shape
    label_map = np.zeros(height * width, dtype=np.uint8)
    label_map[where] = 4  # neutral ink
    label_map[where[coloured_at]] = labels
    coloured_map = ((label_map > 0) & (label_map < 4)).reshape(height, width).view(np.uint8)
    near = cv2.dilate(coloured_map, np.ones((3, 3), np.uint8)).reshape(-1)
    position = np.flatnonzero((label_map[where] == 4) & (near[where] > 0))
    if not position.size:
        return coloured_at, labels
    counts = np.zeros((position.size, 5), dtype=np.uint8)
    picks = np.arange(position.size)
    for at in _neighbours_3x3(where[position], (height, width)):
        counts[picks, label_map[at]] += 1
    best = np.argmax(counts[:, 1:4], axis=1).astype(np.uint8) + 1
    adopt = counts[picks, best] > counts[:, 4]
    merged = np.concatenate([coloured_at, position[adopt]])
    order = np.argsort(merged, kind="stable")
    return merged[order], np.concatenate([labels, best[adopt]])[order]


def _ink_classes(rgb: U8, ink: npt.NDArray[np.bool_], where: npt.NDArray[np.intp]) -> tuple[
        npt.NDArray[np.intp], list[tuple[npt.NDArray[np.intp], tuple[int, int, int]]]]:
    """Split ink pixels by hue: neutral (text), red (seals), blue (signatures), other.

    Hue and chroma come from a 3x3 average of the ink at each ink pixel, at scan
    resolution: dark text crossing a seal must stay dark (at low resolution it would look
    pink), and dark grainy text has a high HSV saturation but a small chroma (max - min).
    Only pixels that are somewhat coloured themselves are averaged; the rest (most of the
    ink) is neutral.
    Returns the neutral pixels and each coloured class's pixels and colour (flat indices,
    sorted).
    """
    # One channel at a time: numpy's reductions over a length-3 axis are slow.
    flat = rgb.reshape(-1)
    red_, green, blue_ = (flat[where * 3 + c] for c in range(3))
    own_chroma = np.maximum(np.maximum(red_, green), blue_) - np.minimum(
        np.minimum(red_, green), blue_)
    candidates = np.flatnonzero(own_chroma >= CANDIDATE_CHROMA)
    coloured_at = candidates[:0]
    labels = np.zeros(0, dtype=np.uint8)
    if candidates.size:
        sampled = _mean_ink_3x3(rgb, ink, where[candidates])
        hue = cv2.cvtColor(sampled[:, None, :], cv2.COLOR_RGB2HSV)[:, 0, 0].astype(np.int16)
        chroma = sampled.max(axis=1).astype(np.int16) - sampled.min(axis=1).astype(np.int16)
        coloured = chroma >= 60
        red = (hue <= 12) | (hue >= 160)
        blue = (hue >= 95) & (hue < 135)
        # 1 red, 2 blue, 3 other colours
        kinds = np.where(red, 1, np.where(blue, 2, 3)).astype(np.uint8)
        coloured_at = candidates[coloured]
        labels = kinds[coloured]
        coloured_at, labels = _adopt_stragglers(rgb.shape[:2], where, coloured_at, labels)
    classes: list[tuple[npt.NDArray[np.intp], tuple[int, int, int]]] = []
    neutral_mask = np.ones(where.size, dtype=np.bool_)
    for kind in (1, 2, 3):
        members = coloured_at[labels == kind]
        # A few stray coloured pixels are not worth a layer of their own: they join the text.
        if members.size < MIN_CLASS_PIXELS:
            continue
        neutral_mask[members] = False
        indices = where[members]
        classes.append((indices, _ink_colour(rgb, indices)))
    neutral = where if not classes else where[neutral_mask]
    return neutral, classes


def _crop(ink: npt.NDArray[np.bool_], indices: npt.NDArray[np.intp], width: int) -> tuple[
        npt.NDArray[np.bool_], int, int]:
    """``ink`` cropped to the bounding box of ``indices`` (sorted flat indices): (mask, left,
    top)."""
    top, bottom = int(indices[0]) // width, int(indices[-1]) // width
    cols = indices % width
    left, right = int(cols.min()), int(cols.max())
    return np.ascontiguousarray(ink[top:bottom + 1, left:right + 1]), left, top


def _mask_of(indices: npt.NDArray[np.intp], width: int) -> tuple[
        npt.NDArray[np.bool_], int, int]:
    """The bounding-box crop of a set of pixels (flat indices): (mask, left, top)."""
    rows, cols = np.divmod(indices, width)
    top, bottom = int(rows[0]), int(rows[-1])  # indices are sorted, so rows are too
    left, right = int(cols.min()), int(cols.max())
    mask = np.zeros((bottom - top + 1, right - left + 1), dtype=np.bool_)
    mask[rows - top, cols - left] = True
    return mask, left, top


def _background(small: U8, small_grey: U8, paper: U8) -> U8:
    """The page at background resolution with the ink replaced by the local paper colour.

    The JPEG then carries no text edges (they cost bytes and ghost around the masks).
    """
    # Where the averaged page is visibly darker than the paper there is ink in the cell.
    near_ink = cv2.compare(small_grey, cv2.subtract(paper, np.full_like(paper, 12)),
                           cv2.CMP_LT)
    ink_small = cv2.dilate(near_ink, np.ones((3, 3), np.uint8))
    # Paper colour under the ink: a box average of the surrounding non-ink pixels
    # (normalised convolution), far cheaper than inpainting and smooth enough for JPEG.
    free = np.asarray(ink_small == 0, dtype=np.uint8)
    weight = cv2.boxFilter(free, cv2.CV_32F, (15, 15))
    masked = cv2.multiply(small, cv2.merge([free, free, free]))
    summed = cv2.boxFilter(masked, cv2.CV_32F, (15, 15))
    safe = np.maximum(weight, np.float32(1e-3))
    paper_rgb = cv2.divide(summed, cv2.merge([safe, safe, safe]), dtype=cv2.CV_8U)
    # Cells with no paper in reach (a photo, a black block) keep their own colour.
    replace = np.logical_and(ink_small > 0, weight > 1e-3).astype(np.uint8)
    cleaned = small.copy()
    cv2.copyTo(paper_rgb, replace, cleaned)
    return np.asarray(cv2.GaussianBlur(cleaned, (3, 3), 0), dtype=np.uint8)


def compact_layers_rgb(rgb: U8, dpi: int) -> CompactLayers:
    """The compact layers of an RGB page scanned at ``dpi``."""
    height, width = rgb.shape[:2]
    factor = _downscale_factor(dpi)
    small: U8 = rgb if factor == 1 else np.asarray(
        cv2.resize(rgb, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA),
        dtype=np.uint8)
    small_grey = np.asarray(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    grey = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    # Smoothing before thresholding keeps scanner grain out of the masks.
    smooth: U8 = np.asarray(cv2.GaussianBlur(grey, (3, 3), 0), dtype=np.uint8) if (
        dpi >= 150) else grey
    levels, paper = _ink_levels(small_grey, _block_min(smooth, factor, small_grey.shape))
    # Bilinear, not nearest: block steps in the level map cost legibility (measured).
    level = cv2.resize(levels, (width, height), interpolation=cv2.INTER_LINEAR)
    ink = np.less(smooth, level)
    _remove_specks(ink, max(2, round(4 * (dpi / 300) ** 2)))
    where = np.flatnonzero(ink)
    neutral, coloured = _ink_classes(rgb, ink, where)
    masks = []
    if neutral.size:
        # The text layer is the ink less the coloured pixels: clear those in place rather
        # than build a page-sized mask from a list of pixels.
        for indices, _ in coloured:
            ink.reshape(-1)[indices] = False
        mask, left, top = _crop(ink, neutral, width)
        masks.append(InkMask(encode_g4(mask), mask.shape[1], mask.shape[0],
                             _ink_colour(rgb, neutral), left, top))
    for indices, colour in coloured:
        mask, left, top = _mask_of(indices, width)
        masks.append(InkMask(encode_g4(mask), mask.shape[1], mask.shape[0], colour,
                             left, top))
    cleaned = _background(small, small_grey, paper)
    background = encode_jpeg(cleaned, BACKGROUND_QUALITY, max(1, round(dpi / factor)),
                             BACKGROUND_SUBSAMPLING)
    return CompactLayers(background, tuple(masks))
