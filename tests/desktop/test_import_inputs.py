"""The desktop import reads through the same reader as the CLI: the clerk sees the same
refusals (in the interface's language), and where a re-imported file already is."""

from __future__ import annotations

from storage import pages as page_store
from tests.inputs import corpus


def test_desktop_import_shows_refusals_and_reimports(qtbot, window, tmp_path) -> None:
    ws = window.ctx.ws
    good = tmp_path / "trang.gif"
    good.write_bytes(corpus.gif())
    bad = tmp_path / "hong.tif"
    bad.write_bytes(corpus.tiff_missing_dimensions())
    window.go(0)
    view = window.scan_view
    op = view.import_paths([good, bad])
    qtbot.waitUntil(lambda: op.finished, timeout=120000)
    (batch,) = page_store.list_batches(ws)
    assert [p.source_name for p in page_store.list_pages(ws)] == ["trang.gif"]
    qtbot.waitUntil(lambda: "hong.tif" in view.banner.text(), timeout=10000)
    line = next(t for t in view.banner.text().splitlines() if t.startswith("hong.tif"))
    assert "bị hỏng" in line

    again = view.import_paths([good])
    qtbot.waitUntil(lambda: again.finished, timeout=120000)
    assert [b.id for b in page_store.list_batches(ws)] == [batch.id]   # nothing empty made
    qtbot.waitUntil(lambda: f"đã nhập trong lô {batch.id}" in view.banner.text(),
                    timeout=10000)
