"""Fuzzy title matching on folded text: which document type a page's heading names.

Titles are matched line by line near the top of a page with rapidfuzz, so OCR
errors, split lines and either tone-mark style still match.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from vntext import fold

NATIONAL_HEADING = "cong hoa xa hoi chu nghia viet nam"
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
TOP_LINES = 30
_LONGEST_TITLE = 110
# Title scores below this never count (a type needs 60 and more, a new document 88).
_SCORE_CUTOFF = 50
# Candidate lines whose phrase scores are remembered (a few hundred kB).
_COLUMN_CACHE = 4096
# A word in more phrases than this ("giấy", "khai", "đăng ký") says little on its own.
_COMMON_WORD = 6


@lru_cache(maxsize=32768)
def fold_cached(text: str) -> str:
    """``vntext.fold``, remembered: the same lines are folded by several passes."""
    return fold(text)


@lru_cache(maxsize=32768)
def fold_line(line: str) -> str:
    """Folded line with punctuation turned into single spaces."""
    return " ".join(_NON_WORD.sub(" ", fold_cached(line)).split())


_LIST_ITEM = re.compile(r"^\s*(?:[-+*•–]|[0-9a-zđ]{1,2}[.)])\s")


@dataclass(frozen=True)
class TopLine:
    """A folded line near the top of a page and how much a title found in it counts."""

    text: str
    # Titles stand alone: a list item ("- Tờ khai …") or a "label: value" line
    # that names a document is a mention, not a title.
    factor: float = 1.0


def top_lines(text: str, limit: int = TOP_LINES) -> list[TopLine]:
    """The first ``limit`` non-empty lines of a page, folded."""
    out: list[TopLine] = []
    for raw in text.splitlines():
        line = fold_line(raw)
        if len(line) < 3:
            continue
        factor = 1.0
        if _LIST_ITEM.match(raw):
            factor = 0.85
        elif ":" in raw or any(ch.isdigit() for ch in line):
            # a label ("Số căn cước công dân:") whose value is on the next line counts too
            factor = 0.9
        out.append(TopLine(line, factor))
        if len(out) >= limit:
            break
    return out


def _candidates(lines: Sequence[TopLine]) -> tuple[list[str], list[int], list[float]]:
    """Lines plus adjacent pairs joined: titles are often broken over two lines."""
    cands: list[str] = []
    index: list[int] = []
    factors: list[float] = []
    for i, line in enumerate(lines):
        if len(line.text) > _LONGEST_TITLE:
            continue  # running text, not a title
        cands.append(line.text)
        index.append(i)
        factors.append(line.factor)
        if i + 1 < len(lines) and len(line.text) < 60 and len(lines[i + 1].text) < 60:
            cands.append(line.text + " " + lines[i + 1].text)
            index.append(i)
            factors.append(min(line.factor, lines[i + 1].factor))
    return cands, index, factors


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
        self._folded = [p.folded for p in self.phrases]
        self._lengths = np.array([len(p.folded) for p in self.phrases], dtype=np.float32)
        self._by_word: dict[str, list[int]] = {}
        for i, p in enumerate(self.phrases):
            for word in set(p.folded.split()):
                self._by_word.setdefault(word, []).append(i)
        self._columns: dict[str, np.ndarray] = {}
        # (short, long) phrase indices where the short phrase is part of the long one
        # of another type ("giấy xác nhận tình trạng hôn nhân" in "tờ khai cấp giấy …").
        self._inside = tuple(
            (i, j) for i, a in enumerate(self.phrases) for j, b in enumerate(self.phrases)
            if a.key != b.key and a.folded != b.folded and a.folded in b.folded
        )

    def scores(self, lines: Sequence[TopLine]) -> dict[str, float]:
        return self.scores_and_split(lines, 0)[0]

    def scores_and_split(self, lines: Sequence[TopLine],
                         split_lines: int) -> tuple[dict[str, float], dict[str, float]]:
        """Scores over all lines, and over the title-like lines among the first ``split_lines``."""
        if not self.phrases:
            return {}, {}
        cands, index, factors = _candidates(lines)
        if not cands:
            return {}, {}
        matrix = self._columns_for(cands)
        weights = np.array([_position_weight(i) * f for i, f in zip(index, factors, strict=True)],
                           dtype=np.float32)
        weighted = matrix * weights[None, :]
        split_cols = np.array([i < split_lines and f == 1.0 for i, f in zip(index, factors,
                                                                             strict=True)])
        out = self._per_key(weighted.max(axis=1))
        split = self._per_key(weighted[:, split_cols].max(axis=1)) if split_cols.any() else {}
        return out, split

    def _columns_for(self, cands: Sequence[str]) -> np.ndarray:
        """Each phrase's score (0..100) in each candidate line, before position counts.

        Lines repeat (headings, mottos, a form's labels, the same form twice), so
        columns are remembered.
        """
        known = self._columns
        columns = {c: known[c] for c in dict.fromkeys(cands) if c in known}
        new = [c for c in dict.fromkeys(cands) if c not in columns]
        if new:
            columns.update(self._score_new(new))
        return np.stack([columns[c] for c in cands], axis=1)

    def _score_new(self, cands: list[str]) -> dict[str, np.ndarray]:
        length = self._lengths[:, None]
        cand_len = np.array([len(c) for c in cands], dtype=np.float32)[None, :]
        # partial_ratio finds the shorter string inside the longer: a short line
        # ("BẢN SAO") would match inside a long phrase, so there the whole ratio counts.
        matrix = process.cdist(self._folded, cands, scorer=fuzz.ratio, workers=1,
                               dtype=np.float32, score_cutoff=_SCORE_CUTOFF)
        longer = cand_len >= length * 0.9
        matrix[longer] = 0.0
        # The costly partial search is run only for phrases the line shares a word
        # with: a title that shares none scores far below what counts as evidence.
        for j, cand in enumerate(cands):
            shared: Counter[int] = Counter()
            for word in set(cand.split()):
                found = self._by_word.get(word, ())
                # one common word ("giấy", "khai") alone is no sign of a title
                for i in found:
                    shared[i] += 1 if len(found) > _COMMON_WORD else 2
            for i, count in shared.items():
                if count >= 2 and longer[i, j]:
                    matrix[i, j] = fuzz.partial_ratio(self._folded[i], cand,
                                                      score_cutoff=_SCORE_CUTOFF)
        # A title stands alone on its line: the longer the line around the phrase,
        # the less it counts.
        excess = np.maximum(0.0, (cand_len - length) / np.maximum(length, 10.0) - 0.35)
        matrix = matrix * np.maximum(0.8, 1.0 - 0.1 * excess)
        matrix = np.where((length < 10) & (matrix < 95), matrix * 0.8, matrix)
        matrix = matrix.astype(np.float32)
        out = {cand: matrix[:, j].copy() for j, cand in enumerate(cands)}
        if len(self._columns) + len(cands) > _COLUMN_CACHE:
            self._columns = {}
        self._columns.update(out)
        return out

    def _per_key(self, best: np.ndarray) -> dict[str, float]:
        best = best.copy()
        for short, long in self._inside:
            # The longer title matched well: the shorter one inside it is not a
            # second title, whatever OCR did to the words around it.
            if best[long] >= 90.0 and best[short] <= best[long] + 10.0:
                best[short] = min(best[short], best[long] - 2.0)
        out: dict[str, float] = {}
        for phrase, value in zip(self.phrases, best.tolist(), strict=True):
            # A longer phrase that matches as well is more specific: tiny bonus.
            value = value + min(len(phrase.folded), 60) / 600
            if value > out.get(phrase.key, 0.0):
                out[phrase.key] = value
        return out


def has_national_heading(lines: Sequence[TopLine]) -> bool:
    for line in lines[:8]:
        if len(line.text) >= 20 and fuzz.partial_ratio(NATIONAL_HEADING, line.text) >= 85:
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
