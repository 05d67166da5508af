"""recognise_page on generated pages with known answers: turns, skew, ink, blanks, bad input."""

from __future__ import annotations

import io
import random
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

import ocr
from synth import RenderedPage, draw_seal, draw_signature
from tests.ocr.conftest import cer, degraded_png, png


def test_clean_page_is_read_with_words_lines_and_boxes(page: RenderedPage) -> None:
    result = ocr.recognise_page(png(page.image))
    assert cer(page.text, result.text) < 0.02
    assert (result.rotation, result.blank, result.dpi) == (0, False, 200)
    assert (result.width, result.height) == page.image.size
    assert result.text == "\n".join(result.lines)
    assert result.mean_confidence is not None and result.mean_confidence > 80
    # Each word's box lies on the rendered line it belongs to.
    first_line_box = page.line_boxes[0]
    first_words = [w for w in result.words if w.line == 0]
    assert first_words and first_words[0].text == "Thủ"
    for word in first_words:
        left, top, right, bottom = word.box
        assert left < right and top < bottom
        assert top >= first_line_box[1] - 5 and bottom <= first_line_box[3] + 5
    clean = Image.open(io.BytesIO(result.clean_png))
    assert clean.size == page.image.size and clean.mode in ("1", "L")
    assert result.timings.total >= result.timings.recognise > 0


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_pages_are_put_upright(page: RenderedPage, turn: int) -> None:
    # PIL turns counter-clockwise; turning back clockwise by ``turn`` restores it.
    turned = page.image.transpose(
        {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
         270: Image.Transpose.ROTATE_90}[(360 - turn) % 360]
    )
    result = ocr.recognise_page(png(turned, 200))
    assert result.rotation == turn
    assert (result.width, result.height) == page.image.size
    assert cer(page.text, result.text) < 0.03


def test_upside_down_scan_with_noise(page: RenderedPage) -> None:
    data, rotation, _ = degraded_png(page, "upside_down")
    result = ocr.recognise_page(data)
    assert result.rotation == rotation == 180
    assert cer(page.text, result.text) < 0.03


@pytest.mark.parametrize("angle", [4.0, -4.0, 9.0])
def test_skew_is_recovered_within_a_degree(page: RenderedPage, angle: float) -> None:
    skewed = page.image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white")
    result = ocr.recognise_page(png(skewed, 200))
    assert result.rotation == 0
    # The content was turned ``angle`` counter-clockwise; deskewing turns it back.
    assert abs(result.skew + angle) <= 1.0
    assert cer(page.text, result.text) < 0.03


def test_sideways_and_skewed(page: RenderedPage) -> None:
    skewed = page.image.rotate(3.0, resample=Image.Resampling.BICUBIC, fillcolor="white")
    sideways = skewed.transpose(Image.Transpose.ROTATE_90)
    result = ocr.recognise_page(png(sideways, 200))
    assert result.rotation == 90
    assert abs(result.skew + 3.0) <= 1.0
    assert cer(page.text, result.text) < 0.03


def test_upright_image_matches_word_coordinates(page: RenderedPage) -> None:
    turned = page.image.transpose(Image.Transpose.ROTATE_90).rotate(
        -2.0, resample=Image.Resampling.BICUBIC, fillcolor="white"
    )
    result = ocr.recognise_page(png(turned, 200))
    upright = ocr.upright_image(turned, result.rotation, result.skew)
    assert upright.size == (result.width, result.height)
    assert upright.mode == "RGB"
    grey = np.asarray(upright.convert("L"))
    # Under every confident word box there is ink; the colour original is untouched.
    for word in result.words:
        if word.confidence > 80:
            left, top, right, bottom = word.box
            assert grey[top:bottom, left:right].min() < 100, word
    assert turned.size == (page.image.height, page.image.width)


def test_red_seal_over_text_is_lifted_out(page: RenderedPage) -> None:
    # The stamp sits on the second paragraph, as a commune seal overlaps a signature block.
    box = page.line_boxes[3]
    centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
    sealed = draw_seal(page.image, random.Random(3), centre=centre)
    plain = ocr.recognise_page(png(sealed, 200), ocr.OcrSettings(clean=False))
    result = ocr.recognise_page(png(sealed, 200))
    assert cer(page.text, result.text) < 0.02
    assert cer(page.text, result.text) < cer(page.text, plain.text)
    assert page.lines[3] in result.text
    # The stamp is gone from the recognition image but kept in the colour original.
    clean = np.asarray(Image.open(io.BytesIO(result.clean_png)).convert("L"))
    ink_share = (clean < 128).mean()
    assert ink_share < (np.asarray(sealed.convert("L")) < 200).mean()


def test_blue_signature_is_lifted_out(page: RenderedPage) -> None:
    box = page.line_boxes[1]
    signed = draw_signature(page.image, random.Random(5), centre=(box[0] + 300, box[1] + 10))
    result = ocr.recognise_page(png(signed, 200))
    assert cer(page.text, result.text) < 0.02


def test_photocopy_speckle_removed(page: RenderedPage) -> None:
    data, _, _ = degraded_png(page, "photocopy")
    result = ocr.recognise_page(data)
    assert cer(page.text, result.text) < 0.03
    clean = np.asarray(Image.open(io.BytesIO(result.clean_png)).convert("L")) < 128
    import cv2

    _, _, stats, _ = cv2.connectedComponentsWithStats(clean.astype(np.uint8))
    tiny = int((stats[1:, cv2.CC_STAT_AREA] < 6).sum())
    assert tiny < 20  # thousands of toner specks on the copy itself


@pytest.mark.parametrize("noisy", [False, True])
def test_blank_page_is_flagged_not_dropped(noisy: bool) -> None:
    blank = Image.new("RGB", (1240, 1754), "white")
    if noisy:
        arr = np.asarray(blank, dtype=np.float32) + np.random.default_rng(1).normal(
            0, 12, (1754, 1240, 1)
        )
        blank = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    result = ocr.recognise_page(png(blank, 150))
    assert result.blank is True
    assert result.text == "" and result.words == () and result.mean_confidence is None
    assert result.clean_png


def _png_with_size(width: int, height: int) -> bytes:
    data = png(Image.new("L", (32, 32), 255), 300)
    # Rewrite the IHDR dimensions (and its CRC): a header promising a huge image.
    ihdr = struct.pack(">II", width, height) + data[24:29]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return data[:16] + ihdr + crc + data[33:]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "0 byte"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
        (b"Day la van ban, khong phai anh JPEG.\n" * 5, "not an image"),
        ("truncated", "truncated"),
        ("huge", "too large"),
    ],
)
def test_bad_input_fails_with_a_clear_message(
    page: RenderedPage, data: bytes | str, reason: str
) -> None:
    if data == "truncated":
        full = png(page.image)
        data = full[: len(full) // 2]
    elif data == "huge":
        data = _png_with_size(60_000, 60_000)
    assert isinstance(data, bytes)
    with pytest.raises(ocr.BadImageError) as info:
        ocr.recognise_page(data)
    message = str(info.value)
    assert " — " in message and reason in message
    assert info.value.exit_code == 1


def test_missing_language_is_a_tesseract_error(page: RenderedPage) -> None:
    with pytest.raises(ocr.TesseractError) as info:
        ocr.recognise_page(png(page.image), ocr.OcrSettings(languages="xyz"))
    assert " — " in str(info.value)


def test_form_keeps_colons_and_marks_under_bold_headings() -> None:
    from synth import form_lines, render_lines

    lines = form_lines(
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        [("Họ, chữ đệm, tên", "NGUYỄN THỊ HỒNG NHUNG"), ("Ngày sinh", "12/03/2023"),
         ("Nơi cư trú", "Thôn 4, xã Tịnh Hòa, tỉnh Quảng Ngãi"), ("Dân tộc", "Kinh")],
        agency="ỦY BAN NHÂN DÂN XÃ TỊNH HÒA",
    )
    form = render_lines(lines, font="arial", dpi=200, size="A5")
    result = ocr.recognise_page(png(form.image, 200))
    assert cer(form.text, result.text) < 0.02
    for label in ("Họ, chữ đệm, tên: NGUYỄN THỊ HỒNG", "Ngày sinh: 12/03/2023", "Dân tộc: Kinh"):
        assert label in result.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.text


def test_page_without_text_shapes_is_not_sent_to_tesseract() -> None:
    """SANE's colour test pattern (dense stripes): nothing to read, and not blank either.

    Tesseract spends tens of seconds on such a page; the pipeline must not.
    """
    import subprocess

    from ocr import recognise_page

    scan = subprocess.run(
        ["scanimage", "-d", "test", "--mode", "Color", "--resolution", "300",
         "--test-picture", "Color pattern", "-x", "200", "-y", "200", "--format=png"],
        capture_output=True, timeout=120, check=True,
    )
    result = recognise_page(scan.stdout)
    assert result.words == ()
    assert result.text == ""
    assert not result.blank
