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
from tests.workspaces import open_workspace

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
    printed_line = capsys.readouterr().out
    assert "hợp lệ — valid" in printed_line
    # These pages were scanned at 150 dpi: valid, with a note that it is below the rule.
    assert "2 trang dưới 200 dpi" in printed_line
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


def test_pack_states_the_agency_and_date_received_given(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["pack", "--out", str(out), "--agency", "000.00.06.H56",
                 "--received", "2026-11-20", str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    # A provisional code carries the date the dossier was received.
    assert package.name.startswith("LOCAL-261120-")
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(f"{package.stem}/data/manifest.json"))
        info = archive.read(f"{package.stem}/bag-info.txt").decode()
    assert manifest["dossier"]["agency_id"] == "000.00.06.H56"
    assert manifest["dossier"]["date_received"] == "2026-11-20"
    assert "Source-Organization: 000.00.06.H56" in info.splitlines()
    assert main(["verify", str(package)]) == 0


def test_pack_takes_the_agency_from_the_named_workspace(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    with open_workspace(tmp_path / "ws") as ws:
        ws.set_setting("agency_id", "000.00.07.H27")
    assert main(["--workspace", str(tmp_path / "ws"), "pack", "--out",
                 str(tmp_path / "out"), str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(f"{package.stem}/data/manifest.json"))
    assert manifest["dossier"]["agency_id"] == "000.00.07.H27"


def test_pack_names_the_unreadable_file_of_a_dossier(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "01.png").write_bytes((dossier / "00.png").read_bytes())
    (broken / "02.jpg").write_bytes(b"")
    assert main(["pack", "--out", str(tmp_path / "o"), str(broken), str(dossier)]) == 1
    captured = capsys.readouterr()
    # One line naming the file in its folder and the reason; nothing else on stderr.
    assert captured.err == f"{broken / '02.jpg'}: tệp rỗng (0 byte) — empty file (0 bytes)\n"
    assert len(captured.out.split()) == 1  # the good dossier is still packed


def test_pack_refuses_a_badly_written_date(dossier: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["pack", "--out", str(tmp_path), "--received", "20/11/2026", str(dossier)])
    assert exit_.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_pack_takes_a_multi_page_pdf_as_one_dossier(
        dossier: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    images = [Image.open(path).convert("RGB") for path in sorted(dossier.glob("*.png"))]
    pdf = tmp_path / "hoso.pdf"
    images[0].save(pdf, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    assert main(["pack", "--out", str(tmp_path / "out"), str(pdf)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read(f"{package.stem}/data/manifest.json"))
    assert sum(d["page_count"] for d in manifest["documents"]) == len(images) == 2
    assert main(["verify", str(package)]) == 0
