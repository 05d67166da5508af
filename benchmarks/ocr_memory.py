"""OCR memory: peak resident memory of the whole process tree while ``sohoa ocr --jobs 2``
recognises a 200-page batch (A4, 300 dpi, mixed conditions). Target: < 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ocr_pages import pages  # noqa: E402

TARGET_BYTES = 1.5 * 1024**3


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces: the parent id follows the closing parenthesis.
        ppid = int(stat[stat.rfind(")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(root: int) -> tuple[int, int]:
    """Summed RSS of ``root`` and all its descendants, and how many processes."""
    tree = _children()
    todo, total, count = [root], 0, 0
    while todo:
        pid = todo.pop()
        total += _rss(pid)
        count += 1
        todo.extend(tree.get(pid, []))
    return total, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--distinct", type=int, default=12, help="distinct pages, repeated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocr-memory-") as tmp:
        folder = Path(tmp)
        distinct = [p.png for p, _ in zip(pages(per_cell=1), range(args.distinct), strict=False)]
        files = []
        for n in range(args.pages):
            path = folder / f"page-{n:03d}.png"
            path.write_bytes(distinct[n % len(distinct)])
            files.append(path)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "ocr", "--out", str(folder / "out"), "--jobs", "2",
             *map(str, files)], cwd=ROOT, env=env,
        )
        peak = peak_count = 0
        while proc.poll() is None:
            rss, count = tree_rss(proc.pid)
            if rss > peak:
                peak, peak_count = rss, count
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        written = len(list((folder / "out").glob("*.pdf")))
        print(f"{args.pages} pages in {elapsed:.0f} s, exit {proc.returncode}, {written} PDFs")
        print(f"peak RSS of the process tree: {peak / 1024**2:.0f} MB ({peak_count} processes)")
        verdict = "met" if peak < TARGET_BYTES else "NOT met"
        print(f"target: < {TARGET_BYTES / 1024**3:.1f} GB -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
