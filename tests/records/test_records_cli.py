"""``sohoa pack`` and ``sohoa verify`` end to end: real OCR, tagging, files and exit codes."""

from __future__ import annotations

import json
import os
import random
import zipfile
from pathlib import Path

import pytest

from cli.main import main
from synth import apply, draw_seal, render_page

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
    "Số định danh cá nhân: 001203004567",
]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dossier")
    rng = random.Random(5)
    for index in range(2):
        page = render_page(LINES, dpi=150, size=(148.0, 105.0))
        image = apply(page.image, "noise_jpeg_300", rng)
        if index == 1:
            image = draw_seal(image, rng)
        image.save(folder / f"{index:02d}.png", dpi=(150, 150))
    return folder


def test_pack_then_verify(dossier: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["pack", "--out", str(out), str(dossier)]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == 1
    package = Path(printed[0])
    assert package.parent == out and package.suffix == ".zip"
    assert package.name.startswith("LOCAL-")  # no dossier code on these pages
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(f"{package.stem}/data/manifest.json"))
    assert manifest["dossier"]["procedure"]["code"] == "1.001193"
    assert manifest["dossier"]["applicant"]["id_number"] == "001203004567"
    assert sum(d["page_count"] for d in manifest["documents"]) == 2
    assert main(["verify", str(package)]) == 0
    assert "hợp lệ — valid" in capsys.readouterr().out
    # Packing the unchanged folder again gives the same bytes.
    assert main(["pack", "--out", str(tmp_path / "again"), str(dossier)]) == 0
    again = Path(capsys.readouterr().out.split()[0])
    assert again.read_bytes() == package.read_bytes()


def test_verify_reports_each_bad_package(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK nonsense")
    assert main(["verify", str(junk), str(tmp_path / "gone.zip")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{junk}: ") for line in err)
    assert any(line.startswith(f"{tmp_path / 'gone.zip'}: ") for line in err)


def test_pack_reports_a_bad_folder_and_packs_the_rest(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("x")
    assert main(["pack", "--out", str(tmp_path / "o"), str(empty), str(dossier)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{empty}: ")
    assert len(captured.out.split()) == 1
    assert os.path.exists(captured.out.split()[0])
