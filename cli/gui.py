"""Start the desktop application (kept apart so the CLI never imports Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from failures import ExitCode

NO_DISPLAY = (
    "Sohoa là ứng dụng có cửa sổ nhưng máy này chưa có màn hình đồ họa (không có DISPLAY "
    "hay WAYLAND_DISPLAY): hãy chạy trong phiên làm việc có màn hình, hoặc dùng lệnh "
    "`sohoa --help` để làm việc bằng dòng lệnh.\n"
    "Sohoa is a windowed application but this machine has no graphical display (neither "
    "DISPLAY nor WAYLAND_DISPLAY is set): run it inside a desktop session, or use "
    "`sohoa --help` to work from the command line."
)


def display_missing(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt would find no screen to open a window on (Linux and other X11 systems).

    An explicit ``QT_QPA_PLATFORM`` (offscreen, vnc, …) is the person's own choice.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return False
    if env.get("QT_QPA_PLATFORM"):
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def run_gui(workspace: Path | None) -> int:
    if display_missing():
        # Said in words before Qt is loaded: Qt's own message speaks of plugins.
        print(NO_DISPLAY, file=sys.stderr)
        return int(ExitCode.FAILED)
    from desktop.app import run

    return int(run(workspace))
