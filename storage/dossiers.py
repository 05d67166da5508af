"""Dossiers and their documents in the workspace database."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence

from storage.database import transaction
from storage.model import Document, Dossier, DossierState, Record
from storage.workspace import Workspace, now_iso

_EDITABLE = {
    "code",
    "procedure_code",
    "procedure_confidence",
    "procedure_confirmed",
    "state",
    "applicant_name",
    "applicant_id",
    "received_date",
    "agency_id",
}


def new_provisional_id(ws: Workspace, day: dt.date | None = None) -> str:
    """``LOCAL-YYMMDD-NNNN``: the day's next local id, until the official code is known."""
    day = day or dt.date.today()
    prefix = f"LOCAL-{day:%y%m%d}-"
    row = ws.conn.execute(
        "SELECT provisional_id FROM dossier WHERE provisional_id LIKE ? "
        "ORDER BY provisional_id DESC LIMIT 1",
        (prefix + "%",),
    ).fetchone()
    seq = int(row[0].rsplit("-", 1)[1]) + 1 if row else 1
    return f"{prefix}{seq:04d}"


def create_dossier(
    ws: Workspace,
    *,
    batch_id: int | None = None,
    code: str | None = None,
    procedure_code: str | None = None,
    procedure_confidence: float | None = None,
    agency_id: str | None = None,
    received_date: str | None = None,
) -> int:
    with transaction(ws.conn):
        provisional = new_provisional_id(ws)
        stamp = now_iso()
        cur = ws.conn.execute(
            "INSERT INTO dossier (provisional_id, code, batch_id, procedure_code, "
            "procedure_confidence, agency_id, received_date, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                provisional,
                code,
                batch_id,
                procedure_code,
                procedure_confidence,
                agency_id,
                received_date or dt.date.today().isoformat(),
                DossierState.DRAFT,
                stamp,
                stamp,
            ),
        )
        dossier_id = int(cur.lastrowid or 0)
        ws.log("dossier.create", f"dossier:{dossier_id}", code or provisional)
    return dossier_id


def update_dossier(ws: Workspace, dossier_id: int, **values: object) -> None:
    unknown = set(values) - _EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    if not values:
        return
    columns = ", ".join(f"{name} = ?" for name in values)
    with transaction(ws.conn):
        ws.conn.execute(
            f"UPDATE dossier SET {columns}, updated_at = ? WHERE id = ?",
            (*values.values(), now_iso(), dossier_id),
        )
        # Only field names go to the log: values may be personal data.
        ws.log("dossier.update", f"dossier:{dossier_id}", ", ".join(sorted(values)))


def get_dossier(ws: Workspace, dossier_id: int) -> Dossier | None:
    row = ws.conn.execute("SELECT * FROM dossier WHERE id = ?", (dossier_id,)).fetchone()
    return Dossier.from_row(row) if row else None


def list_dossiers(ws: Workspace) -> list[Dossier]:
    return [
        Dossier.from_row(r)
        for r in ws.conn.execute("SELECT * FROM dossier ORDER BY updated_at DESC, id DESC")
    ]


def add_document(
    ws: Workspace,
    dossier_id: int,
    page_ids: Sequence[int],
    *,
    type_key: str | None = None,
    type_name: str | None = None,
    type_confidence: float | None = None,
    fields: Mapping[str, object] | None = None,
    seq: int | None = None,
) -> int:
    with transaction(ws.conn):
        if seq is None:
            seq = ws.conn.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM document WHERE dossier_id = ?",
                (dossier_id,),
            ).fetchone()[0]
        cur = ws.conn.execute(
            "INSERT INTO document (dossier_id, seq, type_key, type_name, type_confidence, "
            "fields_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                dossier_id,
                seq,
                type_key,
                type_name,
                type_confidence,
                json.dumps(dict(fields or {}), ensure_ascii=False, sort_keys=True),
                now_iso(),
            ),
        )
        document_id = int(cur.lastrowid or 0)
        _write_pages(ws, document_id, page_ids)
        ws.log("document.create", f"document:{document_id}", type_key)
    return document_id


def _write_pages(ws: Workspace, document_id: int, page_ids: Sequence[int]) -> None:
    ws.conn.execute("DELETE FROM document_page WHERE document_id = ?", (document_id,))
    ws.conn.executemany(
        "INSERT INTO document_page (document_id, page_id, seq) VALUES (?, ?, ?)",
        [(document_id, pid, i) for i, pid in enumerate(page_ids, start=1)],
    )


def set_document_pages(ws: Workspace, document_id: int, page_ids: Sequence[int]) -> None:
    with transaction(ws.conn):
        _write_pages(ws, document_id, page_ids)
        ws.log("document.pages", f"document:{document_id}", str(len(page_ids)))


def set_document_type(
    ws: Workspace,
    document_id: int,
    type_key: str | None,
    type_name: str | None,
    *,
    confidence: float | None = None,
    confirmed: bool = True,
) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE document SET type_key = ?, type_name = ?, type_confidence = ?, "
            "type_confirmed = ? WHERE id = ?",
            (type_key, type_name, confidence, int(confirmed), document_id),
        )
        ws.log(
            "document.type",
            f"document:{document_id}",
            f"{type_key} ({'confirmed' if confirmed else 'suggested'})",
        )


def set_document_fields(ws: Workspace, document_id: int, fields: dict[str, object]) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE document SET fields_json = ? WHERE id = ?",
            (json.dumps(fields, ensure_ascii=False, sort_keys=True), document_id),
        )
        ws.log("document.fields", f"document:{document_id}", ", ".join(sorted(fields)))


def renumber_documents(ws: Workspace, dossier_id: int, document_ids: Sequence[int]) -> None:
    with transaction(ws.conn):
        for seq, doc_id in enumerate(document_ids, start=1):
            ws.conn.execute(
                "UPDATE document SET seq = ? WHERE id = ? AND dossier_id = ?",
                (seq, doc_id, dossier_id),
            )


def delete_document(ws: Workspace, document_id: int) -> None:
    with transaction(ws.conn):
        ws.conn.execute("DELETE FROM document WHERE id = ?", (document_id,))
        ws.log("document.delete", f"document:{document_id}")


def documents_of(ws: Workspace, dossier_id: int) -> list[Document]:
    docs = []
    for row in ws.conn.execute(
        "SELECT * FROM document WHERE dossier_id = ? ORDER BY seq, id", (dossier_id,)
    ).fetchall():
        page_ids = tuple(
            r[0]
            for r in ws.conn.execute(
                "SELECT page_id FROM document_page WHERE document_id = ? ORDER BY seq", (row["id"],)
            )
        )
        docs.append(
            Document(
                row["id"],
                row["dossier_id"],
                row["seq"],
                row["type_key"],
                row["type_name"],
                row["type_confidence"],
                bool(row["type_confirmed"]),
                row["fields_json"],
                page_ids,
            )
        )
    return docs


def add_record(
    ws: Workspace,
    dossier_id: int,
    package_sha: str,
    package_name: str,
    profile: str,
    size: int,
    *,
    version: int = 1,
    supersedes: str | None = None,
    missing_reason: str | None = None,
    fingerprint: str | None = None,
) -> int:
    with transaction(ws.conn):
        row = ws.conn.execute(
            "SELECT id FROM record WHERE package_sha = ?", (package_sha,)
        ).fetchone()
        if row:
            if fingerprint is not None:
                ws.conn.execute("UPDATE record SET fingerprint = ? WHERE id = ?",
                                (fingerprint, row[0]))
            return int(row[0])
        cur = ws.conn.execute(
            "INSERT INTO record (dossier_id, package_sha, package_name, profile, size, "
            "created_at, version, supersedes, missing_reason, fingerprint) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, package_sha, package_name, profile, size, now_iso(), version,
             supersedes, missing_reason, fingerprint),
        )
        ws.conn.execute(
            "UPDATE dossier SET state = ?, updated_at = ? WHERE id = ?",
            (DossierState.PACKED, now_iso(), dossier_id),
        )
        ws.log("record.create", f"dossier:{dossier_id}", f"{package_name} (v{version})")
        return int(cur.lastrowid or 0)


def delete_record(ws: Workspace, record_id: int) -> None:
    """Forget a record that a newer package of the same version replaced."""
    with transaction(ws.conn):
        row = ws.conn.execute(
            "SELECT dossier_id, package_name FROM record WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:
            return
        ws.conn.execute("UPDATE upload_job SET record_id = NULL WHERE record_id = ?",
                        (record_id,))
        ws.conn.execute("DELETE FROM record WHERE id = ?", (record_id,))
        ws.log("record.replace", f"dossier:{row['dossier_id']}", row["package_name"])


def _record(r: sqlite3.Row) -> Record:
    return Record(
        r["id"], r["dossier_id"], r["package_sha"], r["package_name"], r["profile"],
        r["size"], r["created_at"], r["version"], r["supersedes"], r["missing_reason"],
        r["fingerprint"],
    )


def records_of(ws: Workspace, dossier_id: int) -> list[Record]:
    return [
        _record(r)
        for r in ws.conn.execute(
            "SELECT * FROM record WHERE dossier_id = ? ORDER BY id", (dossier_id,)
        )
    ]


def record_by_sha(ws: Workspace, package_sha: str) -> Record | None:
    row = ws.conn.execute("SELECT * FROM record WHERE package_sha = ?", (package_sha,)).fetchone()
    return _record(row) if row else None


def digitised_by(ws: Workspace, dossier_id: int) -> str | None:
    """Who imported the dossier's batch, as the audit log recorded it."""
    row = ws.conn.execute(
        "SELECT audit.user FROM dossier JOIN audit ON audit.action = 'batch.create' "
        "AND audit.item = 'batch:' || dossier.batch_id WHERE dossier.id = ? "
        "ORDER BY audit.id LIMIT 1",
        (dossier_id,),
    ).fetchone()
    return str(row[0]) if row else None


def dossiers_of_batch(ws: Workspace, batch_id: int) -> list[int]:
    """The dossiers assembled from a batch, newest first."""
    return [int(r[0]) for r in ws.conn.execute(
        "SELECT id FROM dossier WHERE batch_id = ? ORDER BY id DESC", (batch_id,))]


def owner_of_page(ws: Workspace, page_id: int) -> tuple[int, str, str | None, list[str]] | None:
    """The dossier a page belongs to: (id, code or provisional id, applicant, the names its
    document's fields carry), or None for a page in no dossier."""
    row = ws.conn.execute(
        "SELECT dossier.id, dossier.code, dossier.provisional_id, "
        "dossier.applicant_name, document.fields_json FROM document_page "
        "JOIN document ON document.id = document_page.document_id "
        "JOIN dossier ON dossier.id = document.dossier_id "
        "WHERE document_page.page_id = ? LIMIT 1", (page_id,)).fetchone()
    if row is None:
        return None
    names = json.loads(row["fields_json"] or "{}").get("full_names") or []
    return int(row["id"]), row["code"] or row["provisional_id"], row["applicant_name"], names
