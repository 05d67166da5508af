"""The one reader seen from the command line: ``ocr``, ``pack``, ``import`` and ``watch``
accept the same kinds, refuse hostile files in one line each, and exit 1 when anything
failed (a page's OCR included)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from cli.main import main
from synth import RenderedPage, render_page
from tests.inputs import corpus
from tests.ocr.conftest import cer
from tests.workspaces import init_workspace

REPO = Path(__file__).resolve().parents[2]
# Lines a library prints by itself (libtiff, Pillow's warnings, pypdf's logging).
NOISE = ("Warning", "warn", "TIFF", "Traceback", "0x", "pypdf")


def sohoa(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    init_workspace(ws)
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def sheet() -> RenderedPage:
    return render_page(["Giấy xác nhận tình trạng hôn nhân do Ủy ban cấp."], dpi=150,
                       size="A6")


def _grey(page: RenderedPage) -> Image.Image:
    return page.image.convert("L")


def _grey16(page: RenderedPage) -> bytes:
    arr = (np.asarray(_grey(page), dtype=np.uint32) * 4095 // 255).astype(np.uint16)
    return corpus.save(Image.fromarray(arr), "PNG", dpi=(150, 150))


def _transparent(page: RenderedPage) -> bytes:
    ink = np.asarray(_grey(page))
    rgba = np.zeros((*ink.shape, 4), dtype=np.uint8)
    rgba[..., 3] = 255 - ink
    return corpus.save(Image.fromarray(rgba), "PNG", dpi=(150, 150))


def _mpo(page: RenderedPage) -> bytes:
    black = Image.new("RGB", page.image.size, (0, 0, 0))
    return corpus.save(page.image.convert("RGB"), "MPO", save_all=True, append_images=[black],
                       quality=92, dpi=(150, 150))


def _heic(page: RenderedPage) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return corpus.save(page.image.convert("RGB"), "HEIF", quality=92)


def _pdf_page_count(zip_path: Path) -> int:
    with zipfile.ZipFile(zip_path) as z:
        return sum(len(pypdf.PdfReader(io.BytesIO(z.read(name))).pages)
                   for name in z.namelist() if name.lower().endswith(".pdf"))


def _clean(lines: list[str]) -> None:
    for line in lines:
        assert not any(word in line for word in NOISE), line


def test_ocr_reads_each_kind_and_refuses_the_damaged_tiff_alone(
        tmp_path: Path, sheet: RenderedPage, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "grey16.png").write_bytes(_grey16(sheet))
    (src / "clear.png").write_bytes(_transparent(sheet))
    (src / "phone.jpg").write_bytes(_mpo(sheet))
    (src / "hong.tif").write_bytes(corpus.tiff_missing_dimensions())
    (src / "rong.png").write_bytes(b"")
    out = tmp_path / "out"
    files = sorted(src.iterdir())

    code = main(["ocr", "--out", str(out), "--jobs", "1", *map(str, files)])

    assert code == 1
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert sorted(line.split(": ", 1)[0] for line in err) == [
        str(src / "hong.tif"), str(src / "rong.png")]
    assert any("damaged" in line for line in err if line.startswith(str(src / "hong.tif")))
    _clean(err)
    for stem in ("grey16", "clear", "phone"):
        text = (out / f"{stem}.txt").read_text(encoding="utf-8")
        assert cer(sheet.text, text) < 0.1, (stem, text)
        assert len(pypdf.PdfReader(out / f"{stem}.pdf").pages) == 1  # MPO: one page


def test_pack_takes_every_kind_in_the_folder(tmp_path: Path, sheet: RenderedPage) -> None:
    folder = tmp_path / "hoso"
    folder.mkdir()
    (folder / "01.gif").write_bytes(corpus.save(sheet.image.convert("P"), "GIF"))
    (folder / "02.heic").write_bytes(_heic(sheet))
    (folder / "03.jfif").write_bytes(corpus.save(sheet.image.convert("RGB"), "JPEG",
                                                 quality=90, dpi=(150, 150)))
    (folder / "04.png").write_bytes(_grey16(sheet))
    (folder / "05.tif").write_bytes(corpus.g4_tiff(("Trang 1", "Trang 2")))
    out = tmp_path / "out"

    result = sohoa(tmp_path / "ws", "pack", "--out", str(out), "--jobs", "1", str(folder))

    assert result.returncode == 0, result.stderr
    (written,) = [Path(line) for line in result.stdout.splitlines() if line.strip()]
    assert _pdf_page_count(written) == 6    # 4 pictures and a two-page G4 TIFF
    _clean(result.stderr.splitlines())
    verified = sohoa(tmp_path / "ws", "verify", str(written))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_pack_names_each_file_it_refuses(tmp_path: Path, sheet: RenderedPage) -> None:
    folder = tmp_path / "hoso"
    folder.mkdir()
    (folder / "01.png").write_bytes(corpus.save(sheet.image, "PNG"))
    (folder / "ghi-chu.txt").write_text("Nhớ bổ sung giấy khai sinh.\n", encoding="utf-8")
    (folder / "icon.ico").write_bytes(corpus.ico())
    (folder / "Thumbs.db").write_bytes(b"\x00" * 64)   # the system's, not the dossier's
    out = tmp_path / "out"

    result = sohoa(tmp_path / "ws", "pack", "--out", str(out), "--jobs", "1", str(folder))

    assert result.returncode == 1
    lines = dict(line.split(": ", 1) for line in result.stderr.splitlines())
    assert sorted(lines) == [str(folder / "ghi-chu.txt"), str(folder / "icon.ico")]
    assert "left out" in lines[str(folder / "ghi-chu.txt")]     # a note, not a page
    assert "ICO" in lines[str(folder / "icon.ico")]
    assert "unsupported" in lines[str(folder / "icon.ico")]
    assert not out.exists() or list(out.iterdir()) == []       # no record short of a page

    # Without the picture it cannot take, the folder packs; the note is still named.
    (folder / "icon.ico").unlink()
    result = sohoa(tmp_path / "ws", "pack", "--out", str(out), "--jobs", "1", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{folder / 'ghi-chu.txt'}: không phải ảnh hay PDF, không đưa vào hồ sơ — not a "
        "picture or PDF; left out of the dossier"]
    (written,) = [Path(line) for line in result.stdout.splitlines() if line.strip()]
    assert _pdf_page_count(written) == 1


def test_import_refuses_hostile_files_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = {"a.png": corpus.save(corpus.page(), "PNG"), "b.gif": corpus.gif(),
            "c.heic": corpus.heic(), "d.tif": corpus.grey16_tiff(), "e.jpg": corpus.mpo(),
            "f.tif": corpus.g4_tiff(("Trang 1", "Trang 2"))}
    bad = {"hong.tif": "damaged", "cat.png": "truncated", "bom.png": "too large",
           "strip.tif": "damaged", "exif.jpg": None}
    for name, data in good.items():
        (folder / name).write_bytes(data)
    (folder / "hong.tif").write_bytes(corpus.tiff_missing_dimensions())
    (folder / "cat.png").write_bytes(corpus.truncated_png())
    (folder / "bom.png").write_bytes(corpus.huge_png())
    (folder / "strip.tif").write_bytes(corpus.tiff_bad_strip())
    (folder / "exif.jpg").write_bytes(corpus.corrupt_exif_jpeg())   # warns, reads fine
    ws = tmp_path / "ws"

    result = sohoa(ws, "import", "--no-process", str(folder))

    assert result.returncode == 1
    assert result.stdout.strip() == "1"
    lines = result.stderr.splitlines()
    refused = {Path(line.split(": ", 1)[0]).name: line for line in lines}
    assert sorted(refused) == sorted(k for k, v in bad.items() if v)
    for name, reason in bad.items():
        if reason:
            assert reason in refused[name], refused[name]
    _clean(lines)
    report = json.loads(sohoa(ws, "check", "--json").stdout)
    assert report["ok"] is True
    assert report["pages"] == len(good) + 1 + 1   # f.tif has two pages, exif.jpg one


def test_import_exits_1_and_names_a_page_ocr_could_not_read(
        tmp_path: Path, sheet: RenderedPage) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01.png").write_bytes(corpus.save(sheet.image, "PNG", dpi=(150, 150)))
    (folder / "02.png").write_bytes(corpus.save(Image.new("L", (10, 10), 255), "PNG"))

    result = sohoa(tmp_path / "ws", "import", "--jobs", "1", str(folder))

    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == "1"
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{folder / '02.png'}: ") and "too small" in line


def test_reimport_with_processing_says_where_and_makes_nothing_empty(
        tmp_path: Path, sheet: RenderedPage) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "01.png").write_bytes(corpus.save(sheet.image, "PNG", dpi=(150, 150)))
    ws = tmp_path / "ws"
    first = sohoa(ws, "import", "--jobs", "1", str(folder))
    again = sohoa(ws, "import", "--jobs", "1", str(folder / "01.png"))
    assert (first.returncode, again.returncode) == (0, 0), again.stderr
    assert first.stdout.strip() == again.stdout.strip() == "1"
    assert again.stderr.splitlines() == [
        f"{folder / '01.png'}: đã nhập trong lô 1 — already imported in batch 1"]
    listed = json.loads(sohoa(ws, "dossiers", "--json").stdout)
    assert [d["pages"] for d in listed] == [1]
