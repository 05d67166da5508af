"""A sealed page packed into a record: the seal stays in the page image, the text under it is
read into the text layer (only the OCR's copy of the page is cleaned)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from cli.main import main
from synth import render_page
from synth.seals import stamp

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
    "Nơi cư trú: thôn Đông, xã Hòa Bình",
]


@pytest.mark.parametrize("ink", ["red", "purple"])
def test_seal_stays_in_the_record_image(ink: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    page = render_page(LINES, dpi=200, size=(148.0, 105.0))
    box = page.line_boxes[2]
    centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
    sealed, _ = stamp(page.image, random.Random(3), centre, 200, shape="round", ink=ink,
                      opacity=1.0, opaque=False)
    folder = tmp_path / "dossier"
    folder.mkdir()
    sealed.save(folder / "01.png", dpi=(200, 200))
    assert main(["pack", "--out", str(tmp_path / "out"), str(folder)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    with zipfile.ZipFile(package) as archive:
        pdf_name = next(n for n in archive.namelist() if n.endswith(".pdf"))
        document = pdfium.PdfDocument(archive.read(pdf_name))
    pdf_page = document[0]
    text = pdf_page.get_textpage().get_text_range()
    rendered = np.asarray(pdf_page.render(scale=100 / 72).to_pil().convert("RGB"), np.int16)
    # The seal's coloured ink is in the page image, around where it was stamped...
    chroma = rendered.max(axis=2) - rendered.min(axis=2)
    scale = rendered.shape[1] / sealed.width
    cx, cy = round(centre[0] * scale), round(centre[1] * scale)
    around = chroma[max(0, cy - 40):cy + 40, max(0, cx - 60):cx + 60]
    assert (around > 60).sum() > 200
    original = np.asarray(sealed.resize((rendered.shape[1], rendered.shape[0])), np.int16)
    assert ((original.max(axis=2) - original.min(axis=2)) > 60).sum() * 0.5 < (
        chroma > 60).sum()
    # ... and the words beneath it are in the text layer.
    for word in ("Nguyễn", "Văn", "An", "tên"):
        assert word in text
