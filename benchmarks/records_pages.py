"""Noisy 200 and 300 dpi Vietnamese scans with colour seals and signatures for the records
benchmarks, with their true text and approximate word boxes (from the rendered lines).
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ocr_pages import paragraphs  # noqa: E402
from synth import FONTS, degrade, draw_seal, draw_signature, render_page  # noqa: E402


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class ScanPage:
    name: str
    dpi: int
    png: bytes  # the scan file as a scanner writes it (JPEG, quality 92)
    truth: str
    words: tuple[Word, ...]  # boxes split from line boxes in proportion to word length


def _words(lines: tuple[str, ...], boxes: tuple[tuple[int, int, int, int], ...],
           scale: float) -> tuple[Word, ...]:
    out: list[Word] = []
    for line, (left, top, right, bottom) in zip(lines, boxes, strict=False):
        tokens = line.split()
        total = sum(len(t) + 1 for t in tokens) or 1
        x = float(left)
        step = (right - left) / total
        for token in tokens:
            width = len(token) * step
            out.append(Word(token, (round(x * scale), round(top * scale),
                                    round((x + width) * scale), round(bottom * scale))))
            x += width + step
    return tuple(out)


#: Scanner conditions of the default set: alternating 300 and 200 dpi noisy scans.
SCANS = ("noise_jpeg_300", "noise_jpeg_200")
#: A harder mix: also photocopies (grey uneven paper, toner specks, a dark edge) and pages
#: fed askew.
MIXED = ("noise_jpeg_300", "noise_jpeg_200", "photocopy", "skew4")


def scan_pages(count: int, seed: int = 2025,
               conditions: tuple[str, ...] = SCANS) -> Iterator[ScanPage]:
    """Noisy scans in turn of ``conditions``; every page has a red seal, some a signature.

    Saved as JPEG like most scanner output (a PNG at 300 dpi takes longer to decode than to
    pack).
    """
    rng = random.Random(seed)
    for n in range(count):
        font = FONTS[n % len(FONTS)]
        condition = conditions[n % len(conditions)]
        rendered = render_page(paragraphs(rng), font=font, dpi=300)
        spoilt = degrade(rendered.image, condition, random.Random(rng.getrandbits(32)))
        image = spoilt.image
        image.info["dpi"] = (spoilt.dpi, spoilt.dpi)
        image = draw_seal(image, random.Random(rng.getrandbits(32)))
        if n % 3 == 0:
            image.info["dpi"] = (spoilt.dpi, spoilt.dpi)
            image = draw_signature(image, random.Random(rng.getrandbits(32)))
        buf = io.BytesIO()
        image.save(buf, "JPEG", dpi=(spoilt.dpi, spoilt.dpi), quality=92)
        name = f"{n:02d}-{font}-{spoilt.dpi}dpi" + ("" if conditions is SCANS else f"-{condition}")
        yield ScanPage(name, spoilt.dpi, buf.getvalue(),
                       rendered.text, _words(rendered.lines, rendered.line_boxes,
                                             spoilt.dpi / 300))
