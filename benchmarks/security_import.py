"""What encryption at rest costs an import: the same 500 A4 pages imported into an
encrypted workspace and into a plaintext one, alternately, in one run.
Target: encrypted throughput >= 0.8x plaintext.

Usage: python benchmarks/security_import.py [--pages N] [--rounds N] [--jpeg-share F]
       [--inputs DIR]   (make the pages in DIR once and reuse them: making them is slow)

Pages are 300-dpi greyscale PNGs (as import_speed.py makes them) with a share of
colour JPEG photos (ID cards are photographed as often as scanned).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import open_bench_workspace
from import_speed import make_pages

from dossier import import_paths


def make_photos(folder: Path, count: int) -> None:
    rng = random.Random(3)
    for i in range(count):
        image = Image.new("RGB", (3000, 2000), (rng.randint(150, 230),) * 3)
        draw = ImageDraw.Draw(image)
        for _ in range(400):
            x, y = rng.randint(0, 2900), rng.randint(0, 1900)
            draw.rectangle((x, y, x + rng.randint(5, 90), y + rng.randint(5, 60)),
                           fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
        image.save(folder / f"photo-{i:04d}.jpg", quality=88)


def one_import(folder: Path, root: Path, encrypted: bool) -> tuple[float, float]:
    """Wall and CPU seconds (every thread of this process) of one import."""
    with open_bench_workspace(root, encrypted=encrypted) as ws:
        start, cpu = time.perf_counter(), time.process_time()
        report = import_paths(ws, [folder])
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert not report.problems, report.problems[:3]
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jpeg-share", type=float, default=0.2)
    parser.add_argument("--inputs", type=Path, metavar="DIR",
                        help="keep the generated pages in DIR and reuse them next time")
    args = parser.parse_args()
    photos = int(args.pages * args.jpeg_share)
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
        folder = args.inputs or Path(tmp) / "in"
        held = len(list(folder.glob("*")))
        if held not in (0, args.pages):
            sys.exit(f"{folder}: holds {held} files, not {args.pages} pages: give an empty one")
        if not held:
            folder.mkdir(parents=True, exist_ok=True)
            make_pages(folder, args.pages - photos)
            make_photos(folder, photos)
        size = sum(p.stat().st_size for p in folder.iterdir())
        times: dict[bool, list[float]] = {True: [], False: []}
        cpu: dict[bool, list[float]] = {True: [], False: []}
        for round_no in range(args.rounds):
            for encrypted in ((False, True) if round_no % 2 == 0 else (True, False)):
                root = Path(tmp) / f"ws-{round_no}-{'enc' if encrypted else 'plain'}"
                wall, used = one_import(folder, root, encrypted)
                times[encrypted].append(wall)
                cpu[encrypted].append(used)
    plain = args.pages / statistics.median(times[False])
    enc = args.pages / statistics.median(times[True])
    ratio = enc / plain
    cpu_ratio = statistics.median(cpu[False]) / statistics.median(cpu[True])
    print(f"{args.pages} pages ({args.pages - photos} PNG 300 dpi, {photos} JPEG photos, "
          f"{size / 1e6:.0f} MB), {args.rounds} rounds each, alternating")
    for label, key in (("plaintext", False), ("encrypted", True)):
        print(f"{label} import: {args.pages / statistics.median(times[key]):.1f} pages/s wall, "
              f"{statistics.median(cpu[key]):.1f} s CPU")
    print(f"encrypted / plaintext throughput: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU "
          f"(target >= 0.8x) -> {'PASS' if ratio >= 0.8 else 'FAIL'}")


if __name__ == "__main__":
    main()
