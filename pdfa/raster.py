"""Page image encodings: the compact mixed raster layers and the archival full JPEG.

Compact: ink found on the scan becomes 1-bit CCITT G4 masks at scan resolution, one per
ink colour (dark text, red seals, blue signatures), over a text-free low-resolution JPEG.
"""

from __future__ import annotations

import io
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


def encode_jpeg(rgb: U8, quality: int, dpi: int) -> JpegImage:
    grey = bool(np.all(rgb[..., 0] == rgb[..., 1]) and np.all(rgb[..., 1] == rgb[..., 2]))
    image = Image.fromarray(rgb[..., 0] if grey else rgb, "L" if grey else "RGB")
    buf = io.BytesIO()
    # No JFIF density games: the PDF places the image, so dpi is informational only.
    image.save(buf, "JPEG", quality=quality, optimize=True, subsampling=2, dpi=(dpi, dpi))
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


def _ink_levels(small_grey: U8) -> tuple[U8, U8]:
    """Per-pixel grey level below which a pixel is ink, at background resolution.

    The paper is found by a closing wider than any stroke, then a median blur; ink is
    whatever is darker than it by 35-60 levels (less on dark paper). Returns (levels, paper).
    """
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    closed = cv2.morphologyEx(small_grey, cv2.MORPH_CLOSE, kernel)
    paper = np.asarray(cv2.medianBlur(closed, 9), dtype=np.int16)
    margin = np.clip(paper * 28 // 100, 35, 60)
    levels: U8 = np.clip(paper - margin, 0, 255).astype(np.uint8)
    return levels, paper.astype(np.uint8)


def _remove_specks(ink: npt.NDArray[np.bool_], min_area: int) -> npt.NDArray[np.bool_]:
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= min_area
    keep[0] = False
    return np.asarray(keep[labels], dtype=np.bool_)


def _ink_classes(rgb: U8, small: U8, ink: npt.NDArray[np.bool_]) -> list[
        tuple[npt.NDArray[np.bool_], tuple[int, int, int]]]:
    """Split ink pixels by hue: neutral (text), red (seals), blue (signatures), other.

    Hue and chroma come from a 3x3 average at each ink pixel, at scan resolution: dark text
    crossing a seal must stay dark (at low resolution it would look pink), and dark grainy
    text has a high HSV saturation but a small chroma (max - min).
    """
    where = np.flatnonzero(ink)
    if where.size == 0:
        return []
    del small
    sampled = np.asarray(cv2.blur(rgb, (3, 3)), dtype=np.uint8).reshape(-1, 3)[where]
    hue = cv2.cvtColor(sampled[:, None, :], cv2.COLOR_RGB2HSV)[:, 0, 0].astype(np.int16)
    chroma = sampled.max(axis=1).astype(np.int16) - sampled.min(axis=1).astype(np.int16)
    coloured = chroma >= 60
    red = coloured & ((hue <= 12) | (hue >= 160))
    blue = coloured & (hue >= 95) & (hue < 135)
    other = coloured & ~red & ~blue
    neutral = ~coloured
    flat_rgb = rgb.reshape(-1, 3)
    classes = []
    for member in (neutral, red, blue, other):
        count = int(member.sum())
        if count == 0:
            continue
        indices = where[member]
        # A sample is enough for the colour; the darker half, as edges are lighter than cores.
        sample = flat_rgb[indices[:: max(1, count // 20000)]].astype(np.int32)
        luma = sample @ np.array([299, 587, 114]) // 1000
        core = sample[luma <= np.median(luma)]
        colour = tuple(int(v) for v in np.median(core, axis=0))
        if count == where.size:
            mask = ink  # one class holds all the ink (the usual black-text page)
        else:
            flat = np.zeros(ink.size, dtype=np.bool_)
            flat[indices] = True
            mask = flat.reshape(ink.shape)
        classes.append((mask, (colour[0], colour[1], colour[2])))
    return classes


def compact_layers(image: Image.Image, dpi: int) -> CompactLayers:
    rgb = to_rgb_array(image)
    height, width = rgb.shape[:2]
    scale = BACKGROUND_DPI / dpi
    bw = max(1, round(width * scale))
    bh = max(1, round(height * scale))
    small = np.asarray(cv2.resize(rgb, (bw, bh), interpolation=cv2.INTER_AREA), dtype=np.uint8)
    small_grey = np.asarray(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    levels, paper = _ink_levels(small_grey)
    # Bilinear, not nearest: block steps in the level map cost legibility (measured).
    level = cv2.resize(levels, (width, height), interpolation=cv2.INTER_LINEAR)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # Smoothing before thresholding keeps scanner grain out of the masks.
    smooth = cv2.GaussianBlur(grey, (3, 3), 0) if dpi >= 150 else grey
    ink = np.asarray(smooth < level, dtype=np.bool_)
    ink = _remove_specks(ink, max(2, round(4 * (dpi / 300) ** 2)))
    masks = tuple(
        InkMask(encode_g4(mask), width, height, colour)
        for mask, colour in _ink_classes(rgb, small, ink)
    )
    # Background: the page at low resolution with the ink replaced by local paper colour,
    # so the JPEG carries no text edges (they cost bytes and ghost around the masks).
    # Where the averaged page is visibly darker than the paper there is ink in the cell.
    near_ink = (small_grey.astype(np.int16) < paper.astype(np.int16) - 12).astype(np.uint8)
    ink_small = cv2.dilate(near_ink, np.ones((3, 3), np.uint8))
    # Paper colour under the ink: a box average of the surrounding non-ink pixels
    # (normalised convolution), far cheaper than inpainting and smooth enough for JPEG.
    free = (ink_small == 0).astype(np.float32)
    weight = cv2.blur(free, (15, 15))
    summed = cv2.blur(small.astype(np.float32) * free[..., None], (15, 15))
    paper_rgb = np.clip(summed / np.maximum(weight, 1e-3)[..., None], 0, 255).astype(np.uint8)
    paper_rgb = np.where(weight[..., None] > 1e-3, paper_rgb, small)
    cleaned = np.where(ink_small[..., None] > 0, paper_rgb, small).astype(np.uint8)
    smoothed: U8 = np.asarray(cv2.GaussianBlur(cleaned, (3, 3), 0), dtype=np.uint8)
    return CompactLayers(encode_jpeg(smoothed, BACKGROUND_QUALITY, BACKGROUND_DPI), masks)


def archival_jpeg(image: Image.Image, dpi: int) -> JpegImage:
    return encode_jpeg(to_rgb_array(image), ARCHIVAL_QUALITY, dpi)
