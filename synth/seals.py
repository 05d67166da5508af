"""Seals and stamps as a commune desk sees them: round and rectangular, red to purple.

Each stamp is drawn on its own layer and laid over the page either as dye (multiplied:
the print beneath shows through) or as opaque paste (mixed over the print by its opacity).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from synth.render import font_path

SEAL_TEXTS = (
    "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH * TỈNH NINH BÌNH *",
    "UBND PHƯỜNG TÂN ĐỊNH * QUẬN 1 * TP HỒ CHÍ MINH *",
    "CÔNG AN XÃ AN PHÚ * HUYỆN CỦ CHI *",
    "UBND XÃ ĐỒNG TIẾN * HUYỆN PHỔ YÊN * THÁI NGUYÊN *",
)
STAMP_TEXTS = (
    ("SAO Y BẢN CHÍNH",),
    ("ĐÃ THU PHÍ",),
    ("CHỨNG THỰC BẢN SAO", "ĐÚNG VỚI BẢN CHÍNH"),
    ("ĐẾN", "Số: ....... Ngày: ......."),
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
)

#: Ink families: (name, low RGB, high RGB); the dark ones are old pads and pressed stamps.
INKS: tuple[tuple[str, tuple[int, int, int], tuple[int, int, int]], ...] = (
    ("red", (200, 20, 30), (240, 70, 80)),
    ("dark_red", (130, 10, 20), (170, 40, 50)),
    ("purple", (110, 30, 130), (150, 70, 180)),
    ("dark_purple", (70, 25, 100), (100, 50, 140)),
    ("pink", (225, 90, 130), (245, 130, 170)),
)


@dataclass(frozen=True)
class Stamp:
    """How one stamp was made (tests and reports say what they met)."""

    shape: str      # "round" or "rect"
    ink: str        # one of INKS' names
    opacity: float  # 1.0 = full ink
    opaque: bool    # laid over the print (hides it by opacity) rather than multiplied
    centre: tuple[int, int]
    size_px: tuple[int, int]


def _ink(rng: random.Random, name: str | None) -> tuple[str, tuple[int, int, int]]:
    family = next((f for f in INKS if f[0] == name), None) if name else rng.choice(INKS)
    if family is None:
        family = INKS[0]
    label, lo, hi = family
    return label, tuple(rng.randint(a, b) for a, b in zip(lo, hi, strict=True))  # type: ignore[return-value]


def ring_text(layer: Image.Image, text: str, centre: tuple[int, int], radius: int,
              rng: random.Random, ink: int | tuple[int, int, int]) -> None:
    """A round seal's ring of text, one glyph at a time, turned to follow the circle
    (the starting angle drawn from ``rng``)."""
    cx, cy = centre
    font = ImageFont.truetype(str(font_path("arial", bold=True)), max(8, round(radius * 0.17)))
    start = rng.uniform(0, 360)
    glyph_size = int(font.size) * 2
    for i, ch in enumerate(text):
        angle = start + i * 360.0 / len(text)
        rad = math.radians(angle)
        gx = cx + (radius * 0.84) * math.sin(rad)
        gy = cy - (radius * 0.84) * math.cos(rad)
        glyph = Image.new("L", (glyph_size, glyph_size), 0)
        ImageDraw.Draw(glyph).text((glyph_size / 2, glyph_size / 2), ch, font=font, fill=255,
                                   anchor="mm")
        glyph = glyph.rotate(-angle, resample=Image.Resampling.BICUBIC)
        layer.paste(Image.new(layer.mode, glyph.size, ink),
                    (round(gx - glyph_size / 2), round(gy - glyph_size / 2)), glyph)


def star_points(centre: tuple[int, int], radius: float) -> list[tuple[float, float]]:
    """The five-pointed star in a round seal's middle."""
    cx, cy = centre
    rs = radius * 0.35
    pts = []
    for k in range(10):
        r = rs if k % 2 == 0 else rs * 0.4
        a = math.radians(-90 + k * 36)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _round_layer(size: tuple[int, int], rng: random.Random, centre: tuple[int, int],
                 dpi: int) -> tuple[Image.Image, tuple[int, int]]:
    layer = Image.new("L", size, 0)
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    radius = round(rng.uniform(14, 22) / 25.4 * dpi)  # 28-44 mm across
    stroke = max(2, round(dpi / rng.uniform(70, 120)))
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255,
                 width=stroke * 2)
    r2 = radius * rng.uniform(0.64, 0.72)
    draw.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), outline=255, width=stroke)
    text = rng.choice(SEAL_TEXTS)
    ring_text(layer, text, (cx, cy), radius, rng, 255)
    if rng.random() < 0.6:
        draw.polygon(star_points((cx, cy), radius), fill=255)
    else:  # a middle line of text instead of the star
        inner = ImageFont.truetype(str(font_path("arial", bold=True)), max(8, round(radius * 0.2)))
        draw.text((cx, cy), rng.choice(("CHỦ TỊCH", "UBND", "CÔNG AN")), font=inner, fill=255,
                  anchor="mm")
    return layer, (2 * radius, 2 * radius)


def _rect_layer(size: tuple[int, int], rng: random.Random, centre: tuple[int, int],
                dpi: int) -> tuple[Image.Image, tuple[int, int]]:
    layer = Image.new("L", size, 0)
    draw = ImageDraw.Draw(layer)
    lines = rng.choice(STAMP_TEXTS)
    height_mm = rng.uniform(9, 13) * len(lines) ** 0.7
    font = ImageFont.truetype(str(font_path(rng.choice(("arial", "times")), bold=True)),
                              max(8, round(height_mm / len(lines) * 0.45 / 25.4 * dpi)))
    text_w = max(font.getlength(line) for line in lines)
    w = round(text_w + rng.uniform(4, 9) / 25.4 * dpi)
    h = round(height_mm / 25.4 * dpi)
    cx, cy = centre
    stroke = max(2, round(dpi / rng.uniform(60, 110)))
    box = (cx - w // 2, cy - h // 2, cx + w // 2, cy + h // 2)
    draw.rectangle(box, outline=255, width=stroke)
    if rng.random() < 0.5:
        inset = stroke * 2
        draw.rectangle((box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset),
                       outline=255, width=max(1, stroke // 2))
    step = h / (len(lines) + 1)
    for i, line in enumerate(lines):
        draw.text((cx, box[1] + step * (i + 1)), line, font=font, fill=255, anchor="mm")
    angle = rng.uniform(-12, 12)
    return layer.rotate(angle, center=centre, resample=Image.Resampling.BICUBIC), (w, h)


def stamp(image: Image.Image, rng: random.Random, centre: tuple[int, int],
          dpi: int, shape: str | None = None, ink: str | None = None,
          opacity: float | None = None, opaque: bool | None = None) -> tuple[Image.Image, Stamp]:
    """``image`` (RGB) with one stamp over it, and what the stamp was."""
    base = image.convert("RGB")
    shape = shape or rng.choice(("round", "round", "rect"))
    label, colour = _ink(rng, ink)
    if shape == "round":
        layer, size = _round_layer(base.size, rng, centre, dpi)
    else:
        layer, size = _rect_layer(base.size, rng, centre, dpi)
    strength = np.asarray(layer, dtype=np.float32) / 255.0
    # Uneven pressure: a low-frequency field of lighter and full patches.
    gen = np.random.default_rng(rng.getrandbits(32))
    cells = (max(1, base.height // 40), max(1, base.width // 40))
    fade = Image.fromarray((gen.uniform(0.0, 0.45, cells) * 255).astype(np.uint8)).resize(
        base.size, Image.Resampling.BILINEAR)
    strength *= 1.0 - np.asarray(fade, dtype=np.float32) / 255.0
    opaque = opaque if opaque is not None else rng.random() < 0.35
    # Paste-like ink over toner hides it by its opacity; past about 0.7 nobody could read
    # the print beneath either, and stamp ink is mostly a dye.
    opacity = opacity if opacity is not None else (
        rng.uniform(0.4, 0.7) if opaque else rng.uniform(0.55, 1.0))
    strength *= opacity
    page = np.asarray(base, dtype=np.float32)
    ink_rgb = np.array(colour, dtype=np.float32)
    a = strength[..., None]
    # Paste covers the print by its opacity; dye multiplies with it.
    out = page * (1 - a) + ink_rgb * a if opaque else page * (1 - a + a * ink_rgb / 255.0)
    result = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")
    return result, Stamp(shape, label, round(opacity, 2), opaque, centre, size)
