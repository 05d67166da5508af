"""One sender per workspace: an OS file lock, released by the OS even after kill -9."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from upload.errors import OutboxBusy

LOCK_NAME = "outbox.lock"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
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


@contextlib.contextmanager
def outbox_lock(workspace_root: Path) -> Iterator[None]:
    """Hold the workspace's sending lock, or raise OutboxBusy at once."""
    handle = open(Path(workspace_root) / LOCK_NAME, "a+b")  # noqa: SIM115 — held for the block
    try:
        if not _try_lock(handle):
            raise OutboxBusy("một tiến trình Sohoa khác đang gửi hàng đợi này — another Sohoa "
                             "process is already sending this outbox")
        yield
    finally:
        handle.close()  # closing releases the lock
