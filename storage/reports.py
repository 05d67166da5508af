"""The report's summary table: one row per received dossier (``report_unit``) holding what the
report counts of it, kept up to date with the tables it is computed from.

A received dossier (a *unit*) is one dossier code: a register entry, a workspace dossier, or
both (matched by code; a dossier without an official code goes by its provisional id). Its
row holds its receipt day and month, procedure, whether it was digitised, its components,
reused components and pages (once digitised), packages still in the outbox, hours from receipt
to the first confirmed delivery, and whether a result was issued for it (the result's day,
whether the result was digitised).

Keeping it current: triggers (migration 21) mark the dossier ids and codes every write touches
(``report_dirty_dossier``, ``report_dirty_code``) in the writer's transaction;
:func:`refresh` recomputes the marked units from the source tables and clears the marks. A
workspace's connection calls it just before each COMMIT (``before_commit``, see
:func:`storage.database.transaction`), so the summary commits with the change; a report first
refreshes whatever an outside writer left marked. ``sohoa check`` compares the table with a
fresh computation (:func:`differences`) and ``--repair`` rebuilds it (:func:`rebuild`).

Results of no dossier known here (*loose* results) are not units: :func:`loose_results`
reads them when the report is made.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from vntext import fold

WAITING = ("queued", "uploading", "failed")
_WAITING_SQL = ", ".join(f"'{s}'" for s in WAITING)

#: Seconds from a receipt time without a zone (Vietnam, UTC+7) to UTC.
VIETNAM_OFFSET_S = 7 * 3600
VIETNAM = dt.timezone(dt.timedelta(hours=7))

#: Above this many marked units a refresh recomputes every unit in one pass (quicker than
#: unit by unit: a register import, a migration's backfill).
FULL_REFRESH_AT = 2000

# A status saying the result was issued ("Đã trả kết quả", "Hoàn thành", "Đã giải quyết").
_ISSUED = re.compile(r"\b(tra ket qua|hoan thanh|da giai quyet|co ket qua|da tra kq|da tra)\b")
_NEGATED = re.compile(r"\b(chua|khong|dang|cho|tu choi|huy)\b")
_CODE_DATE = re.compile(r"-(\d{2})(\d{2})(\d{2})-\d{3,5}$")


def status_says_issued(status: str | None) -> bool:
    """Whether a register status says the result was issued (and does not deny it)."""
    if not status:
        return False
    folded = fold(status)
    return bool(_ISSUED.search(folded)) and not _NEGATED.search(folded)


def date_from_code(code: str) -> str | None:
    """The receipt date a dossier code carries (``AGENCY-YYMMDD-NNNN``), if it carries one."""
    m = _CODE_DATE.search(code)
    if not m:
        return None
    try:
        return dt.date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


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


def _epoch_of_day(day: str | None) -> float | None:
    """00:00 in Vietnam of a YYYY-MM-DD, in seconds since the epoch."""
    try:
        return dt.datetime.fromisoformat(day).replace(tzinfo=VIETNAM).timestamp() \
            if day else None
    except ValueError:
        return None


def _tuples(conn: sqlite3.Connection, sql: str,
            params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (quicker than the connection's named rows, for many rows)."""
    cur = conn.cursor()
    cur.row_factory = None
    try:
        return cur.execute(sql, tuple(params)).fetchall()
    finally:
        cur.close()


#: Columns of ``report_unit``, in the order :func:`compute_units` gives them.
UNIT_COLUMNS = ("key", "reg_id", "day", "month", "proc", "proc_name", "dossier_id",
                "received_s", "digitised", "components", "reused", "pages", "outbox", "hours",
                "result_issued", "result_day", "result_month", "result_digitised")

# Temporary tables naming the units (codes) and dossiers a partial computation is about.
_KEYS = "temp.report_want_code"
_IDS = "temp.report_want_dossier"


def _temp_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS report_want_code "
                 "(code TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS report_want_dossier (id INTEGER PRIMARY KEY)")


def _want_codes(conn: sqlite3.Connection, codes: Iterable[str]) -> None:
    _temp_tables(conn)
    conn.execute(f"DELETE FROM {_KEYS}")
    conn.executemany(f"INSERT OR IGNORE INTO {_KEYS} VALUES (?)", ((c,) for c in codes))


def _want_ids(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    _temp_tables(conn)
    conn.execute(f"DELETE FROM {_IDS}")
    conn.executemany(f"INSERT OR IGNORE INTO {_IDS} VALUES (?)", ((i,) for i in ids))


def compute_units(conn: sqlite3.Connection, keys: set[str] | None = None,
                  ) -> list[tuple[Any, ...]]:
    """The summary rows (:data:`UNIT_COLUMNS`) of the units ``keys`` (every unit when None),
    computed from the source tables.

    Definitions: see :mod:`dossier.reports`. One unit per dossier code; a workspace dossier
    joins the register entry of its code; the last result (by id) with a date signed gives the
    result's day, and the result is digitised when any of the unit's results was packed.
    """
    every = keys is None
    if not every:
        assert keys is not None
        _want_codes(conn, keys)
        # Dossiers in these units: by code, or by provisional id when they have no code.
        found = _tuples(conn, "SELECT id, code, provisional_id FROM dossier "
                              f"WHERE code IN (SELECT code FROM {_KEYS}) "
                              f"OR provisional_id IN (SELECT code FROM {_KEYS})")
        ids = sorted(i for i, code, prov in found if (code or prov) in keys)
        _want_ids(conn, ids)
    reg_where = "" if every else f" WHERE dossier_code IN (SELECT code FROM {_KEYS})"
    dossier_where = "" if every else f" WHERE id IN (SELECT id FROM {_IDS})"

    def of_dossiers(column: str) -> str:
        return "" if every else f" AND {column} IN (SELECT id FROM {_IDS})"

    # key -> [reg id, day, receipt s, procedure, dossier id, register says issued,
    #         register's result day, procedure name]
    units: dict[str, list[Any]] = {}
    for rid, code, proc, proc_name, day, received_s, issued, status, issued_day in _tuples(
            conn, f"SELECT id, dossier_code, procedure_code, procedure_name, "
                  f"{_day('received_at')}, {_epoch('received_at', VIETNAM_OFFSET_S)}, "
                  "COALESCE(result_issued_at, '') <> '', "
                  "CASE WHEN COALESCE(result_issued_at, '') = '' THEN status END, "
                  f"{_day('result_issued_at')} FROM register_entry{reg_where} ORDER BY id"):
        units[code] = [rid, day, received_s, proc, None,
                       bool(issued) or status_says_issued(status), issued_day, proc_name]
    for did, code, provisional, proc, received_day in _tuples(
            conn, f"SELECT id, code, provisional_id, procedure_code, {_day('received_date')} "
                  f"FROM dossier{dossier_where} ORDER BY id"):
        key = code or provisional
        unit = units.get(key)
        if unit is None:
            day = received_day or (date_from_code(code) if code else None)
            unit = units[key] = [None, day, _epoch_of_day(day), None, None, False, None, None]
        unit[4] = did
        unit[3] = unit[3] or proc

    # Results: each counts for the unit of its dossier, else of its dossier code.
    result_where = "" if every else (
        f" WHERE r.dossier_id IN (SELECT id FROM {_IDS}) "
        f"OR r.dossier_code IN (SELECT code FROM {_KEYS})")
    held: dict[str, tuple[str | None, bool]] = {}
    for has_dossier, dkey, rcode, signed, packed in _tuples(
            conn, "SELECT d.id IS NOT NULL, COALESCE(NULLIF(d.code, ''), d.provisional_id), "
                  "r.dossier_code, "
                  "r.date_signed, r.record_id IS NOT NULL FROM result r "
                  f"LEFT JOIN dossier d ON d.id = r.dossier_id{result_where} ORDER BY r.id"):
        key = dkey if has_dossier else (rcode if rcode in units else None)
        if key is None or key not in units:
            continue
        before = held.get(key)
        held[key] = (signed or (before[0] if before else None),
                     bool(packed) or (before[1] if before else False))

    ids_filter = of_dossiers
    # Pages: every page of its documents (an index walk), less those deleted (few).
    pages = dict(_tuples(conn, "SELECT x.dossier_id, COUNT(*) FROM document x "
                               "JOIN document_page dp ON dp.document_id = x.id "
                               f"WHERE 1{ids_filter('x.dossier_id')} GROUP BY x.dossier_id"))
    for did, deleted in _tuples(
            conn, "SELECT x.dossier_id, COUNT(*) FROM page p "
                  "JOIN document_page dp ON dp.page_id = p.id "
                  "JOIN document x ON x.id = dp.document_id "
                  f"WHERE p.deleted IS NOT 0{ids_filter('x.dossier_id')} GROUP BY x.dossier_id"):
        pages[did] -= deleted
    documents = dict(_tuples(conn, "SELECT dossier_id, COUNT(*) FROM document "
                                   f"WHERE 1{ids_filter('dossier_id')} GROUP BY dossier_id"))
    reused = dict(_tuples(conn, "SELECT dossier_id, COUNT(*) FROM reuse_use "
                                f"WHERE 1{ids_filter('dossier_id')} GROUP BY dossier_id"))
    digitised = {r[0] for r in _tuples(
        conn, "SELECT DISTINCT dossier_id FROM record WHERE kind = 'dossier' "
              f"AND dossier_id IS NOT NULL{ids_filter('dossier_id')}")}
    delivered: dict[int, float | None] = dict(_tuples(
        conn, f"SELECT k.dossier_id, {_epoch('MIN(u.finished_at)', 0)} FROM upload_job u "
              "JOIN record k ON k.package_sha = u.package_sha256 AND k.kind = 'dossier' "
              "WHERE u.state = 'done' AND k.dossier_id IS NOT NULL"
              f"{ids_filter('k.dossier_id')} GROUP BY k.dossier_id"))
    waiting = dict(_tuples(
        conn, "SELECT k.dossier_id, COUNT(*) FROM upload_job u "
              "JOIN record k ON k.package_sha = u.package_sha256 "
              f"WHERE u.state IN ({_WAITING_SQL}) AND k.dossier_id IS NOT NULL"
              f"{ids_filter('k.dossier_id')} GROUP BY k.dossier_id"))
    for did, purged_pages, purged_delivered in _tuples(
            conn, f"SELECT dossier_id, pages, {_epoch(_PURGED_DELIVERY, 0)} "
                  f"FROM purged_dossier WHERE 1{ids_filter('dossier_id')}"):
        digitised.add(did)
        pages[did] = pages.get(did, 0) + purged_pages
        if did not in delivered and purged_delivered is not None:
            delivered[did] = purged_delivered

    rows: list[tuple[Any, ...]] = []
    for key, (rid, day, received_s, proc, did, register_result, register_day, proc_name) \
            in units.items():
        done = did is not None and did in digitised
        used = reused.get(did, 0) if done else 0
        hours = None
        if did is not None:
            arrived = delivered.get(did)
            if arrived is not None and received_s is not None:
                hours = max(0.0, (arrived - received_s) / 3600)
        got = held.get(key)
        issued = got is not None or bool(register_result)
        result_day = ((got[0] if got else None) or register_day or day) if issued else None
        rows.append((
            key, rid, day[:10] if day else None, day[:7] if day else None, proc, proc_name, did,
            received_s, int(done), (documents.get(did, 0) + used) if done else 0, used,
            pages.get(did, 0) if done else 0, waiting.get(did, 0) if did is not None else 0,
            hours, int(issued), result_day[:10] if result_day else None,
            result_day[:7] if result_day else None, int(bool(got and got[1]))))
    return rows


_PURGED_DELIVERY = "NULLIF(delivered_at, '')"
_INSERT = (f"INSERT INTO report_unit ({', '.join(UNIT_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in UNIT_COLUMNS)})")


def has_summary(conn: sqlite3.Connection) -> bool:
    """Whether this database has the summary table yet (migration 21)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                        "AND name = 'report_unit'").fetchone() is not None


def pending(conn: sqlite3.Connection) -> bool:
    """Whether a write marked units the summary has not caught up with."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM report_dirty_code) "
                             "OR EXISTS (SELECT 1 FROM report_dirty_dossier)").fetchone()[0])


def refresh(conn: sqlite3.Connection) -> int:
    """Recompute the units writes marked, inside the caller's transaction; returns how many.

    Called by :func:`storage.database.transaction` just before COMMIT on a workspace's
    connection, so the summary commits with the change that moved it.
    """
    if not pending(conn):
        return 0
    codes = {r[0] for r in _tuples(conn, "SELECT code FROM report_dirty_code")}
    marked_ids = [r[0] for r in _tuples(conn, "SELECT id FROM report_dirty_dossier")]
    if len(codes) + len(marked_ids) > FULL_REFRESH_AT:
        n = _rebuild(conn)
    else:
        # A dossier's unit is its current code (its old one was marked by the trigger).
        for i in range(0, len(marked_ids), 500):
            chunk = marked_ids[i:i + 500]
            codes.update(r[0] for r in _tuples(
                conn, "SELECT COALESCE(NULLIF(code, ''), provisional_id) FROM dossier WHERE id IN "
                      f"({', '.join('?' for _ in chunk)})", chunk))
        codes.discard(None)
        rows = compute_units(conn, codes)
        conn.execute(f"DELETE FROM report_unit WHERE key IN (SELECT code FROM {_KEYS})")
        conn.executemany(_INSERT, rows)
        n = len(codes)
    conn.execute("DELETE FROM report_dirty_code")
    conn.execute("DELETE FROM report_dirty_dossier")
    return n


def _rebuild(conn: sqlite3.Connection) -> int:
    rows = compute_units(conn)
    conn.execute("DELETE FROM report_unit")
    conn.executemany(_INSERT, rows)
    return len(rows)


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every unit (``sohoa check --repair``); returns how many there are."""
    from storage.database import transaction

    with transaction(conn):
        n = _rebuild(conn)
        conn.execute("DELETE FROM report_dirty_code")
        conn.execute("DELETE FROM report_dirty_dossier")
    return n


def differences(conn: sqlite3.Connection, limit: int = 5) -> tuple[int, list[str]]:
    """How many units the summary table has wrong (missing, extra or other values), and the
    first few named; units a write marked and no refresh handled yet are not counted."""
    marked = {r[0] for r in _tuples(conn, "SELECT code FROM report_dirty_code")}
    marked_ids = {r[0] for r in _tuples(conn, "SELECT id FROM report_dirty_dossier")}
    fresh = {r[0]: r for r in compute_units(conn)
             if r[0] not in marked and r[6] not in marked_ids}
    stored = {r[0]: r for r in _tuples(
        conn, f"SELECT {', '.join(UNIT_COLUMNS)} FROM report_unit")
        if r[0] not in marked and r[6] not in marked_ids}
    wrong: list[str] = []
    for key in sorted(fresh.keys() | stored.keys()):
        a, b = fresh.get(key), stored.get(key)
        if a == b:
            continue
        if b is None:
            wrong.append(f"{key}: missing")
        elif a is None:
            wrong.append(f"{key}: no such dossier")
        else:
            cols = [c for c, x, y in zip(UNIT_COLUMNS, a, b, strict=True) if x != y]
            wrong.append(f"{key}: {', '.join(cols)} differ")
    return len(wrong), wrong[:limit]


def received_cells(conn: sqlite3.Connection, lo: str | None, hi: str | None
                   ) -> list[tuple[Any, ...]]:
    """Per (procedure, month) of receipt in the period: received, digitised, components,
    reused, pages, outbox."""
    return _tuples(conn, "SELECT proc, month, COUNT(*), SUM(digitised), SUM(components), "
                         "SUM(reused), SUM(pages), SUM(outbox) FROM report_unit"
                         f"{_period('day', lo, hi)} GROUP BY proc, month",
                   _bounds(lo, hi))


def result_cells(conn: sqlite3.Connection, lo: str | None, hi: str | None
                 ) -> list[tuple[Any, ...]]:
    """Per (procedure, month of the result) in the period: results issued, digitised."""
    where = _period("result_day", lo, hi)
    where = (where + " AND" if where else " WHERE") + " result_issued = 1"
    return _tuples(conn, "SELECT proc, result_month, COUNT(*), SUM(result_digitised) "
                         f"FROM report_unit{where} GROUP BY proc, result_month",
                   _bounds(lo, hi))


def delivery_hours(conn: sqlite3.Connection, lo: str | None, hi: str | None
                   ) -> list[tuple[Any, ...]]:
    """(procedure, month, hours to delivery) of each delivered unit received in the period
    (read from a covering index). Medians are taken over these in Python: SQLite's window
    functions sorting the same rows were measured slower."""
    where = _period("day", lo, hi)
    where = (where + " AND" if where else " WHERE") + " hours IS NOT NULL"
    return _tuples(conn, f"SELECT proc, month, hours FROM report_unit{where}", _bounds(lo, hi))


def procedure_names(conn: sqlite3.Connection) -> dict[str | None, str]:
    """Each procedure's name as the register first gives it (by register order)."""
    return {proc: name for proc, name, _ in _tuples(
        conn, "SELECT proc, proc_name, MIN(reg_id) FROM report_unit "
              "WHERE proc_name IS NOT NULL GROUP BY proc")}


def loose_results(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """(date signed, packed, result code) of results of no dossier known here: no dossier
    with their dossier id, no received dossier with their dossier code."""
    # Results of a dossier are most; the index on dossier_id finds the others without
    # reading the results table.
    unknown = ("NOT EXISTS (SELECT 1 FROM report_unit u WHERE u.key = r.dossier_code)")
    return _tuples(conn, "SELECT r.date_signed, r.record_id IS NOT NULL, r.result_code "
                         f"FROM result r WHERE r.dossier_id IS NULL AND {unknown} "
                         "UNION ALL SELECT r.date_signed, r.record_id IS NOT NULL, "
                         "r.result_code FROM result r WHERE r.id IN (SELECT x.id FROM result x "
                         "WHERE x.dossier_id IS NOT NULL AND NOT EXISTS "
                         "(SELECT 1 FROM dossier d WHERE d.id = x.dossier_id)) "
                         f"AND {unknown}")


def _period(column: str, lo: str | None, hi: str | None) -> str:
    parts = ([f"{column} >= ?"] if lo else []) + ([f"{column} <= ?"] if hi else [])
    return " WHERE " + " AND ".join(parts) if parts else ""


def _bounds(lo: str | None, hi: str | None) -> tuple[str, ...]:
    return tuple(b for b in (lo, hi) if b)


def outbox_waiting(conn: sqlite3.Connection) -> int:
    """Packages still waiting in the whole outbox, whatever the period."""
    return int(conn.execute(
        f"SELECT COUNT(*) FROM upload_job WHERE state IN ({_WAITING_SQL})").fetchone()[0])
