"""Packing speed: a 20-page dossier whose OCR is done (noisy scans, half at 300 dpi, half at
200 dpi, words known) packed into a verified compact record; serial and parallel timings.

Target: < 5 s for the 20-page dossier.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.records_pages import scan_pages
from records import DocumentSpec, DossierSpec, PageSpec, pack_dossier, verify_package

TARGET_S = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    specs = [PageSpec(p.png, p.dpi, p.words, 90.0) for p in scan_pages(args.pages)]
    # Documents of 1 to 5 pages, as in a typical dossier.
    sizes = [5, 3, 1, 4, 2, 1, 2, 2]
    documents, start = [], 0
    for size in sizes:
        if start >= len(specs):
            break
        documents.append(DocumentSpec(None, None, tuple(specs[start:start + size])))
        start += size
    if start < len(specs):
        documents.append(DocumentSpec(None, None, tuple(specs[start:])))
    spec = DossierSpec(documents=tuple(documents), digitised_by="benchmark",
                       digitised_at=datetime(2025, 1, 1, tzinfo=UTC),
                       dossier_code="000.00.06.H56-250101-0001")
    cores = os.cpu_count() or 1
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, jobs in (("serial (1 process)", 1), (f"parallel ({cores} processes)", None)):
            t0, c0 = time.perf_counter(), time.process_time()
            path = pack_dossier(spec, Path(tmp) / label.split()[0], jobs=jobs)
            timings[label] = time.perf_counter() - t0
            if jobs == 1:
                # CPU seconds of this process: less disturbed by other work on the machine.
                print(f"serial CPU time: {time.process_time() - c0:.2f} s")
            assert verify_package(path).ok
            size = path.stat().st_size / 1024
            print(f"{label}: {timings[label]:.2f} s for {len(specs)} pages "
                  f"({timings[label] / len(specs) * 1000:.0f} ms/page), package {size:.0f} KB")
        t0 = time.perf_counter()
        verify_package(path)
        print(f"verify alone: {time.perf_counter() - t0:.2f} s")
    best = min(timings.values())
    ok = best < TARGET_S
    print(f"best: {best:.2f} s  target < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'}"
          f"  (cores: {cores}; the machine may be shared, wall-clock figures are disturbed)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
