"""Only desktop/ imports Qt; every other package imports cleanly without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Every top-level package but desktop/, the only one allowed to import Qt.
NON_GUI = ("failures", "vntext", "storage", "dossier", "cli", "ocr", "tagging", "records", "pdfa",
           "upload", "capture", "synth")


def test_non_gui_packages_do_not_load_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {list(NON_GUI)!r}:\n"
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


def test_stages_below_do_not_import_desktop() -> None:
    offenders = []
    for package in NON_GUI:
        for path in (REPO / package).rglob("*.py"):
            text = path.read_text("utf-8")
            imports_desktop = "import desktop" in text or "from desktop" in text
            if imports_desktop and path.relative_to(REPO).as_posix() != "cli/gui.py":
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


# The stages under the two front ends: none of them may depend on a front end.
STAGES = tuple(name for name in NON_GUI if name != "cli")


def _imports_of(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_stages_do_not_import_the_front_ends_or_the_application_layer() -> None:
    above = {"cli", "desktop", "dossier"}
    offenders = [
        f"{path.relative_to(REPO)} imports {sorted(_imports_of(path) & above)}"
        for package in STAGES if package != "dossier"
        for path in (REPO / package).rglob("*.py")
        if _imports_of(path) & above
    ]
    assert offenders == []


def test_failures_sits_below_everything() -> None:
    project = {"vntext", "storage", "dossier", "cli", "ocr", "tagging", "records", "pdfa",
               "upload", "capture", "synth", "desktop"}
    for path in (REPO / "failures").rglob("*.py"):
        assert _imports_of(path) & project == set(), path


def _modules_imported(path: Path) -> set[str]:
    """Every module a file imports, in full (``from a.b import c`` gives ``a.b``)."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


FRONT_ENDS = ("desktop", "cli")
# Front-end files that still build records or read folders themselves, outside the
# application layer: the folder pipelines of `sohoa ocr` and `sohoa pack`. No file may join.
STORAGE_STILL_USED_BY = {"cli/cmd_ocr.py", "cli/cmd_pack.py"}


def test_front_ends_use_only_the_model_types_of_storage() -> None:
    """The desktop and the command line reach the workspace through dossier/ use cases;
    of storage/ they may name the model types they display, nothing else."""
    offenders = {}
    for package in FRONT_ENDS:
        for path in (REPO / package).rglob("*.py"):
            used = {m for m in _modules_imported(path)
                    if (m == "storage" or m.startswith("storage.")) and m != "storage.model"}
            if used:
                offenders[path.relative_to(REPO).as_posix()] = sorted(used)
    assert set(offenders) <= STORAGE_STILL_USED_BY, offenders


def test_no_sql_in_the_front_ends() -> None:
    import re

    sql = re.compile(r"\.execute(many)?\(|\bSELECT\s+\w|\bUPDATE\s+\w+\s+SET\b|\bINSERT\s+INTO\b")
    offenders = [path.relative_to(REPO).as_posix()
                 for package in FRONT_ENDS for path in (REPO / package).rglob("*.py")
                 if sql.search(path.read_text("utf-8"))]
    assert offenders == []
