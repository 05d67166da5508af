"""Import speed: 500 A4 300-dpi PNG page images, without OCR. Target ≥ 20 pages/s.

Usage: python benchmarks/import_speed.py [--pages N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import open_bench_workspace

from dossier import import_paths

WORDS = [
    "Cộng",
    "hòa",
    "xã",
    "hội",
    "chủ",
    "nghĩa",
    "Việt",
    "Nam",
    "Độc",
    "lập",
    "Tự",
    "do",
    "Hạnh",
    "phúc",
    "tờ",
    "khai",
    "đăng",
    "ký",
    "khai",
    "sinh",
    "họ",
    "chữ",
    "đệm",
    "tên",
    "ngày",
    "tháng",
    "năm",
    "sinh",
    "nơi",
    "cư",
    "trú",
    "giấy",
    "chứng",
    "sinh",
]


def make_pages(folder: Path, count: int) -> None:
    rng = random.Random(7)
    try:
        font = ImageFont.truetype("DejaVuSerif.ttf", 42)
    except OSError:
        font = ImageFont.load_default()
    base = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(base)
    for row in range(60):
        draw.text((200, 200 + row * 52), " ".join(rng.choices(WORDS, k=12)), fill=0, font=font)
    for i in range(count):
        page = base.copy()
        ImageDraw.Draw(page).text((200, 120), f"Trang {i + 1}", fill=0, font=font)
        page.convert("RGB").save(folder / f"page-{i:04d}.png", dpi=(300, 300), compress_level=6)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_pages(folder, args.pages)
        size = sum(p.stat().st_size for p in folder.iterdir())
        with open_bench_workspace(Path(tmp) / "ws") as ws:
            start = time.perf_counter()
            report = import_paths(ws, [folder])
            elapsed = time.perf_counter() - start
        assert not report.problems and len(report.pages_added) == args.pages
    rate = args.pages / elapsed
    print(f"imported {args.pages} A4 300-dpi PNG pages ({size / 1e6:.0f} MB) in {elapsed:.1f} s")
    print(f"import rate: {rate:.1f} pages/s (target >= 20) -> {'PASS' if rate >= 20 else 'FAIL'}")


if __name__ == "__main__":
    main()
