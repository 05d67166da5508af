"""What a dossier's electronic record is built from: plain dataclasses filled by callers.

``DossierSpec`` is made from page images and stored OCR words (workspace) or from fresh OCR.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PIL import Image

from records.errors import SpecError

# Dossier codes become file names: only characters that are safe on every file system.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
OFFICIAL_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


@dataclass(frozen=True)
class PageSpec:
    """One page: the original (bytes or image), its resolution and OCR words.

    ``rotation``/``skew`` are those recorded by OCR (``ocr.upright_image``) and are applied
    to make the page upright; give 0 for an image that is already upright. Word boxes are
    in the upright image's pixels.
    """

    image: bytes | Image.Image
    dpi: int | None
    words: Sequence[Any]
    mean_confidence: float | None = None
    rotation: int = 0
    skew: float = 0.0


@dataclass(frozen=True)
class DocumentSpec:
    """One document (a component of the dossier): its pages in order."""

    component_key: str | None
    component_name: str | None
    pages: Sequence[PageSpec]
    language: str = "vie"


@dataclass(frozen=True)
class ResultSpec:
    """The result a record holds (kết quả giải quyết TTHC), when the record is one.

    ``resolves_record``/``resolves_sha256`` name the package of the dossier it resolves.
    """

    result_code: str | None
    type_name: str | None
    number_symbol: str | None
    date_signed: date | None
    agency: str | None
    signer: str | None
    summary: str | None
    valid_until: date | None  # None: without limit
    holder_name: str | None
    holder_id: str | None
    resolves_code: str | None
    resolves_record: str | None = None
    resolves_sha256: str | None = None


@dataclass(frozen=True)
class ReusedSpec:
    """A component taken from the citizen's documents on file instead of being scanned again:
    stated in the manifest by reference and hash, not included."""

    component_key: str
    component_name: str
    source: str
    sha256: str
    valid_until: date | None = None


@dataclass(frozen=True)
class DossierSpec:
    """Everything the record states about a dossier; unknown values are ``None``."""

    documents: Sequence[DocumentSpec]
    digitised_by: str
    digitised_at: datetime
    dossier_code: str | None = None  # official code; a provisional id is made when absent
    provisional_id: str | None = None
    procedure_code: str | None = None
    procedure_name: str | None = None
    applicant_name: str | None = None
    applicant_id: str | None = None
    date_received: date | None = None
    agency_id: str | None = None
    components_present: Sequence[str] = field(default_factory=tuple)
    components_missing: Sequence[str] = field(default_factory=tuple)
    # Why the clerk sent the dossier although required components are missing.
    missing_reason: str | None = None
    # 1 for the first package of a dossier; a re-pack after one was sent is the next.
    version: int = 1
    supersedes: str | None = None  # file name of the sent package this one replaces
    reused: Sequence[ReusedSpec] = field(default_factory=tuple)
    result: ResultSpec | None = None
    record_name: str | None = None  # the package's name when not the dossier's code

    def package_name(self) -> str:
        """``<code>.zip`` for the first version, ``<code>.v<N>.zip`` for later ones."""
        code = self.record_id()
        return f"{code}.zip" if self.version <= 1 else f"{code}.v{self.version}.zip"

    @property
    def official(self) -> bool:
        return bool(self.dossier_code)

    def record_id(self) -> str:
        """The dossier code, else the given provisional id, else a deterministic local id."""
        code = (self.record_name or self.dossier_code or self.provisional_id
                or provisional_id(self))
        if not CODE_PATTERN.match(code):
            raise SpecError(
                f"{code}: mã hồ sơ có ký tự không dùng được trong tên tệp — "
                "dossier code has characters not usable in file names")
        return code


def page_bytes(page: PageSpec) -> bytes:
    """Stable bytes identifying a page's content (original bytes, or raw pixels)."""
    if isinstance(page.image, bytes):
        return page.image
    buf = io.BytesIO()
    buf.write(f"{page.image.mode}:{page.image.width}x{page.image.height}:".encode())
    buf.write(page.image.tobytes())
    return buf.getvalue()


def provisional_id(spec: DossierSpec) -> str:
    """``LOCAL-<YYMMDD>-<8 hex>``: receipt (or digitisation) date and a hash of the pages.

    The same pages give the same id, so re-packing an unchanged dossier names it the same.
    """
    day = spec.date_received or spec.digitised_at.date()
    digest = hashlib.sha256()
    for document in spec.documents:
        for page in document.pages:
            digest.update(hashlib.sha256(page_bytes(page)).digest())
    return f"LOCAL-{day:%y%m%d}-{digest.hexdigest()[:8]}"
