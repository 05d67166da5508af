"""Page and document editing use cases, on a real workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

import dossier
from dossier import editing
from storage import Workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.desktop.conftest import text_pages


def _batch(ws: Workspace, tmp_path: Path, n: int = 5) -> tuple[int, list[int]]:
    paths = text_pages(tmp_path / "in", [f"Trang số {i}" for i in range(1, n + 1)], dpi=50)
    report = dossier.import_paths(ws, paths)
    return report.batch_id, report.page_ids


def test_rotate_delete_restore_and_move(ws: Workspace, tmp_path: Path) -> None:
    batch, ids = _batch(ws, tmp_path)
    assert editing.rotate_page(ws, ids[0], 1) == 90
    assert editing.rotate_page(ws, ids[0], -2) == 270
    editing.set_pages_deleted(ws, ids[1:3], True)
    assert [p.id for p in page_store.list_pages(ws, batch)] == [ids[0], ids[3], ids[4]]
    editing.set_pages_deleted(ws, ids[1:2], False)
    old = editing.move_pages(ws, batch, [ids[4], ids[0]], before=ids[1])
    assert old == ids
    # Moved pages keep their relative order (batch order, not click order).
    assert editing.batch_order(ws, batch) == [ids[0], ids[4], ids[1], ids[2], ids[3]]
    editing.set_batch_order(ws, batch, old)
    assert editing.batch_order(ws, batch) == ids
    editing.move_pages(ws, batch, [ids[0]], before=None)
    assert editing.batch_order(ws, batch)[-1] == ids[0]


def test_split_merge_move_and_restore_snapshot(ws: Workspace, tmp_path: Path) -> None:
    batch, ids = _batch(ws, tmp_path)
    d = dossier_store.create_dossier(ws, batch_id=batch)
    a = dossier_store.add_document(ws, d, ids[:3], type_key="to_khai", type_name="Tờ khai",
                                   type_confidence=0.8, fields={"full_names": ["An"]})
    b = dossier_store.add_document(ws, d, ids[3:])
    before = editing.snapshot(ws, d)

    new = editing.split_document(ws, a, ids[2])
    docs = dossier_store.documents_of(ws, d)
    assert [x.page_ids for x in docs] == [tuple(ids[:2]), (ids[2],), tuple(ids[3:])]
    assert [x.seq for x in docs] == [1, 2, 3] and docs[1].id == new
    assert docs[0].type_key == "to_khai" and docs[1].type_key is None

    editing.merge_documents(ws, [new, b])
    docs = dossier_store.documents_of(ws, d)
    assert [x.page_ids for x in docs] == [tuple(ids[:2]), (ids[2], *ids[3:])]

    editing.move_pages_to_document(ws, [ids[2], ids[3], ids[4]], a)
    docs = dossier_store.documents_of(ws, d)
    assert len(docs) == 1 and docs[0].page_ids == tuple(ids)

    editing.restore(ws, d, before)
    assert editing.snapshot(ws, d) == before


def test_split_refuses_first_page_and_accept_type(ws: Workspace, tmp_path: Path) -> None:
    batch, ids = _batch(ws, tmp_path, 2)
    d = dossier_store.create_dossier(ws, batch_id=batch)
    a = dossier_store.add_document(ws, d, ids, type_key="k", type_name="Giấy",
                                   type_confidence=0.6)
    with pytest.raises(editing.EditError, match="trang đầu"):
        editing.split_document(ws, a, ids[0])
    assert editing.accept_type(ws, a)
    assert dossier_store.documents_of(ws, d)[0].type_confirmed


def test_validation_messages() -> None:
    assert editing.check_id_number("001203004567") is None
    assert editing.check_id_number("123456789") is None
    assert "12 chữ số" in (editing.check_id_number("00120300456") or "")
    assert "chữ số" in (editing.check_id_number("00120300456x") or "")
    assert editing.check_date("29/02/2024") is None
    assert editing.check_date("30/02/2024") is not None
    assert editing.check_dossier_code("000.00.06.H56-231027-0361") is None
    assert editing.check_dossier_code("000.00.06.H56-231327-0361") is not None
    assert editing.check_dossier_code("LOCAL-231027-0001") is not None


def test_dossier_code_is_validated_and_unique(ws: Workspace) -> None:
    a = dossier_store.create_dossier(ws)
    b = dossier_store.create_dossier(ws)
    editing.set_dossier_code(ws, a, "000.00.06.H56-231027-0361")
    with pytest.raises(editing.EditError, match="đã dùng"):
        editing.set_dossier_code(ws, b, "000.00.06.H56-231027-0361")
    with pytest.raises(editing.EditError):
        editing.set_dossier_code(ws, b, "bad")
    editing.set_dossier_code(ws, a, None)
    d = dossier_store.get_dossier(ws, a)
    assert d is not None and d.code is None and d.display_code.startswith("LOCAL-")
