"""Synthetic multi-page PDFs like those offices receive: scans and typed pages mixed.

Kinds of page: ``scan-jpeg`` (one JPEG image filling the page, as scanners write),
``scan-flate`` (one greyscale Flate image), ``vector`` (typed text drawn with a standard
font, with rules and boxes) and ``mixed`` (a picture with typed text over it). Page sizes
vary (A4, A5, Letter, A4 landscape). Tests and benchmarks only.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Sequence

import pikepdf
from PIL import Image, ImageDraw

from synth.degrade import apply
from synth.render import render_page
from vntext import fold

KINDS = ("scan-jpeg", "scan-flate", "vector", "mixed")
SIZES_PT = {"A4": (595.0, 842.0), "A5": (420.0, 595.0), "Letter": (612.0, 792.0),
            "A4-landscape": (842.0, 595.0)}

_TEXT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
    "Nơi cư trú: thôn Đông, xã Hòa Bình, huyện Yên Lạc",
    "Số định danh cá nhân: 001203004567",
    "Quan hệ với người được khai sinh: cha",
    "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây",
    "Ngày, tháng, năm sinh: 12 tháng 03 năm 2024",
    "Làm tại xã Hòa Bình, ngày 20 tháng 03 năm 2024",
]


def _pdf_text(text: str) -> str:
    """``text`` as a PDF string of a standard font: marks folded away, specials escaped."""
    ascii_text = fold(text).upper() if text.isupper() else fold(text)
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _vector_content(rng: random.Random, width: float, height: float, number: int) -> bytes:
    out = ["0.2 w"]
    y = height - 60
    out.append(f"50 {y - 10:.1f} m {width - 50:.1f} {y - 10:.1f} l S")
    lines = rng.sample(_TEXT, k=len(_TEXT))
    for i, line in enumerate(lines * 3):
        size = 16 if i == 0 else rng.choice((10, 11, 12))
        y -= size * 1.8
        if y < 60:
            break
        out.append(f"BT /F1 {size} Tf 60 {y:.1f} Td ({_pdf_text(line)}) Tj ET")
    out.append(f"60 60 {width / 3:.1f} 40 re S")
    out.append(f"BT /F1 9 Tf {width - 110:.1f} 30 Td (Trang {number}) Tj ET")
    return "\n".join(out).encode("latin-1")


# Distinct scans drawn per page size; further pages reuse them, each stamped with its
# number (drawing text is the slow part of making a long PDF).
_DISTINCT_SCANS = 4


def _scan(rng: random.Random, size_pt: tuple[float, float], dpi: int, number: int,
          drawn: dict[tuple[float, float], list[Image.Image]],
          conditions: Sequence[str]) -> Image.Image:
    mm = (size_pt[0] / 72 * 25.4, size_pt[1] / 72 * 25.4)
    bases = drawn.setdefault(size_pt, [])
    if len(bases) < _DISTINCT_SCANS:
        drawn_page = render_page(rng.sample(_TEXT, k=6), dpi=dpi, size=mm).image
        condition = rng.choice(conditions)
        bases.append(apply(drawn_page, condition, rng).convert("L").resize(drawn_page.size))
        page = bases[-1].copy()
    else:
        page = rng.choice(bases).copy()
    ImageDraw.Draw(page).text((page.width - 300, page.height - 80), f"Trang {number}", fill=0)
    return page


def _image_xobject(pdf: pikepdf.Pdf, image: Image.Image, jpeg: bool) -> pikepdf.Stream:
    if jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        data, filters = buffer.getvalue(), pikepdf.Name.DCTDecode
    else:
        data, filters = zlib.compress(image.tobytes(), 6), pikepdf.Name.FlateDecode
    stream = pikepdf.Stream(pdf, data)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width, stream.Height = image.width, image.height
    stream.ColorSpace = pikepdf.Name.DeviceGray
    stream.BitsPerComponent = 8
    stream.Filter = filters
    return stream


def long_pdf(pages: int, *, seed: int = 0, kinds: Sequence[str] = KINDS,
             sizes: Sequence[str] = tuple(SIZES_PT), scan_dpi: int = 200,
             conditions: Sequence[str] = ("clean", "noise_jpeg_300"),
             encryption: pikepdf.Encryption | None = None) -> bytes:
    """A PDF of ``pages`` pages, kinds and sizes taken in turn, shuffled by ``seed``; scans
    drawn in one of ``conditions`` (see :data:`synth.CONDITIONS`)."""
    rng = random.Random(seed)
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    plan = [(kinds[i % len(kinds)], sizes[(i // len(kinds)) % len(sizes)]) for i in range(pages)]
    rng.shuffle(plan)
    drawn: dict[tuple[float, float], list[Image.Image]] = {}
    for number, (kind, size_name) in enumerate(plan, 1):
        width, height = SIZES_PT[size_name]
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        if kind == "vector":
            content = _vector_content(rng, width, height, number)
        else:
            image = _scan(rng, (width, height), scan_dpi, number, drawn, conditions)
            if kind == "mixed":  # a photo-sized picture with typed text around it
                image = image.resize((image.width // 2, image.height // 3))
            resources.XObject = pikepdf.Dictionary(
                Im0=_image_xobject(pdf, image, jpeg=kind != "scan-flate"))
            if kind == "mixed":
                content = (f"q {width / 2:.1f} 0 0 {height / 3:.1f} 60 {height / 2:.1f} cm "
                           "/Im0 Do Q\n").encode() + _vector_content(rng, width, height / 2,
                                                                     number)
            else:
                content = f"q {width:.1f} 0 0 {height:.1f} 0 0 cm /Im0 Do Q".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, width, height], Resources=resources,
            Contents=pdf.make_stream(content))
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    if encryption is not None:
        pdf.save(out, encryption=encryption)
    else:
        pdf.save(out)
    return out.getvalue()
