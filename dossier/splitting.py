"""Split a scanned batch into dossiers at its cover sheets (and, optionally, blank sheets):
the plan from :mod:`capture.split`, applied to the workspace in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from capture import MarkKind, PageMark, detect
from capture.split import Segment, has_separators, plan_segments
from dossier.assembly import plan_dossier, write_dossier
from dossier.pdfs import page_image
from storage import Workspace, transaction
from storage import dossiers as dossier_store
from storage import pages as page_store


def page_marks(ws: Workspace, batch_id: int, known: Mapping[int, PageMark] | None = None,
               *, unassembled_only: bool = False) -> list[tuple[int, PageMark]]:
    """Each page of the batch (or only those not yet in a dossier) with its mark, reading
    barcodes where not known yet."""
    known = known or {}
    marks = []
    pages = (page_store.pages_without_dossier(ws, batch_id) if unassembled_only
             else page_store.list_pages(ws, batch_id))
    for page in pages:
        mark = known.get(page.id)
        if mark is None:
            mark = detect(page_image(ws, page))
        marks.append((page.id, mark))
    return marks


def _resolve_code(ws: Workspace, segment: Segment) -> str | None:
    """The official code for a segment: printed on the sheet, or that of the dossier it names."""
    if segment.code:
        return segment.code
    ref = segment.dossier_ref
    if not ref:
        return None
    row = ws.conn.execute(
        "SELECT code FROM dossier WHERE CAST(id AS TEXT) = ? OR provisional_id = ?", (ref, ref)
    ).fetchone()
    if row is not None:
        return str(row[0]) if row[0] else None
    # Not a known dossier and not shaped like an official code: keep it as the
    # code the clerk printed (some provinces use their own numbering).
    return None if ref.upper().startswith("LOCAL-") else ref


AssembleFn = Callable[..., int]


def assemble_segments(ws: Workspace, batch_id: int, segments: Sequence[Segment], *,
                      assemble: AssembleFn | None = None,
                      left_out: Mapping[int, str] | None = None) -> list[int]:
    """Create one dossier per segment; returns the dossier ids in stack order.

    Tagging runs first; then every dossier, the pages left out (``left_out``)
    and the batch's new state are written in one transaction, so a crash
    leaves all of the stack's dossiers or none.
    """
    if assemble is not None:
        return [assemble(ws, s.page_ids, batch_id=batch_id, code=_resolve_code(ws, s),
                         procedure_code=s.procedure) for s in segments]
    plans = [plan_dossier(ws, s.page_ids, procedure_code=s.procedure) for s in segments]
    ids = []
    with transaction(ws.conn):
        for segment, plan in zip(segments, plans, strict=True):
            code = _resolve_code(ws, segment) or plan.code
            if code is not None and _code_taken(ws, code):
                # Scanned again (a re-scan of the same dossier): the code stays with the
                # first dossier; this one keeps a provisional id for a clerk to merge.
                ws.log("capture.code_taken", f"batch:{batch_id}", code)
                code = None
            ids.append(write_dossier(ws, replace(plan, code=code), batch_id=batch_id))
        page_store.mark_assembled(ws, batch_id, left_out or {})
    return ids


def _code_taken(ws: Workspace, code: str) -> bool:
    return ws.conn.execute("SELECT 1 FROM dossier WHERE code = ?", (code,)).fetchone() is not None


def split_batch(ws: Workspace, batch_id: int, *, known: Mapping[int, PageMark] | None = None,
                blank_separates: bool = False, whole_if_unmarked: bool = True) -> list[int]:
    """Assemble a batch into dossiers at its separators; one dossier if it has none."""
    marks = page_marks(ws, batch_id, known, unassembled_only=True)
    if not has_separators(marks, blank_separates=blank_separates):
        if not whole_if_unmarked:
            return []
        segments = plan_segments(marks)
    else:
        segments = plan_segments(marks, blank_separates=blank_separates)
    kept = {page_id for s in segments for page_id in s.page_ids}
    # Only the stack's own sheets stay out: cover sheets (with the empty back of one
    # scanned in duplex) and, when the plan says so, blank separator sheets.
    left_out: dict[int, str] = {}
    previous: PageMark | None = None
    for page_id, mark in marks:
        if page_id not in kept:
            back_of_cover = previous is not None and previous.kind == MarkKind.COVER
            left_out[page_id] = ("cover" if mark.kind == MarkKind.COVER or back_of_cover
                                 else "separator")
        previous = mark
    return assemble_segments(ws, batch_id, segments, left_out=left_out)


def dossier_codes(ws: Workspace, dossier_ids: Sequence[int]) -> list[str | None]:
    out = []
    for dossier_id in dossier_ids:
        dossier = dossier_store.get_dossier(ws, dossier_id)
        out.append(dossier.code if dossier is not None else None)
    return out
