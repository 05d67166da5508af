"""Sneaker-net: copy the packages still waiting to a folder or USB drive, with a manifest.

Each package is written atomically and checked after writing; the manifest
is written last, and only then are the jobs marked exported (not uploaded).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from storage import Workspace, atomic_write_text, now_iso, outbox, sha256_file
from storage.errors import StorageError
from upload.errors import UploadError

MANIFEST_NAME = "sohoa-outbox-manifest.json"
MANIFEST_FORMAT = "sohoa-outbox-export/1"


class ExportError(UploadError):
    """Writing the export folder failed; nothing was marked exported."""


@dataclass(frozen=True)
class ExportedPackage:
    job_id: int
    filename: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: Path
    packages: tuple[ExportedPackage, ...]


def _target_name(filename: str, sha: str, taken: set[str]) -> str:
    if filename not in taken:
        return filename
    return f"{sha[:12]}-{filename}"  # two different packages with one name


def export_pending(ws: Workspace, folder: Path) -> ExportResult:
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        previous = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    except (OSError, ValueError) as e:
        raise ExportError(f"{folder}: không ghi được thư mục xuất — cannot write the export "
                          f"folder ({e})") from e
    entries: list[dict[str, object]] = [
        e for e in previous.get("packages", []) if isinstance(e, dict)
    ]
    taken = {str(e.get("file")) for e in entries}
    known = {str(e.get("sha256")) for e in entries}
    written: list[ExportedPackage] = []
    for job in outbox.pending(ws):
        if job.package_sha256 in known:
            written.append(ExportedPackage(job.id, job.filename, job.package_sha256, job.size))
            continue
        name = _target_name(job.filename, job.package_sha256, taken)
        target = folder / name
        try:
            ws.blobs.export(job.package_sha256, target)
            if sha256_file(target) != job.package_sha256:
                raise ExportError(f"{target}: bản chép bị hỏng — the copy is corrupt (sha256)")
        except (OSError, StorageError) as e:
            raise ExportError(f"{target}: không chép được gói — cannot copy the package "
                              f"({e})") from e
        taken.add(name)
        entries.append({
            "file": name, "filename": job.filename, "sha256": job.package_sha256,
            "size": job.size, "metadata": dict(job.metadata), "queued_at": job.created_at,
        })
        written.append(ExportedPackage(job.id, job.filename, job.package_sha256, job.size))
    manifest = {"format": MANIFEST_FORMAT, "written_at": now_iso(), "packages": entries}
    try:
        atomic_write_text(manifest_path,
                          json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    except OSError as e:
        raise ExportError(f"{manifest_path}: không ghi được danh mục — cannot write the "
                          f"manifest ({e.strerror})") from e
    outbox.mark_exported(ws, [p.job_id for p in written], str(folder))
    return ExportResult(folder, manifest_path, tuple(written))
