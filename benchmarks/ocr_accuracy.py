"""OCR accuracy: character error rate per condition and font on generated Vietnamese pages.

Diacritic errors are reported apart: CER after folding marks away counts only base letters.
Target: CER <= 1.0% overall.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein

import ocr
from benchmarks.ocr_pages import pages
from synth import CONDITIONS, FONTS
from vntext import fold

TARGET = 0.010


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-cell", type=int, default=1, help="pages per font x condition")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    truths: dict[str, tuple[str, str, str]] = {}

    def items():  # type: ignore[no-untyped-def]
        for page in pages(args.per_cell):
            truths[page.name] = (page.font, page.condition, page.truth)
            yield page.name, page.png

    # errors[key] = [raw edits, folded edits, characters, rotation misses, pages]
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    started = time.perf_counter()
    worst: list[tuple[float, str]] = []
    for name, outcome in ocr.recognise_many(items(), jobs=args.jobs):
        font, condition, truth = truths[name]
        if isinstance(outcome, ocr.OcrError):
            print(f"{name}: FAILED {outcome}")
            text = ""
        else:
            text = outcome.text
        a, b = _norm(truth), _norm(text)
        raw = Levenshtein.distance(a, b)
        folded = Levenshtein.distance(fold(a), fold(b))
        cell = cells[(font, condition)]
        cell[0] += raw
        cell[1] += folded
        cell[2] += len(a)
        cell[3] += 1
        worst.append((raw / max(1, len(a)), name))
    elapsed = time.perf_counter() - started

    def line(label: str, keys: list[tuple[str, str]]) -> float:
        raw = sum(cells[k][0] for k in keys)
        folded = sum(cells[k][1] for k in keys)
        chars = sum(cells[k][2] for k in keys) or 1
        print(f"{label:<18} CER {raw / chars:7.3%}   base letters {folded / chars:7.3%}   "
              f"marks only {(raw - folded) / chars:7.3%}   ({chars} chars)")
        return raw / chars

    print(f"{len(worst)} pages, {elapsed:.0f} s")
    print("-- per condition")
    for condition in CONDITIONS:
        line(condition, [(f, condition) for f in FONTS])
    print("-- per font")
    for font in FONTS:
        line(font, [(font, c) for c in CONDITIONS])
    print("-- overall")
    overall = line("overall", list(cells))
    print(f"target: CER <= {TARGET:.1%} overall -> {'met' if overall <= TARGET else 'NOT met'}")
    print("worst pages:", ", ".join(f"{n} {c:.2%}" for c, n in sorted(worst, reverse=True)[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
