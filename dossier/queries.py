"""Read-only use cases: lists and search."""

from __future__ import annotations

from dataclasses import dataclass

from storage import Batch, Dossier, Page, SearchHit, Workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.search import search_pages


def search(ws: Workspace, query: str, limit: int = 50) -> list[SearchHit]:
    """Full-text search over page text; marks and đ are optional in the query. Audited."""
    hits = search_pages(ws.conn, query, limit)
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) in (9, 12):  # an ID number: the log keeps its key, not the query
        ws.audit.record("search", detail=f"an ID number: {len(hits)} page(s)", subject=digits)
    else:
        ws.audit.record("search", detail=f"{query!r}: {len(hits)} page(s)")
    return hits


def list_batches(ws: Workspace) -> list[Batch]:
    return page_store.list_batches(ws)


def list_pages(ws: Workspace, batch_id: int | None = None) -> list[Page]:
    return page_store.list_pages(ws, batch_id)


def list_dossiers(ws: Workspace) -> list[Dossier]:
    return dossier_store.list_dossiers(ws)


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
    from dossier.assembly import catalogue
    from tagging import checklist

    has_version = any(r[1] == "version" for r in ws.conn.execute("PRAGMA table_info(record)"))
    version_sql = "MAX(version)" if has_version else "COUNT(*)"
    out = []
    for d in sorted(dossier_store.list_dossiers(ws), key=lambda d: d.id):
        docs = dossier_store.documents_of(ws, d.id)
        live = ws.conn.execute(
            "SELECT COUNT(DISTINCT p.id) FROM document_page dp JOIN document doc "
            "ON doc.id = dp.document_id JOIN page p ON p.id = dp.page_id "
            "WHERE doc.dossier_id = ? AND p.deleted = 0", (d.id,)).fetchone()[0]
        version = ws.conn.execute(
            f"SELECT COALESCE({version_sql}, 0) FROM record WHERE dossier_id = ?", (d.id,)
        ).fetchone()[0]
        missing: tuple[str, ...] = ()
        if d.procedure_code and catalogue().get(d.procedure_code) is not None:
            check = checklist(catalogue(), d.procedure_code, [k.type_key for k in docs
                                                              if k.type_key])
            missing = tuple(c.name for c in check.missing)
        out.append(DossierSummary(d.id, d.code, d.provisional_id, d.procedure_code,
                                  str(d.state), int(version), int(live), len(docs), missing))
    return out
