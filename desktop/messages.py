"""Messages from the stages below, shown to a clerk in one language with the detail apart.

The stages write their messages for people as ``"<item>: <Vietnamese> — <English>"``;
the window shows the half of the interface's language, without technical asides such
as ``(POST: [Errno 111] Connection refused)``, which go behind "Chi tiết".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

SEPARATOR = " — "
# Parenthesised asides that name programs, options or system errors, not things a clerk knows.
_TECHNICAL = re.compile(
    r"\s*\((?=[^()]*(?:Errno|errno|HTTP|POST|PATCH|HEAD|GET|--|\.py|Error|error|"
    r"\bSSL\b|\bTLS\b|upload\.|signing\.|records\.))[^()]*\)")


@dataclass(frozen=True)
class Plain:
    text: str            # for the clerk, in the interface's language
    detail: str | None   # the whole original message, when text leaves something out


def language() -> str:
    """The interface's language: "en" when the English translation is installed."""
    # The English catalogue translates this marker to "en"; without it stays "vi".
    return "en" if QCoreApplication.translate("Language", "vi") == "en" else "vi"


def split_languages(message: str, lang: str) -> str:
    """The half of a "Vietnamese — English" message in ``lang`` (the whole when not two)."""
    if SEPARATOR not in message:
        return message
    head, english = message.rsplit(SEPARATOR, 1)
    if not english.strip() or not english.isascii():
        return message  # not a translation: a dash inside one language
    if lang == "en":
        # Keep a leading "item: " (a file or package name) with the English half.
        item = head.split(": ", 1)[0] + ": " if ": " in head else ""
        return item + english
    return head


def plain(error: object, lang: str | None = None) -> Plain:
    message = str(error).strip()
    chosen = split_languages(message, lang or language())
    text = _TECHNICAL.sub("", chosen).strip()
    if text and ":" not in text.split(" ", 1)[0]:  # a sentence, not "FILE: reason"
        text = text[0].upper() + text[1:]
    return Plain(text or message, message if text != message else None)
