"""Converting a plaintext workspace (from before encryption) in place, on first login.

The encrypted copy is built beside the old one in ``.converting/``, checked,
and only then swapped in; the key file is the last thing moved, so until it is
in place the old workspace is the workspace. Killed at any point, the next
start either finishes the swap or starts the copy again: nothing is lost.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from storage.accounts import KeyFile, check_name, check_password
from storage.blobs import BlobStore
from storage.crypto import DEFAULT_KDF, KdfParams, WorkspaceKeys, new_recovery_key
from storage.database import connect, migrate, schema_version
from storage.errors import StorageError
from storage.files import fsync_dir, private_mkdir
from storage.model import Account, Role
from storage.workspace import DB_NAME, Workspace, is_legacy, now_iso

STAGING = ".converting"
OLD = ".plaintext-old"
READY = "READY"
_SHA = re.compile(r"^[0-9a-f]{64}$")
#: What makes up a plaintext workspace; moved aside, then removed once the new one is in.
_OLD_PARTS = ("sohoa.db", "sohoa.db-wal", "sohoa.db-shm", "blobs", "records")

ProgressFn = Callable[[int, int, str], None]
_replace = os.replace  # the swap's renames (one name, so a test can cut the swap anywhere)


class ConversionError(StorageError):
    """The encrypted copy did not verify; the plaintext workspace is untouched."""


def convert_plaintext(
    root: Path,
    admin: str,
    password: str,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    on_progress: ProgressFn | None = None,
) -> str:
    """Encrypt the plaintext workspace at ``root``; ``admin`` is its first account.

    Returns the recovery key (show it once). The old event log becomes the
    first entries of the audit chain.
    """
    root = Path(root)
    finish_interrupted(root)
    if not is_legacy(root):
        raise StorageError(f"{root}: not a plaintext workspace")
    admin = check_name(admin)
    check_password(password)
    staging = root / STAGING
    if staging.exists():
        shutil.rmtree(staging)
    private_mkdir(staging)

    old = Workspace.open_plaintext(root)  # brings it to the current schema first
    try:
        version = schema_version(old.conn)
        shas = [name for name in old.blobs if _SHA.match(name)]
        events = old.conn.execute(
            "SELECT at, actor, action, subject, detail FROM event ORDER BY id").fetchall()
        counts = _counts(old.conn)
        old.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        old.close()

    keys = WorkspaceKeys.generate()
    recovery = new_recovery_key()
    _export_database(root / DB_NAME, staging / DB_NAME, keys, version)

    new = Workspace(staging, connect(staging / DB_NAME, keys.database_pragma()),
                    BlobStore(staging / "blobs", keys), keys, Account(admin, Role.ADMIN))
    try:
        migrate(new.conn)
        with new.transaction():
            new.conn.execute(
                "INSERT INTO account (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (admin, Role.ADMIN.value, now_iso(), now_iso()))
            for at, actor, action, subject, detail in events:
                dossier = subject.split(":", 1)[1] if str(subject).startswith("dossier:") else None
                new.audit.record(action, user=str(actor), at=str(at), item=subject,
                                 dossier=dossier, detail=detail)
        total = len(shas)
        plain_blobs = root / "blobs"
        for done, sha in enumerate(shas, 1):
            new.blobs.put_file(plain_blobs / sha[:2] / sha[2:], sha)
            if on_progress is not None:
                on_progress(done, total, "blobs")
        _verify(new, counts, shas)
        new.audit.record("workspace.encrypt",
                         detail=f"converted from plaintext: {total} blobs, "
                                f"{len(events)} earlier log entries")
    finally:
        new.close()

    keyfile = KeyFile.create(staging, keys, recovery)
    keyfile.set_password(admin, password, keys, kdf)
    keyfile.save()
    _mark_ready(staging)
    _swap(root)
    return recovery


def _counts(conn: object) -> dict[str, int]:
    tables = [r[0] for r in conn.execute(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    return {t: int(conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # type: ignore[attr-defined]
            for t in tables}


def _export_database(plain: Path, target: Path, keys: WorkspaceKeys, version: int) -> None:
    """SQLCipher's own copy of every table, index and trigger into a new encrypted file."""
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_RDWR | os.O_CREAT, 0o600))
    conn = sqlcipher.connect(str(plain), isolation_level=None)
    try:
        key = keys.database_pragma().split("=", 1)[1].strip()
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {key}", (str(target),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()


def _verify(new: Workspace, counts: dict[str, int], shas: list[str]) -> None:
    result = new.conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise ConversionError(f"the encrypted copy is damaged ({result}); nothing was changed")
    for table, count in counts.items():
        if table in ("audit", "account"):
            continue
        copied = new.conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        if copied != count:
            raise ConversionError(f"table {table}: {copied} rows copied of {count}; "
                                  "nothing was changed")
    for sha in shas:
        if not new.blobs.verify(sha):
            raise ConversionError(f"blob {sha[:12]} did not copy intact; nothing was changed")


def _mark_ready(staging: Path) -> None:
    fd = os.open(staging / READY, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(staging)


def _swap(root: Path) -> None:
    """Move the plaintext aside, the encrypted copy in, the key file last; then clean up."""
    staging, old = root / STAGING, root / OLD
    private_mkdir(old)
    for name in _OLD_PARTS:
        if (root / name).exists() and not (old / name).exists():
            _replace(root / name, old / name)
    fsync_dir(root)
    for name in (DB_NAME, "blobs"):
        if (staging / name).exists():
            _replace(staging / name, root / name)
    _replace(staging / "keys.json", root / "keys.json")  # from here on it is encrypted
    fsync_dir(root)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def finish_interrupted(root: Path) -> None:
    """After a kill: finish a swap that had begun, or drop a copy that had not got there."""
    staging, old = root / STAGING, root / OLD
    if (staging / READY).exists() and (staging / "keys.json").exists():
        _swap(root)
    elif staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
    if old.exists() and KeyFile.exists(root):
        shutil.rmtree(old, ignore_errors=True)
