from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import segno
from PIL import Image

from capture import (
    CoverSheetError,
    MarkKind,
    decode_payload,
    detect,
    encode_payload,
)
from tests.capture.conftest import png, scanned_cover, text_page
from tests.workspaces import init_workspace

CODE = "000.00.06.H56-231027-0361"


def test_payload_round_trip() -> None:
    text = encode_payload(CODE, "1.001193")
    assert text == f"SOHOA:1|dossier={CODE}|procedure=1.001193"
    payload = decode_payload(text)
    assert payload is not None and (payload.dossier, payload.procedure) == (CODE, "1.001193")
    odd = decode_payload(encode_payload("hồ sơ|a=b", None))
    assert odd is not None and odd.dossier == "hồ sơ|a=b" and odd.procedure is None
    assert decode_payload("https://example.org") is None


def test_cli_writes_an_a4_pdf_that_scans_back(tmp_path: Path) -> None:
    out = tmp_path / "bia.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(init_workspace(tmp_path / "ws")),
         "cover-sheet", "--out", str(out), "--dossier", CODE, "--procedure", "1.001193"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    doc = pdfium.PdfDocument(out.read_bytes())
    assert len(doc) == 1
    width, height = doc[0].get_size()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    # Printed and scanned back at 200 dpi, the sheet is recognised.
    image = doc[0].render(scale=200 / 72).to_pil()
    mark = detect(png(image, 200))
    assert (mark.kind, mark.dossier, mark.procedure, mark.code) == (
        MarkKind.COVER, CODE, "1.001193", CODE)
    text = doc[0].get_textpage().get_text_range()
    assert text == "" or "Hồ sơ" in text   # a raster sheet has no text layer


def test_cli_refuses_a_bad_procedure_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(tmp_path / "ws"), "cover-sheet",
         "--out", str(tmp_path / "x.pdf"), "--procedure", "abc"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert "abc" in result.stderr and not (tmp_path / "x.pdf").exists()


def test_sheet_needs_something_to_carry() -> None:
    with pytest.raises(CoverSheetError):
        scanned_cover(None, None)


@pytest.mark.parametrize("angle", [0, 180, 5, -5, 185, 90])
def test_cover_sheet_is_read_in_any_orientation(angle: float) -> None:
    mark = detect(scanned_cover(CODE, "1.003583", angle=angle))
    assert mark.kind == MarkKind.COVER
    assert (mark.code, mark.procedure) == (CODE, "1.003583")


def test_receipt_barcode_gives_the_dossier_code() -> None:
    page = Image.open(io.BytesIO(text_page("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"))).copy()
    barcode = segno.make(f"https://dichvucong.example.vn/tra-cuu?ma={CODE}")
    buffer = io.BytesIO()
    barcode.save(buffer, kind="png", scale=6, border=4)
    qr = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    page.paste(qr, (page.width - qr.width - 40, 40))
    mark = detect(png(page))
    assert mark.kind == MarkKind.RECEIPT and mark.code == CODE


def test_blank_and_ordinary_pages() -> None:
    blank = Image.new("L", (1240, 1754), 250)
    assert detect(png(blank)).kind == MarkKind.BLANK
    assert detect(text_page("Tờ khai đăng ký khai sinh")).kind == MarkKind.PAGE
    assert detect(b"not an image").kind == MarkKind.PAGE
