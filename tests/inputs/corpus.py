"""Files of every kind a scanner, a phone or a colleague produces, made here (no shipped
binaries): each with the page it shows, to compare a reading against.

``page()`` is the reference: dark text-like strokes on white paper. Each maker returns the
file's bytes; hostile makers return files that must be refused.
"""

from __future__ import annotations

import io
import struct

import numpy as np
from PIL import Image, ImageCms, ImageDraw, ImageFont

WIDTH, HEIGHT = 400, 300


def page(text: str = "Trang một", size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """A greyscale page: a frame, a bar and a line of text, on white."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, size[0] - 20, size[1] - 20), outline=0, width=4)
    draw.rectangle((40, 40, 160, 80), fill=60)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.load_default(size=28)
    except TypeError:  # pragma: no cover - old Pillow
        font = ImageFont.load_default()
    draw.text((40, 120), text, fill=0, font=font)
    return image


def save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def grey16_png() -> bytes:
    """A 16-bit greyscale scan whose values span 0-4095 (a 12-bit sensor): clipping it
    to 8 bits makes a white page."""
    arr = (np.asarray(page(), dtype=np.uint32) * 4095 // 255).astype(np.uint16)
    return save(Image.fromarray(arr), "PNG")


def grey16_tiff() -> bytes:
    arr = (np.asarray(page(), dtype=np.uint32) * 4095 // 255).astype(np.uint16)
    return save(Image.fromarray(arr), "TIFF", compression="tiff_lzw")


def float_tiff() -> bytes:
    arr = np.asarray(page(), dtype=np.float32) / 255.0
    return save(Image.fromarray(arr), "TIFF")


def transparent_png() -> bytes:
    """Ink on a fully transparent background (its hidden colour black): the page is white."""
    ink = np.asarray(page())
    rgba = np.zeros((HEIGHT, WIDTH, 4), dtype=np.uint8)
    rgba[..., 3] = 255 - ink  # ink opaque, paper transparent
    return save(Image.fromarray(rgba), "PNG")


def grey_alpha_png() -> bytes:
    ink = np.asarray(page())
    la = np.stack([np.zeros_like(ink), 255 - ink], axis=-1)
    return save(Image.fromarray(la), "PNG")


def palette_transparent_gif() -> bytes:
    image = page().convert("P")
    return save(image, "GIF", transparency=255)


def gif() -> bytes:
    return save(page().convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE), "GIF")


def animated_gif() -> bytes:
    """Two frames: the page, then a black frame; the first picture is the page."""
    first = page().convert("P")
    second = Image.new("L", (WIDTH, HEIGHT), 0).convert("P")
    return save(first, "GIF", save_all=True, append_images=[second], duration=100)


def bmp() -> bytes:
    return save(page().convert("RGB"), "BMP")


def webp() -> bytes:
    return save(page().convert("RGB"), "WEBP", lossless=True)


def heic() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return save(page().convert("RGB"), "HEIF", quality=95)


def jpeg() -> bytes:
    return save(page().convert("RGB"), "JPEG", quality=95, dpi=(300, 300))


def cmyk_jpeg() -> bytes:
    return save(page().convert("RGB").convert("CMYK"), "JPEG", quality=95)


def adobe_like_rgb_tiff() -> bytes:
    """RGB pixels tagged with an embedded (sRGB) ICC profile, converted through it."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return save(page().convert("RGB"), "TIFF", compression="tiff_adobe_deflate",
                icc_profile=profile)


def cmyk_tiff() -> bytes:
    return save(page().convert("RGB").convert("CMYK"), "TIFF")


def palette_png() -> bytes:
    return save(page().convert("P"), "PNG")


def mpo() -> bytes:
    """A phone's multi-picture JPEG: the page, then a black second picture."""
    first = page().convert("RGB")
    second = Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))
    return save(first, "MPO", save_all=True, append_images=[second], quality=95)


def bilevel(text: str) -> Image.Image:
    """A bilevel A4 page at 200 dpi carrying one short line and nothing else."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=36)
    draw.text((200, 300), text, fill=0, font=font)
    return image.convert("1")


def g4_tiff(lines: tuple[str, ...] = ("Trang 1", "Trang 2", "Trang 3")) -> bytes:
    """A multi-page CCITT G4 TIFF, each page one short line of text."""
    pages = [bilevel(text) for text in lines]
    return save(pages[0], "TIFF", compression="group4", save_all=True,
                append_images=pages[1:], dpi=(200, 200))


def tiff_pages(compression: str, mode: str = "L", count: int = 2) -> bytes:
    pages = [page(f"Trang {n + 1}").convert(mode) for n in range(count)]
    return save(pages[0], "TIFF", compression=compression, save_all=True,
                append_images=pages[1:])


def _ifds(data: bytes) -> list[int]:
    offsets = []
    offset = struct.unpack("<I", data[4:8])[0]
    while offset:
        offsets.append(offset)
        count = struct.unpack("<H", data[offset:offset + 2])[0]
        offset = struct.unpack("<I", data[offset + 2 + 12 * count:offset + 6 + 12 * count])[0]
    return offsets


def tiff_missing_dimensions() -> bytes:
    """Page 2's IFD has no ImageWidth/ImageLength (their tags renamed to unknown ones):
    Pillow opens page 1, then ``n_frames`` raises ``TypeError: Missing dimensions`` —
    the path of Pillow's own crash-2020-10-test.tif."""
    data = bytearray(tiff_pages("raw"))
    ifd = _ifds(bytes(data))[1]
    count = struct.unpack("<H", data[ifd:ifd + 2])[0]
    for n in range(count):
        entry = ifd + 2 + 12 * n
        tag = struct.unpack("<H", data[entry:entry + 2])[0]
        if tag in (256, 257):
            data[entry:entry + 2] = struct.pack("<H", 65000 + tag - 256)
    return bytes(data)


def tiff_bad_strip() -> bytes:
    """A one-page LZW TIFF whose strip offset points past the end of the file."""
    data = bytearray(save(page(), "TIFF", compression="tiff_lzw"))
    ifd = _ifds(bytes(data))[0]
    count = struct.unpack("<H", data[ifd:ifd + 2])[0]
    for n in range(count):
        entry = ifd + 2 + 12 * n
        tag = struct.unpack("<H", data[entry:entry + 2])[0]
        if tag == 273:  # StripOffsets, one strip: the value itself
            data[entry + 8:entry + 12] = struct.pack("<I", len(data) + 10_000)
    return bytes(data)


def tiff_looping_ifd() -> bytes:
    """Page 2's next-IFD pointer points back at page 1."""
    data = bytearray(tiff_pages("raw"))
    first, second = _ifds(bytes(data))[:2]
    count = struct.unpack("<H", data[second:second + 2])[0]
    data[second + 2 + 12 * count:second + 6 + 12 * count] = struct.pack("<I", first)
    return bytes(data)


def truncated_png() -> bytes:
    data = save(page(), "PNG")
    return data[: len(data) * 2 // 3]


def huge_png() -> bytes:
    """A header promising 60000x60000 pixels (a decompression bomb)."""
    import zlib

    data = save(Image.new("L", (32, 32), 255), "PNG")
    ihdr = struct.pack(">II", 60_000, 60_000) + data[24:29]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return data[:16] + ihdr + crc + data[33:]


def ico() -> bytes:
    return save(page().convert("RGB").resize((64, 48)), "ICO")


def corrupt_exif_jpeg() -> bytes:
    """A JPEG whose EXIF block is garbage: Pillow warns; the page reads fine."""
    data = jpeg()
    exif = b"Exif\x00\x00" + b"MM\x00*\x00\x00\x00\x08\x00\x05" + b"\xff" * 40
    segment = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    return data[:2] + segment + data[2:]


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute grey difference of two pictures of the same size."""
    x = np.asarray(a.convert("L"), dtype=np.float64)
    y = np.asarray(b.convert("L"), dtype=np.float64)
    assert x.shape == y.shape, (x.shape, y.shape)
    return float(np.abs(x - y).mean())
