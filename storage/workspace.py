"""The workspace: one folder holding the SQLite database and the blob store."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
from pathlib import Path
from types import TracebackType

import platformdirs

from storage.blobs import BlobStore
from storage.database import connect, migrate, transaction
from storage.errors import DiskFull, StorageError, is_disk_full

DB_NAME = "sohoa.db"


def default_workspace_path() -> Path:
    """``$SOHOA_WORKSPACE`` or the platform's user data folder for Sohoa."""
    env = os.environ.get("SOHOA_WORKSPACE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Sohoa", appauthor=False))


def now_iso() -> str:
    """Current UTC time, ISO 8601 with seconds, the format stored everywhere."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def current_actor() -> str:
    try:
        return os.environ.get("SOHOA_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Workspace:
    """An open workspace. Pass it to the functions that need it; never a global."""

    def __init__(self, root: Path, conn: sqlite3.Connection, blobs: BlobStore) -> None:
        self.root = root
        self.conn = conn
        self.blobs = blobs

    @classmethod
    def open(cls, root: Path | str | None = None) -> Workspace:
        root = Path(root) if root is not None else default_workspace_path()
        try:
            root.mkdir(parents=True, exist_ok=True)
            conn = connect(root / DB_NAME)
            migrate(conn)
        except sqlite3.DatabaseError as e:
            if is_disk_full(e):
                raise DiskFull(str(root), "mở thư mục làm việc", "opening the workspace") from e
            raise StorageError(f"{root}: cannot open the workspace database ({e})") from e
        except OSError as e:
            if is_disk_full(e):
                raise DiskFull(str(root), "mở thư mục làm việc", "opening the workspace") from e
            raise StorageError(f"{root}: cannot create the workspace ({e.strerror})") from e
        blobs = BlobStore(root / "blobs")
        blobs.clean_temporary()
        return cls(root, conn, blobs)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return transaction(self.conn)

    # Audit log -----------------------------------------------------------

    def log(
        self,
        action: str,
        subject: str | None = None,
        detail: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Record who did what; call inside the transaction of the change it describes."""
        self.conn.execute(
            "INSERT INTO event (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (now_iso(), actor or current_actor(), action, subject, detail),
        )

    # Settings ------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self.log("setting.change", key)
