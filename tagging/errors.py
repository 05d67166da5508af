"""Errors of the tagging stage: one hierarchy, readable messages, CLI exit codes."""

from __future__ import annotations

from failures import ExitCode, SohoaError


class TaggingError(SohoaError):
    """Tagging failed; the message is meant for people (Vietnamese — English)."""

    exit_code = ExitCode.FAILED


class CatalogueError(TaggingError):
    """The procedure catalogue resource is missing or unreadable."""


class ModelError(TaggingError):
    """A saved document-type model could not be read or trained."""
