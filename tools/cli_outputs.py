"""Record what the command line prints on the bundled sample dossier, to compare two trees.

A restructuring keeps behaviour when the command line says exactly the same before and
after it. This runs one fixed session of `sohoa` commands (a new workspace, import,
the dossier list, search, check, pack, the outbox, verify, and the folder commands ocr,
tag and pack) with the code of a given tree, and writes each command's stdout, stderr
and exit status to OUT. What differs between two runs of the same code is replaced by
a placeholder: times and dates of the run, the temporary paths, the recovery key, and
the hashes and compressed sizes of packages (they carry the packing time).

    python tools/cli_outputs.py OUT_BEFORE --tree /path/to/the/old/checkout
    python tools/cli_outputs.py OUT_AFTER
    diff -r OUT_BEFORE OUT_AFTER     # no output: byte-identical
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
PASSWORD = "mat-khau-so-sanh-1"

_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_DAY_CODE = re.compile(r"-\d{6}-")          # provisional ids and package names carry the day
_HEX = re.compile(r"\b[0-9a-f]{64}\b")
_SECONDS = re.compile(r"\b\d+(\.\d+)? ?(s|ms|giây)\b")
_PACKAGE_SIZE = re.compile(r'"size": \d+')
_RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(-[A-Z2-7]{4}){7,}\b")


def _scrub(text: str, temp: Path, tree: Path) -> str:
    text = text.replace(str(temp), "<TMP>").replace(str(tree), "<TREE>")
    text = _RECOVERY_KEY.sub("<RECOVERY-KEY>", text)
    text = _TIME.sub("<TIME>", text)
    text = _DAY_CODE.sub("-<DAY>-", text)
    text = _HEX.sub("<SHA256>", text)
    text = _PACKAGE_SIZE.sub('"size": <SIZE>', text)
    return _SECONDS.sub("<DURATION>", text)


def run_session(tree: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sohoa-cli-") as name:
        temp = Path(name)
        ws = temp / "ws"
        env = dict(os.environ, PYTHONPATH=str(tree), SOHOA_USER="admin",
                   SOHOA_PASSWORD=PASSWORD, SOHOA_WORKSPACE=str(ws), QT_QPA_PLATFORM="offscreen",
                   LC_ALL="C.UTF-8")
        sample = tree / "resources" / "sample"
        steps: list[tuple[str, list[str]]] = [
            ("01-init", ["init", "--admin", "admin"]),
            ("02-import", ["import", str(sample)]),
            ("03-dossiers", ["dossiers", "--json"]),
            ("04-search", ["search", "khai sinh"]),
            ("05-check", ["check", "--json"]),
            ("06-pack-dossier", ["pack", "--dossier", "1", "--allow-missing", "so sánh",
                                 "--out", str(temp / "packed")]),
            ("07-outbox", ["outbox", "--json"]),
            ("08-ocr-folder", ["ocr", "--out", str(temp / "ocr"),
                               *sorted(str(p) for p in sample.glob("*.png"))]),
            ("09-tag-folder", ["tag", "--json", str(sample)]),
            ("10-pack-folder", ["pack", "--out", str(temp / "folder"), str(sample)]),
        ]
        for name_, args in steps:
            result = subprocess.run([sys.executable, "-m", "cli", *args], cwd=tree, env=env,
                                    capture_output=True, text=True, timeout=1800, check=False)
            record = (f"$ sohoa {' '.join(args)}\nexit {result.returncode}\n"
                      f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
            (out / f"{name_}.txt").write_text(_scrub(record, temp, tree), "utf-8")
        packages = sorted((temp / "packed").glob("*.zip")) + sorted((temp / "folder").glob("*.zip"))
        result = subprocess.run([sys.executable, "-m", "cli", "verify", *map(str, packages)],
                                cwd=tree, env=env, capture_output=True, text=True, timeout=900,
                                check=False)
        (out / "11-verify.txt").write_text(_scrub(
            f"exit {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}",
            temp, tree), "utf-8")
        for text in sorted((temp / "ocr").glob("*.txt")):
            (out / f"12-ocr-{text.name}").write_text(text.read_text("utf-8"), "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the recorded outputs")
    parser.add_argument("--tree", type=Path, default=HERE,
                        help="the checkout whose code runs (default: this one)")
    args = parser.parse_args()
    run_session(args.tree.resolve(), args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
