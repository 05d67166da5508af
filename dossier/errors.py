"""Errors of the dossier use cases."""

from __future__ import annotations

from failures import ExitCode, SohoaError


class DossierError(SohoaError):
    """A use case failed; the message is meant for people."""

    exit_code = ExitCode.FAILED


class RejectedFile(DossierError):
    """One input file cannot be imported; the rest of the batch goes on."""

    exit_code = ExitCode.SOME_FAILED

    def __init__(self, reason_vi: str, reason_en: str, *, kind: str = "refused") -> None:
        self.reason_vi = reason_vi
        self.reason_en = reason_en
        # "unknown": the content is no picture or PDF at all (a text file, a document).
        self.kind = kind
        super().__init__(f"{reason_vi} — {reason_en}")


class NotFound(DossierError):
    exit_code = ExitCode.FAILED
