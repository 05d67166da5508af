"""Turn the bytes of a picture file into checked 8-bit page images, or one clear refusal.

The one pixel-level reader: the importer, ``sohoa ocr``, ``tag`` and ``pack`` all read
pictures through it, so they accept the same kinds and see the same pixels.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageCms, UnidentifiedImageError

from ocr.errors import BadImageError

with contextlib.suppress(ImportError):  # HEIC (phones) when pillow-heif is installed
    import pillow_heif

    pillow_heif.register_heif_opener()

# The picture formats a scanner, a phone or a colleague sends. Pillow opens more (icons,
# Photoshop, EPS through Ghostscript...); those are refused as unsupported kinds.
ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "DIB", "WEBP", "TIFF",
                              "HEIF"})
# Formats that hold pages (one per frame); in the others frames are an animation or a
# phone's extra pictures, and the first picture is the page.
PAGED_FORMATS = frozenset({"TIFF"})
# A dossier is tens of pages; a file of thousands is a mistake or a hostile file (the
# same limit as for PDFs).
MAX_FRAMES = 2000
# Page images stored as they came: decoders everywhere read them the same way.
_AS_IS = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg"}
_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"II+\x00",
                     b"MM\x00+", b"GIF8", b"BM", b"RIFF")


def _silence_libraries() -> None:
    """libtiff prints its warnings and errors straight to stderr ("TIFFFetchStripThing: IO
    error...", unknown tags); Pillow learns of the failure from the decoder anyway, so the
    handlers are switched off and the reason reaches people as one line. pypdf logs
    warnings on odd PDFs: they get a handler of ours, which drops them."""
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    try:
        from PIL import _imaging

        lib = ctypes.CDLL(_imaging.__file__)
        for name in ("TIFFSetWarningHandler", "TIFFSetErrorHandler"):
            setter = getattr(lib, name)
            setter.restype = ctypes.c_void_p
            setter.argtypes = [ctypes.c_void_p]
            setter(None)
    except (OSError, AttributeError, ImportError):  # another platform's linking: noise stays
        pass


_silence_libraries()
_REPR = re.compile(r"<[^<>]*\bat 0x[0-9a-fA-F]+>")
_SRGB = ImageCms.createProfile("sRGB")


class UnreadableImage(BadImageError):
    """A picture file that cannot become page images, with its reason in both languages.

    ``kind`` is one of ``empty``, ``damaged``, ``unsupported`` (a picture of a kind not
    accepted), ``unknown`` (not a picture at all), ``too_large``, ``no_pages``.
    """

    def __init__(self, kind: str, reason_vi: str, reason_en: str) -> None:
        self.kind = kind
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        super().__init__(f"{reason_vi} — {reason_en}")

    def __reduce__(self) -> tuple[type[UnreadableImage], tuple[str, str, str]]:
        # Crosses from the OCR worker processes by pickle.
        return type(self), (self.kind, self.reason_vi, self.reason_en)


def error_detail(error: BaseException) -> str:
    """A library's message fit for a person: no object reprs, one short line."""
    text = _REPR.sub("", str(error)).strip(" :") or type(error).__name__
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:117] + "..."


def damaged(error: BaseException | None = None, *, page: int | None = None) -> UnreadableImage:
    where_vi = f"trang {page} của tệp" if page is not None else "ảnh"
    where_en = f"page {page} of the file" if page is not None else "the image"
    text = error_detail(error) if error is not None else ""
    if "truncated" in text.lower() or isinstance(error, EOFError):
        return UnreadableImage("damaged", f"{where_vi} bị hỏng hoặc bị cắt cụt",
                               f"{where_en} is damaged or truncated" + (f" ({text})" if text
                                                                        else ""))
    return UnreadableImage("damaged", f"{where_vi} bị hỏng, không đọc được",
                           f"{where_en} is damaged and cannot be read"
                           + (f" ({text})" if text else ""))


def too_large(width: int, height: int) -> UnreadableImage:
    return UnreadableImage(
        "too_large", f"ảnh quá lớn ({width}×{height} điểm ảnh), có thể là tệp độc hại",
        f"image too large ({width}x{height} pixels), possibly a decompression bomb")


def unsupported(name: str | None = None) -> UnreadableImage:
    if name:
        return UnreadableImage(
            "unsupported", f"loại ảnh {name} không được hỗ trợ (hãy dùng PNG, JPEG, TIFF, "
            "GIF, BMP, WEBP, HEIC hoặc PDF)",
            f"unsupported kind of picture: {name} (use PNG, JPEG, TIFF, GIF, BMP, WEBP, HEIC "
            "or PDF)")
    return UnreadableImage(
        "unknown", "không phải ảnh hay PDF — định dạng không hỗ trợ",
        "not an image or PDF — unsupported kind of file")


def check_size(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise UnreadableImage("damaged", "ảnh không có kích thước hợp lệ",
                              "the image has no valid size")
    if width * height > max_pixels:
        raise too_large(width, height)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Library warnings (corrupt EXIF, odd TIFF tags...) are not the person's business:
    the reading either succeeds or becomes one reason. Pillow's decompression-bomb warning
    goes too: our own pixel limit decides (its error, far above, still stops the read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def open_picture(data: bytes, max_pixels: int) -> Image.Image:
    """``data`` opened (header only) as an accepted kind of picture, its size checked."""
    if not data:
        raise UnreadableImage("empty", "tệp rỗng (0 byte)", "empty file (0 bytes)")
    try:
        with quiet():
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as e:
        raise UnreadableImage("too_large", "ảnh quá lớn, có thể là tệp độc hại",
                              "image too large, possibly a decompression bomb") from e
    except UnidentifiedImageError as e:
        if data.startswith(_IMAGE_SIGNATURES) or data[4:12] in (b"ftypheic", b"ftypheix",
                                                                 b"ftypmif1"):
            raise damaged() from e
        raise unsupported() from e
    except Exception as e:  # a hostile header can raise anything inside a plugin
        raise damaged(e) from e
    if image.format not in ACCEPTED_FORMATS:
        raise unsupported(image.format)
    check_size(*image.size, max_pixels)
    return image


def frame_count(image: Image.Image) -> int:
    """Pages in the picture: a TIFF's frames; one for every other kind."""
    if image.format not in PAGED_FORMATS:
        return 1
    try:
        with quiet():
            count = int(getattr(image, "n_frames", 1))
    except Exception as e:  # Pillow raises TypeError, ValueError, struct.error... on bad IFDs
        raise damaged(e) from e
    if count < 1:
        raise UnreadableImage("no_pages", "tệp không có trang nào", "the file has no pages")
    if count > MAX_FRAMES:
        raise UnreadableImage("too_large", f"tệp có quá nhiều trang ({count})",
                              f"too many pages ({count}; at most {MAX_FRAMES})")
    return count


def load_frame(image: Image.Image, index: int, max_pixels: int) -> Image.Image:
    """Frame ``index`` fully decoded (damage found now, not later downstream)."""
    try:
        with quiet():
            if index or image.format in PAGED_FORMATS:
                image.seek(index)
            check_size(*image.size, max_pixels)
            image.load()
    except UnreadableImage:
        raise
    except Image.DecompressionBombError:
        raise too_large(*image.size) from None
    except Exception as e:
        raise damaged(e, page=index + 1 if image.format in PAGED_FORMATS else None) from e
    return image


def as_stored(image: Image.Image) -> str | None:
    """The media type under which the file itself can be the page image, or None when its
    pixels need converting first (alpha, 16 bits, CMYK, palette, other formats)."""
    media = _AS_IS.get(image.format or "")
    if media is None or image.mode not in ("1", "L", "RGB"):
        return None
    if "transparency" in image.info:
        return None
    return media


def to_page_mode(image: Image.Image) -> Image.Image:
    """The picture as the page it shows, in mode 1, L or RGB, 8 bits, ``info["dpi"]`` kept.

    Transparent areas are paper (composed on white, never black); 16-bit, 32-bit and float
    greys are scaled to 8 bits by their range (not clipped to white); CMYK, palette and
    other colour spaces are converted to sRGB through the embedded ICC profile when there
    is one.
    """
    dpi = image.info.get("dpi")
    out = _page_pixels(image)
    if dpi and out is not image:
        out.info["dpi"] = dpi
    return out


def _page_pixels(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    mode = image.mode
    transparent = "transparency" in image.info
    if mode == "1" or (mode == "L" and not transparent):
        return image
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _scaled_grey(image)
    if mode == "RGB" and not transparent:
        return (_to_srgb(image, icc) if icc else None) or image
    if mode in ("RGBA", "LA", "PA", "La", "RGBa") or transparent:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        out = Image.alpha_composite(white, rgba).convert("RGB")
        return out.convert("L") if mode in ("LA", "La", "L") else out
    if mode == "P":
        return image.convert("RGB")
    # CMYK, YCbCr, LAB, HSV...: through the embedded profile when there is one.
    return (_to_srgb(image, icc) if icc else None) or image.convert("RGB")


def _scaled_grey(image: Image.Image) -> Image.Image:
    import numpy as np

    arr = np.asarray(image)
    if arr.dtype.byteorder == ">" or arr.dtype.kind == "f" or arr.dtype.itemsize > 2:
        values = arr.astype(np.float32)
        finite = np.isfinite(values)
        if not finite.all():
            values = np.where(finite, values, 0.0)
        lo, hi = float(values.min()), float(values.max())
        span = hi - lo if hi > lo else 1.0
        scaled = ((values - lo) * (255.0 / span) + 0.5).astype(np.uint8)
    else:  # native 16-bit: a lookup table keeps memory at one byte a pixel
        lo, hi = int(arr.min()), int(arr.max())
        span = hi - lo if hi > lo else 1
        lut = np.clip((np.arange(65536, dtype=np.float32) - lo) * (255.0 / span) + 0.5,
                      0, 255).astype(np.uint8)
        scaled = lut[arr]
    return Image.fromarray(np.ascontiguousarray(scaled))


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image | None:
    """``image`` in sRGB through its embedded profile; None when the profile is unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None
    return converted if isinstance(converted, Image.Image) else None


@dataclass(frozen=True)
class PageImage:
    """One page out of a picture file: the file itself when it can stand as is, else PNG."""

    index: int
    data: bytes
    media_type: str
    width: int
    height: int
    dpi: int | None


def _dpi(image: Image.Image) -> int | None:
    value = image.info.get("dpi")
    if not value:
        return None
    try:
        dpi = round(float(value[0]))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return dpi if 50 <= dpi <= 2400 else None


def _png(image: Image.Image, dpi: int | None) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi) if dpi else None, compress_level=1)
    return buffer.getvalue()


def picture_pages(data: bytes, max_pixels: int) -> Iterator[PageImage]:
    """Every page of a picture file, decoded and checked one at a time.

    Raises :class:`UnreadableImage` (never anything else) with the reason.
    """
    image = open_picture(data, max_pixels)
    try:
        count = frame_count(image)
        media = as_stored(image) if count == 1 else None
        if media is not None:
            # The file stands as the page: checked whole, without decoding it at full size.
            width, height, dpi = image.width, image.height, _dpi(image)
            _check_whole(image, media)   # a JPEG is drafted smaller: its size is read before
            yield PageImage(0, data, media, width, height, dpi)
            return
        for index in range(count):
            frame = load_frame(image, index, max_pixels)
            dpi = _dpi(frame)
            try:
                with quiet():
                    page = to_page_mode(frame)
                    encoded = _png(page, dpi)
            except UnreadableImage:
                raise
            except Exception as e:
                raise damaged(e, page=index + 1 if count > 1 else None) from e
            yield PageImage(index, encoded, "image/png", page.width, page.height, dpi)
            del page, encoded
    finally:
        image.close()


def _check_whole(image: Image.Image, media: str) -> None:
    """Damage found now, not downstream: a PNG's every chunk CRC up to IEND (its pixels
    need not be inflated); a JPEG's whole entropy-coded stream, decoded at 1/8 scale."""
    try:
        with quiet():
            if media == "image/png":
                image.verify()
            else:
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except Exception as e:
        raise damaged(e) from e


def decode(data: bytes | Image.Image, max_pixels: int) -> Image.Image:
    """The first page of ``data`` as a loaded image (L or RGB), with ``info["dpi"]`` kept."""
    if isinstance(data, Image.Image):
        image = data
    else:
        opened = open_picture(data, max_pixels)
        image = load_frame(opened, 0, max_pixels)
    w, h = image.size
    check_size(w, h, max_pixels)
    if w < 16 or h < 16:
        raise BadImageError(f"ảnh quá nhỏ ({w}×{h}) — image too small ({w}x{h} pixels)")
    try:
        with quiet():
            page = to_page_mode(image)
    except Exception as e:
        raise damaged(e) from e
    if page.mode == "1":
        dpi = page.info.get("dpi")
        page = page.convert("L")
        if dpi:
            page.info["dpi"] = dpi
    return page
