"""Phone photos of paper: the page on a table, seen at an angle, under uneven light and shadow.

``phone_photo`` turns any upright page image into such a photo; the page stays upright.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Table tops and cloths a page is photographed on (RGB).
_BACKGROUNDS = ((96, 70, 48), (60, 60, 64), (150, 120, 90), (35, 40, 45), (180, 175, 160))


def _quad(w: int, h: int, rng: random.Random, tilt: float) -> NDArray[np.float32]:
    """Where the page's corners land in a frame of size (w, h): perspective and a small turn."""
    cx, cy = w / 2, h / 2
    scale = rng.uniform(0.72, 0.9)
    hw, hh = w * scale / 2, h * scale / 2
    corners = np.array([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]], dtype=np.float64)
    # Seen from below the top edge looks shorter (keystone), with some sideways lean.
    keystone = rng.uniform(0.0, tilt)
    corners[0, 0] += hw * keystone
    corners[1, 0] -= hw * keystone
    lean = rng.uniform(-tilt, tilt) * 0.5
    corners[[0, 3], 1] += hh * lean
    corners[[1, 2], 1] -= hh * lean
    angle = math.radians(rng.uniform(-3.0, 3.0))
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    corners = corners @ rot.T
    corners += rng.uniform(-0.02, 0.02) * w
    corners[:, 0] += cx
    corners[:, 1] += cy
    return np.asarray(corners, dtype=np.float32)


def _light(w: int, h: int, rng: random.Random, shadow: bool) -> NDArray[np.float32]:
    """A multiplicative light field: a gradient from the lamp, a vignette, maybe a shadow."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    norm = math.hypot(gx, gy) or 1.0
    ramp = ((xx / w - 0.5) * gx + (yy / h - 0.5) * gy) / norm
    field = 1.0 - rng.uniform(0.1, 0.35) * (ramp + 0.5)
    r2 = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) / 0.5
    field *= 1.0 - rng.uniform(0.05, 0.25) * r2
    if shadow:
        # A phone's or a hand's shadow: a soft dark region entering from one side.
        mask = np.zeros((h, w), np.uint8)
        side = rng.choice(("left", "right", "top", "bottom"))
        depth = rng.uniform(0.2, 0.5)
        a, b = rng.uniform(0.1, 0.5), rng.uniform(0.5, 0.9)
        if side == "left":
            pts = [(0, a * h), (depth * w, rng.uniform(a, b) * h), (depth * w * 0.7, b * h),
                   (0, min(1.0, b + 0.2) * h)]
        elif side == "right":
            pts = [(w, a * h), ((1 - depth) * w, rng.uniform(a, b) * h),
                   ((1 - depth * 0.7) * w, b * h), (w, min(1.0, b + 0.2) * h)]
        elif side == "top":
            pts = [(a * w, 0), (rng.uniform(a, b) * w, depth * h), (b * w, depth * h * 0.7),
                   (min(1.0, b + 0.2) * w, 0)]
        else:
            pts = [(a * w, h), (rng.uniform(a, b) * w, (1 - depth) * h),
                   (b * w, (1 - depth * 0.7) * h), (min(1.0, b + 0.2) * w, h)]
        cv2.fillPoly(mask, [np.array(pts, np.int32)], 255)
        soft = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), w * 0.02)
        field *= 1.0 - rng.uniform(0.35, 0.6) * soft
    return np.asarray(field, dtype=np.float32)


def phone_photo(
    page: Image.Image, rng: random.Random, size: tuple[int, int] | None = None,
    tilt: float = 0.12, shadow: bool | None = None, paper: tuple[int, int, int] | None = None,
) -> Image.Image:
    """``page`` photographed: perspective, light falloff, optional shadow, blur, noise, JPEG.

    ``size`` is the photo's pixel size (width, height); default a phone frame in the
    page's orientation whose long side is 1600-3000 px.
    """
    src = np.asarray(page.convert("RGB"), dtype=np.float32)
    if paper is not None:
        # Coloured or yellowed paper: white becomes the paper colour, ink stays dark.
        tint = np.array(paper, np.float32) / 255.0
        src = src * tint[None, None, :]
    ph, pw = src.shape[:2]
    if size is None:
        long_side = rng.randint(1600, 3000)
        aspect = rng.choice((4 / 3, 16 / 9)) if ph >= pw else rng.choice((3 / 4, 9 / 16))
        aspect = max(aspect, ph / pw * 0.9) if ph >= pw else aspect
        h = long_side if ph >= pw else round(long_side * 3 / 4)
        w = round(h / aspect) if ph >= pw else long_side
        size = (w, h)
    w, h = size
    # Fit the page's aspect into the frame before the perspective.
    fit = min(w / pw, h / ph)
    fw, fh = pw * fit, ph * fit
    quad = _quad(round(fw), round(fh), rng, tilt)
    quad[:, 0] += (w - fw) / 2
    quad[:, 1] += (h - fh) / 2
    corners = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, quad)
    background = np.array(rng.choice(_BACKGROUNDS), np.float32)
    warped = cv2.warpPerspective(src, matrix, (w, h), flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(-1, -1, -1))
    outside = warped[..., 0] < 0
    gen = np.random.default_rng(rng.getrandbits(32))
    texture = gen.normal(0, 6, (h, w, 1)).astype(np.float32)
    warped[outside] = (background[None, :] + texture[outside])
    if shadow is None:
        shadow = rng.random() < 0.5
    light = _light(w, h, rng, shadow)
    photo = warped * light[..., None] * rng.uniform(0.85, 1.0)
    photo = np.asarray(cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.4)), np.float32)
    photo += gen.normal(0, rng.uniform(2.5, 6.0), photo.shape).astype(np.float32)
    out = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB")
    buf = io.BytesIO()
    # Phones write 72 "dpi" or none: the resolution says nothing about the paper.
    out.save(buf, "JPEG", quality=rng.randint(70, 90))
    buf.seek(0)
    result = Image.open(buf)
    result.load()
    rgb = result.convert("RGB")
    rgb.info["dpi"] = (72, 72)
    return rgb
