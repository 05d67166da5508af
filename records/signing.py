"""The seam for the agency's digital signature (PAdES) on each record PDF.

Signing must come after PDF/A conversion and before the file is hashed into the bag.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from records.spec import DocumentSpec, DossierSpec


class Signer(Protocol):
    """Signs one written PDF/A file in place (e.g. a PAdES incremental update).

    Called by ``pack_dossier`` once per document, after the PDF/A file is written and
    before its sha256 goes into the manifest and the bag, so the signed bytes are the ones
    recorded. A signer must keep the file PDF/A-2b (the package is verified afterwards) and
    must be deterministic if byte-identical re-packs are wanted.
    """

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None: ...


class NoSigner:
    """The default: records are not signed (signing is the agency's step)."""

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        del pdf, dossier, document
