"""Opening, creating, converting and unlocking a workspace: the session the front ends hold.

The desktop and the command line keep a :class:`Workspace` as an opaque handle and pass it to
the use cases of this package; what a workspace is made of stays in ``storage/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storage import (
    BlobMissing,
    DiskFull,
    LoginError,
    NeedsMigration,
    PermissionDenied,
    StorageError,
    Workspace,
    WorkspaceMissing,
    current_actor,
    default_workspace_path,
    is_disk_full,
)
from storage.accounts import KeyFile
from storage.workspace import exists as workspace_exists
from storage.workspace import is_legacy

__all__ = [
    "BlobMissing",
    "DiskFull",
    "LoginError",
    "NeedsMigration",
    "PermissionDenied",
    "StorageError",
    "Workspace",
    "WorkspaceMissing",
    "convert_plaintext",
    "create_workspace",
    "current_actor",
    "default_workspace_path",
    "is_disk_full",
    "is_legacy",
    "open_with_recovery",
    "open_workspace",
    "unlock",
    "workspace_exists",
]


def open_workspace(root: Path, user: str, password: str) -> Workspace:
    """Log in to the workspace at ``root``. Raises :class:`LoginError` or :class:`StorageError`."""
    return Workspace.open(Path(root), user, password)


def open_with_recovery(root: Path, recovery_key: str) -> Workspace:
    """Open the workspace with its recovery key (the admin's way back in)."""
    return Workspace.open_with_recovery(Path(root), recovery_key)


def create_workspace(root: Path, admin: str, password: str) -> tuple[Workspace, str]:
    """A new encrypted workspace with its admin account; returns it and its recovery key."""
    return Workspace.create(Path(root), admin, password)


def convert_plaintext(root: Path, admin: str, password: str,
                      on_progress: Callable[[int, int, str], None] | None = None) -> str:
    """Encrypt a workspace made before accounts existed; returns the new recovery key."""
    from storage.migrate_plaintext import convert_plaintext as convert

    return convert(Path(root), admin, password, on_progress=on_progress)


def unlock(ws: Workspace, password: str) -> None:
    """Check the logged-in person's password again after the screen locked. Audited.

    Raises :class:`StorageError` (with the reason) when the password does not open this
    workspace's key.
    """
    try:
        with KeyFile.editing(ws.root) as keyfile:
            keys = keyfile.unlock(ws.account.name, password)
        if ws.keys is None or keys.master != ws.keys.master:
            raise StorageError("the key does not match this workspace")
    except StorageError as e:
        ws.audit.record("unlock", outcome="refused", detail=str(e))
        raise
    ws.audit.record("unlock")
