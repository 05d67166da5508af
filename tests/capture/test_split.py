"""Splitting a scanned stack at cover sheets into dossiers, in a real workspace."""

from __future__ import annotations

from capture import MarkKind, PageMark, plan_segments
from dossier import ImportItem, import_items, start_batch
from dossier.splitting import page_marks, split_batch
from storage import Workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from tests.capture.conftest import scanned_cover, text_page

CODES = [f"000.00.06.H56-251103-{n:04d}" for n in range(1, 6)]
PROCEDURES = ["1.001193", "1.000894", "1.001022", "1.003583", "2.000908"]


def _page(kind: MarkKind, **kw: str) -> PageMark:
    return PageMark(kind, **kw)


def test_plan_groups_pages_after_each_cover() -> None:
    marks = [
        (1, _page(MarkKind.PAGE)),                         # before any cover: its own dossier
        (2, _page(MarkKind.COVER, code="A", procedure="1.000001")),
        (3, _page(MarkKind.BLANK)),                        # the cover's blank back (duplex)
        (4, _page(MarkKind.PAGE)),
        (5, _page(MarkKind.COVER, code="B")),
        (6, _page(MarkKind.COVER, code="C")),              # cover with no pages: no dossier
        (7, _page(MarkKind.RECEIPT, code="R")),
        (8, _page(MarkKind.BLANK)),
        (9, _page(MarkKind.PAGE)),
    ]
    plan = plan_segments(marks)
    assert [s.page_ids for s in plan] == [[1], [4], [7, 8, 9]]
    assert [s.code for s in plan] == [None, "A", "C"]
    assert plan[1].procedure == "1.000001"
    by_blank = plan_segments(marks, blank_separates=True)
    assert [s.page_ids for s in by_blank] == [[1], [4], [7], [9]]


def test_receipt_code_used_when_cover_has_none() -> None:
    marks = [(1, _page(MarkKind.COVER, procedure="1.001193")),
             (2, _page(MarkKind.RECEIPT, code="X-251103-0001")), (3, _page(MarkKind.PAGE))]
    plan = plan_segments(marks)
    assert plan[0].code == "X-251103-0001" and plan[0].procedure == "1.001193"


def test_stack_with_five_cover_sheets_gives_five_dossiers(workspace: Workspace) -> None:
    angles = [0, 180, 5, -5, 0]      # one upside down, two skewed 5°
    pages_per = [2, 1, 3, 1, 2]
    items = []
    for n, (code, procedure, angle, count) in enumerate(
            zip(CODES, PROCEDURES, angles, pages_per, strict=True)):
        items.append(ImportItem(f"s{n}-cover.png", data=scanned_cover(code, procedure,
                                                                      angle=angle)))
        for p in range(count):
            items.append(ImportItem(f"s{n}-p{p}.png", data=text_page(f"Hồ sơ {n} trang {p}")))
    batch_id = start_batch(workspace, "scan")
    outcomes = list(import_items(workspace, items, batch_id=batch_id))
    assert len(outcomes) == len(items)
    dossier_ids = split_batch(workspace, batch_id)
    assert len(dossier_ids) == 5
    dossiers = [dossier_store.get_dossier(workspace, d) for d in dossier_ids]
    assert [d.code for d in dossiers if d] == CODES
    assert [d.procedure_code for d in dossiers if d] == PROCEDURES
    # Cover sheets are not part of any dossier; every other page is, in order.
    names = {p.id: p.source_name for p in page_store.list_pages(workspace, batch_id)}
    plan = plan_segments(page_marks(workspace, batch_id))
    assert [[names[i] for i in s.page_ids] for s in plan] == [
        [f"s{n}-p{p}.png" for p in range(count)] for n, count in enumerate(pages_per)]


def test_reused_code_is_not_given_twice(workspace: Workspace) -> None:
    for _ in range(2):
        batch_id = start_batch(workspace, "scan")
        items = [ImportItem("cover.png", data=scanned_cover(CODES[0], None)),
                 ImportItem("p.png", data=text_page(f"Trang {batch_id}"))]
        list(import_items(workspace, items, batch_id=batch_id))
        split_batch(workspace, batch_id)
    codes = [d.code for d in dossier_store.list_dossiers(workspace)]
    assert codes.count(CODES[0]) == 1 and len(codes) == 2


def test_batch_without_cover_is_one_dossier(workspace: Workspace) -> None:
    batch_id = start_batch(workspace, "scan")
    items = [ImportItem(f"p{i}.png", data=text_page(f"Trang {i}")) for i in range(3)]
    list(import_items(workspace, items, batch_id=batch_id))
    assert len(split_batch(workspace, batch_id)) == 1
    assert len(page_store.list_pages(workspace, batch_id)) == 3


def _blank_sheet(width: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (width, 1169), 255).save(buffer, "PNG", dpi=(150, 150))
    return buffer.getvalue()


def test_only_cover_and_separator_sheets_stay_out(workspace: Workspace) -> None:
    """A cover (and its empty back) and a blank separator stay out, named as such."""
    batch_id = start_batch(workspace, "scan")
    items = [ImportItem("cover.png", data=scanned_cover(CODES[1], PROCEDURES[0])),
             ImportItem("back.png", data=_blank_sheet(827)),
             ImportItem("a.png", data=text_page("Hồ sơ thứ nhất")),
             ImportItem("separator.png", data=_blank_sheet(826)),
             ImportItem("b.png", data=text_page("Hồ sơ thứ hai"))]
    list(import_items(workspace, items, batch_id=batch_id))
    assert len(split_batch(workspace, batch_id, blank_separates=True)) == 2
    reasons = {p.source_name: p.left_out for p in page_store.list_pages(workspace, batch_id)}
    assert reasons == {"cover.png": "cover", "back.png": "cover", "a.png": None,
                       "separator.png": "separator", "b.png": None}
