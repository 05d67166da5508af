"""The audit log: who did what to personal data, when, and whether it worked.

Entries are chained: each carries an HMAC over its own fields and the previous
entry's MAC, keyed from the workspace key, so an edited or deleted entry breaks
the chain and :meth:`AuditLog.verify` names the first broken one.
"""

from __future__ import annotations

import csv
import enum
import hashlib
import hmac
import io
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storage.database import transaction
from storage.errors import StorageError
from storage.files import atomic_write
from storage.model import AuditEntry

GENESIS = "0" * 64


def _digits(id_number: str) -> str:
    """An ID number as a person may type it ("0790 8600 1234") reduced to its digits."""
    return "".join(ch for ch in id_number if ch.isdigit()) or id_number.strip()


def subject_key(id_number: str) -> str:
    """What the log records instead of an ID number where the number must not be kept
    (a subject's report or erasure): a short hash of it."""
    return "id-sha256:" + hashlib.sha256(id_number.encode()).hexdigest()[:16]


class Outcome(enum.StrEnum):
    OK = "ok"
    REFUSED = "refused"
    FAILED = "failed"


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str | None = None

    def message(self) -> str:
        if self.ok:
            return f"audit log intact: {self.entries} entries"
        return f"audit entry {self.first_broken}: {self.reason}"


_FIELDS = ("id", "at", "user", "action", "dossier", "item", "subject", "detail", "outcome")


def _mac(key: bytes, previous: str, values: Sequence[object]) -> str:
    body = json.dumps([previous, *values], ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


class AuditLog:
    """The workspace's audit log, written as ``user`` (the authenticated account)."""

    def __init__(self, conn: sqlite3.Connection, key: bytes, user: str) -> None:
        self._conn = conn
        self._key = key
        self.user = user

    def record(
        self,
        action: str,
        *,
        dossier: str | int | None = None,
        item: str | None = None,
        subject: str | None = None,
        detail: str | None = None,
        outcome: Outcome | str = Outcome.OK,
        user: str | None = None,
        at: str | None = None,
    ) -> int:
        """Append one entry (inside the caller's transaction when there is one).

        ``subject`` is a citizen's ID number: the entry keeps only its key
        (:func:`subject_key`), so the log never holds the number itself and an erased
        citizen stays erased; :meth:`entries` finds it from the number.
        """
        from storage.workspace import now_iso

        if subject and not subject.startswith("id-sha256:"):
            number = subject
            subject = subject_key(_digits(number))
            if detail:
                detail = detail.replace(number, subject)

        with transaction(self._conn):
            row = self._conn.execute(
                "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1").fetchone()
            previous = row[1] if row else GENESIS
            next_id = self._next_id()
            values = [next_id, at or now_iso(), user or self.user, action,
                      None if dossier is None else str(dossier), item, subject, detail,
                      str(Outcome(outcome))]
            self._conn.execute(
                "INSERT INTO audit (id, at, user, action, dossier, item, subject, detail, "
                "outcome, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, _mac(self._key, previous, values)),
            )
        return next_id

    def _next_id(self) -> int:
        # AUTOINCREMENT's counter, so a deleted newest entry is not reused silently.
        row = self._conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
        last = self._conn.execute("SELECT MAX(id) FROM audit").fetchone()[0] or 0
        return max(last, int(row[0]) if row else 0) + 1

    def entries(
        self,
        *,
        user: str | None = None,
        since: str | None = None,
        until: str | None = None,
        dossier: str | None = None,
        subject: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Entries oldest first, filtered. ``subject`` (an ID number) matches entries that
        name it and those about a dossier whose applicant or documents carry it."""
        where, params = [], []
        if user:
            where.append("a.user = ?")
            params.append(user)
        if since:
            where.append("a.at >= ?")
            params.append(since)
        if until:
            where.append("a.at < ?")
            params.append(until)
        if dossier:
            where.append("(a.dossier = ? OR a.dossier IN "
                         "(SELECT CAST(id AS TEXT) FROM dossier WHERE code = ? "
                         "OR provisional_id = ?))")
            params += [dossier, dossier, dossier]
        if subject:
            # As a person types it ("0790 8600 1234"); entries name it in full or hashed.
            subject = _digits(subject)
            key = subject_key(subject)
            where.append(
                "(a.subject IN (?, ?) OR a.item = ? OR a.detail LIKE '%' || ? || '%' "
                "OR a.dossier IN ("
                "SELECT CAST(d.id AS TEXT) FROM dossier d WHERE d.applicant_id = ? "
                "UNION SELECT CAST(doc.dossier_id AS TEXT) FROM document doc "
                "WHERE doc.fields_json LIKE '%' || ? || '%'))")
            params += [subject, key, key, subject, subject, subject]
        sql = "SELECT " + ", ".join(f"a.{f}" for f in _FIELDS) + " FROM audit a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.id"
        if limit:
            sql = f"SELECT * FROM ({sql.replace(' ORDER BY a.id', ' ORDER BY a.id DESC')} " \
                  f"LIMIT {int(limit)}) ORDER BY id"
        return [AuditEntry(*row) for row in self._conn.execute(sql, params)]

    def _rows(self) -> Iterator[tuple[object, ...]]:
        yield from self._conn.execute(
            "SELECT " + ", ".join(_FIELDS) + ", mac FROM audit ORDER BY id")

    def verify(self) -> ChainReport:
        """Walk the chain from the first entry; report the first one that does not hold."""
        previous = GENESIS
        count = 0
        last_id = 0
        for row in self._rows():
            values, mac = list(row[:-1]), str(row[-1])
            entry_id = int(values[0])  # type: ignore[call-overload]
            if entry_id != last_id + 1:
                gap = (f"{last_id + 1}" if entry_id == last_id + 2
                       else f"{last_id + 1}–{entry_id - 1}")
                return ChainReport(False, count, last_id + 1, f"deleted (entries {gap} are gone)")
            if not hmac.compare_digest(_mac(self._key, previous, values), mac):
                return ChainReport(False, count, entry_id,
                                   "changed after it was written (its MAC does not match)")
            previous = mac
            count += 1
            last_id = entry_id
        row = self._conn.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
        if row and int(row[0]) > last_id:
            return ChainReport(False, count, last_id + 1,
                               f"entries {last_id + 1}–{row[0]} were deleted (the newest)")
        return ChainReport(True, count)


CSV_COLUMNS = ("id", "at", "user", "action", "outcome", "dossier", "item", "subject", "detail")


def write_csv(entries: Sequence[AuditEntry], target: Path) -> None:
    """The entries as CSV (UTF-8 with BOM, so spreadsheet programs read the marks)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        row = entry.to_json()
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    atomic_write(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def require_intact(log: AuditLog) -> None:
    report = log.verify()
    if not report.ok:
        raise StorageError(report.message())
