"""At start-up the app finishes, in the background, what a crash or kill left half done."""

from __future__ import annotations

import threading
from pathlib import Path

import dossier
from desktop.main_window import MainWindow
from dossier.batches import open_batch
from storage import BatchPlan, BatchState
from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.desktop.conftest import text_pages


def test_interrupted_batch_is_finished_off_the_gui_thread(qtbot, ctx, tmp_path: Path,
                                                          monkeypatch) -> None:
    paths = text_pages(tmp_path / "in", ["Tờ khai một", "Trang hai", "Trang ba"], dpi=100)
    items = dossier.expand_paths(paths)
    run = open_batch(ctx.ws, source="files", label=None, plan=BatchPlan.ASSEMBLE,
                     inputs=[str(p) for p in paths])
    for _ in dossier.import_items(ctx.ws, items[:1], batch_id=run.batch_id):
        pass
    run.done()   # killed after the first file

    gui_thread = threading.get_ident()
    seen: list[int] = []
    real = dossier.resume_interrupted

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dossier, "resume_interrupted", spy)   # the one desktop.actions calls
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: (page_store.get_batch(ctx.ws, run.batch_id).state
                             == BatchState.ASSEMBLED), timeout=240000)
    assert seen and gui_thread not in seen
    assert len(page_store.list_pages(ctx.ws, run.batch_id)) == 3
    [d] = dossier_store.list_dossiers(ctx.ws)
    assert sum(len(doc.page_ids) for doc in dossier_store.documents_of(ctx.ws, d.id)) == 3
    win.close()
