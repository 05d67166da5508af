"""The loaded Tesseract is the system's: a clean page we leave as it came reads as plain
``tesseract -l vie`` reads it (the wheel's own, newer Tesseract reads a few letters
differently, which made clean scans read worse than the command on the same page)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import ocr
from synth import RenderedPage
from tests.ocr.conftest import png

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="no tesseract")


def _system_version() -> str:
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0].split()[1]


def test_tesserocr_runs_the_system_tesseract() -> None:
    import tesserocr

    assert tesserocr.tesseract_version().split()[1] == _system_version()


def test_clean_page_reads_as_plain_tesseract(page: RenderedPage) -> None:
    data = png(page.image, 200)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.png"
        path.write_bytes(data)
        plain = subprocess.run(["tesseract", str(path), "stdout", "-l", "vie"],
                               capture_output=True, check=True,
                               env={**os.environ, "OMP_THREAD_LIMIT": "1"}).stdout.decode()
    ours = ocr.recognise_page(data)

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    assert ours.rotation == 0
    assert norm(ours.text) == norm(plain)
