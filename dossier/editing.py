"""Page and document editing for the review screens: rotate, delete, reorder, split, merge, move.

Plain functions over the workspace; each is one transaction and returns what its undo needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from dossier.errors import DossierError
from failures import ExitCode
from storage import Document, Workspace
from storage import dossiers as dossier_store
from storage import editing as edit_store
from storage import pages as page_store
from storage.database import transaction

DocumentsSnapshot = tuple[Document, ...]

_DOSSIER_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


class EditError(DossierError):
    """An edit was refused; the message says why, Vietnamese first."""

    exit_code = ExitCode.USAGE


# Pages --------------------------------------------------------------------------


def rotate_page(ws: Workspace, page_id: int, quarter_turns: int) -> int:
    """Turn a page by quarter turns clockwise (negative: anticlockwise); returns the rotation."""
    ws.require_work("edit")
    page = page_store.get_page(ws, page_id)
    if page is None:
        raise EditError(f"không có trang {page_id} — page {page_id} not found")
    rotation = (page.rotation + 90 * quarter_turns) % 360
    page_store.set_page_rotation(ws, page_id, rotation)
    return rotation


def set_pages_deleted(ws: Workspace, page_ids: Iterable[int], deleted: bool) -> None:
    """Delete (or restore) pages; deleted pages stay in the workspace and can come back."""
    ws.require_work("edit")
    with transaction(ws.conn):
        for page_id in page_ids:
            page_store.set_page_deleted(ws, page_id, deleted)


def batch_order(ws: Workspace, batch_id: int) -> list[int]:
    """Every page of a batch in order, deleted ones included (they keep their place)."""
    return [p.id for p in page_store.list_pages(ws, batch_id, include_deleted=True)]


def set_batch_order(ws: Workspace, batch_id: int, order: Sequence[int]) -> None:
    ws.require_work("edit")
    page_store.reorder_pages(ws, batch_id, list(order))


def move_pages(ws: Workspace, batch_id: int, page_ids: Sequence[int],
               before: int | None) -> list[int]:
    """Move ``page_ids`` (kept in their order) in front of page ``before`` (None: to the end).

    Returns the order before the move, for undo.
    """
    ws.require_work("edit")
    old = batch_order(ws, batch_id)
    moving = [pid for pid in old if pid in set(page_ids)]
    if not moving:
        return old
    rest = [pid for pid in old if pid not in set(moving)]
    if before is None or before not in rest:
        new = rest + moving
    else:
        at = rest.index(before)
        new = rest[:at] + moving + rest[at:]
    if new != old:
        set_batch_order(ws, batch_id, new)
    return old


# Documents ------------------------------------------------------------------------


def snapshot(ws: Workspace, dossier_id: int) -> DocumentsSnapshot:
    """The dossier's documents as they are: what undo restores."""
    return tuple(dossier_store.documents_of(ws, dossier_id))


def restore(ws: Workspace, dossier_id: int, documents: DocumentsSnapshot) -> None:
    ws.require_work("edit")
    edit_store.replace_documents(ws, dossier_id, documents)


def _document(ws: Workspace, document_id: int) -> Document:
    row = ws.conn.execute("SELECT dossier_id FROM document WHERE id = ?",
                          (document_id,)).fetchone()
    if row is None:
        raise EditError(f"không có tài liệu {document_id} — document {document_id} not found")
    for doc in dossier_store.documents_of(ws, int(row[0])):
        if doc.id == document_id:
            return doc
    raise EditError(f"không có tài liệu {document_id} — document {document_id} not found")


def _renumber(docs: list[Document]) -> list[Document]:
    return [Document(d.id, d.dossier_id, i, d.type_key, d.type_name, d.type_confidence,
                     d.type_confirmed, d.fields_json, d.page_ids)
            for i, d in enumerate(docs, start=1)]


def split_document(ws: Workspace, document_id: int, first_page_id: int) -> int:
    """Cut a document in two before ``first_page_id``; returns the new (second) document's id.

    The second part has no type yet: the clerk picks it (or accepts a suggestion).
    """
    ws.require_work("edit")
    doc = _document(ws, document_id)
    if first_page_id not in doc.page_ids:
        raise EditError("trang không thuộc tài liệu này — the page is not in this document")
    at = doc.page_ids.index(first_page_id)
    if at == 0:
        raise EditError("không thể tách tại trang đầu — cannot split at the first page")
    docs = list(snapshot(ws, doc.dossier_id))
    index = next(i for i, d in enumerate(docs) if d.id == document_id)
    new_id = edit_store.next_document_id(ws)
    head = Document(doc.id, doc.dossier_id, doc.seq, doc.type_key, doc.type_name,
                    doc.type_confidence, doc.type_confirmed, doc.fields_json, doc.page_ids[:at])
    tail = Document(new_id, doc.dossier_id, doc.seq + 1, None, None, None, False, "{}",
                    doc.page_ids[at:])
    docs[index:index + 1] = [head, tail]
    restore(ws, doc.dossier_id, tuple(_renumber(docs)))
    return new_id


def merge_documents(ws: Workspace, document_ids: Sequence[int]) -> int:
    """Join documents of one dossier into the first of them (in dossier order); returns its id."""
    ws.require_work("edit")
    if len(document_ids) < 2:
        raise EditError("cần ít nhất hai tài liệu để gộp — select at least two documents")
    first = _document(ws, document_ids[0])
    docs = list(snapshot(ws, first.dossier_id))
    wanted = set(document_ids)
    chosen = [d for d in docs if d.id in wanted]
    if len(chosen) != len(wanted):
        raise EditError("các tài liệu không cùng một hồ sơ — documents are in different dossiers")
    keep = chosen[0]
    pages = tuple(pid for d in chosen for pid in d.page_ids)
    merged = Document(keep.id, keep.dossier_id, keep.seq, keep.type_key, keep.type_name,
                      keep.type_confidence, keep.type_confirmed, keep.fields_json, pages)
    result = [merged if d.id == keep.id else d for d in docs if d.id == keep.id
              or d.id not in wanted]
    restore(ws, keep.dossier_id, tuple(_renumber(result)))
    return keep.id


def move_pages_to_document(ws: Workspace, page_ids: Sequence[int], target_id: int) -> None:
    """Move pages into another document of the same dossier (appended, in the given order).

    Documents left without pages are removed.
    """
    ws.require_work("edit")
    target = _document(ws, target_id)
    moving = set(page_ids)
    docs = []
    for d in snapshot(ws, target.dossier_id):
        kept = tuple(p for p in d.page_ids if p not in moving)
        if d.id == target_id:
            kept += tuple(p for p in page_ids if p not in kept)
        if kept:
            docs.append(Document(d.id, d.dossier_id, d.seq, d.type_key, d.type_name,
                                 d.type_confidence, d.type_confirmed, d.fields_json, kept))
    restore(ws, target.dossier_id, tuple(_renumber(docs)))


def move_document(ws: Workspace, document_id: int, offset: int) -> None:
    """Move a document up (negative) or down the dossier's list."""
    ws.require_work("edit")
    doc = _document(ws, document_id)
    docs = list(snapshot(ws, doc.dossier_id))
    i = next(k for k, d in enumerate(docs) if d.id == document_id)
    j = max(0, min(len(docs) - 1, i + offset))
    docs.insert(j, docs.pop(i))
    dossier_store.renumber_documents(ws, doc.dossier_id, [d.id for d in docs])


def accept_type(ws: Workspace, document_id: int) -> bool:
    """Confirm the suggested type of a document; False when there is nothing to accept."""
    ws.require_work("edit")
    doc = _document(ws, document_id)
    if doc.type_key is None:
        return False
    dossier_store.set_document_type(ws, document_id, doc.type_key, doc.type_name,
                                    confidence=doc.type_confidence, confirmed=True)
    return True


def choose_type(ws: Workspace, document_id: int, key: str | None, name: str | None) -> None:
    """The clerk picked a type (or cleared it)."""
    ws.require_work("edit")
    dossier_store.set_document_type(ws, document_id, key, name, confidence=None,
                                    confirmed=key is not None)


# Validation -----------------------------------------------------------------------


def check_id_number(text: str) -> str | None:
    """None when ``text`` is a 12-digit personal id (or a 9-digit old card), else the reason."""
    value = text.strip().replace(" ", "")
    if not value.isdigit():
        return "số định danh chỉ gồm chữ số — an ID number has digits only"
    if len(value) == 9:
        return None
    if len(value) != 12:
        return (f"số định danh phải có 12 chữ số (đang có {len(value)}) — "
                f"an ID number has 12 digits (this has {len(value)})")
    return None


def parse_date(text: str) -> dt.date | None:
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def check_date(text: str, *, not_after: dt.date | None = None) -> str | None:
    """None when ``text`` is a real date written dd/mm/yyyy (or ISO), else the reason."""
    day = parse_date(text)
    if day is None:
        return "ngày không hợp lệ, hãy viết dd/mm/yyyy — not a valid date, write dd/mm/yyyy"
    if day.year < 1900:
        return "năm quá xa — the year is too far back"
    if not_after is not None and day > not_after:
        return "ngày ở tương lai — the date is in the future"
    return None


def check_dossier_code(text: str) -> str | None:
    """None for an official code ``AGENCYID-YYMMDD-NNNN`` (e.g. 000.00.06.H56-231027-0361)."""
    value = text.strip()
    if not _DOSSIER_CODE.match(value):
        return ("mã hồ sơ phải có dạng 000.00.06.H56-231027-0361 — "
                "a dossier code looks like 000.00.06.H56-231027-0361")
    try:
        dt.datetime.strptime(value.split("-")[1], "%y%m%d")
    except ValueError:
        return "phần ngày của mã hồ sơ không hợp lệ — the date part of the code is not valid"
    return None


def set_dossier_code(ws: Workspace, dossier_id: int, code: str | None) -> None:
    """Record the official code (validated), or clear it to fall back to the provisional id."""
    ws.require_work("edit")
    value = (code or "").strip() or None
    if value is not None:
        problem = check_dossier_code(value)
        if problem:
            raise EditError(f"{value}: {problem}")
        clash = ws.conn.execute("SELECT id FROM dossier WHERE code = ? AND id != ?",
                                (value, dossier_id)).fetchone()
        if clash:
            raise EditError(f"{value}: mã đã dùng cho hồ sơ khác — code already used")
    dossier_store.update_dossier(ws, dossier_id, code=value)


def set_procedure(ws: Workspace, dossier_id: int, code: str) -> None:
    """The clerk chose (or confirmed) the procedure."""
    ws.require_work("edit")
    dossier_store.update_dossier(ws, dossier_id, procedure_code=code, procedure_confirmed=1)


def set_page_text(ws: Workspace, page_id: int, text: str) -> None:
    """A clerk corrected the recognised text of a page (search sees the new text)."""
    page_store.update_page_text(ws, page_id, text)


def drop_refused_batch(ws: Workspace, batch_id: int) -> bool:
    """Forget a batch that holds no page at all (every file in it was refused), so the
    clerk's list shows no empty batches. Returns whether it was removed."""
    return page_store.drop_refused_batch(ws, batch_id)


# Review: the applicant and the fields read from documents -------------------------

APPLICANT_FIELDS = ("applicant_name", "applicant_id", "received_date")


def set_applicant(ws: Workspace, dossier_id: int, **values: str | None) -> dict[str, str | None]:
    """Set the applicant's name and ID number or the date the dossier was received.

    Returns the values they had, so that the edit can be undone by setting them back.
    """
    unknown = set(values) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"not an applicant field: {sorted(unknown)}")
    ws.require_work("edit")
    found = dossier_store.get_dossier(ws, dossier_id)
    if found is None:
        raise EditError(f"không có hồ sơ {dossier_id} — dossier {dossier_id} not found")
    before = {k: getattr(found, k) for k in values}
    if values:
        dossier_store.update_dossier(ws, dossier_id, **values)
    return before


def set_document_fields(ws: Workspace, document_id: int, fields: dict[str, object]) -> None:
    """The names, ID numbers and dates a clerk confirmed or corrected on a document."""
    ws.require_work("edit")
    _document(ws, document_id)
    dossier_store.set_document_fields(ws, document_id, dict(fields))
