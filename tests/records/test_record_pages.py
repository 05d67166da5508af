"""Per-page work of the packer: decoding, turning pages upright, encoding in worker processes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr import upright_image
from pdfa import Profile
from records.pack import _decode, _PageJob, _upright, encode_page_job, encode_pages


def _scan(width: int = 420, height: int = 300) -> Image.Image:
    """A page with a dark bar near its top-left corner and a red ring (a seal) lower right."""
    image = Image.new("RGB", (width, height), (245, 241, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 20, 200, 40), fill=(20, 20, 25))
    draw.ellipse((300, 190, 380, 270), outline=(200, 40, 50), width=4)
    return image


@pytest.mark.parametrize(("rotation", "skew"), [(0, 0.0), (90, 0.0), (180, 0.0), (270, 0.0),
                                                (0, 1.5), (90, -2.0)])
def test_upright_matches_the_geometry_of_ocr(rotation: int, skew: float) -> None:
    # Word boxes refer to ocr.upright_image's output: the packer's own turn must agree.
    original = _scan()
    expected = np.asarray(upright_image(original, rotation, skew), dtype=np.int16)
    got = _upright(np.asarray(original), rotation, skew).astype(np.int16)
    assert got.shape == expected.shape
    # Bilinear against bicubic, same geometry: edges agree within a pixel.
    assert np.abs(got - expected).mean() < 2.0
    dark_expected = expected.sum(axis=2) < 200
    dark_got = got.sum(axis=2) < 200
    assert (dark_expected ^ dark_got).sum() < 0.05 * dark_expected.sum()


def test_jpeg_and_png_decode_alike_and_keep_their_stated_resolution() -> None:
    image = _scan()
    jpeg, png = io.BytesIO(), io.BytesIO()
    image.save(jpeg, "JPEG", quality=95, dpi=(200, 200))
    image.save(png, "PNG", dpi=(150, 150))
    from_jpeg, jpeg_dpi = _decode(jpeg.getvalue())
    from_png, png_dpi = _decode(png.getvalue())
    assert (jpeg_dpi, png_dpi) == (200, 150)
    assert from_jpeg.shape == from_png.shape == (300, 420, 3)
    assert np.abs(from_jpeg.astype(np.int16) - from_png.astype(np.int16)).mean() < 3


def test_pages_encoded_in_worker_processes_equal_those_encoded_here() -> None:
    jobs = []
    for index in range(6):
        buf = io.BytesIO()
        _scan(420 + 10 * index).save(buf, "JPEG", quality=90)
        jobs.append(_PageJob(buf.getvalue(), 100, 0, 0.0, Profile.COMPACT))
    here = [encode_page_job(job) for job in jobs]
    pooled = encode_pages(jobs, processes=2)
    assert pooled == here
    assert [p.width for p in pooled] == [420 + 10 * i for i in range(6)]
    # Dark ink and the red ring get layers of their own, each cropped to its ink.
    colours = [m.colour for m in here[0].masks]
    assert len(colours) == 2 and colours[0][0] < 60 and colours[1][0] > 150
    ring = here[0].masks[1]
    assert (ring.left, ring.top) == pytest.approx((300, 190), abs=3)
    assert ring.width < 90 and ring.height < 90
