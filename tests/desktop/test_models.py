"""The item models under qtmodeltester, with real rows from a workspace; drag and drop reorders."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

import dossier
from desktop.models import (
    PAGE_MIME,
    DocumentModel,
    DossierListModel,
    OutboxModel,
    PageModel,
    SearchModel,
    snippet_html,
)
from storage import SearchHit, Workspace
from storage import dossiers as dossier_store
from storage import outbox as outbox_store
from storage import pages as page_store
from tests.desktop.conftest import text_pages


def _pages(ws: Workspace, tmp_path: Path, n: int = 4) -> tuple[int, list[int]]:
    paths = text_pages(tmp_path / "in", [f"Giấy tờ {i}" for i in range(n)], dpi=50)
    report = dossier.import_paths(ws, paths)
    return report.batch_id, report.page_ids


def test_page_model_checks_and_thumbnails_arrive(qtbot, qtmodeltester, ctx, tmp_path) -> None:
    batch, _ids = _pages(ctx.ws, tmp_path)
    model = PageModel(ctx.thumbs)
    model.set_pages(page_store.list_pages(ctx.ws, batch))
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    index = model.index(0)
    placeholder = index.data(Qt.ItemDataRole.DecorationRole)
    with qtbot.waitSignal(model.dataChanged, timeout=10000):
        pass  # the thumbnail is made in the background and announced
    assert ctx.thumbs.has(model.page(0))
    assert index.data(Qt.ItemDataRole.DecorationRole).cacheKey() != placeholder.cacheKey()


def test_page_drop_asks_for_a_move(qtbot, ctx, tmp_path) -> None:
    batch, ids = _pages(ctx.ws, tmp_path)
    model = PageModel(None)
    model.set_pages(page_store.list_pages(ctx.ws, batch))
    mime = model.mimeData([model.index(3)])
    assert json.loads(bytes(mime.data(PAGE_MIME).data())) == [ids[3]]
    with qtbot.waitSignal(model.move_requested) as blocker:
        assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert blocker.args == [[ids[3]], ids[1]]
    other = QMimeData()
    other.setData("text/plain", QByteArray(b"x"))
    assert not model.canDropMimeData(other, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_dossier_and_document_models(qtmodeltester, ctx, tmp_path) -> None:
    batch, ids = _pages(ctx.ws, tmp_path)
    d = dossier_store.create_dossier(ctx.ws, batch_id=batch, procedure_code="1.001193")
    dossier_store.add_document(ctx.ws, d, ids[:2], type_key="to_khai", type_name="Tờ khai",
                               type_confidence=0.91)
    dossier_store.add_document(ctx.ws, d, ids[2:])
    dossiers = DossierListModel(ctx.procedure_name)
    dossiers.set_dossiers(dossier_store.list_dossiers(ctx.ws))
    qtmodeltester.check(dossiers)
    text = dossiers.index(0).data()
    assert "(tạm)" in text and "khai sinh" in text.lower()
    docs = DocumentModel()
    docs.set_documents(dossier_store.documents_of(ctx.ws, d))
    qtmodeltester.check(docs)
    assert "91%" in docs.index(0).data()
    assert "Chưa rõ" in docs.index(1).data()


def test_document_rows_show_the_papers_own_title_and_a_blank_page(ctx, tmp_path) -> None:
    batch, ids = _pages(ctx.ws, tmp_path)
    d = dossier_store.create_dossier(ctx.ws, batch_id=batch, procedure_code="2.000884")
    dossier_store.add_document(ctx.ws, d, ids[:1], type_key="giay_to_chung_thuc",
                               type_name="Giấy tờ, văn bản cần chứng thực", type_confidence=0.9,
                               fields={"document_name": "Giấy cam kết"})
    dossier_store.add_document(ctx.ws, d, ids[1:2], fields={"flags": ["blank"]})
    docs = DocumentModel()
    docs.set_documents(dossier_store.documents_of(ctx.ws, d))
    assert "Giấy tờ, văn bản cần chứng thực (Giấy cam kết)" in docs.index(0).data()
    assert "cần xem" in docs.index(1).data()


def test_outbox_model(qtmodeltester, ctx, tmp_path) -> None:
    package = tmp_path / "a.zip"
    package.write_bytes(b"PK" + b"x" * 5000)
    job = outbox_store.add(ctx.ws, package).job
    outbox_store.start_upload(ctx.ws, job.id, "http://127.0.0.1:1/files/", "http://x/1")
    outbox_store.record_progress(ctx.ws, job.id, 2501, 2501)
    model = OutboxModel()
    model.set_jobs(outbox_store.list_jobs(ctx.ws), {job.id: 1000.0})
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Đang gửi"
    assert model.index(0, 2).data().startswith("50%")
    assert model.index(0, 4).data() == "0:02"
    outbox_store.mark_failed(ctx.ws, job.id, "máy chủ từ chối — rejected")
    model.set_jobs(outbox_store.list_jobs(ctx.ws), {})
    # One language in the list; the whole message stays in the tooltip.
    assert model.index(0, 5).data() == "Máy chủ từ chối"
    assert model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == "máy chủ từ chối — rejected"


def test_search_model_and_highlights(qtmodeltester, ctx) -> None:
    hit = SearchHit(1, 1, "01.png", "0" * 64, "Họ tên: Nguyễn Văn An", ((8, 14),), -1.0)
    model = SearchModel(None)
    model.set_hits([hit], {})
    qtmodeltester.check(model)
    html = snippet_html(hit)
    assert "<span" in html and ">Nguyễn</span>" in html
