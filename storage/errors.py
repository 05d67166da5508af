"""Errors raised by the workspace."""

from __future__ import annotations


class StorageError(Exception):
    """A workspace operation failed; the message is meant for people."""

    exit_code = 4


class WorkspaceLocked(StorageError):
    """Another Sohoa process holds the workspace's writer lock."""


class BlobMissing(StorageError):
    """A blob named in the database is not in the blob store."""
