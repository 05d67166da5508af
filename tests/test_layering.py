"""Only desktop/ imports Qt; every other package imports cleanly without it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NON_GUI = [
    "vntext",
    "storage",
    "dossier",
    "cli.main",
    "ocr",
    "tagging",
    "records",
    "pdfa",
    "upload",
    "capture",
]


def test_non_gui_packages_do_not_load_qt() -> None:
    present = [m for m in NON_GUI if importlib.util.find_spec(m.split(".")[0]) is not None]
    code = (
        "import importlib, sys\n"
        f"for name in {present!r}:\n"
        "    importlib.import_module(name)\n"
        "    pkg = sys.modules[name]\n"
        "    for sub in getattr(pkg, '__all__', []):\n"
        "        getattr(pkg, sub)\n"
        "import cli.main\n"
        "cli.main.build_parser()\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert "storage" in present and "dossier" in present


def test_stages_below_do_not_import_desktop() -> None:
    offenders = []
    for package in (
        "storage",
        "dossier",
        "ocr",
        "tagging",
        "records",
        "pdfa",
        "upload",
        "capture",
        "vntext",
        "cli",
    ):
        for path in (REPO / package).rglob("*.py"):
            text = path.read_text("utf-8")
            imports_desktop = "import desktop" in text or "from desktop" in text
            if imports_desktop and path.relative_to(REPO).as_posix() != "cli/gui.py":
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
