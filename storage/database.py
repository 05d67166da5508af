"""SQLite connection settings and forward-only migrations."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from storage.errors import StorageError
from storage.files import private_file

# Either driver's errors, for code that catches them (an encrypted workspace
# speaks SQLCipher's DB-API module, an old plaintext one the standard sqlite3).
IntegrityError = (sqlite3.IntegrityError, sqlcipher.IntegrityError)
DatabaseError = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OperationalError = (sqlite3.OperationalError, sqlcipher.OperationalError)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with Sohoa, in version order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    return found


#: SQLite page cache of an encrypted connection, in KiB (a ceiling, filled as pages are read).
CIPHER_CACHE_KIB = 128 * 1024


class _Serialised:
    """One thread at a time in the connection: a re-entrant lock held for the span of each
    write transaction and around every statement.

    Sohoa works through one connection; when a helper thread (for example the one
    committing pages while OCR results are written) uses it too, the lock keeps two
    transactions from interleaving, and two statements from being prepared at once: the
    driver's statement cache is not safe for that, and a race leaves it broken for every
    later statement (a ``KeyError`` naming some other query).
    """

    write_lock: threading.RLock

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        with self.write_lock:
            return super().execute(*args, **kwargs)  # type: ignore[misc]

    def executemany(self, *args: Any, **kwargs: Any) -> Any:
        with self.write_lock:
            return super().executemany(*args, **kwargs)  # type: ignore[misc]

    def executescript(self, *args: Any, **kwargs: Any) -> Any:
        with self.write_lock:
            return super().executescript(*args, **kwargs)  # type: ignore[misc]

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        with self.write_lock:
            return super().cursor(*args, **kwargs)  # type: ignore[misc]


class Connection(_Serialised, sqlite3.Connection):
    """A plaintext workspace's connection (see :class:`_Serialised`)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.write_lock = threading.RLock()
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class CipherConnection(_Serialised, sqlcipher.Connection):  # type: ignore[misc]
    """The same, over SQLCipher (an encrypted workspace)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.write_lock = threading.RLock()
        super().__init__(*args, **kwargs)


def connect(path: Path, key_pragma: str | None = None) -> Connection:
    """Open the workspace database: WAL, synchronous=FULL, foreign keys on.

    With ``key_pragma`` (``PRAGMA key = …``) the database is SQLCipher's,
    encrypted page by page; the file is created 0600 so its WAL and shared
    memory files (which SQLite creates with the database's mode) are too.
    The connection is in autocommit mode; writes use :func:`transaction`.
    """
    if not path.exists():
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    private_file(path)
    conn: Connection
    if key_pragma is None:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=30, check_same_thread=False, factory=Connection
        )
        conn.row_factory = sqlite3.Row
    else:
        conn = sqlcipher.connect(
            str(path), isolation_level=None, timeout=30, check_same_thread=False,
            factory=CipherConnection,
        )
        conn.execute(key_pragma)
        conn.row_factory = sqlcipher.Row
        try:  # the first read is where a wrong key shows
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as e:
            conn.close()
            from storage.errors import DiskFull, is_disk_full

            if is_disk_full(e):
                raise DiskFull(str(path.parent), "mở thư mục làm việc",
                               "opening the workspace") from e
            raise StorageError(f"{path}: the database does not open with this key ({e})") from e
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("PRAGMA temp_store = MEMORY")
        # Every page read from disk is decrypted and authenticated: keep decrypted
        # pages in SQLite's own cache (the search index is read over and over).
        conn.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception.

    Nested use joins the outer transaction.
    """
    lock = getattr(conn, "write_lock", None) or contextlib.nullcontext()
    with lock:
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            # What must commit with every change (the report's summary rows, see
            # storage.reports.refresh): a workspace's connection names it.
            before_commit = getattr(conn, "before_commit", None)
            if before_commit is not None:
                before_commit(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply every migration above the current version (up to ``target``).

    Each migration runs in its own transaction together with the version bump,
    so a crash leaves the database at the previous version, never half-way.
    """
    current = schema_version(conn)
    known = migrations()
    newest = known[-1].version if known else 0
    if current > newest:
        raise StorageError(
            f"workspace schema version {current} is newer than this Sohoa ({newest}); "
            "update Sohoa to open it"
        )
    for migration in known:
        if migration.version <= current or (target is not None and migration.version > target):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process opening the same workspace may have just migrated it.
            current = schema_version(conn)
            if migration.version <= current:
                conn.execute("COMMIT")
                continue
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={migration.version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        current = migration.version
    return current


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.executescript would COMMIT on its own)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StorageError("incomplete SQL statement at the end of a migration")
    return statements
