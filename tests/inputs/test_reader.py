"""The one reader: every kind of picture read as the page it shows, or refused in one line.

The same files go through the importer's reader (``dossier.read_pages``) and the OCR
stage's decoder (``ocr.loading.decode``): both must see the source's pixels.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

import pytest
from PIL import Image

from dossier import read_pages
from dossier.errors import RejectedFile
from ocr.loading import decode
from tests.inputs import corpus

MAX_PIXELS = 120_000_000
# Mean absolute grey difference against the source page (0-255): lossy kinds (JPEG,
# HEIC) stay far under it; a white, black or inverted page is far above (about 40+).
CLOSE = 4.0

READABLE: dict[str, Callable[[], bytes]] = {
    "grey16_png": corpus.grey16_png,
    "grey16_tiff": corpus.grey16_tiff,
    "float_tiff": corpus.float_tiff,
    "transparent_png": corpus.transparent_png,
    "grey_alpha_png": corpus.grey_alpha_png,
    "palette_png": corpus.palette_png,
    "palette_transparent_gif": corpus.palette_transparent_gif,
    "gif": corpus.gif,
    "animated_gif": corpus.animated_gif,
    "bmp": corpus.bmp,
    "webp": corpus.webp,
    "heic": corpus.heic,
    "jpeg": corpus.jpeg,
    "corrupt_exif_jpeg": corpus.corrupt_exif_jpeg,
    "cmyk_jpeg": corpus.cmyk_jpeg,
    "cmyk_tiff": corpus.cmyk_tiff,
    "icc_rgb_tiff": corpus.adobe_like_rgb_tiff,
    "mpo": corpus.mpo,
}


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("kind", sorted(READABLE))
def test_each_kind_is_read_as_the_page_it_shows(kind: str) -> None:
    data = READABLE[kind]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning must not escape the reader
        pages = read_pages(data, f"x.{kind}")
        decoded = decode(data, MAX_PIXELS)
    assert len(pages) == 1, kind  # MPO and animated GIF: the first picture only
    stored = _opened(pages[0].data)
    assert stored.mode in ("1", "L", "RGB")
    assert (pages[0].width, pages[0].height) == (corpus.WIDTH, corpus.HEIGHT)
    assert corpus.mean_difference(stored, corpus.page()) < CLOSE, kind
    assert decoded.mode in ("L", "RGB")
    assert corpus.mean_difference(decoded, corpus.page()) < CLOSE, kind
    # The stored page image decodes to the same pixels again (what pack and ocr read).
    assert corpus.mean_difference(decode(pages[0].data, MAX_PIXELS), decoded) < 1.0


def test_sixteen_bit_grey_is_scaled_not_clipped() -> None:
    page = decode(corpus.grey16_png(), MAX_PIXELS)
    lo, hi = page.getextrema()
    assert (lo, hi) == (0, 255)


def test_transparent_background_is_white_paper() -> None:
    page = decode(corpus.transparent_png(), MAX_PIXELS)
    assert page.getpixel((5, 5)) in (255, (255, 255, 255))


def test_plain_png_and_jpeg_are_kept_byte_for_byte() -> None:
    for data in (corpus.save(corpus.page(), "PNG"), corpus.jpeg()):
        (page,) = read_pages(data)
        assert page.data == data


def test_mpo_keeps_only_the_first_picture() -> None:
    (page,) = read_pages(corpus.mpo())
    assert page.media_type == "image/jpeg"
    assert corpus.mean_difference(decode(page.data, MAX_PIXELS), corpus.page()) < CLOSE


def test_g4_multipage_tiff_gives_each_page_legibly() -> None:
    pages = read_pages(corpus.g4_tiff(("Trang 1", "Trang 2", "Trang 3")))
    assert len(pages) == 3
    for n, page in enumerate(pages):
        assert page.dpi == 200
        source = corpus.bilevel(f"Trang {n + 1}")
        assert corpus.mean_difference(_opened(page.data), source) == 0.0


@pytest.mark.parametrize("compression", ["raw", "tiff_lzw", "tiff_adobe_deflate", "jpeg",
                                         "packbits"])
def test_multipage_tiff_compressions(compression: str) -> None:
    pages = read_pages(corpus.tiff_pages(compression, "RGB" if compression == "jpeg" else "L"))
    assert len(pages) == 2
    for n, page in enumerate(pages):
        bound = CLOSE if compression == "jpeg" else 0.01
        assert corpus.mean_difference(_opened(page.data), corpus.page(f"Trang {n + 1}")) < bound


REFUSED: dict[str, tuple[Callable[[], bytes], str]] = {
    "tiff_missing_dimensions": (corpus.tiff_missing_dimensions, "damaged"),
    "tiff_bad_strip": (corpus.tiff_bad_strip, "damaged"),
    "truncated_png": (corpus.truncated_png, "truncated"),
    "huge_png": (corpus.huge_png, "too large"),
    "ico": (corpus.ico, "unsupported kind"),
    "empty": (lambda: b"", "empty"),
    "text": (lambda: "Đây là văn bản, không phải ảnh.\n".encode() * 4, "text file"),
    "random": (lambda: bytes(range(256)) * 8, "unsupported type"),
    "random_named_tif": (lambda: bytes(range(256)) * 8, "named .tif but the content is not"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_each_hostile_file_is_refused_with_its_reason(
        kind: str, capfd: pytest.CaptureFixture[str]) -> None:
    make, reason = REFUSED[kind]
    with pytest.raises(RejectedFile) as info:
        read_pages(make(), f"{kind}.tif" if kind.endswith("tif") else f"{kind}.bin")
    message = str(info.value)
    assert reason in info.value.reason_en, message
    assert info.value.reason_vi and " — " in message and "\n" not in message
    assert " at 0x" not in message and "<" not in message
    # Nothing of libtiff's or Pillow's own chatter reaches the terminal.
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_the_ocr_decoder_refuses_the_same_files() -> None:
    from ocr import BadImageError

    for kind, (make, reason) in REFUSED.items():
        if kind == "tiff_missing_dimensions":
            continue  # its first page is sound: a page decoder reads only that one
        with pytest.raises(BadImageError) as info:
            decode(make(), MAX_PIXELS)
        if kind not in ("text", "random", "random_named_tif"):
            assert reason in str(info.value), (kind, str(info.value))
        assert " at 0x" not in str(info.value)


def test_a_looping_tiff_ends() -> None:
    pages = read_pages(corpus.tiff_looping_ifd())
    assert len(pages) == 2


def test_pages_stored_before_the_reader_show_right_on_screen() -> None:
    """A workspace may hold a 16-bit or transparent page image stored as it came (before
    every page was stored in 8 bits): the screens open it as the page it shows."""
    from dossier.sources import open_page

    assert open_page(corpus.grey16_png()).getextrema() == (0, 255)
    clear = open_page(corpus.transparent_png())
    assert clear.getpixel((5, 5)) in (255, (255, 255, 255))
    assert corpus.mean_difference(clear, corpus.page()) < CLOSE


def test_a_tiff_of_thousands_of_pages_is_refused_before_any_is_decoded() -> None:
    from ocr.loading import MAX_FRAMES

    frame = Image.new("1", (16, 16), 1)
    data = corpus.save(frame, "TIFF", save_all=True,
                       append_images=[frame] * MAX_FRAMES, compression="group4")
    with pytest.raises(RejectedFile) as info:
        read_pages(data, "many.tif")
    assert "too many pages" in info.value.reason_en
