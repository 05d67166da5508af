"""Make clean renderings look like what a commune scanner produces.

Each condition is deterministic for a given ``random.Random`` seed; results are RGB, or
grey ("L") where the condition is a greyscale scan (``seal_grey``, some photocopies).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from synth.photocopy import photocopy
from synth.render import SynthError
from synth.seals import ring_text, stamp, star_points

#: Condition names, in report order.
CONDITIONS: tuple[str, ...] = (
    "clean",
    "noise_jpeg_300",
    "noise_jpeg_200",
    "upside_down",
    "sideways",
    "skew4",
    "photocopy",
    "red_seal",
    "blue_signature",
    "seal_grey",
)

SEAL_TEXT = "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH * TỈNH NINH BÌNH *"


@dataclass(frozen=True)
class Degraded:
    """A degraded page and what was done to it (for tests that check recovery)."""

    image: Image.Image
    dpi: int
    rotation: int  # degrees clockwise that would make the page upright again
    skew: float    # degrees counter-clockwise the content was turned


def _dpi_of(image: Image.Image, default: int = 300) -> int:
    dpi = image.info.get("dpi")
    if dpi:
        return round(float(dpi[0]))
    return default


def _with_dpi(image: Image.Image, dpi: int) -> Image.Image:
    image.info["dpi"] = (dpi, dpi)
    return image


def _noise(image: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    gen = np.random.default_rng(rng.getrandbits(32))
    arr = np.asarray(image.convert("RGB"), dtype=np.float32)
    grey = gen.standard_normal(arr.shape[:2], dtype=np.float32) * sigma
    arr += grey[..., None]  # grey sensor noise
    arr += gen.standard_normal(arr.shape, dtype=np.float32) * (sigma / 3)  # a little chroma noise
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out.convert("RGB")


def _scanner(image: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    # Scanner optics blur slightly; sensor noise; then lossy JPEG as many MFPs save.
    blurred = image.filter(ImageFilter.GaussianBlur(radius=0.6 * dpi / 300))
    noisy = _noise(blurred, rng, sigma=rng.uniform(10.0, 14.0))
    return _jpeg(noisy, quality=rng.randint(55, 70))


def _downsample(image: Image.Image, from_dpi: int, to_dpi: int) -> Image.Image:
    w, h = image.size
    return image.resize(
        (round(w * to_dpi / from_dpi), round(h * to_dpi / from_dpi)), Image.Resampling.LANCZOS
    )


def _skew(image: Image.Image, angle: float) -> Image.Image:
    # Keep the page size: a skewed sheet on the platen stays within the scan area.
    return image.convert("RGB").rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255)
    )


def _multiply(base: Image.Image, layer: Image.Image) -> Image.Image:
    a = np.asarray(base.convert("RGB"), dtype=np.float32) / 255.0
    b = np.asarray(layer.convert("RGB"), dtype=np.float32) / 255.0
    return Image.fromarray((a * b * 255.0).astype(np.uint8), "RGB")


def _ink_centre(image: Image.Image, rng: random.Random) -> tuple[int, int]:
    """A point on the text block, so the stamp lies over text."""
    grey = np.asarray(image.convert("L"))
    ys, xs = np.nonzero(grey < 128)
    if len(xs) == 0:
        return image.width // 2, image.height // 2
    i = rng.randrange(len(xs))
    return int(xs[i]), int(ys[i])


def draw_seal(
    image: Image.Image, rng: random.Random, centre: tuple[int, int] | None = None,
    colour: tuple[int, int, int] | None = None,
) -> Image.Image:
    """Multiply a round red stamp (double ring, ring text, star) over ``image``."""
    dpi = _dpi_of(image)
    base = image.convert("RGB")
    radius = round(rng.uniform(18, 21) / 25.4 * dpi)  # seals are about 36-42 mm across
    cx, cy = centre if centre is not None else _ink_centre(base, rng)
    red = colour or (rng.randint(200, 235), rng.randint(20, 60), rng.randint(30, 70))
    layer = Image.new("RGB", base.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    stroke = max(2, dpi // 100)
    outer = (cx - radius, cy - radius, cx + radius, cy + radius)
    draw.ellipse(outer, outline=red, width=stroke * 2)
    r2 = radius * 0.68
    draw.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), outline=red, width=stroke)
    ring_text(layer, SEAL_TEXT, (cx, cy), radius, rng, red)
    draw.polygon(star_points((cx, cy), radius), fill=red)
    # Uneven stamp pressure: lighten random patches of the layer.
    gen = np.random.default_rng(rng.getrandbits(32))
    arr = np.asarray(layer, dtype=np.float32)
    fade = gen.uniform(0.0, 0.35, (max(1, base.height // 40), max(1, base.width // 40)))
    fade_img = Image.fromarray((fade * 255).astype(np.uint8)).resize(
        base.size, Image.Resampling.BILINEAR
    )
    f = np.asarray(fade_img, dtype=np.float32)[..., None] / 255.0
    arr = arr + (255.0 - arr) * f
    layer = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    return _with_dpi(_multiply(base, layer), dpi)


def draw_signature(
    image: Image.Image, rng: random.Random, centre: tuple[int, int] | None = None
) -> Image.Image:
    """Multiply a blue ballpoint scribble over ``image``."""
    dpi = _dpi_of(image)
    base = image.convert("RGB")
    cx, cy = centre if centre is not None else _ink_centre(base, rng)
    blue = (rng.randint(20, 60), rng.randint(40, 80), rng.randint(150, 200))
    layer = Image.new("RGB", base.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    width_px = round(40 / 25.4 * dpi)
    height_px = round(12 / 25.4 * dpi)
    stroke = max(2, round(dpi / 110))
    points: list[tuple[float, float]] = []
    n = 140
    phase = rng.uniform(0, 6.28)
    freq = rng.uniform(14, 20)
    for i in range(n):
        t = i / (n - 1)
        x = cx - width_px / 2 + t * width_px
        envelope = 0.6 + 0.4 * math.sin(t * 3)
        y = cy + height_px / 2 * math.sin(t * freq + phase) * envelope
        points.append((x, y))
    draw.line(points, fill=blue, width=stroke, joint="curve")
    # An underline flourish.
    draw.line(
        [(cx - width_px / 2, cy + height_px * 0.8), (cx + width_px / 2, cy + height_px * 0.6)],
        fill=blue, width=stroke,
    )
    return _with_dpi(_multiply(base, layer), dpi)


def sealed(image: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """One or two stamps (round or rectangular, red to purple, dye or paste) over the text,
    sometimes over a signature first, as a signed and sealed result carries them."""
    out = image.convert("RGB")
    out.info["dpi"] = (dpi, dpi)
    centre = _ink_centre(out, rng)
    if rng.random() < 0.4:
        out = draw_signature(out, rng, centre=(centre[0] + rng.randint(-150, 150), centre[1]))
    out, _ = stamp(out, rng, centre, dpi)
    if rng.random() < 0.25:
        out, _ = stamp(out, rng, _ink_centre(out, rng), dpi, shape="rect")
    return _with_dpi(out, dpi)


def degrade(image: Image.Image, condition: str, rng: random.Random) -> Degraded:
    """Apply ``condition`` to a clean page; tell what was done."""
    dpi = _dpi_of(image)
    src = image.convert("RGB")
    src.info["dpi"] = (dpi, dpi)
    rotation = 0
    skew = 0.0
    if condition == "clean":
        out = src.copy()
    elif condition == "noise_jpeg_300":
        out = _scanner(src, rng, dpi)
    elif condition == "noise_jpeg_200":
        out = _scanner(_downsample(src, dpi, 200), rng, 200)
        dpi = 200
    elif condition == "upside_down":
        out = _scanner(src.transpose(Image.Transpose.ROTATE_180), rng, dpi)
        rotation = 180
    elif condition == "sideways":
        if rng.random() < 0.5:
            # PIL's ROTATE_90 turns counter-clockwise: 90 clockwise puts it back.
            out = src.transpose(Image.Transpose.ROTATE_90)
            rotation = 90
        else:
            out = src.transpose(Image.Transpose.ROTATE_270)
            rotation = 270
        out = _scanner(out, rng, dpi)
    elif condition == "skew4":
        skew = 4.0 if rng.random() < 0.5 else -4.0
        out = _scanner(_skew(src, skew), rng, dpi)
    elif condition == "photocopy":
        out = photocopy(src, rng, dpi)
    elif condition == "red_seal":
        out = _scanner(sealed(src, rng, dpi), rng, dpi)
    elif condition == "seal_grey":
        out = _scanner(sealed(src, rng, dpi), rng, dpi).convert("L")
    elif condition == "blue_signature":
        out = _scanner(draw_signature(src, rng), rng, dpi)
    else:
        raise SynthError(
            f"điều kiện không rõ: {condition} — unknown condition {condition} "
            f"(one of {', '.join(CONDITIONS)})"
        )
    return Degraded(image=_with_dpi(out, dpi), dpi=dpi, rotation=rotation, skew=skew)


def apply(image: Image.Image, condition: str, rng: random.Random) -> Image.Image:
    """The degraded image only (its ``info["dpi"]`` says its resolution)."""
    return degrade(image, condition, rng).image

