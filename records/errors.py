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
