"""``sohoa ocr``: text and searchable PDF per file, form feeds between pages, failures alone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

import pdfa
from cli.main import main
from synth import RenderedPage, render_page
from tests.ocr.conftest import cer, png


@pytest.fixture(scope="module")
def pages() -> list[RenderedPage]:
    return [
        render_page(["Tờ khai đăng ký kết hôn của hai bên nam nữ."], dpi=150, size="A6"),
        render_page(["Giấy xác nhận tình trạng hôn nhân do Ủy ban cấp."], dpi=150, size="A6"),
    ]


def _pdf_of_images(images: list[Image.Image], path: Path) -> None:
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])


def test_ocr_writes_text_and_pdf_and_reports_bad_files(
    tmp_path: Path, pages: list[RenderedPage], capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    tiff = src / "hoso.tif"
    first = pages[0].image
    second = pages[1].image.transpose(Image.Transpose.ROTATE_180)  # fed upside down
    first.save(tiff, save_all=True, append_images=[second], dpi=(150, 150),
               compression="tiff_lzw")
    single = src / "giay.png"
    single.write_bytes(png(pages[1].image, 150))
    scanned_pdf = src / "scan.pdf"
    _pdf_of_images([pages[0].image, pages[1].image], scanned_pdf)
    (src / "empty.png").write_bytes(b"")
    (src / "note.jpg").write_text("không phải ảnh", encoding="utf-8")
    corrupt = png(pages[0].image, 150)
    (src / "cut.png").write_bytes(corrupt[: len(corrupt) // 3])
    out = tmp_path / "out"
    files = [tiff, src / "empty.png", single, src / "note.jpg", scanned_pdf, src / "cut.png"]

    code = main(["ocr", "--out", str(out), "--jobs", "2", *map(str, files)])

    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert any(line.startswith(f"{src / 'empty.png'}: ") and "0 byte" in line for line in err)
    assert any(line.startswith(f"{src / 'note.jpg'}: ") for line in err)
    assert any(line.startswith(f"{src / 'cut.png'}: ") for line in err)
    assert sorted(p.name for p in out.iterdir()) == [
        "giay.pdf", "giay.txt", "hoso.pdf", "hoso.txt", "scan.pdf", "scan.txt",
    ]
    for stem in ("hoso", "scan"):
        text = (out / f"{stem}.txt").read_text(encoding="utf-8")
        parts = text.split("\f")
        assert len(parts) == 2
        assert cer(pages[0].text, parts[0]) < 0.05
        assert cer(pages[1].text, parts[1]) < 0.05
        check = pdfa.check_pdfa(out / f"{stem}.pdf")
        assert check.problems == [] and check.page_count == 2 and check.pages_with_text == 2
    assert "hôn nhân" in (out / "giay.txt").read_text(encoding="utf-8")
    # The upside-down page is upright in the PDF: portrait, as the page was drawn.
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO((out / "hoso.pdf").read_bytes()))
    box = reader.pages[1].mediabox
    assert float(box.height) > float(box.width)
    assert "hôn nhân" in reader.pages[1].extract_text()


def test_ocr_all_good_exits_zero(tmp_path: Path, pages: list[RenderedPage]) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(png(pages[0].image, 150))
    assert main(["ocr", "--out", str(tmp_path / "o"), str(path)]) == 0
    assert (tmp_path / "o" / "a.txt").read_text(encoding="utf-8").startswith("Tờ khai")


def test_ocr_never_overwrites_one_file_with_another_of_the_same_stem(
    tmp_path: Path, pages: list[RenderedPage], capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    first, second = tmp_path / "x" / "giay.png", tmp_path / "y" / "Giay.png"
    first.write_bytes(png(pages[0].image, 150))
    second.write_bytes(png(pages[1].image, 150))
    out = tmp_path / "o"
    assert main(["ocr", "--out", str(out), str(first), str(second)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{second}: ") and str(first) in err[0]
    # The first file's outputs are there, and are the first file's.
    assert (out / "giay.txt").read_text(encoding="utf-8").startswith("Tờ khai")
    assert sorted(p.name for p in out.iterdir()) == ["giay.pdf", "giay.txt"]
