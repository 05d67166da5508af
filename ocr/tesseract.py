"""Run Tesseract through pytesseract and turn its TSV into words and lines.

Also asks Tesseract's orientation detector when our own estimate is unsure.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

import pytesseract
from PIL import Image

from ocr.errors import OcrTimeoutError, TesseractError

# Tesseract otherwise starts one OpenMP thread per core for every page; Sohoa runs
# one page per core in parallel, so each Tesseract keeps to one thread.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class RawWord:
    text: str
    box: tuple[int, int, int, int]
    confidence: float
    line_key: tuple[int, int, int]


def _run(kind: str, call: object, timeout: float) -> object:
    assert callable(call)
    try:
        return call()
    except pytesseract.TesseractNotFoundError as e:
        raise TesseractError(
            "không tìm thấy chương trình Tesseract — tesseract is not installed"
        ) from e
    except pytesseract.TesseractError as e:
        message = str(e.message if hasattr(e, "message") else e).strip().splitlines()
        detail = message[-1] if message else "unknown error"
        raise TesseractError(f"Tesseract lỗi khi {kind} — tesseract failed ({detail})") from e
    except RuntimeError as e:
        if "timeout" in str(e).lower():
            raise OcrTimeoutError(
                f"Tesseract quá thời gian ({timeout:.0f} giây) — tesseract timed out "
                f"({timeout:.0f} s)"
            ) from e
        raise


def recognise(
    image: Image.Image, languages: str, psm: int, dpi: int, timeout: float
) -> list[RawWord]:
    """Words (NFC) with boxes in ``image`` pixels, in Tesseract's reading order."""
    config = f"--psm {psm} --dpi {dpi}"
    tsv = _run(
        "nhận dạng",
        lambda: pytesseract.image_to_data(
            image, lang=languages, config=config, timeout=timeout,
            output_type=pytesseract.Output.DICT,
        ),
        timeout,
    )
    assert isinstance(tsv, dict)
    words: list[RawWord] = []
    for i, raw in enumerate(tsv["text"]):
        if int(tsv["level"][i]) != 5:
            continue
        text = unicodedata.normalize("NFC", str(raw)).strip()
        if not text:
            continue
        left, top = int(tsv["left"][i]), int(tsv["top"][i])
        width, height = int(tsv["width"][i]), int(tsv["height"][i])
        words.append(
            RawWord(
                text=text,
                box=(left, top, left + width, top + height),
                confidence=max(0.0, float(tsv["conf"][i])),
                line_key=(int(tsv["block_num"][i]), int(tsv["par_num"][i]),
                          int(tsv["line_num"][i])),
            )
        )
    return words


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image: Image.Image, timeout: float) -> tuple[int, float] | None:
    """Tesseract OSD: (clockwise degrees to turn upright, confidence), or None if it cannot tell."""
    try:
        out = _run(
            "xác định hướng trang",
            lambda: pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout),
            timeout,
        )
    except TesseractError:
        # Too few characters for OSD: our own estimate stands.
        return None
    assert isinstance(out, str)
    rotate = _ROTATE.search(out)
    confidence = _CONFIDENCE.search(out)
    if rotate is None or confidence is None:
        return None
    return int(rotate.group(1)) % 360, float(confidence.group(1))
