"""Photocopies and sealed pages read by real Tesseract: dust, dot screens, punch holes,
seals of several inks over text, greyscale scans of sealed pages."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image

import ocr
from synth import RenderedPage
from synth.photocopy import CopyRecipe, photocopy
from synth.seals import stamp
from tests.ocr.conftest import cer, png


def _centre_of_line(page: RenderedPage, index: int) -> tuple[int, int]:
    box = page.line_boxes[index]
    return (box[0] + box[2]) // 2, (box[1] + box[3]) // 2


@pytest.mark.parametrize(("ink", "opaque", "opacity"), [
    ("red", False, 1.0), ("dark_red", True, 0.6), ("purple", False, 0.9),
    ("dark_purple", True, 0.6), ("pink", False, 0.7)])
def test_words_under_a_seal_are_read(page: RenderedPage, ink: str, opaque: bool,
                                     opacity: float) -> None:
    centre = _centre_of_line(page, 2)
    sealed, made = stamp(page.image, random.Random(11), centre, 200, shape="round", ink=ink,
                         opacity=opacity, opaque=opaque)
    assert made.ink == ink
    plain = ocr.recognise_page(png(sealed, 200), ocr.OcrSettings(clean=False))
    result = ocr.recognise_page(png(sealed, 200))
    assert cer(page.text, result.text) < 0.03
    assert cer(page.text, result.text) <= cer(page.text, plain.text)
    # The words of the line the seal sits on are there.
    read = result.text.split()
    under = page.lines[2].split()
    assert sum(word in read for word in under) >= len(under) - 1


def test_rectangular_stamp_over_text_is_lifted_out(page: RenderedPage) -> None:
    sealed, _ = stamp(page.image, random.Random(4), _centre_of_line(page, 4), 200,
                      shape="rect", ink="purple", opacity=1.0, opaque=False)
    result = ocr.recognise_page(png(sealed, 200))
    assert cer(page.text, result.text) < 0.03
    assert "CHÍNH" not in result.text and "PHÍ" not in result.text


def test_greyscale_scan_of_a_sealed_page(page: RenderedPage) -> None:
    sealed, _ = stamp(page.image, random.Random(8), _centre_of_line(page, 2), 200,
                      shape="round", ink="red", opacity=1.0, opaque=False)
    grey = sealed.convert("L")
    plain = ocr.recognise_page(png(grey, 200), ocr.OcrSettings(clean=False))
    result = ocr.recognise_page(png(grey, 200))
    assert cer(page.text, result.text) < 0.03
    assert cer(page.text, result.text) < cer(page.text, plain.text)
    read = result.text.split()
    under = page.lines[2].split()
    assert sum(word in read for word in under) >= len(under) - 1


@pytest.mark.parametrize("recipe", [
    CopyRecipe(generations=3, toner=0.2, dust=0.002, halftone=True, background=0.12,
               borders=2, punch_holes=True, greyscale=True),
    CopyRecipe(generations=2, toner=-0.8, dust=0.001, halftone=False, background=0.15,
               borders=1, punch_holes=False, greyscale=False),
    CopyRecipe(generations=1, toner=0.9, dust=0.0025, halftone=False, background=0.2,
               borders=3, punch_holes=True, greyscale=True),
], ids=["copy-of-a-copy-screened", "worn-toner", "heavy-toner-dusty"])
def test_photocopies_read(page: RenderedPage, recipe: CopyRecipe) -> None:
    copy = photocopy(page.image, random.Random(2), 200, recipe)
    plain = ocr.recognise_page(png(copy, 200), ocr.OcrSettings(clean=False))
    result = ocr.recognise_page(png(copy, 200))
    assert cer(page.text, result.text) < 0.03
    assert cer(page.text, result.text) <= cer(page.text, plain.text)
    # Dust, dots and punch holes are gone from the stored recognition mask.
    import cv2

    def tiny(ink: np.ndarray) -> int:
        _, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8))
        return int((stats[1:, cv2.CC_STAT_AREA] < 6).sum())

    clean = np.asarray(Image.open(io.BytesIO(result.clean_png)).convert("L")) < 128
    assert tiny(clean) < 0.05 * tiny(np.asarray(copy.convert("L")) < 128)
    margin = clean[:, : page.image.width * 8 // 100]  # the punch holes' binding margin
    assert margin.mean() < 0.002
