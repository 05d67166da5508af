from __future__ import annotations

import json
from pathlib import Path

from dossier.assembly import assemble_pages
from storage import Workspace, transaction
from storage import dossiers as dossier_store
from storage import pages as page_store

DECLARATION = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
TỜ KHAI ĐĂNG KÝ KHAI SINH
Kính gửi: Ủy ban nhân dân xã Yên Lạc
Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ LAN
Số định danh cá nhân: 001190012345
Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:
Họ, chữ đệm, tên: TRẦN MINH AN
Ngày, tháng, năm sinh: 12/03/2023
"""
CONTINUATION = "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật.\n"
BIRTH_CERTIFICATE = """GIẤY CHỨNG SINH
Họ và tên mẹ: Nguyễn Thị Lan
Số định danh: 001190012345
Sinh con lúc 8 giờ 30 phút, ngày 12 tháng 03 năm 2023
"""


def _add_page(ws: Workspace, batch: int, n: int, text: str, blank: bool = False) -> int:
    sha = ws.blobs.put_bytes(f"page {n}".encode())
    [(page_id, _)] = page_store.add_pages(
        ws, batch, [page_store.NewPage(sha, 0, sha, f"{n:02d}.png", "image/png", 10, 10, 300)]
    )
    page_store.store_ocr(
        ws, page_id, page_store.OcrOutcome(0, 0.0, blank, text, 90.0 if text else None, None, None)
    )
    return page_id


def test_assembles_documents_from_tagging_and_keeps_every_page(workspace: Workspace) -> None:
    batch = page_store.create_batch(workspace)
    ids = [
        _add_page(workspace, batch, 1, DECLARATION),
        _add_page(workspace, batch, 2, CONTINUATION),
        _add_page(workspace, batch, 3, BIRTH_CERTIFICATE),
        _add_page(workspace, batch, 4, ""),  # a photo: no text, not blank
        _add_page(workspace, batch, 5, "", blank=True),
    ]
    dossier_id = assemble_pages(workspace, ids, batch_id=batch)

    dossier = dossier_store.get_dossier(workspace, dossier_id)
    assert dossier is not None
    assert dossier.procedure_code == "1.001193"
    assert dossier.provisional_id.startswith("LOCAL-")
    docs = dossier_store.documents_of(workspace, dossier_id)
    covered = [pid for d in docs for pid in d.page_ids]
    assert covered == ids  # every page, the blank one too, is in exactly one document
    assert json.loads(docs[-1].fields_json)["flags"] == ["blank"]
    assert docs[-1].type_key is None
    assert docs[0].page_ids == (ids[0], ids[1])
    assert docs[0].type_name == "Tờ khai đăng ký khai sinh"
    fields = json.loads(docs[0].fields_json)
    assert "Nguyễn Thị Lan" in fields["full_names"]
    assert "001190012345" in fields["id_numbers"]
    assert dossier.applicant_name == "Nguyễn Thị Lan"
    assert dossier.applicant_id == "001190012345"


def test_cover_sheet_code_and_procedure_win(workspace: Workspace) -> None:
    batch = page_store.create_batch(workspace)
    ids = [_add_page(workspace, batch, 1, DECLARATION)]
    dossier_id = assemble_pages(
        workspace, ids, code="000.00.06.H56-231027-0361", procedure_code="1.000894"
    )
    dossier = dossier_store.get_dossier(workspace, dossier_id)
    assert dossier is not None
    assert dossier.code == "000.00.06.H56-231027-0361"
    assert dossier.procedure_code == "1.000894" and dossier.procedure_confirmed


def _stack_with_blank_pages(root: Path) -> Path:
    """Two text pages with an empty sheet between them and one at the end."""
    from PIL import Image

    from tests.dossier import samples

    root.mkdir(parents=True)
    samples.write_png(root / "p01.png", "UBND xa Yen Lac to khai dang ky khai sinh")
    Image.new("L", (620, 877), 255).save(root / "p02.png", dpi=(75, 75))
    samples.write_png(root / "p03.png", "Giay chung sinh so 12 benh vien huyen")
    Image.new("L", (621, 877), 255).save(root / "p04.png", dpi=(75, 75))  # not a duplicate
    return root


def test_a_batch_made_one_dossier_keeps_its_blank_pages_flagged(
        workspace: Workspace, tmp_path: Path) -> None:
    """No page is dropped: each blank page is a document of unknown type, flagged."""
    from dossier import expand_paths, run_import
    from storage import BatchPlan, check_workspace

    folder = _stack_with_blank_pages(tmp_path / "in")
    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1)
    [dossier_id] = report.dossier_ids
    pages = page_store.list_pages(workspace, report.batch_id)
    assert [p.blank for p in pages] == [False, True, False, True]
    docs = dossier_store.documents_of(workspace, dossier_id)
    covered = [pid for d in docs for pid in d.page_ids]
    assert covered == [p.id for p in pages]  # every page, once, in order
    blank_docs = [d for d in docs if any(p.blank for p in pages if p.id in d.page_ids)]
    assert [d.page_ids for d in blank_docs] == [(pages[1].id,), (pages[3].id,)]
    for d in blank_docs:
        assert d.type_key is None
        assert json.loads(d.fields_json)["flags"] == ["blank"]
    assert all(p.left_out is None for p in page_store.list_pages(workspace, report.batch_id))
    health = check_workspace(workspace)
    assert health.ok, health.problems


def test_a_blank_page_an_older_assembly_left_out_is_found_and_attached(
        workspace: Workspace, tmp_path: Path) -> None:
    """The health check agrees: in a one-dossier batch no page may stay out."""
    from dossier import expand_paths, run_import
    from dossier.repair import repair_workspace
    from storage import BatchPlan, check_workspace
    from storage.health import Finding

    folder = _stack_with_blank_pages(tmp_path / "in")
    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1)
    [dossier_id] = report.dossier_ids
    blank = [p for p in page_store.list_pages(workspace, report.batch_id) if p.blank][-1]
    [doc] = [d for d in dossier_store.documents_of(workspace, dossier_id)
             if d.page_ids == (blank.id,)]
    # What the old rule did: the blank page kept out of the dossier, marked so.
    dossier_store.delete_document(workspace, doc.id)
    with transaction(workspace.conn):
        workspace.conn.execute("UPDATE page SET left_out = 'blank' WHERE id = ?", (blank.id,))

    health = check_workspace(workspace)
    [lost] = health.of_kind(Finding.PAGE_IN_NO_DOSSIER)
    assert lost.subject == blank.id and "left out as blank" in lost.text

    repaired = repair_workspace(workspace)
    assert repaired.after.of_kind(Finding.PAGE_IN_NO_DOSSIER) == []
    [attached] = [d for d in dossier_store.documents_of(workspace, dossier_id)
                  if blank.id in d.page_ids]
    assert attached.page_ids == (blank.id,)
    assert json.loads(attached.fields_json)["flags"] == ["blank"]
