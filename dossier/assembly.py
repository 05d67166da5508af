"""Assemble recognised pages into a dossier of typed documents, from tagging's suggestions."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.errors import DossierError
from dossier.pdfs import page_image
from storage import Workspace, transaction
from storage import dossiers as dossier_store
from storage import pages as page_store

if TYPE_CHECKING:
    from tagging import Catalogue, DocumentTag, DossierTag


@functools.lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The procedure catalogue shipped in ``resources/`` (loaded once per process)."""
    from tagging import Catalogue

    return Catalogue.load()


def tag_pages(ws: Workspace, page_ids: Sequence[int]) -> DossierTag:
    from dossier.cards import poor_text, reread_cards
    from dossier.learning import type_model
    from tagging import PageText, decode_codes, tag_dossier, wants_codes

    texts = []
    for page_id in page_ids:
        page = page_store.get_page(ws, page_id)
        if page is not None:
            text = page.text or ""
            codes: tuple[str, ...] = ()
            if not page.blank and (wants_codes(text) or poor_text(text)):
                image = page_image(ws, page)
                # A card copied on grey paper can read as nothing: look at each card.
                text = reread_cards(image, text)
                # An identity card's QR code confirms what OCR read of it.
                codes = decode_codes(image) if wants_codes(text) else ()
            texts.append(PageText(name=page.source_name, text=text, codes=codes))
    # The model learned from this workspace's confirmations, as ``sohoa tag`` uses it.
    return tag_dossier(texts, catalogue(), type_model(ws))


@dataclass(frozen=True)
class DossierPlan:
    """A dossier as tagging suggests it, not yet written: what assembly will store."""

    page_ids: tuple[int, ...]
    code: str | None
    procedure_code: str | None
    procedure_confidence: float | None
    procedure_confirmed: bool
    documents: tuple[tuple[tuple[int, ...], DocumentTag | None], ...]


def plan_dossier(
    ws: Workspace,
    page_ids: Sequence[int],
    *,
    code: str | None = None,
    procedure_code: str | None = None,
) -> DossierPlan:
    """Tag the pages and split them into documents (reads only; the slow part)."""
    tag = tag_pages(ws, page_ids)
    fields_code = next(
        (d.fields.dossier_code for d in tag.documents if d.fields.dossier_code), None
    )
    procedure = procedure_code or (tag.procedure.key if tag.procedure else None)
    confidence = 1.0 if procedure_code else (tag.procedure.confidence if tag.procedure else None)
    groups = tuple((tuple(ids), doc) for ids, doc in _cover_every_page(ws, page_ids, tag))
    return DossierPlan(tuple(page_ids), code or fields_code, procedure, confidence,
                       bool(procedure_code), groups)


def write_dossier(ws: Workspace, plan: DossierPlan, *, batch_id: int | None = None) -> int:
    """Store a planned dossier and its documents in one transaction; returns its id.

    A page already in a dossier is refused: every page belongs to one dossier.
    """
    ws.require_work("edit")
    with transaction(ws.conn):
        for page_id in plan.page_ids:
            owners = page_store.dossiers_of_page(ws, page_id)
            if owners:
                raise DossierError(
                    f"trang {page_id} đã thuộc hồ sơ {owners[0]} — "
                    f"page {page_id} is already in dossier {owners[0]}"
                )
        dossier_id = dossier_store.create_dossier(
            ws,
            batch_id=batch_id,
            code=plan.code,
            procedure_code=plan.procedure_code,
            procedure_confidence=plan.procedure_confidence,
            agency_id=ws.get_setting("agency_id"),
        )
        if plan.procedure_confirmed:
            dossier_store.update_dossier(ws, dossier_id, procedure_confirmed=1)
        names: list[str] = []
        ids: list[str] = []
        for doc_page_ids, doc in plan.documents:
            fields: dict[str, object] = {}
            if doc is not None:
                fields = {
                    "full_names": list(doc.fields.full_names),
                    "id_numbers": list(doc.fields.id_numbers),
                    "dates": list(doc.fields.dates),
                    "dossier_code": doc.fields.dossier_code,
                }
                if doc.fields.birth_dates:
                    fields["birth_dates"] = list(doc.fields.birth_dates)
                if doc.title:
                    fields["document_name"] = doc.title
                if doc.flags:
                    fields["flags"] = list(doc.flags)  # for the clerk: blank, or no known type
                names.extend(doc.fields.full_names)
                ids.extend(doc.fields.id_numbers)
            dossier_store.add_document(
                ws,
                dossier_id,
                doc_page_ids,
                type_key=doc.type.key if doc and doc.type else None,
                type_name=doc.type.name if doc and doc.type else None,
                type_confidence=doc.type.confidence if doc and doc.type else None,
                fields=fields,
            )
        applicant = {}
        if names:
            applicant["applicant_name"] = names[0]
        if ids:
            applicant["applicant_id"] = ids[0]
        if applicant:
            dossier_store.update_dossier(ws, dossier_id, **applicant)
    return dossier_id


def assemble_pages(
    ws: Workspace,
    page_ids: Sequence[int],
    *,
    batch_id: int | None = None,
    code: str | None = None,
    procedure_code: str | None = None,
) -> int:
    """Create a dossier from pages in order, split into documents as tagging suggests.

    ``code`` and ``procedure_code`` (from a cover sheet or receipt) win over
    what tagging reads. The dossier and all its documents are written in one
    transaction: a crash leaves the whole dossier or none of it. Returns its id.
    """
    ws.require_work("edit")
    plan = plan_dossier(ws, page_ids, code=code, procedure_code=procedure_code)
    return write_dossier(ws, plan, batch_id=batch_id)


def _cover_every_page(
    ws: Workspace, page_ids: Sequence[int], tag: DossierTag
) -> list[tuple[list[int], DocumentTag | None]]:
    """Tagging's documents, with no page left out.

    Tagging puts every page in a document; should one still be missing, it is not
    lost: a blank page becomes a document of its own, flagged for the clerk; any
    other page (a photo, a page OCR could not read) joins the document before it,
    or starts an untyped one, for the clerk to sort.
    """
    from tagging import FLAG_BLANK, FLAG_UNTYPED

    owner: dict[int, int] = {}
    for n, doc in enumerate(tag.documents):
        for i in doc.page_indices:
            owner[i] = n
    groups: list[tuple[list[int], DocumentTag | None]] = []
    by_doc: dict[int, list[int]] = {}
    for i, page_id in enumerate(page_ids):
        if i in owner:
            n = owner[i]
            if n not in by_doc:
                by_doc[n] = []
                groups.append((by_doc[n], tag.documents[n]))
            by_doc[n].append(page_id)
            continue
        page = page_store.get_page(ws, page_id)
        name = page.source_name if page is not None else str(page_id)
        if page is not None and page.blank:
            groups.append(([page_id], _flagged((i,), (name,), FLAG_BLANK)))
        elif groups:
            groups[-1][0].append(page_id)
        else:
            groups.append(([page_id], _flagged((i,), (name,), FLAG_UNTYPED)))
    return groups


def _flagged(indices: tuple[int, ...], names: tuple[str, ...], flag: str) -> DocumentTag:
    from tagging import DocumentTag, Fields

    return DocumentTag(indices, names, None, (), Fields(), flags=(flag,))


def assemble_batch(ws: Workspace, batch_id: int) -> list[int]:
    """One dossier of the batch's pages not yet in one, every page in it.

    A blank page is a document of unknown type, flagged for the clerk (a separator,
    an empty back, or a copy OCR could not read): no page is ever left out. The
    dossier and the batch's new state land in one transaction, so an interrupted
    assembly is simply done again.
    """
    ws.require_work("edit")
    pages = sorted([*page_store.pages_without_dossier(ws, batch_id),
                    # blank pages an older assembly kept out
                    *page_store.left_out_pages(ws, batch_id)], key=lambda p: p.seq)
    plan = plan_dossier(ws, [p.id for p in pages]) if pages else None
    with transaction(ws.conn):
        ids = [write_dossier(ws, plan, batch_id=batch_id)] if plan is not None else []
        page_store.mark_assembled(ws, batch_id, {})
    return ids
