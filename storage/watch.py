"""Watched-folder state: which files were seen, imported and processed.

Keyed by path + size + modification time and by content hash, so that a restart
or a crash never imports a file twice and never forgets one.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass

from storage.database import transaction
from storage.workspace import Workspace, now_iso


class WatchState(enum.StrEnum):
    IMPORTING = "importing"    # claimed; its pages may or may not be committed yet
    IMPORTED = "imported"      # pages committed in batch_id; not yet processed
    PROCESSED = "processed"    # recognised and assembled (or import-only mode finished)
    REJECTED = "rejected"      # the importer refused it; reason says why
    DUPLICATE = "duplicate"    # same content as a file already imported


DONE_STATES = (WatchState.IMPORTED, WatchState.PROCESSED, WatchState.REJECTED,
               WatchState.DUPLICATE)


@dataclass(frozen=True)
class WatchedFile:
    id: int
    folder: str
    path: str
    size: int
    mtime_ns: int
    sha256: str
    state: WatchState
    batch_id: int | None
    reason: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> WatchedFile:
        return cls(row["id"], row["folder"], row["path"], row["size"], row["mtime_ns"],
                   row["sha256"], WatchState(row["state"]), row["batch_id"], row["reason"])


def find(ws: Workspace, path: str, size: int, mtime_ns: int) -> WatchedFile | None:
    row = ws.conn.execute(
        "SELECT * FROM watch_file WHERE path = ? AND size = ? AND mtime_ns = ?",
        (path, size, mtime_ns),
    ).fetchone()
    return WatchedFile.from_row(row) if row else None


def find_by_sha(ws: Workspace, sha256: str) -> WatchedFile | None:
    """A file with this content that was imported (or refused) before."""
    row = ws.conn.execute(
        "SELECT * FROM watch_file WHERE sha256 = ? AND state IN (?, ?, ?) ORDER BY id LIMIT 1",
        (sha256, WatchState.IMPORTED, WatchState.PROCESSED, WatchState.REJECTED),
    ).fetchone()
    return WatchedFile.from_row(row) if row else None


def claim(ws: Workspace, folder: str, path: str, size: int, mtime_ns: int, sha256: str,
          state: WatchState = WatchState.IMPORTING, batch_id: int | None = None,
          reason: str | None = None) -> WatchedFile:
    """Record a file about to be imported (or its final state, for duplicates)."""
    with transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO watch_file (folder, path, size, mtime_ns, sha256, state, batch_id, "
            "reason, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path, size, mtime_ns) DO UPDATE SET sha256 = excluded.sha256",
            (folder, path, size, mtime_ns, sha256, state, batch_id, reason, now_iso()),
        )
    found = find(ws, path, size, mtime_ns)
    assert found is not None
    return found


def mark(ws: Workspace, file_id: int, state: WatchState, *, batch_id: int | None = None,
         reason: str | None = None) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE watch_file SET state = ?, batch_id = COALESCE(?, batch_id), "
            "reason = COALESCE(?, reason), done_at = ? WHERE id = ?",
            (state, batch_id, reason, now_iso(), file_id),
        )
        if state in (WatchState.IMPORTED, WatchState.REJECTED):
            ws.log(f"watch.{state}", f"watch_file:{file_id}", reason)


def unfinished(ws: Workspace, folder: str) -> list[WatchedFile]:
    """Files a previous run claimed but did not finish (it stopped or crashed)."""
    rows = ws.conn.execute(
        "SELECT * FROM watch_file WHERE folder = ? AND state IN (?, ?) ORDER BY id",
        (folder, WatchState.IMPORTING, WatchState.IMPORTED),
    )
    return [WatchedFile.from_row(r) for r in rows]


def batch_of_source(ws: Workspace, sha256: str) -> int | None:
    """The batch holding pages imported from a file with this content, if any."""
    row = ws.conn.execute(
        "SELECT batch_id FROM page WHERE source_sha = ? ORDER BY id LIMIT 1", (sha256,)
    ).fetchone()
    return int(row[0]) if row else None


def list_files(ws: Workspace, folder: str | None = None) -> list[WatchedFile]:
    sql = "SELECT * FROM watch_file"
    args: tuple[str, ...] = ()
    if folder is not None:
        sql += " WHERE folder = ?"
        args = (folder,)
    return [WatchedFile.from_row(r) for r in ws.conn.execute(sql + " ORDER BY id", args)]
