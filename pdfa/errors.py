"""Errors of the PDF/A writer.

One hierarchy rooted in ``PdfaError``; each class carries the CLI exit code.
"""

from __future__ import annotations

from failures import ExitCode, SohoaError


class PdfaError(SohoaError):
    """A searchable PDF/A file could not be written."""

    exit_code: int = ExitCode.FAILED


class PdfaInputError(PdfaError):
    """The pages handed to the writer are unusable (no pages, bad dpi, empty image)."""

    exit_code: int = ExitCode.SOME_FAILED


class PdfaConformanceError(PdfaError):
    """The written file did not pass the PDF/A-2b check; nothing was left at the target."""
