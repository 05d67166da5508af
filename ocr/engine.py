"""Tesseract kept loaded in this process (tesserocr): images read without a process or a file.

One ``Reader`` per language set and process; a worker loads the model once and reuses it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from ocr.errors import OcrTimeoutError, TesseractError

# Set before Tesseract starts: one thread per worker, the workers fill the cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")



@dataclass(frozen=True)
class RawWord:
    """A word as Tesseract gave it, in the pixels of the image it read."""

    text: str
    box: tuple[int, int, int, int]
    confidence: float
    line_key: tuple[int, int, int]  # (block, paragraph, line)


_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


@lru_cache(maxsize=1)
def tessdata_dir() -> str | None:
    """The folder holding the installed ``*.traineddata`` (the system Tesseract's)."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = [prefix, str(Path(prefix) / "tessdata")] if prefix else []
    exe = os.environ.get("TESSERACT_CMD") or shutil.which("tesseract")
    if exe:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                                 timeout=30).stdout
            match = re.search(r'"([^"]+)"', out)
            if match:
                candidates.append(match.group(1))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates.extend(_TESSDATA_DIRS)
    for folder in candidates:
        if (folder and Path(folder, "osd.traineddata").is_file()) or (
            folder and any(Path(folder).glob("*.traineddata"))
        ):
            return str(folder)
    return None


class Reader:
    """A loaded Tesseract for one language set: ``read`` words, ``osd`` orientation."""

    def __init__(self, languages: str) -> None:
        try:
            import tesserocr
        except ImportError as e:  # pragma: no cover - the wheel is a dependency
            raise TesseractError(
                "thiếu thư viện tesserocr — the tesserocr library is not installed"
            ) from e
        self._tesserocr = tesserocr
        path = tessdata_dir()
        if path is None:
            raise TesseractError(
                "không tìm thấy dữ liệu ngôn ngữ của Tesseract — no Tesseract language data "
                "found (install tesseract-ocr-vie)"
            )
        self.path = path
        self.languages = languages
        try:
            self.api = tesserocr.PyTessBaseAPI(path=path, lang=languages,
                                               psm=tesserocr.PSM.AUTO)
        except RuntimeError as e:
            raise TesseractError(
                f"Tesseract không mở được ngôn ngữ '{languages}' — tesseract could not load "
                f"language '{languages}' ({e})"
            ) from e
        self._osd: object | None = None
        # One Tesseract instance holds one image at a time: callers on other threads wait.
        self.lock = threading.Lock()

    def read(self, image: Image.Image, psm: int, dpi: int, timeout: float) -> list[RawWord]:
        """Words (NFC) with boxes in ``image`` pixels, in Tesseract's reading order."""
        if image.format is not None:
            # tesserocr hands Tesseract the image re-saved in its own format: a JPEG would
            # be compressed again (and read worse). A copy has no format: it goes lossless.
            image = image.copy()
        with self.lock:
            return self._read(image, psm, dpi, timeout)

    def _read(self, image: Image.Image, psm: int, dpi: int, timeout: float) -> list[RawWord]:
        api = self.api
        api.SetPageSegMode(psm)
        api.SetImage(image)
        api.SetSourceResolution(max(70, min(2400, int(dpi))))
        ok = api.Recognize(max(1, int(timeout * 1000)))
        if not ok:
            api.Clear()
            raise OcrTimeoutError(
                f"Tesseract quá thời gian ({timeout:.0f} giây) — tesseract timed out "
                f"({timeout:.0f} s)"
            )
        tsv = api.GetTSVText(0) or ""
        api.Clear()
        return parse_tsv(tsv)

    def osd(self, image: Image.Image) -> tuple[int, float] | None:
        """Tesseract's OSD: (clockwise degrees to turn upright, confidence), or None."""
        tesserocr = self._tesserocr
        if self._osd is None:
            try:
                self._osd = tesserocr.PyTessBaseAPI(path=self.path, lang="osd",
                                                    psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError:
                return None
        with self.lock:
            return self._detect(image)

    def _detect(self, image: Image.Image) -> tuple[int, float] | None:
        api: Any = self._osd
        api.SetImage(image)
        try:
            found = api.DetectOrientationScript()
        except RuntimeError:
            found = None
        api.Clear()
        if not found:
            return None
        # Tesseract gives the page's turn counter-clockwise; ``Pose.rotation`` is the
        # clockwise turn that undoes it.
        return (360 - int(found["orient_deg"])) % 360, float(found["orient_conf"])


def parse_tsv(tsv: str) -> list[RawWord]:
    words: list[RawWord] = []
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cols[11]).strip()
        if not text:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(RawWord(
            text=text,
            box=(left, top, left + width, top + height),
            confidence=max(0.0, float(cols[10])),
            line_key=(int(cols[2]), int(cols[3]), int(cols[4])),
        ))
    return words


@lru_cache(maxsize=4)
def reader(languages: str) -> Reader:
    """This process's loaded Tesseract for ``languages`` (loaded on first use)."""
    return Reader(languages)
