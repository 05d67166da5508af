"""Against SANE's own virtual scanner (``scanimage -d test``), kept small: low dpi, small area."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

from capture import (
    ColorMode,
    DeviceNotFound,
    PaperSource,
    SaneSource,
    ScanFailed,
    ScanProfile,
    page_size,
)
from capture.sane import parse_options

pytestmark = pytest.mark.skipif(shutil.which("scanimage") is None, reason="sane-utils missing")

SMALL = page_size("40x50")
PATTERN = ("--test-picture=Color pattern",)


def test_capabilities_of_the_test_device() -> None:
    caps = SaneSource().capabilities("test")
    assert set(caps.sources) == {PaperSource.FLATBED, PaperSource.ADF}
    assert set(caps.color_modes) == {ColorMode.COLOR, ColorMode.GRAY}
    assert caps.supports_dpi(300) and caps.supports_dpi(200)
    assert caps.max_width_mm == 200


def test_feeder_runs_empty_after_ten_sheets() -> None:
    profile = ScanProfile(source=PaperSource.ADF, dpi=200, color=ColorMode.GRAY, size=SMALL)
    pages = list(SaneSource(extra_args=PATTERN).scan("test", profile))
    assert [p.index for p in pages] == list(range(10))
    # Identical test sheets still get distinct bytes: each is a page of its own.
    assert len({p.data for p in pages}) == 10
    image = Image.open(io.BytesIO(pages[0].data))
    assert image.mode == "L"
    assert round(image.info["dpi"][0]) == 200
    assert image.width == pytest.approx(40 / 25.4 * 200, abs=2)


def test_flatbed_colour_stops_at_the_requested_count() -> None:
    profile = ScanProfile(source=PaperSource.FLATBED, dpi=250, color=ColorMode.COLOR,
                          size=SMALL)
    pages = list(SaneSource(extra_args=PATTERN).scan("test", profile, max_pages=3))
    assert len(pages) == 3
    image = Image.open(io.BytesIO(pages[2].data))
    assert image.mode == "RGB" and round(image.info["dpi"][0]) == 250


def test_flatbed_scans_one_sheet_by_default() -> None:
    profile = ScanProfile(source=PaperSource.FLATBED, dpi=200, size=SMALL)
    assert len(list(SaneSource().scan("test", profile))) == 1


def test_closing_the_iterator_stops_the_scan() -> None:
    profile = ScanProfile(source=PaperSource.ADF, dpi=200, size=SMALL)
    iterator = SaneSource().scan("test", profile)
    first = next(iterator)
    iterator.close()  # type: ignore[attr-defined]
    assert first.index == 0


def test_unknown_device_is_reported_by_name() -> None:
    with pytest.raises(DeviceNotFound, match="no-such-scanner"):
        list(SaneSource().scan("no-such-scanner", ScanProfile()))


def test_missing_tray_is_refused() -> None:
    profile = ScanProfile(source=PaperSource.DUPLEX, dpi=200, size=SMALL)
    with pytest.raises(ScanFailed, match="duplex"):
        list(SaneSource().scan("test", profile))


def test_parse_options_of_a_real_scanner() -> None:
    text = """
  Scan mode:
    --mode Lineart|Gray|Color [Color]
    --resolution 75|150|300|600dpi [300]
    --source Flatbed|ADF Front|ADF Duplex [Flatbed]
  Geometry:
    -x 0..215.9mm [215.9]
    -y 0..297.18mm [297.18]
"""
    options = parse_options(text)
    assert options["--resolution"].values == ("75", "150", "300", "600")
    assert options["-y"].high == pytest.approx(297.18)
    from capture.sane import _capabilities

    caps = _capabilities(options)
    assert caps.resolutions == (75, 150, 300, 600)
    assert set(caps.sources) == {PaperSource.FLATBED, PaperSource.ADF, PaperSource.DUPLEX}
    assert not caps.supports_dpi(200)
