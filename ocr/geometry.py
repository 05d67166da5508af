"""Find how a page lies (quarter turns and skew) and turn images upright.

Estimates work on a small binary copy with numpy only, so they cost little next to recognition.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

# Working resolution for estimates: fine enough for 0.1 degree of skew on A4.
ESTIMATE_DPI = 150

_TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_n turns counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Pose:
    """How to make a page upright, and how sure the estimate is."""

    rotation: int  # clockwise quarter turns in degrees
    skew: float  # counter-clockwise degrees applied after the turn
    upright_ratio: float  # ink above / below text cores; > 1 means upright
    line_contrast: float  # how much sharper lines are one way than the other


def upright_image(original: Image.Image, rotation: int, skew: float) -> Image.Image:
    """The colour page turned by ``rotation`` (clockwise) and deskewed by ``skew`` (CCW).

    This is the image that ``Word.box`` coordinates refer to; its size is the turned size.
    """
    image = original
    if rotation % 360:
        image = image.transpose(_TRANSPOSE_CLOCKWISE[rotation % 360])
    if abs(skew) >= 0.05:
        fill: int | tuple[int, ...] = 255 if image.mode in ("L", "1") else (255,) * len(
            image.getbands()
        )
        image = image.rotate(
            skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill
        )
    return image


def rotate_array(grey: NDArray[np.uint8], rotation: int) -> NDArray[np.uint8]:
    """``grey`` turned ``rotation`` degrees clockwise (same convention as ``upright_image``)."""
    k = (rotation % 360) // 90
    return np.ascontiguousarray(np.rot90(grey, k=-k)) if k else grey


def deskew_array(grey: NDArray[np.uint8], skew: float, fill: int = 255) -> NDArray[np.uint8]:
    """``grey`` rotated ``skew`` degrees counter-clockwise about its centre, size kept."""
    if abs(skew) < 0.05:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), skew, 1.0)
    out = cv2.warpAffine(
        grey, matrix, (w, h), flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT, borderValue=fill,
    )
    return np.asarray(out, dtype=np.uint8)


def _profile_score(xs: NDArray[np.float64], ys: NDArray[np.float64], angle: float) -> float:
    # Rows of the image after rotating it ``angle`` degrees counter-clockwise.
    a = math.radians(angle)
    rows = -xs * math.sin(a) + ys * math.cos(a)
    rows = np.rint(rows - rows.min()).astype(np.int64)
    hist = np.bincount(rows).astype(np.float64)
    # Aligned text lines give a spiky profile: large sum of squared differences.
    return float(np.sum(np.diff(hist) ** 2))


def _best_angle(
    xs: NDArray[np.float64], ys: NDArray[np.float64], max_skew: float
) -> tuple[float, float]:
    coarse = np.arange(-max_skew, max_skew + 1e-9, 1.0)
    scores = [_profile_score(xs, ys, a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 1.0, best + 1.0 + 1e-9, 0.1)
    fine_scores = [_profile_score(xs, ys, a) for a in fine]
    i = int(np.argmax(fine_scores))
    return float(fine[i]), float(fine_scores[i])


def _sample(mask: NDArray[np.bool_], limit: int = 60_000) -> tuple[
    NDArray[np.float64], NDArray[np.float64]
]:
    ys, xs = np.nonzero(mask)
    if len(xs) > limit:
        step = len(xs) // limit + 1
        ys, xs = ys[::step], xs[::step]
    return xs.astype(np.float64), ys.astype(np.float64)


def upright_ratio(mask: NDArray[np.bool_]) -> float:
    """Ink above the x-height band of text lines over ink below it (> 1 when upright).

    Latin scripts have more ascenders than descenders, and Vietnamese adds tone and
    vowel marks above; a page upside down shows the opposite.
    """
    profile = mask.sum(axis=1).astype(np.float64)
    profile = np.convolve(profile, np.ones(3) / 3.0, mode="same")
    inked = profile[profile > 0]
    if inked.size < 10:
        return 1.0
    core = profile > 0.45 * float(np.percentile(inked, 90))
    # Runs of core rows: starts and ends.
    edges = np.diff(core.astype(np.int8), prepend=0, append=0)
    starts = np.nonzero(edges == 1)[0]
    ends = np.nonzero(edges == -1)[0]
    keep = (ends - starts) >= 2
    starts, ends = starts[keep], ends[keep]
    if len(starts) < 2:
        return 1.0
    pitch = float(np.median(np.diff(starts)))
    above = below = 0.0
    for i, (s, e) in enumerate(zip(starts, ends, strict=True)):
        prev_end = ends[i - 1] if i > 0 else int(s - pitch / 2)
        next_start = starts[i + 1] if i + 1 < len(starts) else int(e + pitch / 2)
        top = max(0, (prev_end + s) // 2 if i > 0 else prev_end)
        bottom = min(len(profile), (e + next_start) // 2 if i + 1 < len(starts) else next_start)
        above += float(profile[top:s].sum())
        below += float(profile[e:bottom].sum())
    return (above + 1.0) / (below + 1.0)


def horizontal_skew(mask: NDArray[np.bool_], max_skew: float) -> float:
    """Skew (CCW degrees to apply) of a page read as it lies, without any quarter turn."""
    xs, ys = _sample(mask)
    if len(xs) < 50:
        return 0.0
    return round(_best_angle(xs, ys, max_skew)[0], 2)


def estimate_pose(mask: NDArray[np.bool_], max_skew: float, deskew: bool, orient: bool) -> Pose:
    """Quarter turn and skew of a page from its small ink mask (True = ink)."""
    xs, ys = _sample(mask)
    if len(xs) < 50:
        return Pose(0, 0.0, 1.0, 1.0)
    span = max_skew if deskew else 0.0
    h_angle, h_score = _best_angle(xs, ys, span)
    rotation = 0
    skew = h_angle
    contrast = 1.0
    if orient:
        # Sideways text has its lines along the columns: profile the transposed points.
        v_angle, v_score = _best_angle(ys, xs, span)
        contrast = (max(h_score, v_score) + 1.0) / (min(h_score, v_score) + 1.0)
        if v_score > h_score:
            rotation = 90
            # (x, y) -> rotating 90 clockwise maps the column profile onto rows; the
            # transposed search measured the angle mirrored, hence the sign.
            skew = -v_angle
    if not deskew:
        skew = 0.0
    ratio = 1.0
    if orient:
        small = rotate_array(mask.astype(np.uint8) * 255, rotation)
        small = deskew_array(small, skew, fill=0)
        ratio = upright_ratio(small > 127)
        if ratio < 1.0:
            rotation = (rotation + 180) % 360
            ratio = 1.0 / ratio
    return Pose(rotation, round(skew, 2), ratio, contrast)
