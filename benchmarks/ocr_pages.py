"""Vietnamese test pages for the OCR benchmarks, from the procedure catalogue's real text.

``pages`` gives A4 scans (font x condition); ``paper_pages`` the rest of a desk's paper:
receipts, phone photos, line crops, shaded boxes, ID-card copies, tiny and huge images.
Run alone, it writes one page of each to benchmarks/out/ocr_pages/ for a look.
"""

from __future__ import annotations

import io
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from synth import CONDITIONS, FONTS, degrade, render_page  # noqa: E402
from synth.lines import id_card_copy, line_crop, shaded_form  # noqa: E402
from synth.photo import phone_photo  # noqa: E402
from synth.receipts import RECEIPT_FACES, render_receipt, thermal_scan  # noqa: E402

# The shared catalogue sits beside the checkout (or beside the folder of worktrees).
DATA = next((d / "shared" / "data" / "procedures-commune.json" for d in ROOT.parents[:2]
             if (d / "shared" / "data" / "procedures-commune.json").is_file()),
            ROOT.parent / "shared" / "data" / "procedures-commune.json")
OUT = ROOT / "benchmarks" / "out"


@dataclass(frozen=True)
class TestPage:
    name: str
    font: str
    condition: str
    truth: str
    png: bytes
    dpi: int
    rotation: int = 0  # clockwise degrees that put the page upright


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
          conditions: tuple[str, ...] = CONDITIONS,
          fonts: tuple[str, ...] = FONTS) -> Iterator[TestPage]:
    """``per_cell`` pages for each font and condition, each with its own text and size
    (11-14 pt). Each (font, condition) cell has its own stream: picking some leaves the
    pages of the others as they are."""
    for font in fonts:
        for condition in conditions:
            rng = random.Random(f"{seed}-{font}-{condition}")
            for n in range(per_cell):
                size_pt = rng.choice((11.0, 12.0, 13.0, 14.0))
                rendered = render_page(paragraphs(rng), font=font, dpi=300, size_pt=size_pt)
                spoilt = degrade(rendered.image, condition, random.Random(rng.getrandbits(32)))
                buf = io.BytesIO()
                spoilt.image.save(buf, "PNG", dpi=(spoilt.dpi, spoilt.dpi), compress_level=1)
                yield TestPage(f"{font}-{condition}-{n}", font, condition, rendered.text,
                               buf.getvalue(), spoilt.dpi, spoilt.rotation)


#: Conditions beyond the A4 scans, every page upright (as the client's real paper is).
PAPER_CONDITIONS: tuple[str, ...] = (
    "receipt_scan",
    "receipt_photo",
    "photo_page",
    "photo_shadow",
    "photo_colour_paper",
    "line_crop",
    "shaded_boxes",
    "small_image",
    "huge_600dpi",
    "colour_paper_scan",
    "half_page",
    "id_card_copy",
)
#: Seeds of the two splits: tune on ``tune``, report ``holdout`` as the unseen check.
SPLITS = {"tune": 4242, "holdout": 917}
_PAPER_TINTS = ((255, 244, 200), (255, 225, 230), (215, 235, 255), (230, 250, 215),
                (245, 235, 215))


def _encode(image: Image.Image, fmt: str, dpi: int | None) -> bytes:
    buf = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    if fmt == "JPEG":
        image.convert("RGB").save(buf, "JPEG", quality=88, **extra)
    else:
        image.save(buf, "PNG", compress_level=1, **extra)
    return buf.getvalue()


def _paper_page(condition: str, rng: random.Random) -> tuple[str, Image.Image, int | None, str]:
    """(truth, image, dpi written in the file or None, file format) for one condition."""
    font = rng.choice(FONTS)
    if condition in ("receipt_scan", "receipt_photo"):
        receipt = render_receipt(rng, width_mm=rng.choice((58.0, 80.0)),
                                 face=rng.choice(RECEIPT_FACES))
        if condition == "receipt_scan":
            image = thermal_scan(receipt, rng)
            return receipt.text, image, round(image.info["dpi"][0]), "JPEG"
        from synth.receipts import thermal_fade

        faded = thermal_fade(receipt.image, rng, rng.uniform(0.2, 0.5))
        h = rng.randint(1800, 2800)
        size = (round(h * rng.uniform(0.5, 0.75)), h)
        photo = phone_photo(faded, rng, size=size, tilt=0.08)
        return receipt.text, photo, None, "JPEG"
    if condition == "line_crop":
        crop = line_crop(rng, font=font)
        return crop.text, crop.image, None, rng.choice(("PNG", "JPEG"))
    if condition == "shaded_boxes":
        form = shaded_form(rng, paragraphs(rng), font=font, dpi=rng.choice((200, 300)))
        return form.text, form.image, round(form.image.info["dpi"][0]), "JPEG"
    if condition == "id_card_copy":
        card = id_card_copy(rng, dpi=rng.choice((200, 300)))
        return card.text, card.image, round(card.image.info["dpi"][0]), "JPEG"
    size = "A4"
    dpi = 300
    size_pt = rng.uniform(10.5, 13.5)
    if condition == "half_page":
        size = rng.choice(("A5", "A6"))
    if condition == "small_image":
        size = rng.choice(("A4", "A5"))
    if condition == "huge_600dpi":
        size = "A5"
    if condition in ("photo_page", "photo_shadow", "photo_colour_paper"):
        dpi = 200
        size = rng.choice(("A4", "A5"))
    rendered = render_page(paragraphs(rng), font=font, dpi=dpi, size=size, size_pt=size_pt)
    truth = rendered.text
    sub = random.Random(rng.getrandbits(32))
    if condition in ("photo_page", "photo_shadow", "photo_colour_paper"):
        tint = rng.choice(_PAPER_TINTS) if condition == "photo_colour_paper" else None
        photo = phone_photo(rendered.image, sub, shadow=condition == "photo_shadow", paper=tint)
        return truth, photo, None, "JPEG"
    if condition == "small_image":
        # A page saved small (a messaging app, a web form): 90-130 dpi, no resolution stored.
        target = rng.randint(90, 130)
        w, h = rendered.image.size
        small = rendered.image.resize((round(w * target / dpi), round(h * target / dpi)),
                                      Image.Resampling.LANCZOS)
        return truth, small, None, rng.choice(("PNG", "JPEG"))
    if condition == "huge_600dpi":
        w, h = rendered.image.size
        big = rendered.image.resize((w * 2, h * 2), Image.Resampling.BICUBIC)
        return truth, degrade(big.convert("RGB"), "noise_jpeg_300", sub).image, 600, "JPEG"
    if condition == "colour_paper_scan":
        import numpy as np

        tint = np.array(rng.choice(_PAPER_TINTS), np.float32) / 255
        arr = np.asarray(rendered.image.convert("RGB"), np.float32)
        ink = rng.uniform(60, 110)  # grey ink, low contrast
        arr = (arr / 255) * (tint * 255 - ink) + ink
        tinted = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
        tinted.info["dpi"] = (300, 300)
        out = degrade(tinted, "noise_jpeg_200", sub)
        return truth, out.image, out.dpi, "JPEG"
    out = degrade(rendered.image, "noise_jpeg_300", sub)
    return truth, out.image, out.dpi, "PNG"


def paper_pages(per_condition: int = 3, split: str = "tune",
                conditions: tuple[str, ...] = PAPER_CONDITIONS,
                seed: int | None = None) -> Iterator[TestPage]:
    """``per_condition`` upright pages of each paper condition; ``split`` picks the seed
    (``seed``, when given, draws a fresh set instead)."""
    base = SPLITS[split] if seed is None else seed
    for condition in conditions:
        # Each condition has its own stream, so adding one leaves the others' pages alone.
        rng = random.Random(f"{base}-{condition}")
        for n in range(per_condition):
            truth, image, dpi, fmt = _paper_page(condition, random.Random(rng.getrandbits(32)))
            yield TestPage(f"{split}-{condition}-{n}", "mixed", condition, truth,
                           _encode(image, fmt, dpi), dpi or 0)


if __name__ == "__main__":
    folder = OUT / "ocr_pages"
    folder.mkdir(parents=True, exist_ok=True)
    for page in paper_pages(1):
        (folder / f"{page.name}.img").write_bytes(page.png)
        (folder / f"{page.name}.txt").write_text(page.truth, encoding="utf-8")
        print(folder / f"{page.name}.img")
    for page in pages():
        (folder / f"{page.name}.png").write_bytes(page.png)
        (folder / f"{page.name}.txt").write_text(page.truth, encoding="utf-8")
        print(folder / f"{page.name}.png")
