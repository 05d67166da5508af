"""One sender per workspace: the workspace's ``outbox`` lock (see storage.locks)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from storage.locks import FileLock, holding
from upload.errors import OutboxBusy

LOCK_NAME = "outbox.lock"


@contextlib.contextmanager
def outbox_lock(workspace_root: Path) -> Iterator[None]:
    """Hold the workspace's sending lock, or raise OutboxBusy at once."""
    # Kept at the workspace root, where earlier versions of Sohoa took it.
    lock = FileLock(Path(workspace_root) / LOCK_NAME)
    with holding(lock, "một tiến trình Sohoa khác đang gửi hàng đợi này — another Sohoa "
                 "process is already sending this outbox", error=OutboxBusy):
        yield
