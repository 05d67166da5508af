"""Errors of the upload stage: transient ones are retried, permanent ones fail the job.

Every message is for people: Vietnamese first, English after an em dash.
"""

from __future__ import annotations

from failures import ExitCode, SohoaError


class UploadError(SohoaError):
    """Root of the upload errors; ``exit_code`` is what ``sohoa`` exits with."""

    exit_code = ExitCode.FAILED


class ConfigError(UploadError):
    """Settings are missing or wrong (endpoint, window, credentials file)."""

    exit_code = ExitCode.USAGE


class CredentialsError(ConfigError):
    """Credentials could not be read safely."""


class OutboxBusy(UploadError):
    """Another Sohoa process is already sending this workspace's outbox."""

    exit_code = ExitCode.ITEMS_REMAIN


class TransferError(UploadError):
    """One request to the server went wrong."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class TransientError(TransferError):
    """Worth retrying later: timeouts, cut connections, 5xx, 423, 429."""


class PermanentError(TransferError):
    """Retrying will not help (4xx other than 404/409/410): the job fails with this reason."""


class UploadGone(TransferError):
    """404/410: the server no longer has this upload; start a fresh one."""


class OffsetConflict(TransferError):
    """409: the server's offset is not ours; ask it with HEAD and carry on."""


class ChecksumMismatch(TransferError):
    """The server received every byte but the sha256 did not match (460)."""


class Interrupted(UploadError):
    """The transfer was paused or stopped by the user, or its time ran out."""

    exit_code = ExitCode.ITEMS_REMAIN
