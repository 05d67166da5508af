"""``sohoa scan`` end to end: SANE's test device and the tests' eSCL scanner, real OCR."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storage import PageState
from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.capture.conftest import scanned_cover, text_page
from tests.capture.escl_responder import Responder
from tests.workspaces import init_workspace, open_workspace

CODES = [f"000.00.06.H56-251103-{n:04d}" for n in range(11, 16)]
PROCEDURES = ["1.001193", "1.000894", "1.001022", "1.003583", "2.000908"]


def sohoa(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    init_workspace(ws)
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                          capture_output=True, text=True, timeout=300, check=False)


def needs_ocr() -> None:
    ocr = pytest.importorskip("ocr")
    if not hasattr(ocr, "recognise_many"):
        pytest.skip("the OCR stage (ocr.recognise_many) is not in this tree yet")


needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None, reason="sane-utils missing")


@needs_sane
def test_scan_without_processing_imports_a_batch(tmp_path: Path) -> None:
    result = sohoa(tmp_path, "scan", "--device", "test", "--source", "flatbed", "--dpi", "200",
                   "--gray", "--page-size", "40x50", "--pages", "4", "--no-process")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("scanned page") == 4
    batch_id = int(result.stdout.strip())
    with open_workspace(tmp_path) as ws:
        batch = page_store.get_batch(ws, batch_id)
        assert batch is not None and batch.source == "scan"
        assert len(page_store.list_pages(ws, batch_id)) == 4


@needs_sane
def test_scan_no_process_and_empty_feeder_on_network_scanner(tmp_path: Path,
                                                              escl: Responder) -> None:
    result = sohoa(tmp_path, "scan", "--device", "test", "--source", "adf", "--dpi", "200",
                   "--page-size", "40x50", "--no-process")
    assert result.returncode == 0, result.stderr
    batch_id = int(result.stdout.strip())
    with open_workspace(tmp_path) as ws:
        pages = page_store.list_pages(ws, batch_id)
        assert len(pages) == 10     # the test feeder holds 10 sheets
        assert {p.state for p in pages} == {PageState.NEW}
        assert pages[0].dpi == 200
        assert dossier_store.list_dossiers(ws) == []
    empty = sohoa(tmp_path, "scan", "--device", escl.url, "--dpi", "300", "--no-process")
    assert empty.returncode == 5
    assert "feeder" in empty.stderr and "trống" in empty.stderr
    with open_workspace(tmp_path) as ws:
        assert len(page_store.list_batches(ws)) == 1   # no empty batch left behind


def test_stack_with_cover_sheets_from_a_network_scanner(tmp_path: Path,
                                                        escl: Responder) -> None:
    needs_ocr()
    angles = [0, 180, 5, -5, 0]
    for n, (code, procedure, angle) in enumerate(zip(CODES, PROCEDURES, angles, strict=True)):
        escl.state.feeder.append(scanned_cover(code, procedure, angle=angle))
        escl.state.feeder.extend(text_page(f"Hồ sơ {n} trang {p}") for p in range(n % 2 + 1))
    result = sohoa(tmp_path, "scan", "--device", escl.url, "--dpi", "200", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    batch_id = int(result.stdout.strip())
    with open_workspace(tmp_path) as ws:
        pages = page_store.list_pages(ws, batch_id)
        assert len(pages) == 5 + sum(n % 2 + 1 for n in range(5))
        assert {p.state for p in pages} == {PageState.PROCESSED}
        dossiers = sorted((d for d in dossier_store.list_dossiers(ws) if d.batch_id == batch_id),
                          key=lambda d: d.id)
        assert [d.code for d in dossiers] == CODES
        assert [d.procedure_code for d in dossiers] == PROCEDURES


@needs_sane
def test_scan_recognises_pages_from_the_test_device(tmp_path: Path) -> None:
    needs_ocr()
    result = sohoa(tmp_path, "scan", "--device", "test", "--dpi", "200", "--gray",
                   "--page-size", "60x60", "--pages", "3", "--jobs", "2",
                   "--sane-option=--test-picture=Grid")
    assert result.returncode == 0, result.stderr
    batch_id = int(result.stdout.strip())
    with open_workspace(tmp_path) as ws:
        pages = page_store.list_pages(ws, batch_id)
        assert len(pages) == 3
        assert {p.state for p in pages} == {PageState.PROCESSED}
        assert len([d for d in dossier_store.list_dossiers(ws) if d.batch_id == batch_id]) == 1
