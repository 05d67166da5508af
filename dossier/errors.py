"""Errors of the dossier use cases."""

from __future__ import annotations


class DossierError(Exception):
    """A use case failed; the message is meant for people."""

    exit_code = 5


class RejectedFile(DossierError):
    """One input file cannot be imported; the rest of the batch goes on."""

    exit_code = 1

    def __init__(self, reason_vi: str, reason_en: str) -> None:
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        super().__init__(f"{reason_vi} — {reason_en}")


class NotFound(DossierError):
    exit_code = 5
