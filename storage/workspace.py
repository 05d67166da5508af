"""The workspace: one private folder holding the encrypted database and blob store.

Opening one needs a login (or the recovery key); what it unlocks — the
workspace keys, the account and its role, the audit log — travels with the
open :class:`Workspace`, never through globals or the environment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import ClassVar

import platformdirs

from storage.accounts import KeyFile, LoginError, PermissionDenied, check_name
from storage.audit import AuditLog, Outcome
from storage.blobs import BlobStore
from storage.crypto import DEFAULT_KDF, KdfParams, WorkspaceKeys, new_recovery_key
from storage.database import DatabaseError, connect, migrate, transaction
from storage.errors import DiskFull, StorageError, is_disk_full
from storage.files import private_mkdir
from storage.model import Account, Role

DB_NAME = "sohoa.db"
PRIVATE_TMP = "tmp"
#: The audit log's actor for actions done with the recovery key.
RECOVERY_ACTOR = "(recovery)"



class _PrivateTmp:
    """The process's temp folder while workspaces point it into themselves.

    Workspaces may open and close in any order (an in-process command inside the app, two
    tests): the folder in use is always the newest still-open workspace's, or the
    process's own once none is left, never a closed workspace's folder.
    """

    _before: ClassVar[tuple[str | None, str | None] | None] = None
    _active: ClassVar[list[tuple[int, str]]] = []

    @classmethod
    def push(cls, ws: object, folder: Path) -> None:
        if cls._before is None:
            cls._before = (os.environ.get("TMPDIR"), tempfile.tempdir)
        cls._active = [entry for entry in cls._active if entry[0] != id(ws)]
        cls._active.append((id(ws), str(folder)))
        cls._apply()

    @classmethod
    def pop(cls, ws: object) -> None:
        if not any(entry[0] == id(ws) for entry in cls._active):
            return
        cls._active = [entry for entry in cls._active if entry[0] != id(ws)]
        cls._apply()

    @classmethod
    def _apply(cls) -> None:
        if cls._active:
            folder = cls._active[-1][1]
            os.environ["TMPDIR"] = folder
            tempfile.tempdir = folder
            return
        if cls._before is None:
            return
        environ_tmp, module_tmp = cls._before
        cls._before = None
        if environ_tmp is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = environ_tmp
        tempfile.tempdir = module_tmp


class WorkspaceMissing(StorageError):
    """There is no workspace at the path: ``sohoa init`` makes one."""


class NeedsMigration(StorageError):
    """A plaintext workspace from an earlier Sohoa: convert it (on first login)."""


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
    """Kept for callers that have no workspace at hand; the audit log uses the login."""
    return os.environ.get("SOHOA_USER") or "unknown"


def is_legacy(root: Path) -> bool:
    """A plaintext workspace made before accounts and encryption."""
    return (root / DB_NAME).is_file() and not KeyFile.exists(root)


def exists(root: Path) -> bool:
    """A workspace is here (or a conversion of one was cut short and will finish)."""
    root = Path(root)
    return (KeyFile.exists(root) or (root / DB_NAME).is_file()
            or (root / ".converting" / "READY").is_file())


class Workspace:
    """An open workspace. Pass it to the functions that need it; never a global."""

    def __init__(
        self,
        root: Path,
        conn: sqlite3.Connection,
        blobs: BlobStore,
        keys: WorkspaceKeys | None = None,
        account: Account | None = None,
    ) -> None:
        self.root = root
        self.conn = conn
        self.blobs = blobs
        self.keys = keys
        self.account = account or Account(RECOVERY_ACTOR, Role.ADMIN)
        audit_key = keys.audit if keys is not None else b"plaintext workspace"
        self.audit = AuditLog(conn, audit_key, self.account.name)
        self.tmp = root / PRIVATE_TMP

    # Opening -----------------------------------------------------------

    @classmethod
    def create(
        cls, root: Path | str, admin: str, password: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Workspace, str]:
        """A new encrypted workspace with ``admin``; returns it and the recovery key."""
        root = Path(root)
        if exists(root):
            raise StorageError(f"{root}: đã có thư mục làm việc ở đây — a workspace already "
                               "exists here")
        admin = check_name(admin)
        keys = WorkspaceKeys.generate()
        recovery = new_recovery_key()
        private_mkdir(root)
        keyfile = KeyFile.create(root, keys, recovery)
        keyfile.set_password(admin, password, keys, kdf)
        keyfile.save()
        ws = cls._unlocked(root, keys, None)
        with ws.transaction():
            ws.conn.execute(
                "INSERT INTO account (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (admin, Role.ADMIN.value, now_iso(), now_iso()),
            )
            ws.account = Account(admin, Role.ADMIN)
            ws.audit.user = admin
            ws.audit.record("workspace.create", detail="encrypted workspace created")
            ws.audit.record("user.add", item=f"user:{admin}", detail="role admin")
        return ws, recovery

    @classmethod
    def open(
        cls, root: Path | str | None = None, user: str | None = None,
        password: str | None = None,
    ) -> Workspace:
        """Log in as ``user`` and open the workspace. :class:`LoginError` when that fails."""
        root = Path(root) if root is not None else default_workspace_path()
        if (root / ".converting").exists():
            from storage.migrate_plaintext import finish_interrupted

            finish_interrupted(root)
        if not exists(root):
            raise WorkspaceMissing(
                f"{root}: chưa có thư mục làm việc ở đây — no workspace here; create one with: "
                "sohoa init --admin NAME")
        if is_legacy(root):
            raise NeedsMigration(
                f"{root}: this workspace is from an earlier Sohoa and is not encrypted; "
                "log in to convert it")
        if not user:
            raise LoginError("chưa có tên đăng nhập — no user given: use --user NAME or set "
                             "SOHOA_USER")
        if password is None:
            raise LoginError(f"{user}: chưa có mật khẩu — no password (set SOHOA_PASSWORD or run "
                             "on a terminal)")
        with KeyFile.editing(root) as keyfile:
            try:
                keys = keyfile.unlock(user, password)
                failures = keyfile.take_failed_logins()
            except LoginError:
                raise
        ws = cls._unlocked(root, keys, None)
        try:
            account = ws.account_row(user)
            ws.record_failed_logins(failures)
            if account is None or account.disabled:
                ws.audit.record("login", item=f"user:{user}", outcome=Outcome.REFUSED,
                                user=user, detail="disabled account")
                raise LoginError(f"{user}: tài khoản đã bị vô hiệu hóa — this account is disabled")
            ws.account = account
            ws.audit.user = account.name
            ws.audit.record("login", item=f"user:{user}", detail=f"role {account.role}")
        except BaseException as e:
            ws.close()
            if isinstance(e, Exception) and not isinstance(e, StorageError) and is_disk_full(e):
                raise DiskFull(str(root), "đăng nhập", "logging in") from e
            raise
        return ws

    @classmethod
    def open_with_recovery(cls, root: Path | str, recovery_key: str) -> Workspace:
        """Open with the recovery key (to reset a forgotten password); acts as admin."""
        root = Path(root)
        if not KeyFile.exists(root):
            raise WorkspaceMissing(f"{root}: no encrypted workspace here")
        with KeyFile.editing(root) as keyfile:
            keys = keyfile.unlock_with_recovery(recovery_key)
            failures = keyfile.take_failed_logins()
        ws = cls._unlocked(root, keys, Account(RECOVERY_ACTOR, Role.ADMIN))
        ws.record_failed_logins(failures)
        ws.audit.record("login.recovery", detail="opened with the recovery key")
        return ws

    @classmethod
    def open_plaintext(cls, root: Path | str) -> Workspace:
        """An unencrypted workspace (one made before encryption, or for comparisons).

        No accounts and no audit chain key: only for converting old workspaces
        and for measuring what encryption costs.
        """
        root = Path(root)
        if KeyFile.exists(root):
            raise StorageError(f"{root}: this workspace is encrypted; log in to open it")
        ws = cls._unlocked(root, None, Account("(plaintext)", Role.ADMIN))
        return ws

    @classmethod
    def _unlocked(cls, root: Path, keys: WorkspaceKeys | None,
                  account: Account | None) -> Workspace:
        try:
            private_mkdir(root)
            conn = connect(root / DB_NAME, keys.database_pragma() if keys else None)
            migrate(conn)
            _keep_report_summary(conn)
        except DatabaseError as e:
            if is_disk_full(e):
                raise DiskFull(str(root), "mở thư mục làm việc", "opening the workspace") from e
            raise StorageError(f"{root}: cannot open the workspace database ({e})") from e
        except OSError as e:
            if is_disk_full(e):
                raise DiskFull(str(root), "mở thư mục làm việc", "opening the workspace") from e
            raise StorageError(f"{root}: cannot open the workspace ({e.strerror})") from e
        blobs = BlobStore(root / "blobs", keys)
        blobs.clean_temporary()
        ws = cls(root, conn, blobs, keys, account)
        ws.clean_leftovers()
        return ws

    def connect_again(self) -> Workspace:
        """The same workspace and login on a new database connection (for a worker thread).

        Does not clean temporary files: other threads may be writing them.
        """
        keys = self.keys
        conn = connect(self.root / DB_NAME, keys.database_pragma() if keys else None)
        _keep_report_summary(conn, catch_up=False)
        return Workspace(self.root, conn, BlobStore(self.root / "blobs", keys), keys,
                         self.account)

    def close(self) -> None:
        self.conn.close()
        self._closed = True
        self._restore_tmp()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called (a window's timers ask before they look)."""
        return getattr(self, "_closed", False)

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

    @property
    def encrypted(self) -> bool:
        return self.keys is not None

    # Private temporary files ---------------------------------------------

    def private_tmp(self) -> Path:
        """A 0700 folder inside the workspace for this process's temporary files.

        Page images handed to tools that want files (Tesseract, PDF writers)
        go here, never to the system's temp folder; it is emptied at the next
        start if this process dies.
        """
        folder = self.tmp / f"p{os.getpid()}"
        private_mkdir(folder)
        return folder

    def use_private_tmp(self) -> Path:
        """Point this process's (and its children's) temp folder at :meth:`private_tmp`."""
        folder = self.private_tmp()
        _PrivateTmp.push(self, folder)
        return folder

    def _restore_tmp(self) -> None:
        """Give the process its temp folder back once this workspace is closed (the private
        one may go with the workspace; code run later in the process still needs one)."""
        _PrivateTmp.pop(self)

    def clean_leftovers(self) -> None:
        """Remove what killed runs left: other processes' temp folders and staging folders."""
        private_mkdir(self.tmp)
        for entry in list(self.tmp.iterdir()):
            if entry.name.startswith("p") and entry.name[1:].isdigit():
                pid = int(entry.name[1:])
                if pid != os.getpid() and _alive(pid):
                    continue
            _remove(entry)
        for parent in (self.root, self.root / "records"):
            if parent.is_dir():
                for entry in list(parent.glob(".staging-*")):
                    _remove(entry)

    # Accounts --------------------------------------------------------------

    def account_row(self, name: str) -> Account | None:
        row = self.conn.execute(
            "SELECT name, role, disabled, created_at FROM account WHERE name = ?", (name,)
        ).fetchone()
        return Account(row[0], Role(row[1]), bool(row[2]), row[3]) if row else None

    def require_work(self, action: str) -> None:
        """Refuse (and log) a change to dossiers by an account that only reads (a leader)."""
        from storage.model import WORK_ROLES

        self.require(*WORK_ROLES, action=action)

    def require(self, *roles: Role, action: str = "this") -> None:
        """Refuse (and log) an action the logged-in account's role does not allow."""
        if self.account.role in roles:
            return
        self.audit.record(action, outcome=Outcome.REFUSED, detail=f"role {self.account.role}")
        allowed = " or ".join(str(r) for r in roles)
        raise PermissionDenied(
            f"{self.account.name}: vai trò {self.account.role} không được phép làm việc này "
            f"({action}) — a {self.account.role} may not do {action} ({allowed} only)")

    def record_failed_logins(self, failures: Iterable[dict[str, str]]) -> None:
        """Write failed logins (kept in the key file until now) into the audit log."""
        for failure in failures:
            self.audit.record("login", item=f"user:{failure['user']}", user=failure["user"],
                              outcome=Outcome.REFUSED, detail=failure["reason"],
                              at=failure["at"])

    # Audit log -----------------------------------------------------------

    def log(
        self,
        action: str,
        subject: str | None = None,
        detail: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Record who did what; call inside the transaction of the change it describes.

        ``subject`` is the item (``dossier:7``, ``page:3``…); richer entries
        use :meth:`AuditLog.record` directly.
        """
        dossier = None
        if subject and subject.startswith("dossier:"):
            dossier = subject.split(":", 1)[1]
        self.audit.record(action, dossier=dossier, item=subject, detail=detail)

    # Settings ------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def settings(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.conn.execute(
            "SELECT key, value FROM setting ORDER BY key")}

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.conn):
            old = self.get_setting(key)
            self.conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            if key.startswith(_UI_STATE):
                return  # where the window was left, not a setting anyone changed
            shown = value if not _secret_setting(key) else "(hidden)"
            before = old if not _secret_setting(key) else "(hidden)"
            self.audit.record("setting.change", item=key, detail=f"{before!s} → {shown}")


#: Keys that hold the window's state (last section, drafts), kept out of the audit log.
_UI_STATE = ("ui.", "draft.")


def _secret_setting(key: str) -> bool:
    return any(word in key.lower() for word in ("password", "pin", "secret", "token"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _keep_report_summary(conn: sqlite3.Connection, *, catch_up: bool = True) -> None:
    """Have every transaction of ``conn`` bring the report's summary up to date before it
    commits; with ``catch_up``, first compute what is marked already (a migration's backfill,
    an outside writer's changes)."""
    from storage import reports

    conn.before_commit = reports.refresh  # type: ignore[attr-defined]
    if catch_up and reports.pending(conn):
        with transaction(conn):
            pass  # the commit refreshes
