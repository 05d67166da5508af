"""Paper beside A4 scans: receipts, phone photos, line crops, tiny pages; upright stays upright."""

from __future__ import annotations

import io
import os
import random
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import ocr
from ocr.engine import reader
from ocr.prepare import find_page, text_height
from synth import render_page
from synth.lines import line_crop
from synth.photo import phone_photo
from synth.receipts import render_receipt, thermal_scan
from tests.ocr.conftest import PARAGRAPHS, cer, png


def jpeg(image: Image.Image, dpi: int | None = None) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "JPEG", quality=90, **({"dpi": (dpi, dpi)} if dpi else {}))
    return buf.getvalue()


@pytest.fixture(scope="module")
def receipt_scan() -> tuple[bytes, str]:
    receipt = render_receipt(random.Random(11), width_mm=58.0, face="mono")
    return jpeg(thermal_scan(receipt, random.Random(12), dpi=240), 240), receipt.text


def test_narrow_receipt_is_not_turned_and_reads_well(receipt_scan: tuple[bytes, str]) -> None:
    data, truth = receipt_scan
    result = ocr.recognise_page(data)
    # A long narrow slip has short lines: the line estimate alone would call it sideways.
    assert result.rotation == 0
    assert cer(truth, result.text) < 0.12
    assert "HÓA ĐƠN BÁN LẺ" in result.text


def test_receipt_turned_upside_down_is_put_back(receipt_scan: tuple[bytes, str]) -> None:
    data, truth = receipt_scan
    turned = Image.open(io.BytesIO(data)).transpose(Image.Transpose.ROTATE_180)
    result = ocr.recognise_page(jpeg(turned, 240))
    assert result.rotation == 180
    assert cer(truth, result.text) < 0.12


def test_phone_photo_with_shadow_is_found_flattened_and_mapped_back() -> None:
    page = render_page(PARAGRAPHS, font="arial", dpi=200, size="A5", size_pt=12)
    photo = phone_photo(page.image, random.Random(4), size=(1500, 2000), shadow=True)
    grey = np.asarray(photo.convert("L"))
    assert find_page(grey) is not None
    result = ocr.recognise_page(jpeg(photo))
    assert result.rotation == 0 and result.skew == 0.0
    assert cer(page.text, result.text) < 0.04
    # Boxes refer to the photo as it came (upright_image with no turn is the photo).
    assert (result.width, result.height) == photo.size
    for word in result.words:
        if word.confidence > 85 and len(word.text) > 3:
            left, top, right, bottom = word.box
            assert 0 <= left < right <= photo.width and 0 <= top < bottom <= photo.height
            assert grey[top:bottom, left:right].min() < 120, word
    clean = Image.open(io.BytesIO(result.clean_png))
    assert clean.size == photo.size


def test_scan_filling_the_frame_is_not_taken_for_a_photo() -> None:
    page = render_page(PARAGRAPHS, font="times", dpi=150, size="A5")
    assert find_page(np.asarray(page.image.convert("L"))) is None


@pytest.mark.parametrize("height", [16, 60])
def test_single_line_crop_is_read_in_line_mode(height: int) -> None:
    text = "Số định danh cá nhân: 036188004512"
    crop = line_crop(random.Random(height), text=text, font="times", height_px=height)
    result = ocr.recognise_page(png(crop.image))
    assert result.rotation == 0
    assert cer(text, result.text) < 0.05
    assert len(result.lines) == 1


def test_tiny_page_is_enlarged_from_its_text_not_from_a4() -> None:
    page = render_page(PARAGRAPHS, font="dejavu", dpi=300, size="A6", size_pt=11)
    w, h = page.image.size
    tiny = page.image.resize((w * 100 // 300, h * 100 // 300), Image.Resampling.LANCZOS)
    height = text_height(np.asarray(tiny.convert("L")) < 128)
    assert height is not None and height < 20
    result = ocr.recognise_page(png(tiny, 72))
    assert result.dpi is None  # 72 "dpi" says nothing
    assert (result.width, result.height) == tiny.size
    assert cer(page.text, result.text) < 0.05
    for word in result.words:  # boxes in the tiny image's own pixels
        assert word.box[2] <= tiny.width + 1 and word.box[3] <= tiny.height + 1


def test_one_loaded_tesseract_per_process_and_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reader("vie") is reader("vie")
    page = render_page(PARAGRAPHS[:2], font="times", dpi=200, size="A6")
    # Anything written through tempfile would land here (the machine's /tmp is shared).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    result = ocr.recognise_page(png(page.image))
    assert result.words
    assert os.listdir(tmp_path) == []
