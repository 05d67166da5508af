"""Fuzzy title matching on folded text: which document type a page's heading names.

Titles are matched line by line near the top of a page with rapidfuzz, so OCR
errors, split lines and either tone-mark style still match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from vntext import fold

NATIONAL_HEADING = "cong hoa xa hoi chu nghia viet nam"
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
TOP_LINES = 30


def fold_line(line: str) -> str:
    """Folded line with punctuation turned into single spaces."""
    return " ".join(_NON_WORD.sub(" ", fold(line)).split())


def top_lines(text: str, limit: int = TOP_LINES) -> list[str]:
    """The first ``limit`` non-empty folded lines of a page."""
    out: list[str] = []
    for raw in text.splitlines():
        line = fold_line(raw)
        if len(line) >= 3:
            out.append(line)
            if len(out) >= limit:
                break
    return out


def _candidates(lines: Sequence[str]) -> tuple[list[str], list[int]]:
    """Lines plus adjacent pairs joined: titles are often broken over two lines."""
    cands: list[str] = []
    index: list[int] = []
    for i, line in enumerate(lines):
        cands.append(line)
        index.append(i)
        if i + 1 < len(lines) and len(line) < 60 and len(lines[i + 1]) < 60:
            cands.append(line + " " + lines[i + 1])
            index.append(i)
    return cands, index


def _position_weight(i: int) -> float:
    return 1.0 if i < 10 else max(0.8, 1.0 - 0.01 * (i - 10))


@dataclass(frozen=True)
class Phrase:
    key: str
    folded: str


class TitleMatcher:
    """Scores (0..100) of each key's phrases against the top lines of a text."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self.phrases = tuple(Phrase(key, fold_line(p)) for key, p in phrases)
        self.keys = tuple(dict.fromkeys(p.key for p in self.phrases))
        self._key_index = {k: i for i, k in enumerate(self.keys)}
        self._lengths = np.array([len(p.folded) for p in self.phrases], dtype=np.float32)

    def scores(self, lines: Sequence[str]) -> dict[str, float]:
        if not lines or not self.phrases:
            return {}
        cands, index = _candidates(lines)
        matrix = process.cdist(
            [p.folded for p in self.phrases], cands, scorer=fuzz.partial_ratio, workers=1,
            dtype=np.float32,
        )
        cand_len = np.array([len(c) for c in cands], dtype=np.float32)
        # A title stands alone on its line: a phrase found inside a long sentence
        # counts for less, and short phrases must match almost exactly.
        too_long = cand_len[None, :] > (self._lengths[:, None] * 1.6 + 8)
        matrix = np.where(too_long, matrix * 0.9, matrix)
        short = self._lengths[:, None] < 10
        matrix = np.where(short & (matrix < 95), matrix * 0.8, matrix)
        weights = np.array([_position_weight(i) for i in index], dtype=np.float32)
        best = (matrix * weights[None, :]).max(axis=1)
        out: dict[str, float] = {}
        for phrase, value in zip(self.phrases, best.tolist(), strict=True):
            # A longer phrase that matches as well is more specific: tiny bonus.
            value = value + min(len(phrase.folded), 60) / 600
            if value > out.get(phrase.key, 0.0):
                out[phrase.key] = value
        return out


def has_national_heading(lines: Sequence[str]) -> bool:
    for line in lines[:8]:
        if fuzz.partial_ratio(NATIONAL_HEADING, line) >= 85 and len(line) >= 20:
            return True
    return False


def contains_phrase(folded_text: str, phrase: str, threshold: float = 90.0) -> float:
    """How well ``phrase`` (folded) occurs in ``folded_text``: 0..100 (exact = 100)."""
    if phrase in folded_text:
        return 100.0
    if len(folded_text) < len(phrase):
        return 0.0
    score = fuzz.partial_ratio(phrase, folded_text, score_cutoff=threshold)
    return float(score)
