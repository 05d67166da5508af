"""Outbox and resumable upload: tus 1.0.0 to the provincial server, or export to USB.

Each package reaches the server exactly once, however often the link is cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from failures import ExitCode
from storage import Workspace, outbox, sha256_file
from storage.model import OutboxCounts, OutboxJob
from storage.outbox import AddOutcome
from upload.credentials import AuthKind, Credentials, load_credentials, store_secret
from upload.errors import (
    ConfigError,
    CredentialsError,
    Interrupted,
    OutboxBusy,
    PermanentError,
    TransientError,
    UploadError,
)
from upload.export import ExportError, ExportResult, export_pending
from upload.link import SendingWindow, TokenBucket, TransferControl, backoff_delay
from upload.metadata import PackageMetadata, package_metadata
from upload.progress import EventKind, ProgressCallback, UploadEvent
from upload.sender import RunResult, StopReason, Uploader, UploadOptions
from upload.settings import load_options
from upload.tus import Timeouts, TusClient, check_endpoint, shown_url


class PackageError(UploadError):
    """A package given to the outbox cannot be read."""

    exit_code = ExitCode.SOME_FAILED


@dataclass(frozen=True)
class QueuedPackage:
    path: Path
    job: OutboxJob
    outcome: AddOutcome


def queue_package(ws: Workspace, path: Path) -> QueuedPackage:
    """Add one package to the outbox (once per sha256), copying it into the workspace."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path}: không tìm thấy tệp gói — package file not found")
    try:
        size = path.stat().st_size
        sha = sha256_file(path)
    except OSError as e:
        raise PackageError(f"{path}: không đọc được gói ({e.strerror}) — cannot read the "
                           "package") from e
    if size == 0:
        raise PackageError(f"{path}: tệp rỗng (0 byte) — empty file (0 bytes)")
    meta = package_metadata(ws, path, sha)
    added = outbox.add(ws, path, meta.as_tus(), sha256=sha)
    return QueuedPackage(path, added.job, added.outcome)


__all__ = [
    "AddOutcome", "AuthKind", "ConfigError", "Credentials", "CredentialsError", "EventKind",
    "ExportError", "ExportResult", "Interrupted", "OutboxBusy", "OutboxCounts", "OutboxJob",
    "PackageError", "PackageMetadata", "PermanentError", "ProgressCallback", "QueuedPackage",
    "RunResult", "SendingWindow", "StopReason", "Timeouts", "TokenBucket", "TransferControl",
    "TransientError", "TusClient", "UploadError", "UploadEvent", "UploadOptions", "Uploader",
    "backoff_delay", "check_endpoint", "export_pending", "load_credentials", "load_options",
    "package_metadata", "queue_package", "shown_url", "store_secret",
]
