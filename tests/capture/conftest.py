"""Helpers for capture tests: small page images, cover sheets as scanned, an eSCL scanner."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from capture import render_cover_sheet
from tests.capture.escl_responder import Responder

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 150


def png(image: Image.Image, dpi: int = DPI) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def text_page(text: str, dpi: int = DPI) -> bytes:
    """A half-A4 page with a few lines of Vietnamese text (small, fast to handle)."""
    width, height = round(210 / 25.4 * dpi), round(148 / 25.4 * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(dpi / 6))
    for i, line in enumerate([text, "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do"]):
        draw.text((dpi // 2, dpi // 2 + i * dpi // 3), line, font=font, fill=0)
    return png(image, dpi)


def scanned_cover(dossier: str | None, procedure: str | None, *, angle: float = 0.0,
                  dpi: int = DPI) -> bytes:
    """A cover sheet as a scanner would return it, turned by ``angle`` degrees."""
    image = render_cover_sheet(dossier, procedure, dpi=dpi).convert("L")
    if angle:
        image = image.rotate(angle, expand=angle % 90 != 0, fillcolor=255,
                             resample=Image.Resampling.BILINEAR)
    return png(image, dpi)


@pytest.fixture
def escl() -> Iterator[Responder]:
    with Responder() as responder:
        yield responder
