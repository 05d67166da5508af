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
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


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


def _background_estimate(grey: U8, dpi: int) -> U8:
    """Local paper brightness: a closing wider than any stroke, then a median blur."""
    scale = BACKGROUND_DPI / dpi
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    blurred = cv2.medianBlur(closed, 9)
    return np.asarray(blurred, dtype=np.uint8)


def _remove_specks(ink: npt.NDArray[np.bool_], min_area: int) -> npt.NDArray[np.bool_]:
    _, labels, stats, _ = cv2.connectedComponentsWithStats(
        ink.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= min_area
    keep[0] = False
    return np.asarray(keep[labels], dtype=np.bool_)


def _ink_classes(rgb: U8, ink: npt.NDArray[np.bool_]) -> list[tuple[npt.NDArray[np.bool_],
                                                                     tuple[int, int, int]]]:
    """Split ink pixels by hue: neutral (text), red (seals), blue (signatures), other."""
    # Only the ink pixels are classified (a few percent of the page), as an N x 1 image.
    where = np.flatnonzero(ink)
    if where.size == 0:
        return []
    smooth = np.asarray(cv2.blur(rgb, (3, 3)), dtype=np.uint8).reshape(-1, 3)[where]
    hue = cv2.cvtColor(smooth[:, None, :], cv2.COLOR_RGB2HSV)[:, 0, 0].astype(np.int16)
    # Chroma (max - min), not HSV saturation: dark grainy text has a high saturation but a
    # small chroma, and must stay in the neutral class.
    chroma = smooth.max(axis=1).astype(np.int16) - smooth.min(axis=1).astype(np.int16)
    coloured = chroma >= 60
    red = coloured & ((hue <= 12) | (hue >= 160))
    blue = coloured & (hue >= 95) & (hue < 135)
    other = coloured & ~red & ~blue
    neutral = ~coloured
    flat_rgb = rgb.reshape(-1, 3)
    classes = []
    for member in (neutral, red, blue, other):
        if not member.any():
            continue
        indices = where[member]
        pixels = flat_rgb[indices].astype(np.int32)
        # The darker half of the pixels: edges are lighter than stroke cores.
        luma = pixels @ np.array([299, 587, 114]) // 1000
        core = pixels[luma <= np.median(luma)]
        colour = tuple(int(v) for v in np.median(core, axis=0))
        mask = np.zeros(ink.size, dtype=np.bool_)
        mask[indices] = True
        classes.append((mask.reshape(ink.shape), (colour[0], colour[1], colour[2])))
    return classes


def compact_layers(image: Image.Image, dpi: int) -> CompactLayers:
    rgb = to_rgb_array(image)
    height, width = rgb.shape[:2]
    grey = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    background_small = _background_estimate(grey, dpi)
    paper = cv2.resize(background_small, (width, height), interpolation=cv2.INTER_LINEAR)
    # Smoothing before thresholding keeps scanner grain out of the masks.
    smooth = cv2.GaussianBlur(grey, (3, 3), 0) if dpi >= 150 else grey
    darker = paper.astype(np.int16) - smooth.astype(np.int16)
    ink = (darker > 60) | ((darker > 35) & (smooth < paper.astype(np.int16) * 0.72))
    ink = _remove_specks(ink, max(2, round(4 * (dpi / 300) ** 2)))
    masks = tuple(
        InkMask(encode_g4(mask), width, height, colour) for mask, colour in _ink_classes(rgb, ink)
    )
    # Background: the page at low resolution with the ink replaced by local paper colour,
    # so the JPEG carries no text edges (they cost bytes and ghost around the masks).
    scale = BACKGROUND_DPI / dpi
    bw = max(1, round(width * scale))
    bh = max(1, round(height * scale))
    small = cv2.resize(rgb, (bw, bh), interpolation=cv2.INTER_AREA)
    ink_small = cv2.resize(ink.astype(np.uint8) * 255, (bw, bh), interpolation=cv2.INTER_AREA)
    ink_small = cv2.dilate((ink_small > 0).astype(np.uint8), np.ones((3, 3), np.uint8))
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
