"""The learning loop in the desktop: a clerk's type confirmations retrain the
workspace's type model in the background, and the app's own tagging uses it."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QTimer

import dossier
from dossier.assembly import tag_pages
from dossier.learning import type_model
from storage import Workspace, now_iso
from storage import dossiers as dossier_store
from storage import pages as page_store
from synth.forms import make_dossier
from tests.desktop.conftest import text_pages

TAUGHT = "giay_to_chung_thuc"


def _garden(rng: random.Random) -> str:
    """A paper no rule knows: only what the clerk teaches makes it a type."""
    who = rng.choice(("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"))
    return "\n".join((
        "SỔ THEO DÕI VƯỜN CÂY", f"Chủ vườn: {who}",
        f"Diện tích vườn {rng.randint(100, 900)} mét vuông",
        "Cây xoài, cây nhãn, cây vải thiều được chăm bón",
        f"Năm trồng {rng.randint(1990, 2020)}", "Tưới nước hằng tuần, bón phân hữu cơ"))


def _earlier_confirmations(ws: Workspace, count: int) -> None:
    """Documents of the usual types that clerks confirmed before (no garden among them)."""
    rng = random.Random(5)
    texts: list[tuple[str, str]] = []
    while len(texts) < count:
        texts += [("\n".join(d.page_texts()), d.type_key) for d in make_dossier(rng).documents]
    buffer = io.BytesIO()
    Image.new("L", (10, 10), 255).save(buffer, "PNG")
    image = ws.blobs.put_bytes(buffer.getvalue())
    now = now_iso()
    with ws.transaction() as conn:
        batch = conn.execute("INSERT INTO batch (created_at) VALUES (?)", (now,)).lastrowid
        held = conn.execute(
            "INSERT INTO dossier (provisional_id, created_at, updated_at) VALUES ('L-0', ?, ?)",
            (now, now)).lastrowid
        for n, (text, key) in enumerate(texts[:count]):
            page = conn.execute(
                "INSERT INTO page (batch_id, seq, source_sha, image_sha, source_name, media_type,"
                " width, height, text, created_at) VALUES (?, ?, ?, ?, ?, 'image/png', 10, 10,"
                " ?, ?)", (batch, n, f"s{n}", image, f"{n}.png", text, now)).lastrowid
            doc = conn.execute(
                "INSERT INTO document (dossier_id, seq, type_key, type_confirmed, created_at)"
                " VALUES (?, ?, ?, 1, ?)", (held, n, key, now)).lastrowid
            conn.execute("INSERT INTO document_page (document_id, page_id, seq) VALUES (?, ?, 1)",
                         (doc, page))


def test_confirmations_retrain_the_model_off_the_gui_thread(qtbot, window, tmp_path: Path
                                                             ) -> None:
    ws = window.ctx.ws
    _earlier_confirmations(ws, 80)
    rng = random.Random(11)
    texts = [_garden(rng) for _ in range(9)]
    report = dossier.import_paths(ws, text_pages(tmp_path / "in", ["vườn"] * 9, dpi=50))
    for page_id, text in zip(report.page_ids, texts, strict=True):
        page_store.update_page_text(ws, page_id, text)
    *taught, probe = report.page_ids
    d = dossier_store.create_dossier(ws, batch_id=report.batch_id)
    for page_id in taught:
        dossier_store.add_document(ws, d, [page_id])
    # Before: the app's tagging cannot type the probe, and there is no model yet.
    before = tag_pages(ws, [probe]).documents[0].type
    assert before is None or before.key != TAUGHT
    assert type_model(ws) is None

    learner = window.ctx.learner
    learner.set_debounce(200)
    ticks: list[int] = [0]
    at_done: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    retrained: list[object] = []
    learner.retrained.connect(lambda model: (retrained.append(model), at_done.append(ticks[0])))

    window.open_dossier(d)
    dv = window.dossier_view
    combo = dv.type_combo
    with qtbot.waitSignal(learner.retrained, timeout=180000):
        for row in range(len(taught)):   # the clerk picks the type of each garden paper
            dv.docs.setCurrentIndex(dv.doc_model.index(row))
            index = next(i for i in range(combo.count())
                         if combo.itemData(i) and combo.itemData(i)[0] == TAUGHT)
            combo.setCurrentIndex(index)
            combo.activated.emit(index)
        assert learner.busy  # debounced: nothing trained yet, on the GUI thread or elsewhere
        assert retrained == []
    timer.stop()
    # One training for the whole burst of confirmations, and the event loop kept
    # turning while it ran (the GUI thread never waited on it).
    assert len(retrained) == 1 and at_done[0] > 0
    confirmed = [doc for doc in dossier_store.documents_of(ws, d) if doc.type_confirmed]
    assert len(confirmed) == len(taught)

    model = type_model(ws)
    assert model is not None and TAUGHT in model.classes
    assert model.trained_on == 80 + len(taught)
    # After: the same use case the desktop's assembly runs types the probe as taught.
    after = tag_pages(ws, [probe]).documents[0].type
    assert after is not None and after.key == TAUGHT
    window.ctx.ops.wait(60000)
