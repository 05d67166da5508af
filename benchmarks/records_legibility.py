"""Legibility guard: OCR character error rate on the original scans against OCR of the packed
pages (PDF/A written, rendered at 300 dpi with pdfium), compact and archival profiles.

Target: the compact profile loses at most 0.5 CER points against the originals.

``--reader plain`` reads every image with plain Tesseract (``-l vie``, its own
binarisation, no colour lifting) instead of Sohoa's OCR stage, as a receiving system
might.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdfium2 as pdfium
from PIL import Image
from rapidfuzz.distance import Levenshtein

import ocr
from benchmarks.records_pages import MIXED, SCANS, scan_pages
from pdfa import PdfPage, Profile, write_searchable_pdf

TARGET_POINTS = 0.5
RENDER_DPI = 300


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cer(truth: str, seen: str) -> float:
    truth, seen = _norm(truth), _norm(seen)
    return Levenshtein.distance(truth, seen) / max(1, len(truth))


def _plain(data: bytes) -> str:
    import pytesseract

    with Image.open(io.BytesIO(data)) as image:
        return str(pytesseract.image_to_string(image, lang="vie"))


def _read(items: list[tuple[tuple[str, str], bytes]], reader: str, jobs: int | None
          ) -> Iterator[tuple[tuple[str, str], str]]:
    """The text of each image, by its key."""
    if reader == "plain":
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one page per core, as Sohoa does
        with ProcessPoolExecutor(jobs or os.cpu_count() or 1) as pool:
            texts = pool.map(_plain, [data for _, data in items])
            yield from zip([key for key, _ in items], texts, strict=True)
        return
    for key, outcome in ocr.recognise_many(items, ocr.OcrSettings(), jobs=jobs):
        if isinstance(outcome, Exception):
            raise SystemExit(f"{key[0]} {key[1]}: OCR failed: {outcome}")
        yield key, outcome.text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--mixed", action="store_true",
                        help="also photocopies and skewed pages, not only noisy scans")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--reader", choices=("sohoa", "plain"), default="sohoa",
                        help="OCR used on originals and packed pages alike")
    args = parser.parse_args()
    truths: dict[str, str] = {}
    items: list[tuple[tuple[str, str], bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        conditions = MIXED if args.mixed else SCANS
        for page in scan_pages(args.pages, conditions=conditions):
            truths[page.name] = page.truth
            items.append(((page.name, "original"), page.png))
            image = Image.open(io.BytesIO(page.png)).convert("RGB")
            for profile in Profile:
                out = Path(tmp) / f"{page.name}-{profile}.pdf"
                write_searchable_pdf([PdfPage(image, page.dpi, page.words)], out,
                                     profile=profile, created=datetime(2025, 1, 1, tzinfo=UTC))
                rendered = pdfium.PdfDocument(out)[0].render(scale=RENDER_DPI / 72).to_pil()
                buf = io.BytesIO()
                rendered.convert("RGB").save(buf, "PNG", dpi=(RENDER_DPI, RENDER_DPI),
                                             compress_level=1)
                items.append(((page.name, str(profile)), buf.getvalue()))
        by_page = {key: _cer(truths[key[0]], text)
                   for key, text in _read(items, args.reader, args.jobs)}
    kinds = ("original", "compact", "archival")
    cer = {kind: [by_page[(name, kind)] for name in truths] for kind in kinds}
    mean = {kind: 100 * sum(v) / len(v) for kind, v in cer.items()}
    print(f"pages: {args.pages} ({', '.join(conditions)}; red seals, some signatures), "
          f"rendered at {RENDER_DPI} dpi, read by {args.reader} OCR")
    for name in truths:
        print(f"  {name}: " + ", ".join(f"{k} {100 * by_page[(name, k)]:.2f}%" for k in kinds))
    for kind in kinds:
        print(f"CER {kind}: {mean[kind]:.2f}%")
    # Archival pages go through the same rendering and re-OCR as compact ones: the gap
    # between the two is what the compact encoding itself costs.
    print(f"compact against archival (same rendering path): "
          f"{mean['compact'] - mean['archival']:+.2f} CER points")
    verdict = 0
    for kind in ("compact", "archival"):
        loss = mean[kind] - mean["original"]
        line = f"legibility loss {kind}: {loss:+.2f} CER points"
        if kind == "compact":
            ok = loss <= TARGET_POINTS
            verdict = 0 if ok else 1
            line += f"  target <= {TARGET_POINTS} points: {'met' if ok else 'NOT met'}"
        print(line)
    return verdict


if __name__ == "__main__":
    sys.exit(main())
