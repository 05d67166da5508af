"""Crash safety: kill -9 a real import at random moments, N times; report what survived.

After every kill the workspace must be healthy (`sohoa check`), hold every page
committed before, each once; a final rerun must complete the batch.
Usage: python benchmarks/import_crash.py [--kills 100] [--files 300]
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_workspace import login_env, open_bench_workspace  # noqa: E402

from storage import check_workspace  # noqa: E402
from storage import pages as page_store  # noqa: E402


def run_import(ws: Path, folder: Path) -> subprocess.Popen[bytes]:
    open_bench_workspace(ws).close()  # created on the first run; the command logs in
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli",
            "--workspace",
            str(ws),
            "import",
            "--no-process",
            str(folder),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**login_env(), "PYTHONPATH": str(REPO)},
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(args.files):
            image = Image.new("RGB", (827, 1169), "white")
            ImageDraw.Draw(image).text((60, 60 + i % 900), f"page {i}", fill="black")
            image.save(folder / f"{i:04d}.png")
        unhealthy = lost = duplicated = mid = 0
        ws_path = Path(tmp) / "ws"
        committed = 0
        for round_no in range(args.kills):
            if round_no and round_no % 10 == 0:
                # Start over now and then so kills keep landing mid-import.
                committed = 0
                ws_path = Path(tmp) / f"ws{round_no}"
            proc = run_import(ws_path, folder)
            time.sleep(rng.uniform(0.2, 1.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            with open_bench_workspace(ws_path) as ws:
                report = check_workspace(ws)
                pages = page_store.list_pages(ws)
            unhealthy += not report.ok
            lost += len(pages) < committed
            duplicated += len({p.source_sha for p in pages}) != len(pages)
            mid += len(pages) < args.files
            committed = len(pages)
        final = run_import(ws_path, folder)
        final.wait()
        with open_bench_workspace(ws_path) as ws:
            complete = len(page_store.list_pages(ws)) == args.files and check_workspace(ws).ok
    print(f"kills: {args.kills} (landed mid-import: {mid})")
    print(
        f"unhealthy after kill: {unhealthy}; lost committed pages: {lost}; "
        f"duplicates: {duplicated}; final rerun complete: {complete}"
    )
    ok = unhealthy == 0 and lost == 0 and duplicated == 0 and complete
    print("crash safety:", "PASS" if ok else "FAIL")


if __name__ == "__main__":
    main()
