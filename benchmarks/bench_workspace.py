"""Logged-in workspaces for the benchmarks: real encryption, real Argon2id parameters.

``open_bench_workspace(path)`` creates the workspace on first use; commands the
benchmarks start log in through ``SOHOA_USER``/``SOHOA_PASSWORD`` (set by
:func:`login_env`).
"""

from __future__ import annotations

import os
from pathlib import Path

from storage import Workspace
from storage.workspace import exists

BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-1"


def open_bench_workspace(root: Path, *, encrypted: bool = True) -> Workspace:
    root = Path(root)
    if not encrypted:
        return Workspace.open_plaintext(root)
    if not exists(root):
        return Workspace.create(root, BENCH_USER, BENCH_PASSWORD)[0]
    return Workspace.open(root, BENCH_USER, BENCH_PASSWORD)


def login_env() -> dict[str, str]:
    """This process's environment with the benchmark login, for ``sohoa`` subprocesses."""
    os.environ["SOHOA_USER"] = BENCH_USER
    os.environ["SOHOA_PASSWORD"] = BENCH_PASSWORD
    return dict(os.environ)


_PRAGMAS: dict[Path, str] = {}


def raw_connection(root: Path, timeout: float = 1.0):  # type: ignore[no-untyped-def]
    """A bare SQLCipher connection to a benchmark workspace's database (no audit entry,
    no clean-up): for watching a workspace another process works in. The key is
    unwrapped once per workspace and kept for the next look."""
    from storage.accounts import KeyFile
    from storage.database import connect

    root = Path(root)
    if root not in _PRAGMAS:
        keys = KeyFile.load(root).unlock(BENCH_USER, BENCH_PASSWORD)
        _PRAGMAS[root] = keys.database_pragma()
    conn = connect(root / "sohoa.db", _PRAGMAS[root])
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return conn


def ensure_workspace(root: Path) -> Path:
    """Create the benchmark workspace at ``root`` if there is none yet (as `sohoa init`)."""
    open_bench_workspace(root).close()
    return Path(root)
