"""Read-only use cases: lists and search."""

from __future__ import annotations

from storage import Batch, Dossier, Page, SearchHit, Workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.search import search_pages


def search(ws: Workspace, query: str, limit: int = 50) -> list[SearchHit]:
    """Full-text search over page text; marks and đ are optional in the query. Audited."""
    hits = search_pages(ws.conn, query, limit)
    digits = "".join(ch for ch in query if ch.isdigit())
    ws.audit.record("search", detail=f"{query!r}: {len(hits)} page(s)",
                    subject=digits if len(digits) in (9, 12) else None)
    return hits


def list_batches(ws: Workspace) -> list[Batch]:
    return page_store.list_batches(ws)


def list_pages(ws: Workspace, batch_id: int | None = None) -> list[Page]:
    return page_store.list_pages(ws, batch_id)


def list_dossiers(ws: Workspace) -> list[Dossier]:
    return dossier_store.list_dossiers(ws)
