"""The one reader on every kind of picture: A4 300-dpi pages read into page images, per kind.

Each kind is made from a page of running Vietnamese text, read by ``dossier.read_pages``
(what import, watch, ocr, tag and pack all use), and the result compared with the source
pixels (mean absolute grey difference, 0-255). Reading a PNG page is what the import
target (>= 20 pages/s, ``import_speed.py``) counts on; the other kinds are converted,
and their cost is shown beside it.

Usage: python benchmarks/reader_kinds.py [--pages N] [--seed S]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier import read_pages
from synth import render_page

WORDS = ("Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "độc", "lập", "tự", "do",
         "hạnh", "phúc", "tờ", "khai", "đăng", "ký", "sinh", "kết", "hôn", "giấy", "chứng",
         "nhận", "ủy", "ban", "nhân", "dân", "phường", "thị", "trấn")
# Above this the page read is not the page given (a white or black page is ~40+).
CLOSE = 4.0


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _grey16(page: Image.Image) -> Image.Image:
    return Image.fromarray((np.asarray(page, dtype=np.uint32) * 4095 // 255).astype(np.uint16))


def _transparent(page: Image.Image) -> Image.Image:
    ink = np.asarray(page)
    rgba = np.zeros((*ink.shape, 4), dtype=np.uint8)
    rgba[..., 3] = 255 - ink
    return Image.fromarray(rgba)


def _heic(page: Image.Image) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return _save(page.convert("RGB"), "HEIF", quality=90)


KINDS: dict[str, Callable[[Image.Image], bytes]] = {
    "PNG (stored as is)": lambda p: _save(p, "PNG", dpi=(300, 300)),
    "JPEG (stored as is)": lambda p: _save(p.convert("RGB"), "JPEG", quality=90),
    "PNG 16-bit": lambda p: _save(_grey16(p), "PNG"),
    "PNG transparent": lambda p: _save(_transparent(p), "PNG"),
    "TIFF 16-bit LZW": lambda p: _save(_grey16(p), "TIFF", compression="tiff_lzw"),
    "TIFF G4 (bilevel)": lambda p: _save(p.point(lambda v: 255 if v > 128 else 0).convert("1"),
                                         "TIFF", compression="group4"),
    "TIFF CMYK": lambda p: _save(p.convert("RGB").convert("CMYK"), "TIFF"),
    "GIF": lambda p: _save(p.convert("P"), "GIF"),
    "WEBP lossless": lambda p: _save(p.convert("RGB"), "WEBP", lossless=True),
    "HEIC": _heic,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5, help="pages per kind")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sources = []
    for _ in range(args.pages):
        paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(40, 90))) for _ in range(4)]
        sources.append(render_page(paragraphs, dpi=300, size="A4").image.convert("L"))
    print(f"{args.pages} A4 300-dpi pages per kind (seed {args.seed})")
    print(f"{'kind':22} {'pages/s':>8} {'CPU s/page':>11} {'wall s/page':>12} {'max diff':>9}")
    png_rate = 0.0
    for kind, make in KINDS.items():
        files = [make(page) for page in sources]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        read = [read_pages(data, "page") for data in files]
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        diffs = []
        for pages, source in zip(read, sources, strict=True):
            assert len(pages) == 1, kind
            with Image.open(io.BytesIO(pages[0].data)) as image:
                got = np.asarray(image.convert("L"), dtype=np.float64)
            diffs.append(float(np.abs(got - np.asarray(source, dtype=np.float64)).mean()))
        rate = args.pages / wall
        if kind.startswith("PNG (stored"):
            png_rate = rate
        print(f"{kind:22} {rate:8.1f} {cpu / args.pages:11.3f} {wall / args.pages:12.3f} "
              f"{max(diffs):9.2f}{'' if max(diffs) < CLOSE else '  <- WRONG PAGE'}")
    print(f"PNG pages read at {png_rate:.1f} pages/s (the import target is >= 20 pages/s "
          f"for the whole import) -> {'PASS' if png_rate >= 20 else 'FAIL'}")


if __name__ == "__main__":
    main()
