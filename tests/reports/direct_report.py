"""The report as computed before the summary table: straight from the source tables, one
pass over every received dossier. Kept as the reference the summary-backed report must equal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dossier.register import date_from_code, status_says_issued
from dossier.reports import (
    _COMPONENTS,
    _DIGITISED,
    _ISSUED,
    _OUTBOX,
    _PAGES,
    _RECEIVED,
    _RESULTS_DIGITISED,
    _REUSED,
    Figures,
    MonthFigures,
    ProcedureFigures,
    Report,
    _catalogue_names,
    _epoch_of_day,
    _in,
    _procedure_of_result,
)
from storage import Workspace

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


def direct_report(ws: Workspace, start: dt.date | None = None,
                 end: dt.date | None = None) -> Report:
    """The report computed straight from the source tables (the way it was before the
    summary table): each received dossier counted once into its cell."""
    lo = start.isoformat() if start else None
    hi = end.isoformat() if end else None
    # Units: one per received dossier code; [day, receipt s, procedure, dossier id,
    # register says issued, register's result day, procedure name].
    units: dict[str, list[Any]] = {}
    names: dict[str | None, str | None] = {}
    for code, proc, proc_name, day, received_s, issued, status, issued_day in \
            register_rows(ws):
        units[code] = [day, received_s, proc, None, bool(issued) or status_says_issued(status),
                       issued_day, proc_name]
    by_id: dict[int, str] = {}
    for did, code, provisional, proc, received_day in dossier_rows(ws):
        key = code or provisional
        unit = units.get(key)
        if unit is None:
            day = received_day or (date_from_code(code) if code else None)
            unit = units[key] = [day, _epoch_of_day(day), None, None, False, None, None]
        unit[3] = did
        unit[2] = unit[2] or proc
        by_id[did] = key
    for unit in units.values():  # each procedure's name: the first the register gives
        if names.get(unit[2]) is None:
            names[unit[2]] = unit[6]

    # Results: one per dossier counts once (the latest date signed, packed if any is).
    held: dict[str, tuple[str | None, bool]] = {}
    loose: list[tuple[str | None, bool, str | None]] = []  # results of no dossier known here
    for rdid, rcode, signed, packed, result_code in result_rows(ws):
        key = by_id.get(rdid) if rdid is not None else None
        key = key or (rcode if rcode in units else None)
        if key is None:
            loose.append((signed, bool(packed), result_code))
            continue
        before = held.get(key)
        held[key] = (signed or (before[0] if before else None),
                     bool(packed) or (before[1] if before else False))

    n = dossier_counts(ws)
    documents, pages, reused = n.documents, n.pages, n.reused
    delivered, waiting = n.delivered, n.waiting
    digitised = n.packed | set(n.purged)
    for did, (purged_pages, purged_delivered) in n.purged.items():
        pages[did] = pages.get(did, 0) + purged_pages
        if did not in delivered and purged_delivered is not None:
            delivered[did] = purged_delivered

    cells: dict[tuple[str | None, str | None], list[int]] = {}
    hours: dict[tuple[str | None, str | None], list[float]] = {}

    def cell(proc: str | None, day: str | None) -> list[int]:
        k = (proc, day[:7] if day else None)
        found = cells.get(k)
        if found is None:
            found = cells[k] = [0] * 8
        return found

    for key, (day, received_s, proc, did, register_result, register_day, _) in units.items():
        if _in(day, lo, hi):
            c = cell(proc, day)
            c[_RECEIVED] += 1
            if did is not None:
                if did in digitised:
                    c[_DIGITISED] += 1
                    used = reused.get(did, 0)
                    c[_COMPONENTS] += documents.get(did, 0) + used
                    c[_REUSED] += used
                    c[_PAGES] += pages.get(did, 0)
                c[_OUTBOX] += waiting.get(did, 0)
                arrived = delivered.get(did)
                if arrived is not None and received_s is not None:
                    hours.setdefault((proc, day[:7] if day else None), []).append(
                        max(0.0, (arrived - received_s) / 3600))
        got = held.get(key)
        if got is None and not register_result:
            continue
        result_day = (got[0] if got else None) or register_day or day
        if _in(result_day, lo, hi):
            c = cell(proc, result_day)
            c[_ISSUED] += 1
            c[_RESULTS_DIGITISED] += bool(got and got[1])
    for signed, packed, result_code in loose:
        if _in(signed, lo, hi):
            c = cell(_procedure_of_result(result_code), signed)
            c[_ISSUED] += 1
            c[_RESULTS_DIGITISED] += packed

    total, procedures, months = Figures(), {}, {}
    for (proc, month), c in cells.items():
        delays = hours.get((proc, month), [])
        slices = [(total, True), (procedures.setdefault(proc, Figures()), False)]
        if month:
            slices.append((months.setdefault(month, Figures()), False))
        for fig, is_total in slices:
            fig.received += c[_RECEIVED]
            fig.digitised += c[_DIGITISED]
            fig.components += c[_COMPONENTS]
            fig.components_reused += c[_REUSED]
            fig.pages += c[_PAGES]
            fig.outbox += 0 if is_total else c[_OUTBOX]
            fig.results_issued += c[_ISSUED]
            fig.results_digitised += c[_RESULTS_DIGITISED]
            fig.hours.extend(delays)
    total.outbox = outbox_waiting(ws)
    catalogue_names = _catalogue_names()
    by_procedure = tuple(
        ProcedureFigures(code, names.get(code) or catalogue_names.get(code or ""), fig)
        for code, fig in sorted(procedures.items(),
                                key=lambda kv: (-kv[1].received, -kv[1].results_issued,
                                                kv[0] or "~"))
        if fig.received or fig.results_issued)
    by_month = tuple(MonthFigures(m, fig) for m, fig in sorted(months.items())
                     if fig.received or fig.results_issued)
    return Report(start, end, total, by_procedure, by_month)
