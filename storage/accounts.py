"""Accounts, roles and the key file that lets each person unlock the workspace.

``keys.json`` (0600) holds, per user, the workspace key wrapped by a key
derived from the password (Argon2id), plus one copy wrapped by the recovery
key, and the failed-login counters (which must be readable before anyone has
unlocked anything). Who may do what (roles, disabled accounts) lives in the
encrypted database, where nobody can edit it without the key.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from failures import ExitCode
from storage.crypto import (
    DEFAULT_KDF,
    CryptoError,
    KdfParams,
    WorkspaceKeys,
    derive_password_key,
    recovery_kek,
    unwrap,
    wrap,
)
from storage.errors import StorageError
from storage.files import atomic_write

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

KEYS_NAME = "keys.json"
KEYFILE_FORMAT = 1
MIN_PASSWORD = 8
#: Failures in a row before a wait is imposed, and before the account locks.
SLOW_AFTER = 3
LOCK_AFTER = 5
LOCK_MINUTES = 15


class LoginError(StorageError):
    """No valid login: wrong password, unknown, disabled or locked account."""

    exit_code = ExitCode.WORKSPACE


class PermissionDenied(StorageError):
    """The logged-in account's role does not allow the action."""

    exit_code = ExitCode.WORKSPACE


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StorageError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự — the password must "
                           f"have at least {MIN_PASSWORD} characters")


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or any(ch.isspace() or ch in "/\\:" for ch in name):
        raise StorageError(f"{name!r}: tên tài khoản dài 1–64 ký tự, không có dấu cách — an "
                           "account name is 1–64 characters, no spaces")
    return name


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class KeyFile:
    """The wrapped copies of the workspace key, and the login counters."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    # Reading and writing -------------------------------------------------

    @classmethod
    def load(cls, root: Path) -> KeyFile:
        path = Path(root) / KEYS_NAME
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError as e:
            raise StorageError(f"{root}: no workspace here (no key file)") from e
        except (OSError, ValueError) as e:
            raise StorageError(f"{path}: the key file cannot be read ({e})") from e
        if data.get("format") != KEYFILE_FORMAT:
            raise StorageError(f"{path}: key file format {data.get('format')} is not known")
        return cls(path, data)

    @classmethod
    def exists(cls, root: Path) -> bool:
        return (Path(root) / KEYS_NAME).is_file()

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode())

    @classmethod
    @contextlib.contextmanager
    def editing(cls, root: Path) -> Iterator[KeyFile]:
        """Load, change and save under an exclusive lock (two logins at once lose nothing)."""
        lock_path = Path(root) / ".keys.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            keyfile = cls.load(root)
            before = json.dumps(keyfile.data, sort_keys=True)
            try:
                yield keyfile
            finally:
                # Saved on failure too (a wrong password must count), and only when
                # something changed: a plain login writes nothing, even on a full disk.
                if json.dumps(keyfile.data, sort_keys=True) != before:
                    keyfile.save()
        finally:
            os.close(fd)

    @classmethod
    def create(cls, root: Path, keys: WorkspaceKeys, recovery_key: str) -> KeyFile:
        data: dict[str, Any] = {
            "format": KEYFILE_FORMAT,
            "workspace": secrets.token_hex(8),
            "cipher": {"database": "sqlcipher4", "blobs": "aes-256-gcm-64k"},
            "users": {},
            "recovery": _b64(wrap(recovery_kek(recovery_key), keys.master, "recovery")),
            "lockout": {},
            "failed_logins": [],
        }
        return cls(Path(root) / KEYS_NAME, data)

    # Wrapped keys -------------------------------------------------------

    def set_password(self, name: str, password: str, keys: WorkspaceKeys,
                     kdf: KdfParams = DEFAULT_KDF) -> None:
        """Wrap the workspace key for ``name`` under a new password (no data re-encrypted)."""
        check_password(password)
        salt = secrets.token_bytes(16)
        kek = derive_password_key(password, salt, kdf)
        self.data["users"][name] = {
            "salt": _b64(salt), "kdf": kdf.to_json(), "wrapped": _b64(wrap(kek, keys.master, name)),
        }
        self.data["lockout"].pop(name, None)

    def remove(self, name: str) -> None:
        """A disabled account keeps no wrapped key: its password opens nothing any more."""
        self.data["users"][name] = {"disabled": True}
        self.data["lockout"].pop(name, None)

    def users(self) -> list[str]:
        return sorted(self.data["users"])

    def unlock(self, name: str, password: str) -> WorkspaceKeys:
        """The workspace keys, if ``password`` is ``name``'s. Counts failures."""
        entry = self.data["users"].get(name)
        if entry is None:
            self._failed(name, "unknown account")
            raise LoginError(f"{name}: không có tài khoản này — no such account")
        if entry.get("disabled"):
            self._failed(name, "disabled account")
            raise LoginError(f"{name}: tài khoản đã bị vô hiệu hóa — this account is disabled")
        wait = self.wait_seconds(name)
        if wait > 0:
            self._failed(name, "locked")
            raise LoginError(f"{name}: sai mật khẩu nhiều lần, hãy thử lại sau "
                             f"{_duration(wait)} — too many wrong passwords; try again in "
                             f"{_duration(wait)}")
        kek = derive_password_key(password, _unb64(entry["salt"]),
                                  KdfParams.from_json(entry["kdf"]))
        try:
            master = unwrap(kek, _unb64(entry["wrapped"]), name)
        except CryptoError as e:
            self._failed(name, "wrong password")
            raise LoginError(f"{name}: sai mật khẩu — wrong password") from e
        self.data["lockout"].pop(name, None)
        return WorkspaceKeys(master)

    def unlock_with_recovery(self, recovery_key: str) -> WorkspaceKeys:
        try:
            return WorkspaceKeys(unwrap(recovery_kek(recovery_key),
                                        _unb64(self.data["recovery"]), "recovery"))
        except CryptoError as e:
            self._failed("(recovery)", "wrong recovery key")
            raise LoginError("khóa khôi phục không đúng — wrong recovery key") from e

    def set_recovery(self, keys: WorkspaceKeys, recovery_key: str) -> None:
        self.data["recovery"] = _b64(wrap(recovery_kek(recovery_key), keys.master, "recovery"))

    # Failed logins ------------------------------------------------------

    def _failed(self, name: str, reason: str) -> None:
        now = _now()
        state = self.data["lockout"].setdefault(name, {"failures": 0})
        if reason != "locked":
            state["failures"] = int(state.get("failures", 0)) + 1
            state["last"] = now.isoformat()
        self.data["failed_logins"].append(
            {"user": name, "at": now.isoformat(), "reason": reason})
        # Kept only until the next login writes them into the audit log.
        del self.data["failed_logins"][:-1000]

    def wait_seconds(self, name: str) -> float:
        """How long ``name`` must wait before the next try (0 when it may try now)."""
        state = self.data["lockout"].get(name)
        if not state or int(state.get("failures", 0)) < SLOW_AFTER:
            return 0.0
        failures = int(state["failures"])
        pause = (LOCK_MINUTES * 60 if failures >= LOCK_AFTER
                 else 5 * 2 ** (failures - SLOW_AFTER))
        last = dt.datetime.fromisoformat(state["last"])
        return max(0.0, (last + dt.timedelta(seconds=pause) - _now()).total_seconds())

    def take_failed_logins(self) -> list[dict[str, str]]:
        taken = list(self.data.get("failed_logins", []))
        self.data["failed_logins"] = []
        return taken


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.999)
    return f"{seconds} s" if seconds < 120 else f"{-(-seconds // 60)} min"
