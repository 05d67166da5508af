"""Logged-in workspaces for tests: one call gives a real encrypted workspace.

Argon2id is run with small parameters here (they are stored with each
wrapped key, so logins read them back); the real ones are measured by
``benchmarks/security_login.py``.
"""

from __future__ import annotations

from pathlib import Path

from storage import KdfParams, Workspace
from storage.workspace import exists

TEST_USER = "admin"
TEST_PASSWORD = "mat-khau-thu-1"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def make_workspace(root: Path, user: str = TEST_USER,
                   password: str = TEST_PASSWORD) -> tuple[Workspace, str]:
    """A new encrypted workspace with ``user`` as admin; returns it and its recovery key."""
    return Workspace.create(Path(root), user, password, kdf=FAST_KDF)


def open_workspace(root: Path, user: str = TEST_USER,
                   password: str = TEST_PASSWORD) -> Workspace:
    """Log in to the workspace at ``root``, creating it first when there is none."""
    root = Path(root)
    if not exists(root):
        ws, _ = make_workspace(root, user, password)
        return ws
    return Workspace.open(root, user, password)


def init_workspace(root: Path) -> Path:
    """Create a workspace for CLI tests (which log in through SOHOA_USER/SOHOA_PASSWORD)."""
    if not exists(Path(root)):
        make_workspace(root)[0].close()
    return Path(root)


def login_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (or a copy of os.environ) with the test login set, for subprocesses."""
    import os

    result = dict(os.environ if env is None else env)
    result["SOHOA_USER"] = TEST_USER
    result["SOHOA_PASSWORD"] = TEST_PASSWORD
    return result


def raw_connection(root: Path, password: str = TEST_PASSWORD, user: str = TEST_USER):  # type: ignore[no-untyped-def]
    """A bare SQLCipher connection to the workspace database, opening nothing else
    (no clean-up, no audit entry): for watching a workspace another process works in."""
    from storage.accounts import KeyFile
    from storage.database import connect

    keys = KeyFile.load(Path(root)).unlock(user, password)  # not saved: counts nothing
    return connect(Path(root) / "sohoa.db", keys.database_pragma())
