"""Write the sample dossier shipped in ``resources/sample``: a complete, fictional
birth registration (declaration, birth certificate, mother's identity card).

Usage: ``python tools/make_sample_dossier.py [OUT_DIR]``. Deterministic: the same
seed gives the same people and pages.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synth import apply, render_lines  # noqa: E402
from synth.forms import make_dossier  # noqa: E402

SEED = 20240612
NAMES = {
    "to_khai_khai_sinh": "to-khai-khai-sinh",
    "giay_chung_sinh": "giay-chung-sinh",
    "can_cuoc": "can-cuoc",
}
DPI = 200


def sample_dossier(seed: int = SEED):  # type: ignore[no-untyped-def]
    """The first seeded birth dossier with exactly declaration, certificate and ID card."""
    rng = random.Random(seed)
    while True:
        dossier = make_dossier(rng, "1.001193")
        if dossier.type_keys == ("to_khai_khai_sinh", "giay_chung_sinh", "can_cuoc") and \
                sum(len(d.pages) for d in dossier.documents) <= 4:
            return dossier


def write(out: Path, seed: int = SEED) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written: list[Path] = []
    n = 0
    for doc in sample_dossier(seed).documents:
        for part, page in enumerate(doc.pages, start=1):
            n += 1
            rendered = render_lines(list(page), font="times", dpi=DPI)
            image = apply(rendered.image, "clean", rng).convert("L")
            suffix = f"-{part}" if len(doc.pages) > 1 else ""
            path = out / f"{n:02d}-{NAMES[doc.type_key]}{suffix}.png"
            # A grey page with few shades keeps the PNG small and still reads well.
            image = image.point(lambda v: 255 if v > 200 else (0 if v < 60 else v))
            image.save(path, "PNG", optimize=True, dpi=(DPI, DPI))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=REPO / "resources" / "sample")
    args = parser.parse_args(argv)
    for path in write(args.out):
        print(f"{path.name}: {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
