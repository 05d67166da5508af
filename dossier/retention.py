"""Retention: delete the local copies of dossiers the province confirmed, once their time is up.

A dossier is purged only when every record packed from it was delivered (the
upload finished and the server's sha256 check passed) more than
``retention.days`` ago. What is kept: its code, procedure, dates, state, the
counts of pages and documents, the packages' hashes — no names, ID numbers,
text or images. Each dossier is purged in one transaction that also lists the
blobs no longer referenced; they are unlinked after the commit, so a kill at
any point leaves nothing half-deleted, and the next run finishes the unlinking.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dossier.errors import DossierError
from failures import ExitCode
from storage import DiskFull, UploadState, Workspace, fsync_dir, is_disk_full, now_iso
from storage.database import transaction

RETENTION_SETTING = "retention.days"
DEFAULT_RETENTION_DAYS = 30
# Dossiers purged per commit, and commits between two rounds of unlinking: the
# fsyncs, not the work, are what a purge spends its time on.
PURGE_BATCH = 50
TRASH_EVERY = 20


class RetentionError(DossierError):
    """The retention setting is unusable."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class PurgedDossier:
    dossier_id: int
    code: str | None
    provisional_id: str
    procedure_code: str | None
    delivered_at: str | None
    pages: int
    documents: int
    blobs: int
    bytes: int

    def as_json(self) -> dict[str, object]:
        return {"id": self.dossier_id, "code": self.code, "provisional_id": self.provisional_id,
                "procedure_code": self.procedure_code, "delivered_at": self.delivered_at,
                "pages": self.pages, "documents": self.documents, "blobs": self.blobs,
                "bytes": self.bytes}


@dataclass
class PurgeReport:
    dry_run: bool
    retention_days: int
    cutoff: str
    dossiers: list[PurgedDossier] = field(default_factory=list)
    blobs_deleted: int = 0
    bytes_freed: int = 0
    leftovers_finished: int = 0  # blobs of an earlier, interrupted purge unlinked now

    def as_json(self) -> dict[str, object]:
        return {"dry_run": self.dry_run, "retention_days": self.retention_days,
                "cutoff": self.cutoff, "purged": [d.as_json() for d in self.dossiers],
                "dossiers": len(self.dossiers), "blobs_deleted": self.blobs_deleted,
                "bytes_freed": self.bytes_freed, "leftovers_finished": self.leftovers_finished}


def retention_days(ws: Workspace) -> int:
    raw = (ws.get_setting(RETENTION_SETTING) or "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError as e:
        raise RetentionError(f"{RETENTION_SETTING}={raw!r}: phải là số ngày — must be a whole "
                             "number of days") from e
    if days < 0:
        raise RetentionError(f"{RETENTION_SETTING}={raw!r}: không được âm — must not be negative")
    return days


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def due_dossiers(ws: Workspace, cutoff: str) -> list[tuple[int, str]]:
    """(dossier id, delivered at) of dossiers whose every record was delivered before ``cutoff``.

    A dossier with no record, with a record not (yet) delivered, or only
    exported to USB (not confirmed by the province) is never due.
    """
    rows = ws.conn.execute(
        """
        SELECT d.id, MAX(j.finished_at) AS delivered
        FROM dossier d
        JOIN record r ON r.dossier_id = d.id
        LEFT JOIN upload_job j ON j.package_sha256 = r.package_sha AND j.state = ?
        WHERE d.purged_at IS NULL
        GROUP BY d.id
        HAVING COUNT(r.id) = COUNT(j.id) AND MAX(j.finished_at) IS NOT NULL
           AND MAX(j.finished_at) <= ?
        ORDER BY d.id
        """, (UploadState.DONE, cutoff)).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _referenced(ws: Workspace, sha: str) -> bool:
    """Whether anything still kept in the workspace needs blob ``sha``."""
    c = ws.conn
    for column in ("source_sha", "image_sha", "words_sha", "clean_sha"):
        if c.execute(f"SELECT 1 FROM page WHERE {column} = ? LIMIT 1", (sha,)).fetchone():
            return True
    if c.execute("SELECT 1 FROM record WHERE package_sha = ? LIMIT 1", (sha,)).fetchone():
        return True
    if c.execute("SELECT 1 FROM upload_job WHERE package_sha256 = ? AND state != ? LIMIT 1",
                 (sha, UploadState.DONE)).fetchone():
        return True
    # The reuse store keeps a citizen's documents on file beyond their dossier's life.
    if c.execute("SELECT 1 FROM reuse_item WHERE blob_sha = ? OR page_shas LIKE ? LIMIT 1",
                 (sha, f'%"{sha}"%')).fetchone():
        return True
    return bool(c.execute("SELECT 1 FROM setting WHERE value = ? LIMIT 1", (sha,)).fetchone())


def _dossier_pages(ws: Workspace, dossier_id: int) -> list[int]:
    """Pages of the dossier that no other dossier's documents use, plus its batch's
    deleted pages that belong to no document at all."""
    rows = ws.conn.execute(
        """
        SELECT DISTINCT dp.page_id FROM document_page dp
        JOIN document doc ON doc.id = dp.document_id
        WHERE doc.dossier_id = ?1
          AND NOT EXISTS (SELECT 1 FROM document_page o JOIN document od ON od.id = o.document_id
                          WHERE o.page_id = dp.page_id AND od.dossier_id != ?1)
        UNION
        SELECT p.id FROM page p JOIN dossier d ON d.batch_id = p.batch_id
        WHERE d.id = ?1 AND p.deleted = 1
          AND NOT EXISTS (SELECT 1 FROM document_page o WHERE o.page_id = p.id)
        """, (dossier_id,)).fetchall()
    return [int(r[0]) for r in rows]


def _blob_size(ws: Workspace, sha: str) -> int:
    try:
        return ws.blobs.path(sha).stat().st_size
    except OSError:
        return 0


class _DryRun(Exception):
    def __init__(self, result: PurgedDossier) -> None:
        super().__init__("dry run")
        self.result = result


def purge_dossier(ws: Workspace, dossier_id: int, delivered_at: str, reason: str,
               dry_run: bool) -> PurgedDossier:
    try:
        return _purge_rows(ws, dossier_id, delivered_at, reason, dry_run)
    except _DryRun as e:
        return e.result


def _purge_rows(ws: Workspace, dossier_id: int, delivered_at: str, reason: str,
                dry_run: bool) -> PurgedDossier:
    c = ws.conn
    with transaction(c):
        d = c.execute("SELECT code, provisional_id, procedure_code, purged_at FROM dossier "
                      "WHERE id = ?", (dossier_id,)).fetchone()
        page_ids = _dossier_pages(ws, dossier_id)
        candidates: set[str] = set()
        for pid in page_ids:
            row = c.execute("SELECT source_sha, image_sha, words_sha, clean_sha FROM page "
                            "WHERE id = ?", (pid,)).fetchone()
            candidates.update(sha for sha in row if sha)
        records = c.execute("SELECT id, package_sha, package_name FROM record "
                            "WHERE dossier_id = ?", (dossier_id,)).fetchall()
        candidates.update(r["package_sha"] for r in records)
        documents = c.execute("SELECT COUNT(*) FROM document WHERE dossier_id = ?",
                              (dossier_id,)).fetchone()[0]
        total_pages = c.execute(
            "SELECT COUNT(DISTINCT dp.page_id) FROM document_page dp JOIN document doc "
            "ON doc.id = dp.document_id WHERE doc.dossier_id = ?", (dossier_id,)).fetchone()[0]
        c.execute("DELETE FROM document_page WHERE document_id IN "
                  "(SELECT id FROM document WHERE dossier_id = ?)", (dossier_id,))
        c.executemany("DELETE FROM page_fts WHERE rowid = ?", [(p,) for p in page_ids])
        c.executemany("DELETE FROM page WHERE id = ?", [(p,) for p in page_ids])
        c.execute("UPDATE upload_job SET record_id = NULL WHERE record_id IN "
                  "(SELECT id FROM record WHERE dossier_id = ?)", (dossier_id,))
        c.execute("DELETE FROM record WHERE dossier_id = ?", (dossier_id,))
        # Document rows keep their component (for the reuse and component counts);
        # the fields read from them (names, ID numbers, dates) go.
        c.execute("UPDATE document SET fields_json = '{}' WHERE dossier_id = ?",
                  (dossier_id,))
        # Its results keep their codes, dates and agency for the reports; not the holder.
        c.execute("UPDATE result SET holder_name = NULL, holder_id = NULL, summary = NULL, "
                  "proposed_json = '{}' WHERE dossier_id = ?", (dossier_id,))
        now = now_iso()
        c.execute("UPDATE dossier SET applicant_name = NULL, applicant_id = NULL, "
                  "purged_at = ?, updated_at = ? WHERE id = ?", (now, now, dossier_id))
        c.execute(
            "INSERT INTO purged_dossier (dossier_id, pages, documents, package_shas, "
            "delivered_at, purged_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, total_pages, documents,
             json.dumps(sorted(r["package_sha"] for r in records)), delivered_at, now,
             reason))
        # Asked with the dossier's rows gone: a blob another dossier still uses stays.
        doomed = sorted(sha for sha in candidates if not _referenced(ws, sha))
        size = sum(_blob_size(ws, sha) for sha in doomed)
        result = PurgedDossier(dossier_id, d["code"], d["provisional_id"], d["procedure_code"],
                               delivered_at, total_pages, documents, len(doomed), size)
        if dry_run:
            raise _DryRun(result)  # rolls the transaction back: nothing changed
        c.executemany("INSERT OR IGNORE INTO blob_trash (sha, queued_at) VALUES (?, ?)",
                      [(sha, now_iso()) for sha in doomed])
        ws.log("retention.purge" if reason == "retention" else "subject.erase",
               d["code"] or d["provisional_id"],
               f"pages={total_pages} documents={documents} blobs={len(doomed)} "
               f"delivered_at={delivered_at}")
    _remove_package_copies(ws, [r["package_name"] for r in records])
    return result


def _remove_package_copies(ws: Workspace, names: Iterable[str]) -> None:
    """The copies ``pack`` leaves in the workspace's records folder go with the blobs."""
    folder = ws.root / "records"
    removed = False
    for name in names:
        path = folder / name
        if path.parent == folder and path.is_file():
            path.unlink(missing_ok=True)
            removed = True
    if removed:
        fsync_dir(folder)


def empty_trash(ws: Workspace) -> tuple[int, int]:
    """Unlink every blob an earlier purge committed to deleting; returns (count, bytes).

    One transaction for the lot: a blob unlinked just before a crash is simply
    missing when the next run comes to it, and its row goes then.
    """
    count = size = 0
    folders = set()
    with transaction(ws.conn):
        shas = [r[0] for r in ws.conn.execute("SELECT sha FROM blob_trash ORDER BY sha")]
        for sha in shas:
            if _referenced(ws, sha):
                continue  # imported again since the purge committed: it stays
            path = ws.blobs.path(sha)
            try:
                size += path.stat().st_size
                path.unlink()
                count += 1
                folders.add(path.parent)
            except FileNotFoundError:
                pass  # unlinked before a crash, row not yet removed
        # The unlinks are on disk before the rows that ask for them go.
        for folder in folders:
            fsync_dir(folder)
        ws.conn.executemany("DELETE FROM blob_trash WHERE sha = ?", [(sha,) for sha in shas])
    return count, size


def _scrub_indexes(ws: Workspace) -> None:
    """Make deletions final: FTS5 keeps deleted words in its segments until they are
    merged, and the write-ahead log keeps old pages until a checkpoint."""
    if not ws.conn.execute("SELECT 1 FROM purged_dossier LIMIT 1").fetchone():
        return
    with transaction(ws.conn):
        ws.conn.execute("INSERT INTO page_fts (page_fts) VALUES ('optimize')")
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def purge(ws: Workspace, *, dry_run: bool = False, now: dt.datetime | None = None,
          on_dossier: Callable[[PurgedDossier], None] | None = None) -> PurgeReport:
    """Purge every due dossier (or, with ``dry_run``, say which would go)."""
    days = retention_days(ws)
    moment = now or dt.datetime.now(dt.UTC)
    cutoff = _iso(moment - dt.timedelta(days=days))
    report = PurgeReport(dry_run, days, cutoff)
    # Deleted rows are overwritten with zeros, not left in free pages of the file.
    ws.conn.execute("PRAGMA secure_delete = ON")
    try:
        if not dry_run:
            report.leftovers_finished, freed = empty_trash(ws)
            report.bytes_freed += freed
        due = due_dossiers(ws, cutoff)
        step = 1 if dry_run else PURGE_BATCH
        for start in range(0, len(due), step):
            # Several dossiers to a commit (each still whole or untouched): one fsync for
            # the lot. A dry run rolls each dossier back on its own.
            with contextlib.nullcontext() if dry_run else transaction(ws.conn):
                batch = [purge_dossier(ws, dossier_id, delivered, "retention", dry_run)
                         for dossier_id, delivered in due[start:start + step]]
            for purged in batch:
                if dry_run:
                    report.blobs_deleted += purged.blobs
                    report.bytes_freed += purged.bytes
                report.dossiers.append(purged)
                if on_dossier is not None:
                    on_dossier(purged)
            if not dry_run and (start // step + 1) % TRASH_EVERY == 0:
                blobs, freed = empty_trash(ws)
                report.blobs_deleted += blobs
                report.bytes_freed += freed
        if not dry_run:
            blobs, freed = empty_trash(ws)
            report.blobs_deleted += blobs
            report.bytes_freed += freed
            _scrub_indexes(ws)
    except Exception as e:
        if is_disk_full(e):
            # SQLite needs room for its log even to delete; what was committed stays done.
            raise DiskFull("purge", "xóa bản sao hết hạn", "purging") from e
        raise
    return report
