"""Photocopies as citizens bring them: copies of copies, worn or heavy toner, dirty glass.

Each generation blurs the sheet, pushes it through the copier's steep tone curve (the toner
level decides where it cuts), breaks or thickens strokes and adds toner dust. Then the
last copy gets its grey or halftoned background, dark edges and punch holes, and is
scanned. ``copy_recipe`` draws the settings; ``photocopy`` applies them.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image


@dataclass(frozen=True)
class CopyRecipe:
    generations: int   # 1 = a copy of the original, 3 = a copy of a copy of a copy
    toner: float       # -1 worn out (faded, broken strokes) .. +1 heavy (thick, grey ground)
    dust: float        # toner specks per pixel
    halftone: bool     # grey ground rendered by the copier's dot screen
    background: float  # darkness of the ground, 0 white .. 0.3 grey
    borders: int       # dark edges (0-3 sides) where the lid did not cover
    punch_holes: bool
    greyscale: bool    # scanned in grey rather than colour


def copy_recipe(rng: random.Random) -> CopyRecipe:
    toner = rng.uniform(-1.0, 1.0)
    halftone = rng.random() < 0.35
    ground = rng.uniform(0.04, 0.16) if halftone else rng.uniform(0.0, 0.22) + 0.06 * toner
    return CopyRecipe(
        generations=rng.choice((1, 1, 2, 2, 3)),
        toner=toner,
        dust=rng.uniform(0.0003, 0.0025),
        halftone=halftone,
        background=max(0.0, ground),
        borders=rng.choice((0, 1, 1, 2, 3)),
        punch_holes=rng.random() < 0.4,
        greyscale=rng.random() < 0.5,
    )


def _field(gen: np.random.Generator, shape: tuple[int, int], cell: int) -> NDArray[np.float32]:
    """Smooth noise in 0..1 varying over ``cell`` pixels."""
    small = gen.uniform(0, 1, (max(2, shape[0] // cell), max(2, shape[1] // cell)))
    return np.asarray(cv2.resize(small.astype(np.float32), (shape[1], shape[0]),
                                 interpolation=cv2.INTER_CUBIC), dtype=np.float32).clip(0, 1)


def _dust(d: NDArray[np.float32], gen: np.random.Generator, density: float,
          dpi: int) -> None:
    h, w = d.shape
    n = int(h * w * density)
    ys = gen.integers(0, h, n)
    xs = gen.integers(0, w, n)
    big = max(2, dpi // 100 + 1)
    sizes = np.where(gen.random(n) < 0.85, 1, gen.integers(2, big + 1, n))
    values = gen.uniform(0.4, 0.95, n).astype(np.float32)
    for y, x, s, v in zip(ys, xs, sizes, values, strict=True):
        d[y:y + s, x:x + s] = np.maximum(d[y:y + s, x:x + s], v)


def _generation(d: NDArray[np.float32], rng: random.Random, gen: np.random.Generator,
                recipe: CopyRecipe, dpi: int, last: bool) -> NDArray[np.float32]:
    sigma = rng.uniform(0.5, 0.9) * dpi / 300
    d = np.asarray(cv2.GaussianBlur(d, (0, 0), sigma), dtype=np.float32)
    # The tone curve: worn toner cuts high (thin strokes fade), heavy toner cuts low; the
    # copier that made the last copy sets the toner, earlier ones were middling.
    toner = recipe.toner if last else 0.3 * recipe.toner
    cut = 0.5 - 0.12 * toner + rng.uniform(-0.03, 0.03)
    steep = rng.uniform(7.0, 13.0)
    d = 1.0 / (1.0 + np.exp(-(d - cut) * steep))
    low = 1.0 / (1.0 + np.exp(cut * steep))
    d = ((d - low) / (1.0 - low)).clip(0, 1).astype(np.float32)
    if last and recipe.toner < -0.4:
        # Worn drum: patches where the toner did not take, strokes broken in them.
        holes = _field(gen, d.shape, max(3, dpi // 60)) < rng.uniform(0.1, 0.25)
        d = np.where(holes, d * rng.uniform(0.4, 0.7), d).astype(np.float32)
    _dust(d, gen, recipe.dust / recipe.generations, dpi)
    return d


def _halftone(level: NDArray[np.float32], dpi: int, rng: random.Random) -> NDArray[np.float32]:
    """A 45-degree dot screen that covers ``level`` of each area."""
    h, w = level.shape
    period = rng.uniform(4.0, 7.0) * dpi / 300
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u = (xx + yy) * (2 * np.pi / period / np.sqrt(2))
    v = (xx - yy) * (2 * np.pi / period / np.sqrt(2))
    screen = (np.cos(u) + np.cos(v)) * 0.25 + 0.5  # 0..1, low at dot centres
    return np.where(screen < level, rng.uniform(0.55, 0.85), 0.0).astype(np.float32)


def photocopy(image: Image.Image, rng: random.Random, dpi: int,
              recipe: CopyRecipe | None = None) -> Image.Image:
    """A scanned photocopy (``recipe`` generations deep) of a clean page."""
    recipe = recipe or copy_recipe(rng)
    gen = np.random.default_rng(rng.getrandbits(32))
    d = 1.0 - np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    for n in range(recipe.generations):
        d = _generation(d, rng, gen, recipe, dpi, last=n == recipe.generations - 1)
    h, w = d.shape
    # The ground: uneven grey, or the dot screen a copier makes of grey.
    ground = recipe.background * (0.6 + 0.8 * _field(gen, (h, w), max(8, w // 6)))
    if recipe.halftone:
        ground = _halftone(ground.astype(np.float32), dpi, rng)
    d = np.maximum(d, ground.astype(np.float32))
    toner_black = rng.uniform(0.78, 0.95)
    d *= toner_black
    # Dark edges where the lid did not close or the sheet was smaller than the glass.
    sides = rng.sample(("left", "right", "top", "bottom"), recipe.borders)
    for side in sides:
        extent = max(4, round((w if side in ("left", "right") else h)
                              * rng.uniform(0.008, 0.03)))
        ramp = np.linspace(rng.uniform(0.75, 0.95), 0.0, extent, dtype=np.float32) ** 0.5
        if side == "left":
            d[:, :extent] = np.maximum(d[:, :extent], ramp[None, :])
        elif side == "right":
            d[:, w - extent:] = np.maximum(d[:, w - extent:], ramp[::-1][None, :])
        elif side == "top":
            d[:extent, :] = np.maximum(d[:extent, :], ramp[:, None])
        else:
            d[h - extent:, :] = np.maximum(d[h - extent:, :], ramp[::-1][:, None])
    if recipe.punch_holes:
        # Two holes in the binding margin (the copier sees the dark lid through them).
        radius = round(rng.uniform(2.6, 3.2) / 25.4 * dpi)
        x = round(rng.uniform(9, 13) / 25.4 * dpi)
        gap = round(40 / 25.4 * dpi)
        holes = np.zeros((h, w), np.uint8)
        for y in (h // 2 - gap, h // 2 + gap):
            cv2.circle(holes, (x, y), radius, 255, -1, lineType=cv2.LINE_AA)
        d = np.maximum(d, holes.astype(np.float32) / 255.0 * rng.uniform(0.7, 0.95))
    grey = 255.0 * (1.0 - d) + gen.standard_normal(d.shape, dtype=np.float32) * rng.uniform(3, 7)
    out = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")
    if not recipe.greyscale:
        out = out.convert("RGB")
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=rng.randint(60, 85))
    buf.seek(0)
    copied = Image.open(buf)
    copied.load()
    return copied
