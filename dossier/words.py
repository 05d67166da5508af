"""The recognised-words blob: one page's OCR words with their boxes, as the workspace keeps
it. Written once after OCR, read by packing and by the review screen; this module alone
knows its format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ocr import PageResult
    from storage import Workspace


@dataclass(frozen=True, slots=True)
class StoredWord:
    """A recognised word (box in upright-image pixels: left, top, right, bottom)."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float = 100.0
    line: int = 0


@dataclass(frozen=True, slots=True)
class PageWords:
    """What OCR found on one page, and the turn it read the page at."""

    width: int
    height: int
    rotation: int
    skew: float
    lines: tuple[Any, ...]
    words: tuple[StoredWord, ...]


NO_WORDS = PageWords(0, 0, 0, 0.0, (), ())


def encode(result: PageResult) -> bytes:
    """The blob for an OCR result (compact UTF-8 JSON)."""
    words = [
        {"text": w.text, "box": list(w.box), "confidence": round(w.confidence, 1), "line": w.line}
        for w in result.words
    ]
    payload = {
        "width": result.width,
        "height": result.height,
        "rotation": result.rotation,
        "skew": result.skew,
        "lines": list(result.lines),
        "words": words,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> PageWords:
    payload = json.loads(data)
    return PageWords(
        width=int(payload.get("width") or 0),
        height=int(payload.get("height") or 0),
        rotation=int(payload.get("rotation") or 0),
        skew=float(payload.get("skew") or 0.0),
        lines=tuple(payload.get("lines") or ()),
        words=tuple(
            StoredWord(
                str(w["text"]),
                (int(w["box"][0]), int(w["box"][1]), int(w["box"][2]), int(w["box"][3])),
                float(w.get("confidence", 100.0)),
                int(w.get("line", 0)),
            )
            for w in payload.get("words", ())
        ),
    )


def read(ws: Workspace, words_sha: str | None) -> PageWords:
    """A page's stored words, or no words when the page has not been read."""
    return decode(ws.blobs.read(words_sha)) if words_sha else NO_WORDS
