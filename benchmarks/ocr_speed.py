"""OCR speed: ``sohoa ocr --jobs 2`` against the plain Tesseract CLI, two at a time, same pages.

Both write text and PDF; both have one OpenMP thread per Tesseract. Target: ratio <= 1.3.
Runs alternate (plain, ours, plain, ours ...) so that load from other work hits both alike;
CPU seconds (user + system of all child processes) are printed beside wall seconds, as they
move less on a shared machine. ``--set paper`` times receipts, photos and odd sizes instead.
For a ratio on a busy machine: farm-bench -n 3 --timeout 1200 -- python benchmarks/ocr_speed.py
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ocr_pages import PAPER_CONDITIONS, pages, paper_pages  # noqa: E402
from synth import CONDITIONS  # noqa: E402

TARGET = 1.3
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def plain(files: list[Path], out: Path) -> float:
    def one(path: Path) -> None:
        subprocess.run(["tesseract", str(path), str(out / path.stem), "-l", "vie", "txt", "pdf"],
                       env=ENV, check=True, capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - started


def ours(files: list[Path], out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cli.main", "ocr", "--out", str(out), "--jobs", "2",
                    *map(str, files)], env=ENV, check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--set", choices=("a4", "paper"), default="a4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as tmp:
        folder = Path(tmp)
        files: list[Path] = []
        # One page of each condition in turn, fonts rotating, so both see the same mix.
        if args.set == "a4":
            source = pages(per_cell=1)
            wanted = cycle(CONDITIONS)
            chosen = [page for page in source if page.condition == next(wanted)]
        else:
            # Paper pages come condition by condition: take them round the conditions.
            rounds = -(-args.pages // len(PAPER_CONDITIONS))
            by_condition = [list(paper_pages(rounds, "holdout", (c,))) for c in PAPER_CONDITIONS]
            chosen = [p for group in zip(*by_condition, strict=True) for p in group]
        for page in chosen:
            if len(files) == args.pages:
                break
            suffix = ".jpg" if page.png.startswith(b"\xff\xd8") else ".png"
            path = folder / f"{page.name}{suffix}"
            path.write_bytes(page.png)
            files.append(path)
        print(f"{len(files)} {args.set} pages: {', '.join(p.stem for p in files)}")
        totals = {"plain": 0.0, "ours": 0.0}
        cpu = {"plain": 0.0, "ours": 0.0}
        for n in range(args.rounds):
            for label, run in (("plain", plain), ("ours", ours)):
                out = folder / f"{label}-{n}"
                out.mkdir()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                seconds = run(files, out)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                totals[label] += seconds
                cpu[label] += used
                print(f"round {n + 1} {label:<5} {seconds:6.1f} s wall, {used:6.1f} s CPU  "
                      f"({used / len(files):.2f} CPU s/page)", flush=True)
        ratio = totals["ours"] / totals["plain"]
        cpu_ratio = cpu["ours"] / cpu["plain"]
        print(f"plain tesseract (txt+pdf, 2 at a time): {totals['plain']:.1f} s wall, "
              f"{cpu['plain']:.1f} s CPU")
        print(f"sohoa ocr --jobs 2 (txt+PDF/A):        {totals['ours']:.1f} s wall, "
              f"{cpu['ours']:.1f} s CPU")
        for name, value in (("wall", ratio), ("CPU", cpu_ratio)):
            verdict = "met" if value <= TARGET else "NOT met"
            print(f"{name} ratio {value:.2f} (target <= {TARGET}) -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
