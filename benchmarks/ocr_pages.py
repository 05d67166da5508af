"""Vietnamese test pages for the OCR benchmarks, from the procedure catalogue's real text.

Run alone, it writes one page per font x condition to benchmarks/out/ocr_pages/ for a look.
"""

from __future__ import annotations

import io
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth import CONDITIONS, FONTS, degrade, render_page  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "procedures-commune.json"
OUT = ROOT / "benchmarks" / "out"


@dataclass(frozen=True)
class TestPage:
    name: str
    font: str
    condition: str
    truth: str
    png: bytes
    dpi: int


def paragraphs(rng: random.Random) -> list[str]:
    """A page's worth of real catalogue text: procedure names, then a dossier table."""
    if not DATA.is_file():
        sys.exit(f"missing {DATA}: the shared data catalogue (../shared/data) is needed")
    procedures = json.loads(DATA.read_text(encoding="utf-8"))
    picks = rng.sample(procedures, 8)
    out = [p["name"] for p in picks[:5]]
    for p in picks[5:]:
        raw = " ".join(str(p.get("components_raw") or "").split())
        if raw:
            out.append(raw[:700])
    return out


def pages(per_cell: int = 1, seed: int = 2025,
          conditions: tuple[str, ...] = CONDITIONS) -> Iterator[TestPage]:
    """``per_cell`` pages for each font and condition, each with its own text."""
    rng = random.Random(seed)
    for font in FONTS:
        for condition in conditions:
            for n in range(per_cell):
                rendered = render_page(paragraphs(rng), font=font, dpi=300)
                spoilt = degrade(rendered.image, condition, random.Random(rng.getrandbits(32)))
                buf = io.BytesIO()
                spoilt.image.save(buf, "PNG", dpi=(spoilt.dpi, spoilt.dpi), compress_level=1)
                yield TestPage(f"{font}-{condition}-{n}", font, condition, rendered.text,
                               buf.getvalue(), spoilt.dpi)


if __name__ == "__main__":
    folder = OUT / "ocr_pages"
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages():
        (folder / f"{page.name}.png").write_bytes(page.png)
        (folder / f"{page.name}.txt").write_text(page.truth, encoding="utf-8")
        print(folder / f"{page.name}.png")
