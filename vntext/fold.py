"""Folding of Vietnamese text for matching: NFC, tone-style unification, diacritic removal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_WORD = re.compile(r"\w+", re.UNICODE)

# Two tone placements are in use on open oa/oe/uy syllables: "hoà"/"hòa",
# "thuỷ"/"thủy". Folding removes marks anyway; for comparisons that keep marks
# we settle on the tone over the first vowel ("hòa", "thủy").
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = re.compile(r"(?i)([oòóõỏọ][aàáãảạ]|[oòóõỏọ][eèéẽẻẹ]|[uùúũủụ][yỳýỹỷỵ])(?!\w)")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form Sohoa stores."""
    return unicodedata.normalize("NFC", text)


# Every combining mark of the Basic Multilingual Plane, for str.translate (fast, in C).
_STRIP_BMP = {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")


def fold(text: str) -> str:
    """Lower-case, strip every combining mark and map đ→d.

    ``fold("Đăng ký KẾT HÔN") == "dang ky ket hon"``.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    if _BEYOND_BMP.search(decomposed):
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    else:
        stripped = decomposed.translate(_STRIP_BMP)
    return unicodedata.normalize("NFC", stripped).casefold()


def fold_words(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return _WORD.findall(fold(text))


def _move_tone(match: re.Match[str]) -> str:
    pair = unicodedata.normalize("NFD", match.group(1))
    tone = "".join(ch for ch in pair if ch in _TONES)
    if not tone:
        return match.group(1)
    bare = "".join(ch for ch in pair if ch not in _TONES)
    # bare[0] is the first vowel (possibly followed by its own vowel mark).
    first_len = 1
    while first_len < len(bare) and unicodedata.combining(bare[first_len]):
        first_len += 1
    return unicodedata.normalize("NFC", bare[:first_len] + tone + bare[first_len:])


def normalise_tone_style(text: str) -> str:
    """Put the tone of open oa/oe/uy syllables on the first vowel (hoà→hòa, thuỷ→thủy)."""
    return _OLD_STYLE.sub(_move_tone, nfc(text))


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(_D_MAP))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class _Folding:
    """What each character seen so far folds to, so a long text folds at C speed when
    every character folds to exactly one (the case of Vietnamese text)."""

    def __init__(self) -> None:
        self.folded: dict[str, str] = {}
        self.marks: set[str] = set()
        self.unknown = re.compile(r"[\s\S]")  # a character not seen yet
        # Folds to no or several characters; Σ because lower() reads it in context.
        self.uneven = re.compile("Σ")
        # Decomposes to something else than one ASCII letter and marks (ø, ß, Cyrillic…).
        self.beyond_ascii = re.compile(r"[\s\S]")
        self.strip: re.Pattern[str] | None = None

    def learn(self, text: str) -> None:
        if not self.unknown.search(text):
            return
        uneven = {"Σ"} | {ch for ch, f in self.folded.items() if len(f) != 1}
        beyond = {ch for ch in self.folded if not _ascii_with_marks(ch)}
        for ch in set(text).difference(self.folded):
            self.folded[ch] = _fold_char(ch)
            if len(self.folded[ch]) != 1:
                uneven.add(ch)
            if not _ascii_with_marks(ch):
                beyond.add(ch)
            self.marks |= {c for c in unicodedata.normalize("NFD", ch.translate(_D_MAP))
                           if unicodedata.combining(c)}
        self.unknown = re.compile("[^" + "".join(map(re.escape, sorted(self.folded))) + "]")
        self.uneven = re.compile("[" + "".join(map(re.escape, sorted(uneven))) + "]")
        self.beyond_ascii = re.compile("[" + "".join(map(re.escape, sorted(beyond))) + "]"
                                       if beyond else "(?!)")
        if self.marks:
            self.strip = re.compile("[" + "".join(map(re.escape, sorted(self.marks))) + "]+")


def _ascii_with_marks(ch: str) -> bool:
    """``ch`` decomposes to one ASCII character and combining marks (ă, ế, K…)."""
    base = [c for c in unicodedata.normalize("NFD", ch.translate(_D_MAP))
            if not unicodedata.combining(c)]
    return len(base) == 1 and base[0].isascii()


_FOLDING = _Folding()


def fold_aligned(text: str) -> tuple[str, Sequence[int]]:
    """Fold ``text`` (taken as NFC) and map each folded character to its index in ``text``.

    Lets search find a folded match and highlight the original, marks kept.
    """
    _FOLDING.learn(text)
    if not _FOLDING.uneven.search(text):
        # One character for one: the whole text at once, the index is the identity.
        folded = text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
        folded = unicodedata.normalize("NFD", folded)
        if not _FOLDING.beyond_ascii.search(text):  # Vietnamese: the marks are all not ASCII
            folded = folded.encode("ascii", "ignore").decode("ascii")
        elif _FOLDING.strip is not None:
            folded = _FOLDING.strip.sub("", folded)
        folded = folded.lower()
        if len(folded) == len(text):
            return folded, range(len(text))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in _FOLDING.folded[ch]:
            out.append(c)
            index.append(i)
    return "".join(out), index
