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
