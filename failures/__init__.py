"""What can go wrong, said once for every stage: the base error, the exit codes of the
command line and the one ``Cancelled``. It sits below every other package and imports none.
"""

from __future__ import annotations

import enum

# Messages are written "Vietnamese — English"; the interfaces show one side only.
_SEPARATOR = " — "


class ExitCode(enum.IntEnum):
    """Exit codes of the ``sohoa`` command (part of the stable command-line contract)."""

    OK = 0
    SOME_FAILED = 1  # some items failed; the rest were done
    USAGE = 2  # argparse's own code for bad arguments
    ITEMS_REMAIN = 3  # upload: the outbox is not empty
    WORKSPACE = 4  # the workspace could not be opened or written, or no valid login
    FAILED = 5  # the operation failed as a whole
    INTERRUPTED = 130


class SohoaError(Exception):
    """Root of every stage's errors: a message meant for people and an exit code.

    The message is ``"<Vietnamese> — <English>"`` (either side may be alone);
    :meth:`in_language` gives the one side an interface shows.
    """

    exit_code: int = ExitCode.FAILED

    @classmethod
    def bilingual(cls, vietnamese: str, english: str) -> SohoaError:
        return cls(f"{vietnamese}{_SEPARATOR}{english}")

    @property
    def vietnamese(self) -> str:
        return _split(str(self))[0]

    @property
    def english(self) -> str:
        return _split(str(self))[1]

    def in_language(self, language: str) -> str:
        """The message in ``language`` ("vi" or "en"), falling back to the other side."""
        return self.english if language.startswith("en") else self.vietnamese


class Cancelled(SohoaError):
    """A person stopped the work; raised between steps, never in the middle of a write."""

    exit_code = ExitCode.INTERRUPTED


def _split(message: str) -> tuple[str, str]:
    vietnamese, sep, english = message.partition(_SEPARATOR)
    if not sep:
        return message, message
    return vietnamese.strip(), english.strip()


__all__ = ["Cancelled", "ExitCode", "SohoaError"]
