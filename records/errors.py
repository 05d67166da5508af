"""Errors of the electronic records stage.

One hierarchy rooted in ``RecordsError``; each class carries the CLI exit code.
"""

from __future__ import annotations

from failures import ExitCode, SohoaError


class RecordsError(SohoaError):
    """An electronic record could not be built or read."""

    exit_code: int = ExitCode.FAILED


class SpecError(RecordsError):
    """The dossier description is unusable (no documents, a page without image, bad code)."""

    exit_code: int = ExitCode.SOME_FAILED


class PackageInvalidError(RecordsError):
    """A freshly built package failed its own verification; nothing was put in place."""


class SigningError(RecordsError):
    """A record PDF could not be signed (nothing half-signed is kept)."""

    exit_code: int = ExitCode.FAILED


class KeyUnavailableError(SigningError):
    """The signing key cannot be used: token missing or unplugged, wrong PIN or passphrase.

    Whatever was signed before stays signed; the batch can resume once the key is back.
    """


class CertificateRefusedError(SigningError):
    """The signing certificate is expired or not yet valid: refused before signing."""
