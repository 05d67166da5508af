"""Read-only use cases: lists and search."""

from __future__ import annotations

from dataclasses import dataclass

from storage import Batch, Dossier, Page, SearchHit, Workspace
from storage import dossiers as dossier_store
from storage import editing as edit_store
from storage import outbox as outbox_store
from storage import pages as page_store
from storage.model import BatchProblem, Document, OutboxCounts, OutboxJob, Record
from storage.search import search_pages
from vntext.idnumber import is_id_shape


def search(ws: Workspace, query: str, limit: int = 50) -> list[SearchHit]:
    """Full-text search over page text; marks and đ are optional in the query. Audited."""
    hits = search_pages(ws.conn, query, limit)
    digits = "".join(ch for ch in query if ch.isdigit())
    if is_id_shape(digits):  # an ID number: the log keeps its key, not the query
        ws.audit.record("search", detail=f"an ID number: {len(hits)} page(s)", subject=digits)
    else:
        ws.audit.record("search", detail=f"{query!r}: {len(hits)} page(s)")
    return hits


def list_batches(ws: Workspace) -> list[Batch]:
    return page_store.list_batches(ws)


def list_pages(ws: Workspace, batch_id: int | None = None, *,
               include_deleted: bool = False) -> list[Page]:
    return page_store.list_pages(ws, batch_id, include_deleted=include_deleted)


def list_dossiers(ws: Workspace) -> list[Dossier]:
    return dossier_store.list_dossiers(ws)


def get_page(ws: Workspace, page_id: int) -> Page | None:
    return page_store.get_page(ws, page_id)


def pages_needing_processing(ws: Workspace, batch_id: int | None = None) -> list[Page]:
    """Pages imported but not yet recognised."""
    return page_store.pages_needing_processing(ws, batch_id)


def batch_problems(ws: Workspace, batch_id: int) -> list[BatchProblem]:
    """The files a batch refused, with their reasons."""
    return page_store.batch_problems(ws, batch_id)


def unfinished_batches(ws: Workspace) -> list[Batch]:
    """Batches short of what their plan asks, with work left."""
    return page_store.unfinished_batches(ws)


def unfinished_batch_ids(ws: Workspace) -> list[int]:
    """Batches cut short or holding pages not yet recognised."""
    return edit_store.unfinished_batch_ids(ws)


def get_dossier(ws: Workspace, dossier_id: int) -> Dossier | None:
    return dossier_store.get_dossier(ws, dossier_id)


def dossiers_of_batch(ws: Workspace, batch_id: int) -> list[int]:
    """The dossiers assembled from a batch, newest first."""
    return dossier_store.dossiers_of_batch(ws, batch_id)


@dataclass(frozen=True)
class PageOwner:
    """Where a page belongs: its dossier's code and the citizen it is about."""

    dossier_id: int
    code: str
    applicant: str | None


def page_owner(ws: Workspace, page_id: int) -> PageOwner | None:
    """The dossier a page is in, named by its code and applicant (or the first name its
    document carries when no applicant is set); None for a page in no dossier."""
    found = dossier_store.owner_of_page(ws, page_id)
    if found is None:
        return None
    dossier_id, code, applicant, names = found
    return PageOwner(dossier_id, code, applicant or (names[0] if names else None))


def documents_of(ws: Workspace, dossier_id: int) -> list[Document]:
    return dossier_store.documents_of(ws, dossier_id)


def records_of(ws: Workspace, dossier_id: int) -> list[Record]:
    return dossier_store.records_of(ws, dossier_id)


def outbox_jobs(ws: Workspace) -> list[OutboxJob]:
    """Every package in the outbox, in every state."""
    return outbox_store.list_jobs(ws)


def outbox_job(ws: Workspace, job_id: int) -> OutboxJob:
    return outbox_store.get(ws, job_id)


def outbox_pending(ws: Workspace) -> list[OutboxJob]:
    """Packages that still have to reach the server."""
    return outbox_store.pending(ws)


def outbox_counts(ws: Workspace) -> OutboxCounts:
    return outbox_store.counts(ws)


@dataclass(frozen=True)
class DossierSummary:
    """One line of ``sohoa dossiers``: a dossier, its size and what it still lacks."""

    id: int
    code: str | None
    provisional_id: str
    procedure_code: str | None
    state: str
    version: int          # of its latest package; 0 while never packed
    pages: int            # live pages in its documents
    documents: int
    missing_components: tuple[str, ...]


def dossier_summaries(ws: Workspace) -> list[DossierSummary]:
    """Every dossier of the workspace, oldest first."""
    from dossier.checklist import dossier_checklist

    out = []
    for d in sorted(dossier_store.list_dossiers(ws), key=lambda d: d.id):
        docs = dossier_store.documents_of(ws, d.id)
        check = dossier_checklist(ws, d.id)
        out.append(DossierSummary(d.id, d.code, d.provisional_id, d.procedure_code,
                                  str(d.state), dossier_store.latest_version(ws, d.id),
                                  dossier_store.live_page_count(ws, d.id), len(docs),
                                  check.missing if check is not None else ()))
    return out
