from __future__ import annotations

import subprocess
import sys

import pytest

from capture import ColorMode, PaperSource, ProfileError, ScanProfile, page_size


def test_defaults_are_300_dpi_colour_a4_feeder() -> None:
    profile = ScanProfile()
    assert (profile.dpi, profile.color, profile.source, profile.size.name) == (
        300, ColorMode.COLOR, PaperSource.ADF, "A4")


@pytest.mark.parametrize("dpi", [199, 150, 72])
def test_below_200_dpi_is_refused_with_a_clear_message(dpi: int) -> None:
    with pytest.raises(ProfileError) as caught:
        ScanProfile(dpi=dpi)
    message = str(caught.value)
    assert f"{dpi} dpi" in message and "200" in message and " — " in message
    assert caught.value.exit_code == 2


def test_200_dpi_is_allowed() -> None:
    assert ScanProfile(dpi=200).dpi == 200


def test_page_sizes() -> None:
    assert page_size("a5").width_mm == 148
    custom = page_size("50x60")
    assert (custom.width_mm, custom.height_mm) == (50, 60)
    with pytest.raises(ProfileError):
        page_size("huge")


def test_cli_refuses_low_dpi(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(tmp_path), "scan", "--device", "test",
         "--dpi", "100"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "100 dpi" in result.stderr and "200" in result.stderr
