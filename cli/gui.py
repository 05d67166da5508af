"""Start the desktop application (kept apart so the CLI never imports Qt)."""

from __future__ import annotations

from pathlib import Path


def run_gui(workspace: Path | None) -> int:
    from desktop.app import run

    return int(run(workspace))
