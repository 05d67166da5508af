"""Workspace locks: one holder per kind of work, released by the OS even after kill -9.

A lock is an OS file lock (``flock``; ``msvcrt.locking`` on Windows) on a file
in the workspace. Each open handle is its own holder, so two threads of one
process exclude each other as two processes do.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from storage.errors import WorkspaceLocked

LOCK_DIR = "locks"
IMPORT = "import"
POLL_SECONDS = 0.2


def lock_path(root: Path, name: str) -> Path:
    return Path(root) / LOCK_DIR / f"{name}.lock"


def batch_lock_name(batch_id: int) -> str:
    return f"batch-{batch_id}"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class FileLock:
    """One holder of one lock file; ``acquire`` may wait, ``release`` (or close) frees it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, wait: float | None = 0.0,
                on_wait: Callable[[], None] | None = None) -> bool:
        """Take the lock; wait up to ``wait`` seconds (None: as long as it takes).

        ``on_wait`` is called once, when the lock turns out to be held by another.
        """
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 — kept open while held
        deadline = None if wait is None else time.monotonic() + wait
        told = False
        while not _try_lock(handle):
            if deadline is not None and time.monotonic() >= deadline:
                handle.close()
                return False
            if not told and on_wait is not None:
                on_wait()
            told = True
            time.sleep(POLL_SECONDS)
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the lock
            self._handle = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def work_lock(root: Path, name: str) -> FileLock:
    """The workspace's lock for one kind of work (``import``, ``batch-7``, …), not yet taken."""
    return FileLock(lock_path(root, name))


@contextlib.contextmanager
def holding(lock: FileLock, busy: str, *, wait: float | None = 0.0,
            on_wait: Callable[[], None] | None = None,
            error: type[Exception] = WorkspaceLocked) -> Iterator[FileLock]:
    """Hold ``lock`` for the block, or raise ``error(busy)`` when it stays taken."""
    if not lock.acquire(wait, on_wait):
        raise error(busy)
    try:
        yield lock
    finally:
        lock.release()


def is_busy(root: Path, name: str) -> bool:
    """Whether another holder (this process or another) has the lock right now."""
    probe = work_lock(root, name)
    if not probe.path.exists():
        return False
    if probe.acquire(0):
        probe.release()
        return False
    return True
