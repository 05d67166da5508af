"""Benchmark: 200 files dropped into a watched folder while ``sohoa watch`` is killed
(SIGKILL) and restarted twice. Every file must be imported exactly once.

Run: .venv/bin/python benchmarks/capture_watch.py [--files N]
"""

from __future__ import annotations

import argparse
import io
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

FILES = 200


def page(i: int) -> bytes:
    image = Image.new("L", (620, 877), 255)
    ImageDraw.Draw(image).text((40, 40 + (i % 40) * 18), f"Ho so so {i}", fill=0)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(75, 75))
    return out.getvalue()


def start(ws: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--workspace", str(ws), "watch", str(folder),
         "--no-process", "--interval", "0.2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent)


def query(ws: Path, sql: str) -> list[tuple[object, ...]]:
    db = ws / "sohoa.db"
    if not db.exists():
        return []
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return list(conn.execute(sql))
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=FILES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
        folder, ws = Path(tmp) / "scans", Path(tmp) / "ws"
        folder.mkdir()
        kills = {args.files // 3, 2 * args.files // 3}
        proc = start(ws, folder)
        started = time.monotonic()
        try:
            for i in range(args.files):
                part = folder / f"scan-{i:04d}.png.part"
                part.write_bytes(page(i))
                part.rename(folder / f"scan-{i:04d}.png")
                if i in kills:
                    time.sleep(0.5)
                    proc.send_signal(signal.SIGKILL)
                    proc.wait()
                    proc = start(ws, folder)
            deadline = time.monotonic() + 300
            done = 0
            while time.monotonic() < deadline:
                rows = query(ws, "SELECT COUNT(*) FROM watch_file WHERE state = 'processed'")
                done = int(rows[0][0]) if rows else 0   # type: ignore[call-overload]
                if done >= args.files:
                    break
                time.sleep(0.2)
            elapsed = time.monotonic() - started
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        per_name = query(ws, "SELECT source_name, COUNT(*) FROM page GROUP BY source_name")
        twice = [name for name, count in per_name if count != 1]
        rows = query(ws, "SELECT COUNT(*) FROM watch_file")
        print(f"files dropped: {args.files}, watcher killed with SIGKILL and restarted: 2")
        print(f"files imported: {len(per_name)}, imported more than once: {len(twice)}, "
              f"watch records: {rows[0][0] if rows else 0}")
        print(f"all imported after {elapsed:.1f} s (interval 0.2 s, import only)")
        ok = len(per_name) == args.files and not twice
        print(f"exactly once: {'OK' if ok else 'NOT MET'} (target: each of {args.files} once)")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
