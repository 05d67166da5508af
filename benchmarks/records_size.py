"""Record size: median KB per A4 page, compact and archival profiles, on noisy 200 and 300 dpi
scans of Vietnamese text with colour seals (single-page PDF/A files, fonts and ICC included).

Target: compact median <= 150 KB per page.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from benchmarks.records_pages import MIXED, SCANS, scan_pages
from pdfa import PdfPage, Profile, check_pdfa, write_searchable_pdf

TARGET_KB = 150.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--mixed", action="store_true",
                        help="also photocopies and skewed pages, not only noisy scans")
    args = parser.parse_args()
    sizes: dict[tuple[str, int], list[float]] = defaultdict(list)
    source: dict[int, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for page in scan_pages(args.pages, conditions=MIXED if args.mixed else SCANS):
            image = Image.open(io.BytesIO(page.png)).convert("RGB")
            source[page.dpi].append(len(page.png) / 1024)
            for profile in Profile:
                out = Path(tmp) / f"{page.name}-{profile}.pdf"
                write_searchable_pdf([PdfPage(image, page.dpi, page.words)], out,
                                     profile=profile, created=datetime(2025, 1, 1, tzinfo=UTC))
                assert check_pdfa(out).ok
                sizes[(str(profile), page.dpi)].append(out.stat().st_size / 1024)
    for dpi in sorted(source):
        print(f"source JPEG at {dpi} dpi: median {statistics.median(source[dpi]):.0f} KB")
    verdict = 0
    for profile in Profile:
        every = [s for (p, _), values in sizes.items() if p == profile for s in values]
        per_dpi = ", ".join(
            f"{dpi} dpi {statistics.median(sizes[(str(profile), dpi)]):.0f} KB"
            for dpi in sorted(source))
        median = statistics.median(every)
        line = f"{profile}: median {median:.0f} KB/page (max {max(every):.0f}; {per_dpi})"
        if profile is Profile.COMPACT:
            ok = median <= TARGET_KB
            verdict = 0 if ok else 1
            line += f"  target <= {TARGET_KB:.0f} KB: {'met' if ok else 'NOT met'}"
        print(line)
    return verdict


if __name__ == "__main__":
    sys.exit(main())
