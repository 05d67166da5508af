"""The app command on a machine with no screen says so in words, before Qt is loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli.gui import display_missing

REPO = Path(__file__).resolve().parents[1]


def test_no_display_is_said_in_words(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(tmp_path / "ws")],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 5
    assert "màn hình" in result.stderr and "no graphical display" in result.stderr
    assert "plugin" not in result.stderr          # not Qt's own words
    assert not (tmp_path / "ws").exists()         # nothing was created


def test_what_counts_as_a_display() -> None:
    assert display_missing({}, "linux")
    assert not display_missing({"DISPLAY": ":0"}, "linux")
    assert not display_missing({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not display_missing({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not display_missing({}, "win32")
