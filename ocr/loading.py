"""Turn the bytes of a page file into a checked PIL image, or a clear BadImageError.

Guards against empty, truncated, corrupt, unknown and oversized (decompression bomb) inputs.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from ocr.errors import BadImageError

_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")


def decode(data: bytes | Image.Image, max_pixels: int) -> Image.Image:
    """The first frame of ``data`` as a loaded image (L or RGB), with ``info["dpi"]`` kept."""
    if isinstance(data, Image.Image):
        image = data
    else:
        if len(data) == 0:
            raise BadImageError("tệp rỗng (0 byte) — empty file (0 bytes)")
        image = _open(data, max_pixels)
    w, h = image.size
    if w * h > max_pixels:
        raise BadImageError(
            f"ảnh quá lớn ({w}×{h} điểm ảnh) — image too large ({w}x{h} pixels)"
        )
    if w < 16 or h < 16:
        raise BadImageError(f"ảnh quá nhỏ ({w}×{h}) — image too small ({w}x{h} pixels)")
    dpi = image.info.get("dpi")
    if image.mode not in ("L", "RGB"):
        if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info:
            # Transparent areas are paper: composite onto white, not black.
            rgba = image.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(white, rgba).convert("RGB")
        elif image.mode in ("1", "I;16", "I", "F"):
            image = _to_grey(image)
        else:
            image = image.convert("RGB")
    if dpi:
        image.info["dpi"] = dpi
    return image


def _to_grey(image: Image.Image) -> Image.Image:
    if image.mode == "1":
        return image.convert("L")
    # 16-bit or float scans: scale to 8 bits by the actual range.
    import numpy as np

    arr = np.asarray(image, dtype=np.float64)
    lo, hi = float(arr.min()), float(arr.max())
    span = hi - lo if hi > lo else 1.0
    return Image.fromarray(((arr - lo) / span * 255.0).astype(np.uint8), "L")


def _open(data: bytes, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # Our own pixel limit decides; PIL's warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            w, h = image.size  # from the header: checked before any pixel is decoded
            if w * h > max_pixels:
                raise BadImageError(
                    f"ảnh quá lớn ({w}×{h} điểm ảnh) — image too large ({w}x{h} pixels)"
                )
            image.load()
    except BadImageError:
        raise
    except Image.DecompressionBombError as e:
        raise BadImageError(f"ảnh quá lớn — image too large ({e})") from e
    except UnidentifiedImageError as e:
        if data.startswith(_IMAGE_SIGNATURES):
            raise BadImageError("ảnh bị hỏng — corrupt image (unreadable header)") from e
        raise BadImageError(
            "không phải tệp ảnh hoặc định dạng không hỗ trợ — not an image or unsupported format"
        ) from e
    except (OSError, SyntaxError, ValueError, EOFError) as e:
        reason = str(e) or type(e).__name__
        if "truncated" in reason.lower():
            raise BadImageError(f"ảnh bị cắt cụt — truncated image ({reason})") from e
        raise BadImageError(f"ảnh bị hỏng — corrupt image ({reason})") from e
    return image
