"""One language per message: the side of a "Vietnamese — English" message the UI speaks."""

from __future__ import annotations

_SEPARATOR = " — "


def language() -> str:
    from desktop.preferences import app_settings

    return str(app_settings().value("language", "vi"))


def say(message: object) -> str:
    """An error or a "vi — en" text in the interface's language (the other side if alone)."""
    from failures import SohoaError

    if isinstance(message, SohoaError):
        return message.in_language(language())
    text = str(message)
    vietnamese, sep, english = text.partition(_SEPARATOR)
    if not sep:
        return text
    return english if language().startswith("en") else vietnamese
