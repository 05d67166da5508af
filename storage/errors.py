"""Errors raised by the workspace."""

from __future__ import annotations

from failures import ExitCode, SohoaError


class StorageError(SohoaError):
    """A workspace operation failed; the message is meant for people."""

    exit_code = ExitCode.WORKSPACE


class WorkspaceLocked(StorageError):
    """Another Sohoa process holds the workspace's writer lock."""


class BlobMissing(StorageError):
    """A blob named in the database is not in the blob store."""


class DiskFull(StorageError):
    """The disk (or the database's room on it) ran out while writing ``item``.

    Whatever was being written is rolled back or removed; what was committed
    before stays, so the workspace is healthy and the work can be redone once
    there is room.
    """

    def __init__(self, item: str, doing_vi: str = "ghi", doing_en: str = "writing") -> None:
        self.item = item
        self.reason = (f"ổ đĩa đầy (hoặc không ghi được) khi {doing_vi}; phần đã xong vẫn được "
                       "giữ, hãy giải phóng chỗ trống rồi làm lại — the disk is full or cannot "
                       f"be written ({doing_en} stopped here; what was done before is kept; "
                       "free some space and run it again)")
        super().__init__(f"{item}: {self.reason}")


_DISK_FULL_ERRNOS = frozenset({28, 122})  # ENOSPC, EDQUOT (Linux); Windows maps to 28 too
_SQLITE_FULL_WORDS = ("database or disk is full", "disk i/o error")


def is_disk_full(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) is the disk or the database running out of room.

    SQLite reports a full disk as SQLITE_FULL, or as a disk I/O error when the
    write-ahead log cannot grow; both mean the same to the people at the desk.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DiskFull):
            return True
        if isinstance(current, OSError) and current.errno in _DISK_FULL_ERRNOS:
            return True
        if type(current).__module__ == "sqlite3" and any(
                w in str(current).lower() for w in _SQLITE_FULL_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False
