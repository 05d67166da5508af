"""The workspace: SQLite database, content-addressed blob store, crash-safe files.

Every read and write of workspace files and of the database goes through here:
encrypted at rest (SQLCipher, AES-256-GCM blobs), opened by a login, audited.
"""

from __future__ import annotations

from storage.accounts import LoginError, PermissionDenied
from storage.audit import AuditLog, ChainReport, Outcome
from storage.blobs import BlobStore, sha256_bytes, sha256_file
from storage.crypto import CryptoError, KdfParams
from storage.database import migrate, migrations, schema_version, transaction
from storage.errors import BlobMissing, DiskFull, StorageError, WorkspaceLocked, is_disk_full
from storage.files import atomic_write, atomic_write_text, atomic_writer, fsync_dir, read_bytes
from storage.health import HealthReport, check_workspace
from storage.model import (
    Account,
    AuditEntry,
    Batch,
    BatchPlan,
    BatchProblem,
    BatchState,
    Document,
    Dossier,
    DossierState,
    Event,
    OutboxCounts,
    OutboxJob,
    Page,
    PageState,
    Record,
    Role,
    SearchHit,
    UploadState,
)
from storage.workspace import (
    NeedsMigration,
    Workspace,
    WorkspaceMissing,
    current_actor,
    default_workspace_path,
    now_iso,
)

__all__ = [
    "Account",
    "AuditEntry",
    "AuditLog",
    "Batch",
    "BatchPlan",
    "BatchProblem",
    "BatchState",
    "BlobMissing",
    "BlobStore",
    "ChainReport",
    "CryptoError",
    "DiskFull",
    "Document",
    "Dossier",
    "DossierState",
    "Event",
    "HealthReport",
    "KdfParams",
    "LoginError",
    "NeedsMigration",
    "OutboxCounts",
    "OutboxJob",
    "Outcome",
    "Page",
    "PageState",
    "PermissionDenied",
    "Record",
    "Role",
    "SearchHit",
    "StorageError",
    "UploadState",
    "Workspace",
    "WorkspaceLocked",
    "WorkspaceMissing",
    "atomic_write",
    "atomic_write_text",
    "atomic_writer",
    "check_workspace",
    "current_actor",
    "default_workspace_path",
    "fsync_dir",
    "is_disk_full",
    "migrate",
    "migrations",
    "now_iso",
    "read_bytes",
    "schema_version",
    "sha256_bytes",
    "sha256_file",
    "transaction",
]
