"""Errors of the tagging stage: one hierarchy, readable messages, CLI exit codes."""

from __future__ import annotations


class TaggingError(Exception):
    """Tagging failed; the message is meant for people (Vietnamese — English)."""

    exit_code = 5


class CatalogueError(TaggingError):
    """The procedure catalogue resource is missing or unreadable."""


class ModelError(TaggingError):
    """A saved document-type model could not be read or trained."""
