"""Event-loop stalls of the desktop window while a batch is imported and read by the real OCR.

Run: ``.venv/bin/python benchmarks/desktop_stall.py [PAGES]`` (headless; default 50 pages).
Prints the longest and the 99th-percentile gap between 10 ms timer ticks, and pages/s.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_workspace import open_bench_workspace

TARGET_MS = 200


def _pages(folder: Path, n: int) -> list[Path]:
    from synth import render_page

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        page = render_page([f"Trang {i}: Giấy khai sinh của Nguyễn Văn An, số 0012030045{i:02d}"],
                           dpi=100, size="A5")
        path = folder / f"{i:03d}.png"
        page.image.save(path, dpi=(100, 100))
        paths.append(path)
    return paths


def main() -> int:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import theme
    from desktop.app import Application

    tmp = Path(tempfile.mkdtemp(prefix="sohoa-stall-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    app = QApplication([sys.argv[0]])
    theme.apply(app)
    ws = open_bench_workspace(tmp / "ws")
    application = Application(app, ws)
    win = application.build_window()
    win.resize(1366, 700)
    win.show()
    paths = _pages(tmp / "in", pages)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    op = win.scan_view.import_paths(paths)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(lambda: loop.quit() if op.finished and not win.ctx.ops.running else None)
    poll.start()
    loop.exec()
    elapsed = time.perf_counter() - start
    timer.stop()
    gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(ticks))
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0.0
    print(f"pages: {pages}, wall time {elapsed:.1f} s ({pages / elapsed:.2f} pages/s)")
    print(f"longest event-loop gap: {gaps[-1]:.0f} ms (target < {TARGET_MS} ms)")
    print(f"99th-percentile gap: {p99:.0f} ms; ticks: {len(ticks)}")
    win.close()
    application.ops.wait(30000)
    ws.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if gaps and gaps[-1] < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
