from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import import_paths
from dossier.sources import read_pages
from storage import Workspace, check_workspace
from storage import pages as page_store
from tests.dossier import samples
from tests.workspaces import init_workspace, open_workspace


def test_imports_images_tiff_and_pdf_in_order(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    samples.write_png(folder / "01.png", "one")
    (folder / "02.jpg").write_bytes(samples.jpeg_bytes("two"))
    samples.write_multipage_tiff(folder / "03.tif", ["three", "four"])
    samples.write_scanned_pdf(folder / "04.pdf", [samples.jpeg_bytes("five")])
    samples.write_text_pdf(folder / "05.pdf")
    (folder / ".hidden.png").write_bytes(b"ignored")
    (folder / "06.png.part").write_bytes(b"still being written")

    report = import_paths(workspace, [folder])

    assert report.problems == []
    pages = page_store.list_pages(workspace, report.batch_id)
    assert [(p.source_name, p.source_page) for p in pages] == [
        ("01.png", 0),
        ("02.jpg", 0),
        ("03.tif", 0),
        ("03.tif", 1),
        ("04.pdf", 0),
        ("05.pdf", 0),
    ]
    assert [p.seq for p in pages] == [1, 2, 3, 4, 5, 6]
    assert pages[0].dpi == 75
    # The rendered page of a drawn PDF is at least 200 dpi.
    assert pages[5].dpi is not None and pages[5].dpi >= 200
    assert check_workspace(workspace).ok


def test_original_files_are_kept_byte_for_byte(workspace: Workspace, tmp_path: Path) -> None:
    path = samples.write_png(tmp_path / "a.png", "a")
    report = import_paths(workspace, [path])
    page = page_store.get_page(workspace, report.pages_added[0])
    assert page is not None
    assert workspace.blobs.read(page.source_sha) == path.read_bytes()
    assert page.source_sha == hashlib.sha256(path.read_bytes()).hexdigest()


def test_scanned_pdf_images_are_taken_out_losslessly(tmp_path: Path) -> None:
    jpeg = samples.jpeg_bytes("scan")
    pdf = samples.write_scanned_pdf(tmp_path / "scan.pdf", [jpeg, samples.jpeg_bytes("p2")])
    pages = read_pages(pdf.read_bytes())
    assert len(pages) == 2
    assert pages[0].data == jpeg
    assert pages[0].media_type == "image/jpeg"
    assert pages[0].dpi == 75


def test_same_file_twice_is_one_page(workspace: Workspace, tmp_path: Path) -> None:
    path = samples.write_png(tmp_path / "a.png", "a")
    copy = tmp_path / "copy-of-a.png"
    copy.write_bytes(path.read_bytes())
    first = import_paths(workspace, [path])
    second = import_paths(workspace, [path, copy])
    assert len(first.pages_added) == 1
    assert second.pages_added == []
    assert second.pages_existing == first.pages_added * 2
    assert len(page_store.list_pages(workspace)) == 1


BAD_INPUTS = {
    "empty.png": ("", "0 byte"),
    "text.jpg": ("text", "văn bản"),
    "random.pdf": ("random", "PDF"),
    "truncated.png": ("truncated", "hỏng"),
    "locked.pdf": ("encrypted", "mật khẩu"),
    "bomb.png": ("bomb", "quá lớn"),
    "song.mp3": ("mp3", "không hỗ trợ"),
}


def _make_bad(folder: Path, name: str) -> Path:
    kind = BAD_INPUTS[name][0]
    path = folder / name
    if kind == "":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("Đây là một tệp văn bản, không phải ảnh.\n", encoding="utf-8")
    elif kind == "random":
        path.write_bytes(os.urandom(4096))
    elif kind == "truncated":
        data = samples.write_png(folder / "whole.png", "whole").read_bytes()
        (folder / "whole.png").unlink()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "encrypted":
        samples.write_encrypted_pdf(path)
    elif kind == "bomb":
        samples.write_bomb_png(path)
    elif kind == "mp3":
        path.write_bytes(b"ID3\x03\x00" + os.urandom(2000))
    return path


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_named_and_the_rest_goes_on(
    workspace: Workspace, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    samples.write_png(folder / "a-good.png", "good")
    bad = _make_bad(folder, name)
    samples.write_png(folder / "z-good.png", "also good")

    report = import_paths(workspace, [folder])

    assert len(report.pages_added) == 2
    assert [p.item for p in report.problems] == [str(bad)]
    assert BAD_INPUTS[name][1] in report.problems[0].reason
    recorded = page_store.batch_problems(workspace, report.batch_id)
    assert [(p.item, p.reason) for p in recorded] == [(str(bad), report.problems[0].reason)]
    assert check_workspace(workspace).ok


def _sohoa(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    if args[0] == "--workspace":
        init_workspace(Path(args[1]))
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )


def test_cli_import_reports_bad_files_and_exit_status(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    samples.write_png(folder / "a.png", "a")
    _make_bad(folder, "empty.png")
    ws = tmp_path / "ws"

    result = _sohoa("--workspace", str(ws), "import", "--no-process", str(folder), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout.strip().isdigit()
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{folder / 'empty.png'}: tệp rỗng (0 byte) — empty file (0 bytes)"]

    check = _sohoa("--workspace", str(ws), "check", "--json", cwd=tmp_path)
    assert check.returncode == 0
    assert json.loads(check.stdout) == {"ok": True, "pages": 1, "dossiers": 0, "problems": []}


def test_cli_check_fails_on_damaged_workspace(tmp_path: Path) -> None:
    ws_path = tmp_path / "ws"
    path = samples.write_png(tmp_path / "a.png", "a")
    assert (
        _sohoa(
            "--workspace", str(ws_path), "import", "--no-process", str(path), cwd=tmp_path
        ).returncode
        == 0
    )
    with open_workspace(ws_path) as ws:
        page = page_store.list_pages(ws)[0]
        ws.blobs.path(page.image_sha).write_bytes(b"damaged")
    check = _sohoa("--workspace", str(ws_path), "check", "--json", cwd=tmp_path)
    assert check.returncode == 1
    report = json.loads(check.stdout)
    assert report["ok"] is False and report["pages"] == 1 and report["problems"]


def test_workspace_from_environment(tmp_path: Path) -> None:
    path = samples.write_png(tmp_path / "a.png", "a")
    env_ws = tmp_path / "from-env"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "import", "--no-process", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "SOHOA_WORKSPACE": str(init_workspace(env_ws)),
            "PYTHONPATH": str(Path(__file__).parents[2]),
        },
    )
    assert result.returncode == 0, result.stderr
    assert (env_ws / "sohoa.db").is_file()
