"""The upload outbox in the workspace: one row per package (by sha256) and its state.

Every SQL statement about ``upload_job`` lives here; ``upload/`` drives the states.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from storage.blobs import sha256_file
from storage.database import transaction
from storage.errors import StorageError
from storage.model import (
    PENDING_STATES,
    SENT_STATES,
    OutboxCounts,
    OutboxJob,
    UploadState,
)
from storage.workspace import Workspace, now_iso


class OutboxError(StorageError):
    """An outbox operation failed; the message names the package."""


class AddOutcome(enum.StrEnum):
    QUEUED = "queued"          # new in the outbox
    REQUEUED = "requeued"      # had failed; queued again
    ALREADY = "already"        # already queued, uploading, sent or exported


@dataclass(frozen=True)
class AddResult:
    job: OutboxJob
    outcome: AddOutcome


_COLUMNS = ", ".join(
    f"upload_job.{c}" for c in (
        "id", "package_sha256", "package_path", "filename", "size", "metadata_json", "state",
        "upload_url", "endpoint", "offset", "bytes_sent", "attempts", "failures", "last_error",
        "next_attempt_at", "created_at", "updated_at", "finished_at", "exported_to", "record_id",
    )
) + ", record.dossier_id AS dossier_id, record.version AS version"
_FROM = "upload_job LEFT JOIN record ON record.id = upload_job.record_id"


def _job(row: sqlite3.Row) -> OutboxJob:
    raw = json.loads(row["metadata_json"] or "{}")
    metadata = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    return OutboxJob(
        id=row["id"], package_sha256=row["package_sha256"], package_path=row["package_path"],
        filename=row["filename"], size=row["size"], metadata=metadata,
        state=UploadState(row["state"]), upload_url=row["upload_url"], endpoint=row["endpoint"],
        offset=row["offset"], bytes_sent=row["bytes_sent"], attempts=row["attempts"],
        failures=row["failures"], last_error=row["last_error"],
        next_attempt_at=row["next_attempt_at"], created_at=row["created_at"],
        updated_at=row["updated_at"], finished_at=row["finished_at"],
        exported_to=row["exported_to"], record_id=row["record_id"],
        dossier_id=row["dossier_id"], version=row["version"],
    )


def iso_at(timestamp: float) -> str:
    """A Unix time in the workspace's ISO format (UTC, seconds)."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).replace(microsecond=0).isoformat()


# Adding ---------------------------------------------------------------------


def add(ws: Workspace, source: Path, metadata: Mapping[str, str] | None = None,
        sha256: str | None = None) -> AddResult:
    """Queue ``source`` once: the bytes are copied into the blob store first.

    A package already in the outbox (same sha256) is not queued again, unless
    it had failed, in which case it is queued afresh.
    """
    source = Path(source)
    try:
        sha = sha256 or sha256_file(source)
        existing = get_by_sha(ws, sha)
        if existing is not None and existing.state != UploadState.FAILED:
            return AddResult(existing, AddOutcome.ALREADY)
        # Copy before the row exists, so a queued row always has its bytes even
        # if the USB stick is pulled right after.
        ws.blobs.put_file(source, sha)
        size = ws.blobs.size(sha)
    except OSError as e:
        raise OutboxError(
            f"{source}: không đọc được gói ({e.strerror or e}) — cannot read the package"
        ) from e
    meta_json = json.dumps(dict(metadata or {}), ensure_ascii=False, sort_keys=True)
    now = now_iso()
    with transaction(ws.conn):
        row = ws.conn.execute(
            "SELECT state FROM upload_job WHERE package_sha256 = ?", (sha,)
        ).fetchone()
        if row is None:
            ws.conn.execute(
                "INSERT INTO upload_job (package_sha256, package_path, filename, size, "
                "metadata_json, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (sha, str(source), source.name, size, meta_json, UploadState.QUEUED, now, now),
            )
            outcome = AddOutcome.QUEUED
        elif row["state"] == UploadState.FAILED:
            ws.conn.execute(
                "UPDATE upload_job SET state = ?, failures = 0, next_attempt_at = NULL, "
                "metadata_json = ?, updated_at = ? WHERE package_sha256 = ?",
                (UploadState.QUEUED, meta_json, now, sha),
            )
            outcome = AddOutcome.REQUEUED
        else:  # another process queued it between our read and this write
            outcome = AddOutcome.ALREADY
        if outcome != AddOutcome.ALREADY:
            ws.log("outbox.queue", sha, f"{source.name} ({size} bytes)")
    job = get_by_sha(ws, sha)
    assert job is not None
    return AddResult(job, outcome)


def link_record(ws: Workspace, job_id: int, record_id: int) -> None:
    """Tie a queued package to the workspace record (dossier, version) it was packed as."""
    with transaction(ws.conn):
        ws.conn.execute("UPDATE upload_job SET record_id = ? WHERE id = ?", (record_id, job_id))


def withdraw(ws: Workspace, job_id: int, reason: str) -> bool:
    """Take a package that has not been sent out of the outbox (a newer one replaces it).

    Returns False, changing nothing, when the package was sent meanwhile.
    """
    with transaction(ws.conn):
        row = ws.conn.execute(
            "SELECT package_sha256, state FROM upload_job WHERE id = ?", (job_id,)
        ).fetchone()
        if row is None or UploadState(row["state"]) in SENT_STATES:
            return False
        ws.conn.execute("DELETE FROM upload_job WHERE id = ?", (job_id,))
        ws.log("outbox.withdraw", row["package_sha256"], reason)
    return True


def jobs_of_dossier(ws: Workspace, dossier_id: int) -> list[OutboxJob]:
    """The outbox rows of every package packed from one dossier, oldest first."""
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE record.dossier_id = ? ORDER BY upload_job.id",
        (dossier_id,),
    ).fetchall()
    return [_job(r) for r in rows]


# Reading --------------------------------------------------------------------


def is_waiting(ws: Workspace, job_id: int, package_sha256: str) -> bool:
    """Whether the job is still in the outbox to be sent (not withdrawn, not sent).

    The package's hash is asked too: a withdrawn job's id may be given to a new one.
    """
    row = ws.conn.execute("SELECT state, package_sha256 FROM upload_job WHERE id = ?",
                          (job_id,)).fetchone()
    return (row is not None and row[1] == package_sha256
            and UploadState(row[0]) not in SENT_STATES)


def get(ws: Workspace, job_id: int) -> OutboxJob:
    row = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE upload_job.id = ?", (job_id,)
    ).fetchone()
    if row is None:
        raise OutboxError(f"mục {job_id} không có trong hàng đợi — outbox item {job_id} not found")
    return _job(row)


def get_by_sha(ws: Workspace, sha256: str) -> OutboxJob | None:
    row = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE package_sha256 = ?", (sha256,)
    ).fetchone()
    return _job(row) if row else None


def list_jobs(ws: Workspace, states: Iterable[UploadState] | None = None) -> list[OutboxJob]:
    if states is None:
        rows = ws.conn.execute(f"SELECT {_COLUMNS} FROM {_FROM} ORDER BY upload_job.id").fetchall()
    else:
        wanted = [str(s) for s in states]
        marks = ",".join("?" * len(wanted))
        rows = ws.conn.execute(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE upload_job.state IN ({marks}) "
            "ORDER BY upload_job.id", wanted
        ).fetchall()
    return [_job(r) for r in rows]


def pending(ws: Workspace) -> list[OutboxJob]:
    """Jobs still to send, oldest first."""
    return list_jobs(ws, PENDING_STATES)


def counts(ws: Workspace) -> OutboxCounts:
    found = dict.fromkeys(UploadState, 0)
    for state, n in ws.conn.execute("SELECT state, COUNT(*) FROM upload_job GROUP BY state"):
        found[UploadState(state)] = int(n)
    return OutboxCounts(
        queued=found[UploadState.QUEUED], uploading=found[UploadState.UPLOADING],
        done=found[UploadState.DONE], failed=found[UploadState.FAILED],
        exported=found[UploadState.EXPORTED],
    )


# Transitions ----------------------------------------------------------------


def _update(ws: Workspace, job_id: int, sql: str, params: tuple[object, ...],
            log: tuple[str, str | None] | None = None) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            f"UPDATE upload_job SET {sql}, updated_at = ? WHERE id = ?",
            (*params, now_iso(), job_id),
        )
        if log is not None:
            sha = ws.conn.execute(
                "SELECT package_sha256 FROM upload_job WHERE id = ?", (job_id,)
            ).fetchone()
            ws.log(log[0], sha[0] if sha else str(job_id), log[1])


def begin_attempt(ws: Workspace, job_id: int) -> None:
    _update(ws, job_id, "attempts = attempts + 1", ())


def start_upload(ws: Workspace, job_id: int, endpoint: str, url: str) -> None:
    """The server created an upload for this job at ``url``; nothing confirmed yet."""
    _update(
        ws, job_id, "state = ?, upload_url = ?, endpoint = ?, offset = 0",
        (UploadState.UPLOADING, url, endpoint), ("outbox.upload.create", url),
    )


def resume_upload(ws: Workspace, job_id: int, offset: int) -> None:
    """The server confirmed ``offset`` bytes of an existing upload."""
    _update(ws, job_id, "state = ?, offset = ?", (UploadState.UPLOADING, offset))


def forget_upload(ws: Workspace, job_id: int, reason: str) -> None:
    """The server no longer has the upload: the next attempt starts afresh."""
    _update(
        ws, job_id, "upload_url = NULL, offset = 0, state = ?", (UploadState.QUEUED,),
        ("outbox.upload.forget", reason),
    )


def record_progress(ws: Workspace, job_id: int, offset: int, bytes_sent: int) -> None:
    """Save the offset the server confirmed and the bytes put on the wire since last time."""
    _update(
        ws, job_id, "offset = ?, bytes_sent = bytes_sent + ?, failures = 0", (offset, bytes_sent)
    )


def add_bytes_sent(ws: Workspace, job_id: int, bytes_sent: int) -> None:
    if bytes_sent:
        _update(ws, job_id, "bytes_sent = bytes_sent + ?", (bytes_sent,))


def record_error(ws: Workspace, job_id: int, reason: str, next_attempt_at: float | None) -> None:
    """A transient error: try again at ``next_attempt_at`` (Unix time)."""
    when = iso_at(next_attempt_at) if next_attempt_at is not None else None
    _update(
        ws, job_id, "last_error = ?, failures = failures + 1, next_attempt_at = ?",
        (reason, when),
    )


def mark_done(ws: Workspace, job_id: int, offset: int) -> None:
    """The server confirmed every byte: never send this package again."""
    now = now_iso()
    _update(
        ws, job_id,
        "state = ?, offset = ?, finished_at = ?, next_attempt_at = NULL, last_error = NULL",
        (UploadState.DONE, offset, now), ("outbox.upload.done", None),
    )


def mark_failed(ws: Workspace, job_id: int, reason: str) -> None:
    _update(
        ws, job_id, "state = ?, last_error = ?, next_attempt_at = NULL",
        (UploadState.FAILED, reason), ("outbox.upload.failed", reason),
    )


def mark_exported(ws: Workspace, job_ids: Iterable[int], folder: str) -> None:
    """Packages copied to a folder or USB drive (carried by hand, not uploaded)."""
    now = now_iso()
    with transaction(ws.conn):
        for job_id in job_ids:
            ws.conn.execute(
                "UPDATE upload_job SET state = ?, exported_to = ?, finished_at = ?, "
                "next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state IN (?, ?)",
                (UploadState.EXPORTED, folder, now, now, job_id, *PENDING_STATES),
            )
            sha = ws.conn.execute(
                "SELECT package_sha256 FROM upload_job WHERE id = ?", (job_id,)
            ).fetchone()
            ws.log("outbox.export", sha[0] if sha else str(job_id), folder)
