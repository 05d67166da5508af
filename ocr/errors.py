"""Errors of the OCR stage, one hierarchy rooted in ``OcrError``.

Messages are Vietnamese first, English after an em dash; each class carries its CLI exit code.
"""

from __future__ import annotations

from failures import ExitCode, SohoaError


class OcrError(SohoaError):
    """A page could not be recognised; the message names the reason."""

    exit_code: int = ExitCode.SOME_FAILED


class BadImageError(OcrError):
    """The bytes are not a usable page image (empty, corrupt, truncated, too large, unknown)."""


class TesseractError(OcrError):
    """Tesseract is missing or failed on the page."""


class OcrTimeoutError(OcrError):
    """Tesseract did not finish the page in time."""


class PageDeadlineError(OcrTimeoutError):
    """The page outlived its deadline in the worker, which was stopped."""
