"""Account management: add, list, disable, change or reset a password.

Every change is one audit entry; a password change re-wraps the workspace key
for that account only, no data is re-encrypted.
"""

from __future__ import annotations

from storage.accounts import KeyFile, check_name, check_password
from storage.audit import Outcome
from storage.crypto import DEFAULT_KDF, KdfParams, WorkspaceKeys
from storage.errors import StorageError
from storage.model import Account, Role
from storage.workspace import Workspace, now_iso


def _keys(ws: Workspace) -> WorkspaceKeys:
    if ws.keys is None:
        raise StorageError("this workspace is not encrypted: it has no accounts")
    return ws.keys


def list_users(ws: Workspace) -> list[Account]:
    return [Account(r[0], Role(r[1]), bool(r[2]), r[3]) for r in ws.conn.execute(
        "SELECT name, role, disabled, created_at FROM account ORDER BY name")]


def add_user(ws: Workspace, name: str, role: Role, password: str,
             kdf: KdfParams = DEFAULT_KDF) -> Account:
    ws.require(Role.ADMIN, action="user.add")
    name = check_name(name)
    check_password(password)
    keys = _keys(ws)
    if ws.account_row(name) is not None:
        ws.audit.record("user.add", item=f"user:{name}", outcome=Outcome.REFUSED,
                        detail="the account exists")
        raise StorageError(f"{name}: this account already exists")
    with KeyFile.editing(ws.root) as keyfile:
        keyfile.set_password(name, password, keys, kdf)
    with ws.transaction():
        ws.conn.execute(
            "INSERT INTO account (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (name, role.value, now_iso(), now_iso()))
        ws.audit.record("user.add", item=f"user:{name}", detail=f"role {role}")
    account = ws.account_row(name)
    assert account is not None
    return account


def _existing(ws: Workspace, name: str) -> Account:
    account = ws.account_row(name)
    if account is None:
        raise StorageError(f"{name}: no such account")
    return account


def disable_user(ws: Workspace, name: str) -> None:
    ws.require(Role.ADMIN, action="user.disable")
    account = _existing(ws, name)
    if account.role == Role.ADMIN:
        admins = [a for a in list_users(ws) if a.role == Role.ADMIN and not a.disabled]
        if len(admins) <= 1:
            raise StorageError(f"{name}: the last admin cannot be disabled")
    with ws.transaction():
        ws.conn.execute("UPDATE account SET disabled = 1, updated_at = ? WHERE name = ?",
                        (now_iso(), name))
        ws.audit.record("user.disable", item=f"user:{name}")
    with KeyFile.editing(ws.root) as keyfile:
        keyfile.remove(name)


def change_password(ws: Workspace, name: str, password: str,
                    kdf: KdfParams = DEFAULT_KDF) -> None:
    account = _existing(ws, name)
    if account.disabled:
        raise StorageError(f"{name}: this account is disabled")
    check_password(password)
    keys = _keys(ws)
    with KeyFile.editing(ws.root) as keyfile:
        keyfile.set_password(name, password, keys, kdf)
    ws.audit.record("user.passwd", item=f"user:{name}")


def reset_user(ws: Workspace, name: str, password: str,
               kdf: KdfParams = DEFAULT_KDF) -> None:
    """A new password (with the recovery key or as admin); unlocks and re-enables the account."""
    _existing(ws, name)
    check_password(password)
    keys = _keys(ws)
    with KeyFile.editing(ws.root) as keyfile:
        keyfile.set_password(name, password, keys, kdf)
    with ws.transaction():
        ws.conn.execute("UPDATE account SET disabled = 0, updated_at = ? WHERE name = ?",
                        (now_iso(), name))
        ws.audit.record("user.reset", item=f"user:{name}")
