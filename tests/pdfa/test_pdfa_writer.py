"""The PDF/A-2b writer: conformance, page geometry, searchable text, colour, reproducibility."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from pdfa import (
    PdfaInputError,
    PdfPage,
    Profile,
    TextLayer,
    check_pdfa,
    write_searchable_pdf,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WHEN = datetime(2025, 3, 4, 9, 30, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]


def _page(dpi: int = 150, noise: float = 8.0) -> PdfPage:
    """A half A4 page: two lines of Vietnamese in dark ink and a red seal, with grain."""
    width, height = int(8.27 * dpi), int(5.8 * dpi)
    image = Image.new("RGB", (width, height), (246, 242, 232))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(14 * dpi / 72))
    words: list[Word] = []
    lines = ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Đơn đề nghị đăng ký khai sinh"]
    y = dpi // 2
    for line in lines:
        x = dpi // 2
        for text in line.split():
            left, top, right, bottom = draw.textbbox((x, y), text, font=font)
            draw.text((x, y), text, fill=(25, 25, 35), font=font)
            words.append(Word(text, (left, top, right, bottom)))
            x = right + int(font.size * 0.35)
        y += int(font.size * 1.8)
    draw.ellipse((width - 3 * dpi, dpi * 2, width - dpi, dpi * 4), outline=(205, 30, 40),
                 width=max(3, dpi // 25))
    grain = np.random.default_rng(7).normal(0, noise, (height, width, 3))
    noisy = np.clip(np.asarray(image, dtype=np.float64) + grain, 0, 255).astype(np.uint8)
    return PdfPage(Image.fromarray(noisy), dpi, words)


@pytest.fixture(scope="module")
def page() -> PdfPage:
    return _page()


@pytest.mark.parametrize("profile", list(Profile))
def test_written_file_is_pdfa_2b_with_text_and_page_size(
    tmp_path: Path, page: PdfPage, profile: Profile
) -> None:
    out = tmp_path / "doc.pdf"
    write_searchable_pdf([page, page], out, profile=profile, title="Hồ sơ thử", created=WHEN)
    check = check_pdfa(out)
    assert check.ok, check.problems
    assert (check.page_count, check.pages_with_text) == (2, 2)
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
        assert box[2] == pytest.approx(page.image.width * 72 / page.dpi, abs=0.01)
        assert box[3] == pytest.approx(page.image.height * 72 / page.dpi, abs=0.01)
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Hồ sơ thử"
    document = pdfium.PdfDocument(out)
    text = document[0].get_textpage().get_text_range()
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in " ".join(text.split())
    assert "Đơn đề nghị đăng ký khai sinh" in " ".join(text.split())


def test_words_are_placed_over_their_boxes(tmp_path: Path, page: PdfPage) -> None:
    out = tmp_path / "doc.pdf"
    write_searchable_pdf([page], out, created=WHEN)
    textpage = pdfium.PdfDocument(out)[0].get_textpage()
    scale = 72 / page.dpi
    height_pt = page.image.height * scale
    word = page.words[2]  # "xã"
    left, top, right, bottom = word.box
    found = textpage.get_text_bounded(
        left * scale - 1, height_pt - bottom * scale - 1,
        right * scale + 1, height_pt - top * scale + 1,
    )
    assert word.text in found


def test_compact_profile_keeps_ink_dark_paper_light_and_seal_red(
    tmp_path: Path, page: PdfPage
) -> None:
    out = tmp_path / "doc.pdf"
    write_searchable_pdf([page], out, profile=Profile.COMPACT, created=WHEN)
    rendered = pdfium.PdfDocument(out)[0].render(scale=page.dpi / 72).to_pil().convert("RGB")
    # pdfium rounds the bitmap size up by a pixel at most: 100% scale is kept.
    assert abs(rendered.width - page.image.width) <= 1
    assert abs(rendered.height - page.image.height) <= 1
    rendered = rendered.crop((0, 0, page.image.width, page.image.height))
    pixels = np.asarray(rendered, dtype=np.int16)
    # Paper stays light, ink where the original is dark stays dark.
    original = np.asarray(page.image.convert("L"), dtype=np.int16)
    grey = np.asarray(rendered.convert("L"), dtype=np.int16)
    ink = original < 90
    assert grey[ink].mean() < 90
    assert grey[original > 200].mean() > 215
    # The seal outline keeps its colour: rendered red pixels where the original is red.
    src = np.asarray(page.image, dtype=np.int16)
    red = (src[..., 0] > 150) & (src[..., 1] < 90) & (src[..., 2] < 90)
    assert red.sum() > 100
    sample = pixels[red]
    assert (sample[:, 0] - sample[:, 1]).mean() > 80


def test_compact_profile_keeps_a_thin_signature_stroke_blue(tmp_path: Path) -> None:
    # A pen stroke two pixels wide is mostly edge: averaged with the paper around it, it
    # looks grey, and painted black with the text it reads as a rule across the line.
    image = Image.new("RGB", (1000, 400), (246, 242, 232))
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), "Chữ ký của người khai", fill=(25, 25, 35),
              font=ImageFont.truetype(FONT, 40))
    draw.line((40, 250, 960, 230), fill=(35, 45, 150), width=2)
    grain = np.random.default_rng(3).normal(0, 6.0, (400, 1000, 3))
    noisy = np.clip(np.asarray(image, dtype=np.float64) + grain, 0, 255).astype(np.uint8)
    out = tmp_path / "sig.pdf"
    write_searchable_pdf([PdfPage(Image.fromarray(noisy), 150, [])], out,
                         profile=Profile.COMPACT, created=WHEN)
    rendered = np.asarray(pdfium.PdfDocument(out)[0].render(scale=150 / 72).to_pil()
                          .convert("RGB"), dtype=np.int16)[:400, :1000]
    stroke = rendered[200:280]
    dark = stroke.min(axis=2) < 140
    assert dark.sum() > 500  # the stroke is there
    # ... and blue along its whole length: no dark neutral (text-coloured) pixels.
    blueness = stroke[..., 2] - stroke[..., 0]
    assert (blueness[dark] < 30).sum() < 0.01 * dark.sum()


def test_compact_profile_keeps_the_stroke_width_of_text_at_200_dpi(tmp_path: Path) -> None:
    # A mask cut where the ink is barely darker than the paper thickens every stroke by
    # the width of its blurred edge; at 200 dpi that closes the counters of small letters.
    page = _page(dpi=200, noise=8.0)
    out = tmp_path / "doc.pdf"
    write_searchable_pdf([page], out, profile=Profile.COMPACT, created=WHEN)
    rendered = pdfium.PdfDocument(out)[0].render(scale=page.dpi / 72).to_pil().convert("L")
    width = page.image.width
    text_area = (0, 0, width, int(1.6 * page.dpi))  # the two lines, above the seal
    before = np.asarray(page.image.convert("L").crop(text_area), dtype=np.int16)
    after = np.asarray(rendered.crop(text_area), dtype=np.int16)
    # Ink counted at the midpoint between the text colour and the paper.
    ink_before, ink_after = int((before < 135).sum()), int((after < 135).sum())
    assert ink_before > 5000
    assert abs(ink_after - ink_before) < 0.08 * ink_before


def test_compact_is_much_smaller_than_archival(tmp_path: Path) -> None:
    page = _page(dpi=200, noise=10.0)
    compact, archival = tmp_path / "c.pdf", tmp_path / "a.pdf"
    write_searchable_pdf([page], compact, profile=Profile.COMPACT, created=WHEN)
    write_searchable_pdf([page], archival, profile=Profile.ARCHIVAL, created=WHEN)
    assert compact.stat().st_size * 3 < archival.stat().st_size


def test_same_input_and_time_give_identical_bytes(tmp_path: Path, page: PdfPage) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    write_searchable_pdf([page], first, title="A", created=WHEN)
    write_searchable_pdf([page], second, title="A", created=WHEN)
    assert first.read_bytes() == second.read_bytes()
    third = tmp_path / "3.pdf"
    write_searchable_pdf([page], third, title="A", created=WHEN.replace(minute=31))
    assert third.read_bytes() != first.read_bytes()


def test_grey_and_transparent_images_and_odd_words_are_accepted(tmp_path: Path) -> None:
    grey = Image.new("L", (300, 200), 250)
    ImageDraw.Draw(grey).rectangle((20, 20, 120, 60), fill=10)
    rgba = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    words = [Word("", (0, 0, 5, 5)), Word("x", (10, 10, 10, 20)), Word("😀ổn", (20, 20, 120, 60))]
    out = tmp_path / "odd.pdf"
    write_searchable_pdf([PdfPage(grey, 100, words), PdfPage(rgba, 100, [])], out, created=WHEN)
    check = check_pdfa(out)
    assert check.ok, check.problems
    # A page without words still carries a text layer, an empty one; it is not counted
    # as a page with text.
    assert check.text_layers == (TextLayer.TEXT, TextLayer.EMPTY)
    assert (check.pages_with_text, check.pages_with_text_layer) == (1, 2)
    document = pdfium.PdfDocument(out)
    shown = document[0].get_textpage().get_text_range()
    # A word whose box has no width is still in the layer (one pixel wide).
    assert "ổn" in shown and "x" in shown
    assert document[1].get_textpage().get_text_range().strip() == ""


def test_no_pages_or_bad_dpi_is_an_input_error(tmp_path: Path, page: PdfPage) -> None:
    with pytest.raises(PdfaInputError):
        write_searchable_pdf([], tmp_path / "none.pdf")
    with pytest.raises(PdfaInputError) as info:
        write_searchable_pdf([PdfPage(page.image, 0, [])], tmp_path / "bad.pdf")
    assert "—" in str(info.value)
    assert not (tmp_path / "bad.pdf").exists()


def test_checker_reports_a_plain_pdf_as_not_pdfa(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(buf, "PDF")
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(buf.getvalue())
    check = check_pdfa(plain)
    assert not check.ok
    assert check.pages_with_text == 0
    assert check.text_layers == (TextLayer.NONE,)
