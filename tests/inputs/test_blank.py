""""Blank" needs evidence: no mark beyond noise. One short line is not a blank page."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

import ocr
from capture.coversheet import MarkKind, detect
from dossier import read_pages
from tests.inputs import corpus


def _png(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def g4_pages() -> list[bytes]:
    return [p.data for p in read_pages(corpus.g4_tiff(("Trang 1", "Trang 2")))]


def test_one_short_line_on_a_g4_page_is_not_blank(g4_pages: list[bytes]) -> None:
    for n, data in enumerate(g4_pages):
        result = ocr.recognise_page(data)
        assert result.blank is False
        assert f"Trang {n + 1}" in result.text


def test_one_short_line_is_no_blank_separator(g4_pages: list[bytes]) -> None:
    grey = Image.open(io.BytesIO(g4_pages[0])).convert("L")
    assert detect(_png(grey, 200)).kind != MarkKind.BLANK


@pytest.mark.parametrize("specks", [0, 40])
def test_a_blank_sheet_with_dust_is_still_blank(specks: int) -> None:
    sheet = Image.new("L", (1654, 2339), 250)
    draw = ImageDraw.Draw(sheet)
    rng = np.random.default_rng(3)
    for x, y in rng.integers(200, 1400, size=(specks, 2)):
        draw.point((int(x), int(y)), fill=40)  # single-pixel dust
    data = _png(sheet, 200)
    assert ocr.recognise_page(data).blank is True
    assert detect(data).kind == MarkKind.BLANK


def test_marks_are_counted_not_ink() -> None:
    ink = np.zeros((2000, 1500), dtype=bool)
    ink[500:520, 400:403] = True   # a 20 px stroke: 2.5 mm at 200 dpi
    ink[500:520, 420:423] = True
    ink[900, 900] = True           # a dust pixel
    assert ocr.count_marks(ink, 200) == 2


def test_pack_takes_a_g4_tiff_of_short_lines(tmp_path, capsys) -> None:
    from cli.main import main

    path = tmp_path / "g4.tif"
    path.write_bytes(corpus.g4_tiff(("Trang 1", "Trang 2")))
    out = tmp_path / "out"
    assert main(["pack", "--out", str(out), "--jobs", "1", str(path)]) == 0
    captured = capsys.readouterr()
    assert "blank" not in captured.err and "trắng" not in captured.err
    assert len(list(out.glob("*.zip"))) == 1
