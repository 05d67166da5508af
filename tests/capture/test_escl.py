"""The eSCL client against the tests' own eSCL scanner on 127.0.0.1."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from capture import (
    ColorMode,
    DeviceNotFound,
    EsclSource,
    FeederEmpty,
    PaperSource,
    ScanProfile,
    page_size,
)
from capture.escl import base_url
from tests.capture.conftest import text_page
from tests.capture.escl_responder import Responder


def source() -> EsclSource:
    return EsclSource(discover=False, busy_retry=0.01)


def test_base_url_forms() -> None:
    assert base_url("192.168.1.5") == "http://192.168.1.5/eSCL"
    assert base_url("escl:printer.local:8080") == "http://printer.local:8080/eSCL"
    assert base_url("https://mfp/eSCL/") == "https://mfp/eSCL"


def test_capabilities(escl: Responder) -> None:
    caps = source().capabilities(escl.url)
    assert caps.sources == (PaperSource.FLATBED, PaperSource.ADF)
    assert caps.resolutions == (100, 200, 300)
    assert "image/png" in caps.formats
    assert caps.max_width_mm == pytest.approx(2550 / 300 * 25.4)
    devices = EsclSource((escl.url,), discover=False).list_devices()
    assert [d.label for d in devices] == ["Sohoa Test MFP 100"]


def test_feeder_batch_delivers_every_sheet_in_order(escl: Responder) -> None:
    sheets = [text_page(f"Trang {i}") for i in range(4)]
    escl.state.feeder = list(sheets)
    escl.state.busy_before_each = 2   # the device answers 503 while it scans each sheet
    profile = ScanProfile(source=PaperSource.ADF, dpi=200, color=ColorMode.GRAY)
    pages = list(source().scan(escl.url, profile))
    assert len(pages) == 4
    for page, sheet in zip(pages, sheets, strict=True):
        assert page.media_type == "image/png"
        # Pixels untouched; only provenance and resolution chunks were added.
        assert Image.open(io.BytesIO(page.data)).tobytes() == \
            Image.open(io.BytesIO(sheet)).tobytes()
    job = next(iter(escl.state.jobs.values()))
    assert job.settings["InputSource"] == "Feeder"
    assert job.settings["XResolution"] == "200"
    assert job.settings["ColorMode"] == "Grayscale8"
    assert job.settings["DocumentFormat"] == "image/png"
    assert not job.cancelled


def test_platen_page_has_the_asked_size(escl: Responder) -> None:
    profile = ScanProfile(source=PaperSource.FLATBED, dpi=200, size=page_size("A5"))
    pages = list(source().scan(escl.url, profile))
    assert len(pages) == 1
    image = Image.open(io.BytesIO(pages[0].data))
    assert image.mode == "RGB"
    assert image.size == pytest.approx((round(148 / 25.4 * 200), round(210 / 25.4 * 200)),
                                       abs=2)


def test_empty_feeder_is_a_clear_error(escl: Responder) -> None:
    with pytest.raises(FeederEmpty, match="feeder"):
        list(source().scan(escl.url, ScanProfile(source=PaperSource.ADF, dpi=300)))


def test_stopping_early_cancels_the_job(escl: Responder) -> None:
    escl.state.feeder = [text_page(f"Trang {i}") for i in range(5)]
    iterator = source().scan(escl.url, ScanProfile(source=PaperSource.ADF, dpi=300),
                             max_pages=2)
    assert len(list(iterator)) == 2
    job = next(iter(escl.state.jobs.values()))
    assert job.cancelled and job.delivered == 2


def test_status(escl: Responder) -> None:
    assert source().status(escl.url) == ("Idle", "ScannerAdfEmpty")


def test_unreachable_scanner() -> None:
    with pytest.raises(DeviceNotFound):
        source().capabilities("http://127.0.0.1:9/eSCL")
