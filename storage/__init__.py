"""The workspace: SQLite database, content-addressed blob store, crash-safe files.

Every read and write of workspace files and of the database goes through here,
so that encryption at rest can be added in one place.
"""

from __future__ import annotations

from storage.blobs import BlobStore, sha256_bytes, sha256_file
from storage.database import migrate, migrations, schema_version, transaction
from storage.errors import BlobMissing, DiskFull, StorageError, WorkspaceLocked, is_disk_full
from storage.files import atomic_write, atomic_write_text, atomic_writer, fsync_dir, read_bytes
from storage.health import HealthReport, check_workspace
from storage.model import (
    Batch,
    BatchPlan,
    BatchProblem,
    BatchState,
    Document,
    Dossier,
    DossierState,
    Event,
    Page,
    PageState,
    Record,
    SearchHit,
    UploadState,
)
from storage.workspace import Workspace, current_actor, default_workspace_path, now_iso

__all__ = [
    "Batch",
    "BatchPlan",
    "BatchProblem",
    "BatchState",
    "BlobMissing",
    "BlobStore",
    "DiskFull",
    "Document",
    "Dossier",
    "DossierState",
    "Event",
    "HealthReport",
    "Page",
    "PageState",
    "Record",
    "SearchHit",
    "StorageError",
    "UploadState",
    "Workspace",
    "WorkspaceLocked",
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
