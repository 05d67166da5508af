"""The persisted entities of a workspace and their states, as typed rows."""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar

_T = TypeVar("_T")


def _from_row(cls: type[_T], row: sqlite3.Row, **convert: Callable[[Any], Any]) -> _T:
    """Build a row dataclass from the columns of the same names, converting some."""
    values = {}
    for f in fields(cls):  # type: ignore[arg-type]
        value = row[f.name]
        values[f.name] = convert[f.name](value) if f.name in convert else value
    return cls(**values)


class BatchState(enum.StrEnum):
    IMPORTING = "importing"
    IMPORTED = "imported"
    PROCESSING = "processing"
    PROCESSED = "processed"
    ASSEMBLED = "assembled"


_STATE_ORDER = tuple(BatchState)


class BatchPlan(enum.StrEnum):
    """What a batch is to become; an interrupted batch is finished up to its plan."""

    IMPORT = "import"            # pages only (``--no-process``)
    PROCESS = "process"          # and OCR; a clerk makes the dossiers
    ASSEMBLE = "assemble"        # and one dossier of the whole batch
    SPLIT = "split"              # and dossiers cut at cover sheets
    SPLIT_BLANK = "split_blank"  # and dossiers cut at cover sheets and blank sheets

    @property
    def processes(self) -> bool:
        return self != BatchPlan.IMPORT

    @property
    def assembles(self) -> bool:
        return self in (BatchPlan.ASSEMBLE, BatchPlan.SPLIT, BatchPlan.SPLIT_BLANK)

    @property
    def final_state(self) -> BatchState:
        if self.assembles:
            return BatchState.ASSEMBLED
        return BatchState.PROCESSED if self.processes else BatchState.IMPORTED


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
    plan: BatchPlan = BatchPlan.PROCESS
    finished_at: str | None = None

    @property
    def finished(self) -> bool:
        """Whether the batch has reached what its plan asks (later states count too)."""
        return _STATE_ORDER.index(self.state) >= _STATE_ORDER.index(self.plan.final_state)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Batch:
        keys = row.keys()
        return cls(
            row["id"], row["created_at"], row["source"], BatchState(row["state"]), row["label"],
            BatchPlan(row["plan"]) if "plan" in keys else BatchPlan.PROCESS,
            row["finished_at"] if "finished_at" in keys else None,
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
    left_out: str | None = None  # why assembly kept it out of every dossier (blank, cover)
    orientation_unsure: bool = False  # kept as it came; a person checks which way is up

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Page:
        return _from_row(cls, row, state=PageState, blank=bool, deleted=bool,
                         orientation_unsure=bool)


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
        return _from_row(cls, row, state=DossierState, procedure_confirmed=bool)


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
    version: int = 1
    supersedes: str | None = None
    missing_reason: str | None = None
    fingerprint: str | None = None


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


class Role(enum.StrEnum):
    CLERK = "clerk"     # cán bộ một cửa: scan, review, pack, send
    LEADER = "leader"   # lãnh đạo: reports and the audit log, read-only
    ADMIN = "admin"     # quản trị: users, settings, keys


#: Who does the desk's work on dossiers: scan, import, edit, pack, send.
WORK_ROLES = (Role.CLERK, Role.ADMIN)
#: Who reads the reports and the audit log.
OVERSIGHT_ROLES = (Role.LEADER, Role.ADMIN)


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    disabled: bool = False
    created_at: str = ""


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    dossier: str | None
    item: str | None
    subject: str | None
    detail: str | None
    outcome: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "at": self.at, "user": self.user, "action": self.action,
                "dossier": self.dossier, "item": self.item, "subject": self.subject,
                "detail": self.detail, "outcome": self.outcome}


# States that still have to reach the server.
PENDING_STATES = (UploadState.QUEUED, UploadState.UPLOADING)
# States in which the package has left the desk (uploaded, or carried on a USB drive).
SENT_STATES = (UploadState.DONE, UploadState.EXPORTED)


@dataclass(frozen=True)
class OutboxJob:
    id: int
    package_sha256: str
    package_path: str
    filename: str
    size: int
    metadata: Mapping[str, str]
    state: UploadState
    upload_url: str | None
    endpoint: str | None
    offset: int
    bytes_sent: int
    attempts: int
    failures: int
    last_error: str | None
    next_attempt_at: str | None
    created_at: str
    updated_at: str
    finished_at: str | None
    exported_to: str | None
    record_id: int | None = None
    dossier_id: int | None = None   # the workspace dossier the package was packed from
    version: int | None = None      # that dossier's package version (1, 2, …)

    @property
    def pending(self) -> bool:
        return self.state in PENDING_STATES

    @property
    def sent(self) -> bool:
        return self.state in SENT_STATES

    @property
    def dossier_code(self) -> str | None:
        """The dossier code the server is told (official or provisional)."""
        return self.metadata.get("dossier_code")


@dataclass(frozen=True)
class OutboxCounts:
    queued: int
    uploading: int
    done: int
    failed: int
    exported: int

    @property
    def pending(self) -> int:
        return self.queued + self.uploading
