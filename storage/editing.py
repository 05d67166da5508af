"""SQL the page and document editing use cases need beyond storage.pages and storage.dossiers.

Mostly whole-list rewrites, so that an edit and its undo are each one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.database import transaction
from storage.model import Document
from storage.workspace import Workspace


def replace_documents(ws: Workspace, dossier_id: int, documents: Sequence[Document]) -> None:
    """Make the dossier's documents exactly ``documents`` (ids, order, types, fields, pages).

    Used to undo and redo splits, merges and page moves: the caller keeps the
    snapshot from :func:`storage.dossiers.documents_of` taken before the edit.
    """
    with transaction(ws.conn):
        ws.conn.execute("DELETE FROM document WHERE dossier_id = ?", (dossier_id,))
        for doc in documents:
            ws.conn.execute(
                "INSERT INTO document (id, dossier_id, seq, type_key, type_name, type_confidence, "
                "type_confirmed, fields_json, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))",
                (doc.id, dossier_id, doc.seq, doc.type_key, doc.type_name, doc.type_confidence,
                 int(doc.type_confirmed), doc.fields_json),
            )
            ws.conn.executemany(
                "INSERT INTO document_page (document_id, page_id, seq) VALUES (?, ?, ?)",
                [(doc.id, pid, i) for i, pid in enumerate(doc.page_ids, start=1)],
            )
        ws.log("document.replace", f"dossier:{dossier_id}", f"{len(documents)} document(s)")


def next_document_id(ws: Workspace) -> int:
    """The id the next inserted document would get (for building snapshots ahead)."""
    row = ws.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM document").fetchone()
    return int(row[0])


def unfinished_batch_ids(ws: Workspace) -> list[int]:
    """Batches cut short (importing/processing) or holding pages not yet recognised."""
    rows = ws.conn.execute(
        "SELECT id FROM batch WHERE state IN ('importing', 'processing') "
        "UNION SELECT DISTINCT batch_id FROM page WHERE state = 'new' AND deleted = 0 "
        "ORDER BY 1"
    ).fetchall()
    return [int(r[0]) for r in rows]


def dossier_of_page(ws: Workspace, page_id: int) -> int | None:
    row = ws.conn.execute(
        "SELECT d.dossier_id FROM document_page p JOIN document d ON d.id = p.document_id "
        "WHERE p.page_id = ? LIMIT 1", (page_id,),
    ).fetchone()
    return int(row[0]) if row else None
