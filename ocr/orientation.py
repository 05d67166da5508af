"""Decide whether to turn a page: only when several signs agree, never against a sure reading.

Signs: the direction and up/down shape of text lines (``geometry``), recognition confidence
of each candidate turn on a sample of the page, and a full reading that confirms it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ocr.engine import RawWord
from ocr.geometry import Pose

# An upright reading at least this sure is never turned (upright print reads 80-95,
# text read sideways or upside down 20-50).
CONFIDENT = 75.0
# A turned reading of the sample must be this much surer than the upright one ...
MARGIN = 20.0
# ... and sure in itself.
TURNED_AT_LEAST = 55.0
# Too few letters in a sample say nothing.
MIN_LETTERS = 12
# Side of the sample window as a share of the inked area (at least _MIN_SIDE pixels).
_SAMPLE_SHARE = 0.45
_MIN_SIDE = 400

Reader = Callable[[NDArray[np.bool_]], list[RawWord]]
FullReader = Callable[[int, float], list[RawWord]]
Orienter = Callable[[NDArray[np.bool_], int, float], NDArray[np.bool_]]


@dataclass(frozen=True)
class Candidate:
    """A chosen turn and skew, with the full reading in that pose when it was made."""

    rotation: int
    skew: float
    words: list[RawWord] | None
    # Signs pointed to a turn but did not agree strongly enough: kept as it came, for a
    # person to check.
    unsure: bool = False


def confidence(raw: list[RawWord]) -> float:
    """Mean word confidence weighted by length: one confident letter does not count much."""
    total = sum(len(w.text) for w in raw)
    return sum(w.confidence * len(w.text) for w in raw) / total if total else 0.0


def runs_across(raw: list[RawWord]) -> bool:
    """Whether the words lie along horizontal lines, as on an upright page.

    Tesseract's layout analysis also reads lines that run down the image (it takes them for
    vertical script), and reads them confidently: such a reading says the page is sideways,
    not that it is upright.
    """
    long_words = [w for w in raw if sum(ch.isalnum() for ch in w.text) >= 3]
    if not long_words:
        return True
    across = sum((w.box[2] - w.box[0]) > (w.box[3] - w.box[1]) for w in long_words)
    return across >= 0.6 * len(long_words)


def letters(raw: list[RawWord]) -> int:
    return sum(sum(ch.isalnum() for ch in w.text) for w in raw)


def sample_window(ink: NDArray[np.bool_]) -> tuple[slice, slice]:
    """A central window of the inked area: several lines whichever way they run."""
    rows = np.nonzero(ink.any(axis=1))[0]
    cols = np.nonzero(ink.any(axis=0))[0]
    if rows.size == 0 or cols.size == 0:
        return slice(0, ink.shape[0]), slice(0, ink.shape[1])
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    left, right = int(cols[0]), int(cols[-1]) + 1

    def middle(lo: int, hi: int) -> slice:
        span = hi - lo
        side = min(span, max(_MIN_SIDE, round(span * _SAMPLE_SHARE)))
        start = lo + (span - side) // 2
        return slice(start, start + side)

    return middle(top, bottom), middle(left, right)


def choose_rotation(
    ink: NDArray[np.bool_], pose: Pose, upright_skew: float, read: Reader,
    read_full: FullReader, oriented: Orienter,
    osd: Callable[[], tuple[int, float] | None] | None = None,
) -> Candidate:
    """The turn to apply to ``ink`` (upright unless the evidence is strong) and its reading.

    ``read`` reads a sample mask, ``read_full`` the whole page in a given pose.
    """
    rows, cols = sample_window(ink)
    crop = np.ascontiguousarray(ink[rows, cols])

    def sample(rotation: int, skew: float) -> list[RawWord]:
        return read(oriented(crop, rotation, skew))

    if pose.rotation != 0:
        # The line estimate suggests a turn: compare samples before reading in full.
        upright = sample(0, upright_skew)
        sure_upright = confidence(upright) if runs_across(upright) else 0.0
        if sure_upright >= CONFIDENT and letters(upright) >= MIN_LETTERS:
            return Candidate(0, upright_skew, None)
        turns = [pose.rotation]
        if pose.rotation in (90, 270):
            turns.append((pose.rotation + 180) % 360)
        scored = [(confidence(words) if runs_across(words) else 0.0, rotation, words)
                  for rotation in turns for words in [sample(rotation, pose.skew)]]
        best, rotation, words = max(scored, key=lambda s: s[0])
        if (best >= sure_upright + MARGIN and best >= TURNED_AT_LEAST
                and letters(words) >= MIN_LETTERS):
            full = read_full(rotation, pose.skew)
            if confidence(full) >= TURNED_AT_LEAST:
                return Candidate(rotation, pose.skew, full)
        # The lines said "turned", the readings did not confirm it, and the upright reading
        # is poor and no better than the turned one: keep the page as it came, and say so.
        # (An upright reading of fair confidence is simply upright: narrow receipts often
        # fool the line estimate.)
        unsure = sure_upright < TURNED_AT_LEAST and best >= sure_upright
        return Candidate(0, upright_skew, None, unsure=unsure)

    # The lines look upright: read so, and look further only if that reading is poor.
    full = read_full(0, upright_skew)
    sure = confidence(full)
    if sure >= CONFIDENT or letters(full) < MIN_LETTERS or osd is None:
        return Candidate(0, upright_skew, full)
    answer = osd()
    if answer is None or answer[0] != 180 or answer[1] < 2.0:
        return Candidate(0, upright_skew, full)
    # Tesseract's detector disagrees with the line estimate: the samples decide.
    up, down = sample(0, upright_skew), sample(180, upright_skew)
    if (confidence(down) >= confidence(up) + MARGIN and confidence(down) >= TURNED_AT_LEAST
            and letters(down) >= MIN_LETTERS):
        turned = read_full(180, upright_skew)
        if confidence(turned) >= sure + MARGIN / 2:
            return Candidate(180, upright_skew, turned)
    # Tesseract's detector says upside down and the samples lean its way, not enough to
    # turn: a person checks.
    return Candidate(0, upright_skew, full, unsure=confidence(down) >= confidence(up))
