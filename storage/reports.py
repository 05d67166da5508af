"""What the report counts, read in a few streaming queries: one row per received dossier and
per-dossier counts, times already converted to seconds since the epoch.

:mod:`dossier.reports` joins these by dossier and sums them into slices. (A single SQL
statement joining them per dossier was measured slower: SQLite's automatic-index joins cost
more per dossier than Python's dictionaries; each query here is a scan or an index walk.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage.workspace import Workspace

WAITING = ("queued", "uploading", "failed")
_WAITING_SQL = ", ".join(f"'{s}'" for s in WAITING)

#: Seconds from a receipt time without a zone (Vietnam, UTC+7) to UTC.
VIETNAM_OFFSET_S = 7 * 3600


def _epoch(column: str, default_offset_s: int) -> str:
    """SQL: seconds since the epoch of the ISO time in ``column`` (NULL when it is none); a
    time without a zone (``Z`` or ``±HH:MM``) is taken ``default_offset_s`` east of UTC."""
    zoned = (f"(length({column}) > 10 AND ({column} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' "
             f"OR {column} GLOB '*[Zz]'))")
    return (f"(CASE WHEN {zoned} THEN unixepoch({column}, 'subsec') "
            f"ELSE unixepoch({column}, 'subsec') - {default_offset_s} END)")


def _day(column: str) -> str:
    """SQL: the first ten characters (YYYY-MM-DD) of ``column``; NULL when empty."""
    return f"NULLIF(substr(COALESCE({column}, ''), 1, 10), '')"


@dataclass
class DossierCounts:
    """Per dossier id: documents, live pages, reused components, whether packed, first
    confirmed delivery (seconds; the key present when a package of it was delivered), waiting
    packages, and what purged dossiers left (pages, delivery)."""

    documents: dict[int, int]
    pages: dict[int, int]
    reused: dict[int, int]
    packed: set[int]
    delivered: dict[int, float | None]
    waiting: dict[int, int]
    purged: dict[int, tuple[int, float | None]]


def _tuples(ws: Workspace, sql: str) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (quicker than the connection's named rows, for many rows)."""
    cur = ws.conn.cursor()
    cur.row_factory = None
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def register_rows(ws: Workspace) -> list[tuple[Any, ...]]:
    """Per register entry: (dossier code, procedure code, procedure name, day of receipt
    YYYY-MM-DD, receipt time in seconds, whether it gives a result date, its status when it
    gives none, the result's day)."""
    return _tuples(ws,
            f"SELECT dossier_code, procedure_code, procedure_name, {_day('received_at')}, "
            f"{_epoch('received_at', VIETNAM_OFFSET_S)}, "
            "COALESCE(result_issued_at, '') <> '', "
            "CASE WHEN COALESCE(result_issued_at, '') = '' THEN status END, "
            f"{_day('result_issued_at')} FROM register_entry")


def dossier_rows(ws: Workspace) -> list[tuple[Any, ...]]:
    """(id, code, provisional id, procedure, day) per dossier."""
    return _tuples(ws, f"SELECT id, code, provisional_id, procedure_code, "
                       f"{_day('received_date')} FROM dossier")


def result_rows(ws: Workspace) -> list[tuple[Any, ...]]:
    """(dossier id, dossier code, date signed, packed, result code) per result."""
    return _tuples(ws, "SELECT dossier_id, dossier_code, date_signed, record_id IS NOT NULL, "
                       "result_code FROM result")


def _per_dossier(ws: Workspace, sql: str) -> dict[int, int]:
    """``sql`` selects (dossier id, count) pairs, the id never NULL."""
    return dict(_tuples(ws, sql))


def dossier_counts(ws: Workspace) -> DossierCounts:
    # Pages: every page of its documents (an index walk), less those deleted (few).
    pages = _per_dossier(ws, "SELECT x.dossier_id, COUNT(*) FROM document x "
                             "JOIN document_page dp ON dp.document_id = x.id "
                             "GROUP BY x.dossier_id")
    for did, deleted in _per_dossier(
            ws, "SELECT x.dossier_id, COUNT(*) FROM page p "
                "JOIN document_page dp ON dp.page_id = p.id "
                "JOIN document x ON x.id = dp.document_id "
                "WHERE p.deleted IS NOT 0 GROUP BY x.dossier_id").items():
        pages[did] -= deleted
    delivered: dict[int, float | None] = dict(_tuples(
        ws, f"SELECT k.dossier_id, {_epoch('MIN(u.finished_at)', 0)} FROM upload_job u "
            "JOIN record k ON k.package_sha = u.package_sha256 AND k.kind = 'dossier' "
            "WHERE u.state = 'done' AND k.dossier_id IS NOT NULL GROUP BY k.dossier_id"))
    return DossierCounts(
        documents=_per_dossier(ws, "SELECT dossier_id, COUNT(*) FROM document "
                                   "GROUP BY dossier_id"),
        pages=pages,
        reused=_per_dossier(ws, "SELECT dossier_id, COUNT(*) FROM reuse_use "
                                "GROUP BY dossier_id"),
        packed={r[0] for r in _tuples(
            ws, "SELECT DISTINCT dossier_id FROM record WHERE kind = 'dossier' "
                "AND dossier_id IS NOT NULL")},
        delivered=delivered,
        waiting=_per_dossier(ws, "SELECT k.dossier_id, COUNT(*) FROM upload_job u "
                                 "JOIN record k ON k.package_sha = u.package_sha256 "
                                 f"WHERE u.state IN ({_WAITING_SQL}) "
                                 "AND k.dossier_id IS NOT NULL GROUP BY k.dossier_id"),
        purged={r[0]: (r[1], r[2]) for r in _tuples(
            ws, f"SELECT dossier_id, pages, {_epoch(_PURGED_DELIVERY, 0)} "
                "FROM purged_dossier")},
    )


_PURGED_DELIVERY = "NULLIF(delivered_at, '')"


def outbox_waiting(ws: Workspace) -> int:
    """Packages still waiting in the whole outbox, whatever the period."""
    return int(ws.conn.execute(
        f"SELECT COUNT(*) FROM upload_job WHERE state IN ({_WAITING_SQL})").fetchone()[0])
