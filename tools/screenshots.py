"""Take a screenshot of each desktop view under Xvfb into docs/screenshots/ (and one in English).

Run: ``.venv/bin/python tools/screenshots.py`` (re-runs itself under xvfb-run when no display).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 860)


def _reexec_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("xvfb-run not found: install the xvfb package", file=sys.stderr)
        return 2
    cmd = [xvfb, "-a", "-s", f"-screen 0 {SIZE[0] + 40}x{SIZE[1] + 60}x24",
           sys.executable, __file__, "--inner"]
    return subprocess.call(cmd)


def _prepare(ws_root: Path, pages_dir: Path) -> None:
    """A workspace with a recognised birth dossier, its batch and an outbox."""
    sys.path.insert(0, str(ROOT))
    import dossier
    from desktop.actions import ocr_installed
    from dossier.assembly import assemble_pages
    from storage import Workspace
    from storage import outbox as outbox_store
    from storage import pages as page_store
    from synth import render_lines
    from synth.forms import make_dossier

    synth = make_dossier(random.Random(11), "1.001193")
    paths, texts = [], []
    for doc in synth.documents:
        for lines in doc.pages:
            page = render_lines(list(lines), dpi=150)
            path = pages_dir / f"{len(paths) + 1:02d}.png"
            page.image.save(path, dpi=(150, 150))
            paths.append(path)
            texts.append(page.text)
    blank = pages_dir / f"{len(paths) + 1:02d}.png"
    from PIL import Image

    Image.new("RGB", (1240, 1754), "white").save(blank, dpi=(150, 150))
    with Workspace.open(ws_root) as ws:
        ws.set_setting("agency_id", "000.00.06.H56")
        report = dossier.import_paths(ws, [*paths, blank])
        if ocr_installed():
            dossier.process_batch(ws, report.batch_id, jobs=2)
        else:
            for page_id, text in zip(report.page_ids, [*texts, ""], strict=True):
                page_store.update_page_text(ws, page_id, text)
        ws.conn.execute("UPDATE page SET blank = 1 WHERE id = ?", (report.page_ids[-1],))
        page = page_store.get_page(ws, report.page_ids[0])
        if page is not None and page.words_sha is None:
            # Word boxes for the review screenshot when the OCR stage is absent.
            words = []
            for i, w in enumerate((page.text or "").split()[:12]):
                words.append({"text": w, "box": [180 + 70 * (i % 6), 160 + 40 * (i // 6),
                                                  240 + 70 * (i % 6), 190 + 40 * (i // 6)],
                              "confidence": 45.0 if i in (3, 8) else 93.0, "line": i // 6})
            sha = ws.blobs.put_bytes(json.dumps({"rotation": 0, "skew": 0.0,
                                                 "words": words}).encode())
            ws.conn.execute("UPDATE page SET words_sha = ? WHERE id = ?", (sha, page.id))
        assemble_pages(ws, report.page_ids[:-1], batch_id=report.batch_id)
        for name, size, state in (("000.00.06.H56-250301-0007.zip", 4_800_000, "uploading"),
                                  ("000.00.06.H56-250301-0008.zip", 2_100_000, "failed"),
                                  ("000.00.06.H56-250228-0031.zip", 3_300_000, "done")):
            pkg = pages_dir / name
            pkg.write_bytes(os.urandom(size))
            job = outbox_store.add(ws, pkg).job
            if state == "uploading":
                outbox_store.start_upload(ws, job.id, "https://example.invalid/files/", "u")
                outbox_store.record_progress(ws, job.id, 1_900_000, 1_900_000)
            elif state == "failed":
                outbox_store.mark_failed(ws, job.id, "máy chủ từ chối gói (413: quá lớn) — "
                                                     "the server refused the package (413)")
            else:
                outbox_store.mark_done(ws, job.id, size)


def _inner() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="sohoa-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")   # keep QSettings out of the user's
    ws_root, pages_dir = tmp / "ws", tmp / "pages"
    pages_dir.mkdir()
    _prepare(ws_root, pages_dir)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import theme
    from desktop.app import Application
    from storage import Workspace

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("Sohoa")
    app.setApplicationName("Sohoa")
    theme.apply(app)
    OUT.mkdir(parents=True, exist_ok=True)
    empty = Workspace.open(tmp / "empty")
    ws = Workspace.open(ws_root)

    def settle(ms: int = 700) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(window: object, name: str, ms: int = 900) -> None:
        settle(ms)
        path = OUT / f"{name}.png"
        window.grab().save(str(path))  # type: ignore[attr-defined]
        print(path.relative_to(ROOT))

    first = Application(app, empty)
    win = first.build_window()
    win.resize(*SIZE)
    win.show()
    shot(win, "welcome")
    win.close()

    main = Application(app, ws)
    win = main.build_window()
    win.resize(*SIZE)
    win.show()
    win.go(0)
    win.scan_view.list.setCurrentIndex(win.scan_view.model.index(0))
    shot(win, "batch", 1500)
    win.scan_view.tabs.setCurrentIndex(1)
    settle(300)
    review = win.scan_view.review
    if review._spans:
        review.view.word_clicked.emit(3)
    shot(win, "review", 1200)
    win.scan_view.tabs.setCurrentIndex(0)
    win.go(1)
    shot(win, "dossier", 1200)
    win.dossier_view.picker.query.setText("dang ky ket hon")
    shot(win, "procedure-search", 800)
    win.dossier_view.picker.query.clear()
    win.go(2)
    shot(win, "outbox", 1200)
    win.go(3)
    win.search_view.query.setText("giay khai sinh")
    shot(win, "search", 1500)
    win.go(4)
    shot(win, "settings")
    main.switch_language("en")
    win = main.window
    win.resize(*SIZE)
    win.show()
    win.go(1)
    shot(win, "dossier-english", 1200)
    main.set_language("vi")
    win.close()
    main.ops.wait(30000)
    first.ops.wait(30000)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if "--inner" in sys.argv:
        sys.exit(_inner())
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        sys.exit(_reexec_under_xvfb())
    sys.exit(_inner())
