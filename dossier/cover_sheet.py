"""The cover sheet a clerk prints and puts on top of a dossier's pages before scanning."""

from __future__ import annotations

from pathlib import Path

from capture import cover_sheet_pdf
from storage import atomic_write


def procedure_name(code: str | None) -> str | None:
    """The procedure's name from the catalogue, for the sheet; None when unknown."""
    if not code:
        return None
    try:
        from dossier.assembly import catalogue

        found = catalogue().get(code)
    except Exception:  # the catalogue is a nicety on the sheet, never a reason to fail
        return None
    return found.name if found is not None else None


def write_cover_sheet(out: Path, dossier: str | None, procedure: str | None) -> Path:
    """Write the cover sheet PDF (with its QR code) to ``out``, atomically."""
    pdf = cover_sheet_pdf(dossier, procedure, procedure_name=procedure_name(procedure))
    atomic_write(Path(out), pdf)
    return Path(out)
