"""Small generated Vietnamese pages with known text, shared by the OCR tests."""

from __future__ import annotations

import io
import random
import re

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from synth import RenderedPage, degrade, render_page

PARAGRAPHS = (
    "Thủ tục đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có cha mẹ là công dân.",
    "Người đi đăng ký nộp tờ khai theo mẫu, giấy chứng sinh và xuất trình giấy tờ tùy thân.",
    "Ủy ban nhân dân cấp xã kiểm tra hồ sơ, ghi vào sổ hộ tịch và cấp bản chính giấy khai sinh.",
    "Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn người nộp bổ sung, hoàn thiện theo quy định.",
)


@pytest.fixture(scope="session")
def page() -> RenderedPage:
    """An A5 page at 200 dpi: large enough for orientation, small enough to be quick."""
    return render_page(PARAGRAPHS, font="times", dpi=200, size="A5", size_pt=12)


def png(image: Image.Image, dpi: int | None = None) -> bytes:
    buf = io.BytesIO()
    if dpi is None:
        dpi = round(float(image.info.get("dpi", (300, 300))[0]))
    image.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def degraded_png(page: RenderedPage, condition: str, seed: int = 7) -> tuple[bytes, int, float]:
    d = degrade(page.image, condition, random.Random(seed))
    return png(d.image, d.dpi), d.rotation, d.skew


def cer(truth: str, text: str) -> float:
    a = re.sub(r"\s+", " ", truth).strip()
    b = re.sub(r"\s+", " ", text).strip()
    return Levenshtein.distance(a, b) / max(1, len(a))
