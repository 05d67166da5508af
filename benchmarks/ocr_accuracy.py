"""OCR accuracy per condition, beside plain ``tesseract -l vie`` on the same page files.

Two sets: ``a4`` (generated A4 scans, font x condition, some turned) and ``paper`` (receipts,
phone photos, line crops, shaded boxes, ID-card copies, tiny and huge images, all upright).
``--split holdout`` draws other pages with another seed: tune on ``tune``, check on both;
``--seed N`` draws a fresh set of either kind (check that a change holds beyond both splits).
Plain Tesseract's readings are cached under benchmarks/out/cache (keyed by the file's hash).
Targets: every condition no worse than plain Tesseract, overall CER >= 20% lower than plain,
0 upright pages turned, >= 99% of turned A4 scans put upright, A4 CER <= 1.0% overall; and
(photocopies of several generations, seals of several inks, greyscale sealed scans, serif and
sans fonts) every A4 condition <= 1.0% CER, A4 overall <= 0.5%. ``--conditions`` and
``--fonts`` pick a subset (to iterate on); per-font figures follow the table.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein

import ocr
from benchmarks.ocr_pages import OUT, PAPER_CONDITIONS, TestPage, pages, paper_pages
from synth import CONDITIONS, FONTS
from vntext import fold

A4_TARGET = 0.010
A4_CONDITION_TARGET = 0.010
A4_OVERALL_TARGET = 0.005
GAIN_TARGET = 0.20
TURN_TARGET = 0.99
CACHE = OUT / "cache" / "plain-tesseract"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plain_tesseract(data: bytes) -> str:
    """``tesseract FILE stdout -l vie`` on the page file as it is, cached by content."""
    key = hashlib.sha256(data).hexdigest()[:32]
    cached = CACHE / f"{key}.txt"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="plain-ocr-") as tmp:
        path = Path(tmp) / "page"
        path.write_bytes(data)
        done = subprocess.run(["tesseract", str(path), "stdout", "-l", "vie"],
                              capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    text = done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text


@dataclass
class Cell:
    ours: int = 0
    plain: int = 0
    folded: int = 0
    chars: int = 0
    pages: int = 0
    upright_turned: int = 0  # pages upright in truth that we turned
    turned_pages: int = 0  # pages turned in truth
    turned_right: int = 0  # of those, put upright
    worst: list[tuple[float, float, str]] = field(default_factory=list)


def _pages(args: argparse.Namespace) -> Iterator[TestPage]:
    if args.set in ("a4", "all"):
        seed = args.seed if args.seed is not None else 2025 if args.split == "tune" else 5151
        conditions = tuple(args.conditions.split(",")) if args.conditions else CONDITIONS
        fonts = tuple(args.fonts.split(",")) if args.fonts else FONTS
        yield from pages(args.per_cell, seed=seed,
                         conditions=tuple(c for c in conditions if c in CONDITIONS),
                         fonts=fonts)
    if args.set in ("paper", "all"):
        wanted = tuple(c for c in args.conditions.split(",") if c in PAPER_CONDITIONS) \
            if args.conditions else PAPER_CONDITIONS
        yield from paper_pages(args.per_condition, args.split, wanted, seed=args.seed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=("a4", "paper", "all"), default="all")
    parser.add_argument("--split", choices=("tune", "holdout"), default="tune")
    parser.add_argument("--per-cell", type=int, default=1, help="A4 pages per font x condition")
    parser.add_argument("--per-condition", type=int, default=3, help="pages per paper condition")
    parser.add_argument("--conditions", default="", help="comma-separated conditions")
    parser.add_argument("--fonts", default="", help="comma-separated A4 fonts")
    parser.add_argument("--seed", type=int, default=None, help="a fresh set from this seed")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--save", action="store_true", help="write readings to benchmarks/out")
    args = parser.parse_args()

    catalogue: dict[str, TestPage] = {}

    def items() -> Iterator[tuple[str, bytes]]:
        for page in _pages(args):
            catalogue[page.name] = page
            yield page.name, page.png

    cells: dict[str, Cell] = defaultdict(Cell)
    by_font: dict[str, Cell] = defaultdict(Cell)
    plain_pool = ThreadPoolExecutor(1)
    plain_jobs = {}
    started = time.perf_counter()
    saved = OUT / "ocr_accuracy" / (args.split if args.seed is None else f"seed{args.seed}")
    if args.save:
        saved.mkdir(parents=True, exist_ok=True)
    for name, outcome in ocr.recognise_many(items(), jobs=args.jobs):
        page = catalogue[name]
        plain_jobs[name] = plain_pool.submit(plain_tesseract, page.png)
        text = ""
        rotation = 0
        if isinstance(outcome, ocr.OcrError):
            print(f"{name}: FAILED {outcome}")
        else:
            text, rotation = outcome.text, outcome.rotation
        cell = cells[page.condition]
        truth = _norm(page.truth)
        ours = Levenshtein.distance(truth, _norm(text))
        cell.ours += ours
        cell.folded += Levenshtein.distance(fold(truth), fold(_norm(text)))
        cell.chars += len(truth)
        cell.pages += 1
        if page.rotation == 0:
            cell.upright_turned += rotation != 0
        else:
            cell.turned_pages += 1
            cell.turned_right += rotation == page.rotation
        cell.worst.append((ours / max(1, len(truth)), 0.0, name))
        by_font[page.font].ours += ours
        by_font[page.font].chars += len(truth)
        if args.save:
            (saved / f"{name}.ours.txt").write_text(text, encoding="utf-8")
    ours_elapsed = time.perf_counter() - started
    for name, job in plain_jobs.items():
        page = catalogue[name]
        text = job.result()
        cell = cells[page.condition]
        plain = Levenshtein.distance(_norm(page.truth), _norm(text))
        cell.plain += plain
        by_font[page.font].plain += plain
        cell.worst = [(c, plain / max(1, len(_norm(page.truth))) if n == name else p, n)
                      for c, p, n in cell.worst]
        if args.save:
            (saved / f"{name}.plain.txt").write_text(text, encoding="utf-8")
    plain_pool.shutdown()

    order = [c for c in (*CONDITIONS, *PAPER_CONDITIONS) if c in cells]
    source = args.split if args.seed is None else f"seed {args.seed}"
    print(f"{sum(c.pages for c in cells.values())} pages ({args.set}, {source}), "
          f"ours {ours_elapsed:.0f} s")
    print(f"{'condition':<20} {'pages':>5} {'ours CER':>9} {'plain CER':>9} {'marks':>7} "
          f"{'turned':>7}  verdict")
    failures: list[str] = []
    for name in order:
        c = cells[name]
        chars = max(1, c.chars)
        ours, plain = c.ours / chars, c.plain / chars
        turned = (f"{c.upright_turned}/{c.pages}" if c.turned_pages == 0
                  else f"{c.turned_right}/{c.turned_pages}ok")
        verdict = "ok" if ours <= plain else "WORSE than plain"
        if ours > plain:
            failures.append(name)
        print(f"{name:<20} {c.pages:>5} {ours:>9.2%} {plain:>9.2%} "
              f"{(c.ours - c.folded) / chars:>7.2%} {turned:>7}  {verdict}")

    def total(names: list[str]) -> tuple[float, float]:
        chars = max(1, sum(cells[n].chars for n in names))
        return (sum(cells[n].ours for n in names) / chars,
                sum(cells[n].plain for n in names) / chars)

    print("-- overall")
    ours_all, plain_all = total(order)
    gain = 1 - ours_all / plain_all if plain_all else 0.0
    print(f"all conditions: ours {ours_all:.2%}, plain tesseract {plain_all:.2%}, "
          f"{gain:.0%} lower (target >= {GAIN_TARGET:.0%}) -> "
          f"{'met' if gain >= GAIN_TARGET else 'NOT met'}")
    print(f"conditions worse than plain: {len(failures)} (target 0) -> "
          f"{'met' if not failures else 'NOT met: ' + ', '.join(failures)}")
    upright = sum(c.upright_turned for c in cells.values())
    upright_pages = sum(c.pages - c.turned_pages for c in cells.values())
    print(f"upright pages turned: {upright} of {upright_pages} (target 0) -> "
          f"{'met' if upright == 0 else 'NOT met'}")
    turned_pages = sum(c.turned_pages for c in cells.values())
    if turned_pages:
        share = sum(c.turned_right for c in cells.values()) / turned_pages
        print(f"turned scans put upright: {share:.1%} of {turned_pages} (target >= "
              f"{TURN_TARGET:.0%}) -> {'met' if share >= TURN_TARGET else 'NOT met'}")
    a4 = [n for n in order if n in CONDITIONS]
    if a4:
        a4_ours, _ = total(a4)
        print(f"A4 scans: CER {a4_ours:.3%} (target <= {A4_TARGET:.1%}) -> "
              f"{'met' if a4_ours <= A4_TARGET else 'NOT met'}")
        print(f"A4 scans overall: CER {a4_ours:.3%} (target <= {A4_OVERALL_TARGET:.1%}) -> "
              f"{'met' if a4_ours <= A4_OVERALL_TARGET else 'NOT met'}")
        over = [n for n in a4 if cells[n].ours / max(1, cells[n].chars) > A4_CONDITION_TARGET]
        print(f"A4 conditions above {A4_CONDITION_TARGET:.1%} CER: {len(over)} (target 0) -> "
              f"{'met' if not over else 'NOT met: ' + ', '.join(over)}")
    for font in (f for f in FONTS if f in by_font):
        c = by_font[font]
        print(f"font {font:<12} ours {c.ours / max(1, c.chars):.2%}, "
              f"plain {c.plain / max(1, c.chars):.2%}")
    worst = sorted((w for c in cells.values() for w in c.worst), reverse=True)[:6]
    print("worst pages (ours / plain):",
          ", ".join(f"{n} {o:.1%}/{p:.1%}" for o, p, n in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
