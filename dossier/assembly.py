"""Assemble recognised pages into a dossier of typed documents, from tagging's suggestions."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storage import Workspace
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
    from tagging import PageText, decode_codes, tag_dossier, wants_codes

    texts = []
    for page_id in page_ids:
        page = page_store.get_page(ws, page_id)
        if page is not None:
            # An identity card's QR code confirms what OCR read of it.
            text = page.text or ""
            codes: tuple[str, ...] = ()
            if not page.blank and (wants_codes(text) or poor_text(text)):
                image = ws.blobs.read(page.image_sha)
                # A card copied on grey paper can read as nothing: look at each card.
                text = reread_cards(image, text)
                codes = decode_codes(image) if wants_codes(text) else ()
            texts.append(PageText(name=page.source_name, text=text, codes=codes))
    return tag_dossier(texts, catalogue())


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
    what tagging reads. Returns the dossier id.
    """
    tag = tag_pages(ws, page_ids)
    fields_code = next(
        (d.fields.dossier_code for d in tag.documents if d.fields.dossier_code), None
    )
    procedure = procedure_code or (tag.procedure.key if tag.procedure else None)
    confidence = 1.0 if procedure_code else (tag.procedure.confidence if tag.procedure else None)
    dossier_id = dossier_store.create_dossier(
        ws,
        batch_id=batch_id,
        code=code or fields_code,
        procedure_code=procedure,
        procedure_confidence=confidence,
        agency_id=ws.get_setting("agency_id"),
    )
    if procedure_code:
        dossier_store.update_dossier(ws, dossier_id, procedure_confirmed=1)
    names: list[str] = []
    ids: list[str] = []
    for doc_page_ids, doc in _cover_every_page(ws, page_ids, tag):
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
                fields["flags"] = list(doc.flags)  # for the clerk: blank, or of no known type
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


def _cover_every_page(
    ws: Workspace, page_ids: Sequence[int], tag: DossierTag
) -> list[tuple[list[int], DocumentTag | None]]:
    """Tagging's documents, with no page left out.

    Tagging puts every page in one document (a page that reads as nothing is a
    flagged document of its own); should a page still be missing (a page id whose
    row could not be read when tagging ran), it joins the document before it, or
    starts an untyped one, for the clerk to sort.
    """
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
        if groups:
            groups[-1][0].append(page_id)
        else:
            groups.append(([page_id], None))
    return groups


def assemble_batch(ws: Workspace, batch_id: int) -> int:
    page_ids = [p.id for p in page_store.list_pages(ws, batch_id)]
    return assemble_pages(ws, page_ids, batch_id=batch_id)
