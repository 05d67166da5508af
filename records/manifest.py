"""The record's JSON manifest: typed model, serialisation and validation against its schema.

The schema (``manifest.schema.json``) is documented in docs/record-format.md.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jsonschema

MANIFEST_NAME = "manifest.json"
FORMAT = "sohoa-record/1"
PDF_FORMAT = "application/pdf; PDF/A-2b"


@dataclass(frozen=True)
class PageEntry:
    number: int
    source_dpi: int
    width_px: int
    height_px: int
    ocr_mean_confidence: float | None
    ocr_words: int  # words with text in the page's text layer (0: a blank page)


@dataclass(frozen=True)
class DocumentEntry:
    sequence: int
    file: str
    component_key: str | None
    component_name: str | None
    procedure_code: str | None
    digitised_at: str
    digitised_by: str
    ocr_mean_confidence: float | None
    language: str
    pages: tuple[PageEntry, ...]
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    code: str
    official: bool
    procedure_code: str | None
    procedure_name: str | None
    applicant_name: str | None
    applicant_id: str | None
    date_received: str | None
    agency_id: str | None
    components_present: tuple[str, ...]
    components_missing: tuple[str, ...]
    digitised_by: str
    digitised_at: str
    profile: str
    generator: str
    documents: tuple[DocumentEntry, ...]
    missing_reason: str | None = None
    version: int = 1
    supersedes: str | None = None
    # Only stated when present, so records without them keep their bytes.
    result: dict[str, Any] | None = None
    reused: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "generator": self.generator,
            "dossier": {
                "code": self.code,
                "code_kind": "official" if self.official else "provisional",
                "procedure": {"code": self.procedure_code, "name": self.procedure_name},
                "applicant": {"name": self.applicant_name, "id_number": self.applicant_id},
                "date_received": self.date_received,
                "agency_id": self.agency_id,
                "components_present": list(self.components_present),
                "components_missing": list(self.components_missing),
                "missing_reason": self.missing_reason,
                "version": self.version,
                "supersedes": self.supersedes,
                "digitised_by": self.digitised_by,
                "digitised_at": self.digitised_at,
                "profile": self.profile,
            },
            "documents": [_document_json(d) for d in self.documents],
        } | ({"result": self.result} if self.result is not None else {}) \
          | ({"reused": list(self.reused)} if self.reused else {})

    def to_bytes(self) -> bytes:
        """Canonical bytes: sorted keys, fixed indentation, UTF-8, trailing newline."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")


def _document_json(d: DocumentEntry) -> dict[str, Any]:
    return {
        "sequence": d.sequence,
        "file": d.file,
        "component": {"key": d.component_key, "name": d.component_name},
        "procedure_code": d.procedure_code,
        "page_count": len(d.pages),
        "digitised_at": d.digitised_at,
        "digitised_by": d.digitised_by,
        "ocr_mean_confidence": d.ocr_mean_confidence,
        "language": d.language,
        "source_resolution_dpi": min(p.source_dpi for p in d.pages),
        "pages": [
            {"number": p.number, "source_dpi": p.source_dpi, "width_px": p.width_px,
             "height_px": p.height_px, "ocr_mean_confidence": p.ocr_mean_confidence,
             "ocr_words": p.ocr_words}
            for p in d.pages
        ],
        "sha256": d.sha256,
        "bytes": d.size,
        "format": PDF_FORMAT,
    }


@functools.cache
def schema() -> dict[str, Any]:
    text = resources.files("records").joinpath("manifest.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_problems(document: object) -> list[str]:
    """Every way ``document`` breaks the manifest schema (empty when it conforms)."""
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        problems.append(f"{where}: {error.message}")
    return problems
