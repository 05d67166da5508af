"""The persisted entities of a workspace and their states, as typed rows."""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass


class BatchState(enum.StrEnum):
    IMPORTING = "importing"
    IMPORTED = "imported"
    PROCESSING = "processing"
    PROCESSED = "processed"


class PageState(enum.StrEnum):
    NEW = "new"
    PROCESSED = "processed"
    FAILED = "failed"


class DossierState(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"
    PACKED = "packed"
    QUEUED = "queued"
    SENT = "sent"


class UploadState(enum.StrEnum):
    QUEUED = "queued"
    UPLOADING = "uploading"
    DONE = "done"
    FAILED = "failed"
    EXPORTED = "exported"


@dataclass(frozen=True)
class Batch:
    id: int
    created_at: str
    source: str
    state: BatchState
    label: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Batch:
        return cls(
            row["id"], row["created_at"], row["source"], BatchState(row["state"]), row["label"]
        )


@dataclass(frozen=True)
class BatchProblem:
    batch_id: int
    item: str
    reason: str
    at: str


@dataclass(frozen=True)
class Page:
    id: int
    batch_id: int
    seq: int
    source_sha: str
    source_page: int
    image_sha: str
    source_name: str
    media_type: str
    width: int
    height: int
    dpi: int | None
    state: PageState
    rotation: int
    skew: float | None
    blank: bool
    text: str | None
    confidence: float | None
    words_sha: str | None
    clean_sha: str | None
    error: str | None
    deleted: bool
    created_at: str
    processed_at: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Page:
        return cls(
            id=row["id"],
            batch_id=row["batch_id"],
            seq=row["seq"],
            source_sha=row["source_sha"],
            source_page=row["source_page"],
            image_sha=row["image_sha"],
            source_name=row["source_name"],
            media_type=row["media_type"],
            width=row["width"],
            height=row["height"],
            dpi=row["dpi"],
            state=PageState(row["state"]),
            rotation=row["rotation"],
            skew=row["skew"],
            blank=bool(row["blank"]),
            text=row["text"],
            confidence=row["confidence"],
            words_sha=row["words_sha"],
            clean_sha=row["clean_sha"],
            error=row["error"],
            deleted=bool(row["deleted"]),
            created_at=row["created_at"],
            processed_at=row["processed_at"],
        )


@dataclass(frozen=True)
class Dossier:
    id: int
    provisional_id: str
    code: str | None
    batch_id: int | None
    procedure_code: str | None
    procedure_confidence: float | None
    procedure_confirmed: bool
    state: DossierState
    applicant_name: str | None
    applicant_id: str | None
    received_date: str | None
    agency_id: str | None
    created_at: str
    updated_at: str

    @property
    def display_code(self) -> str:
        """The official code when known, else the provisional local id."""
        return self.code or self.provisional_id

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Dossier:
        return cls(
            id=row["id"],
            provisional_id=row["provisional_id"],
            code=row["code"],
            batch_id=row["batch_id"],
            procedure_code=row["procedure_code"],
            procedure_confidence=row["procedure_confidence"],
            procedure_confirmed=bool(row["procedure_confirmed"]),
            state=DossierState(row["state"]),
            applicant_name=row["applicant_name"],
            applicant_id=row["applicant_id"],
            received_date=row["received_date"],
            agency_id=row["agency_id"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


@dataclass(frozen=True)
class Document:
    id: int
    dossier_id: int
    seq: int
    type_key: str | None
    type_name: str | None
    type_confidence: float | None
    type_confirmed: bool
    fields_json: str
    page_ids: tuple[int, ...]


@dataclass(frozen=True)
class Record:
    id: int
    dossier_id: int
    package_sha: str
    package_name: str
    profile: str
    size: int
    created_at: str


@dataclass(frozen=True)
class Event:
    id: int
    at: str
    actor: str
    action: str
    subject: str | None
    detail: str | None


@dataclass(frozen=True)
class SearchHit:
    page_id: int
    batch_id: int
    source_name: str
    image_sha: str
    snippet: str  # original text around the match, marks kept
    highlights: tuple[tuple[int, int], ...]  # [start, end) spans of matches in snippet
    rank: float
