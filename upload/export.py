"""Sneaker-net: seal the packages still waiting onto a folder or USB drive, with a manifest.

Each package is encrypted (age format) to the province's public key, or with a
passphrase when no key is configured; a plain copy needs the explicit setting
``export.unencrypted = allow`` and is logged as such. Each file is written
atomically and checked after writing; the manifest, which holds no personal
data, is written last, and only then are the jobs marked exported.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storage import Workspace, atomic_write_text, atomic_writer, now_iso, outbox, sha256_file
from storage.errors import StorageError
from storage.model import OutboxJob
from upload.errors import ConfigError, UploadError

MANIFEST_NAME = "sohoa-outbox-manifest.json"
MANIFEST_FORMAT = "sohoa-outbox-export/2"
SEALED_SUFFIX = ".age"
RECIPIENTS_SETTING = "export.recipients"
UNENCRYPTED_SETTING = "export.unencrypted"
PASSPHRASE_ENV = "SOHOA_EXPORT_PASSPHRASE"
_PIECE = 1 << 20
# A passphrase is stretched with scrypt on the receiving side too: short ones are guessable.
MIN_PASSPHRASE = 12


class ExportError(UploadError):
    """Writing the export folder failed; nothing was marked exported."""


class Sealing(enum.StrEnum):
    RECIPIENTS = "age-x25519"     # to the province's public key(s)
    PASSPHRASE = "age-scrypt"     # with a passphrase given at export time
    NONE = "none"                 # plain copies: only with export.unencrypted = allow


@dataclass(frozen=True)
class Seal:
    """How one export is sealed. The passphrase is never printed or stored."""

    kind: Sealing
    recipients: tuple[str, ...] = ()
    passphrase: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ExportedPackage:
    job_id: int
    filename: str          # the package's own name (``<code>.zip``)
    file: str              # the name written in the folder (``<code>.zip.age`` when sealed)
    sha256: str            # of the package itself
    size: int


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: Path
    packages: tuple[ExportedPackage, ...]
    sealing: Sealing


def parse_recipients(text: str) -> tuple[str, ...]:
    """age public keys (``age1…``) or SSH public keys, one per line or comma-separated."""
    import pyrage

    found: list[str] = []
    lines = [part.strip() for part in re.split(r"[\n,]", text)]
    for line in lines:
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("age1"):
                pyrage.x25519.Recipient.from_str(line)
            elif line.startswith(("ssh-ed25519 ", "ssh-rsa ")):
                pyrage.ssh.Recipient.from_str(line)
            else:
                raise ValueError("not an age or SSH public key")
        except (ValueError, pyrage.RecipientError) as e:
            raise ConfigError(f"{RECIPIENTS_SETTING}: khóa công khai không hợp lệ ({line[:16]}…) "
                              f"— not a valid public key ({e})") from e
        found.append(line)
    return tuple(found)


def _recipient_objects(recipients: Sequence[str]) -> list[object]:
    import pyrage

    return [pyrage.x25519.Recipient.from_str(r) if r.startswith("age1")
            else pyrage.ssh.Recipient.from_str(r) for r in recipients]


def unencrypted_allowed(ws: Workspace) -> bool:
    value = (ws.get_setting(UNENCRYPTED_SETTING) or "").strip().lower()
    return value in ("allow", "yes", "true", "1")


def choose_seal(ws: Workspace, passphrase: str | None = None) -> Seal:
    """The province's key when configured, else the passphrase, else (if allowed) none."""
    recipients = parse_recipients(ws.get_setting(RECIPIENTS_SETTING) or "")
    if recipients:
        return Seal(Sealing.RECIPIENTS, recipients)
    if passphrase:
        if len(passphrase) < MIN_PASSPHRASE:
            raise ConfigError(f"mật khẩu xuất phải có ít nhất {MIN_PASSPHRASE} ký tự — the "
                              f"export passphrase needs at least {MIN_PASSPHRASE} characters")
        return Seal(Sealing.PASSPHRASE, passphrase=passphrase)
    if unencrypted_allowed(ws):
        return Seal(Sealing.NONE)
    raise ConfigError(
        f"chưa có khóa công khai của tỉnh ({RECIPIENTS_SETTING}); hãy nhập mật khẩu xuất "
        f"(biến {PASSPHRASE_ENV}) — no province public key is set ({RECIPIENTS_SETTING}); "
        f"give an export passphrase ({PASSPHRASE_ENV}) to seal the packages")


def needs_passphrase(ws: Workspace) -> bool:
    """Whether an export from ``ws`` must ask for a passphrase (no key, plain not allowed)."""
    return not parse_recipients(ws.get_setting(RECIPIENTS_SETTING) or "") \
        and not unencrypted_allowed(ws)


def _target_name(name: str, sha: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    return f"{sha[:12]}-{name}"  # two different packages with one name


def _write_sealed(ws: Workspace, job: OutboxJob, target: Path, seal: Seal) -> str:
    """Write the job's package to ``target`` as ``seal`` says; returns the written file's sha256."""
    import pyrage

    if seal.kind == Sealing.NONE:
        ws.blobs.export(job.package_sha256, target)
        written = sha256_file(target)
        if written != job.package_sha256:
            raise ExportError(f"{target}: bản chép bị hỏng — the copy is corrupt (sha256)")
        return written
    with atomic_writer(target) as out:
        if seal.kind == Sealing.RECIPIENTS:
            # The stored copy is encrypted at rest: read its plaintext through the store.
            with ws.blobs.open(job.package_sha256) as src:
                pyrage.encrypt_io(src, out, _recipient_objects(seal.recipients))
        else:
            assert seal.passphrase is not None
            # pyrage seals with a passphrase from memory only; packages are tens of MB.
            out.write(pyrage.passphrase.encrypt(ws.blobs.read(job.package_sha256),
                                                seal.passphrase))
    digest = hashlib.sha256()
    with open(target, "rb") as check:
        while piece := check.read(_PIECE):
            digest.update(piece)
    return digest.hexdigest()


def export_pending(ws: Workspace, folder: Path, *, passphrase: str | None = None,
                   seal: Seal | None = None) -> ExportResult:
    """Seal every package still waiting into ``folder`` and mark them exported."""
    ws.require_work("export")
    seal = seal or choose_seal(ws, passphrase)
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
    known = {(str(e.get("sha256")), str(e.get("sealing", Sealing.NONE))) for e in entries}
    written: list[ExportedPackage] = []
    for job in outbox.pending(ws):
        name = job.filename + ("" if seal.kind == Sealing.NONE else SEALED_SUFFIX)
        if (job.package_sha256, str(seal.kind)) in known:
            written.append(ExportedPackage(job.id, job.filename, name, job.package_sha256,
                                           job.size))
            continue
        name = _target_name(name, job.package_sha256, taken)
        target = folder / name
        try:
            file_sha = _write_sealed(ws, job, target, seal)
        except ExportError:
            raise
        except (OSError, StorageError, ValueError, RuntimeError) as e:
            raise ExportError(f"{target}: không ghi được gói — cannot write the package "
                              f"({e})") from e
        taken.add(name)
        entries.append({
            "file": name, "filename": job.filename, "sha256": job.package_sha256,
            "file_sha256": file_sha, "size": job.size, "sealing": str(seal.kind),
            "dossier_code": job.metadata.get("dossier_code"),
            "procedure_code": job.metadata.get("procedure_code"), "queued_at": job.created_at,
        })
        written.append(ExportedPackage(job.id, job.filename, name, job.package_sha256, job.size))
    manifest = {"format": MANIFEST_FORMAT, "written_at": now_iso(), "packages": entries}
    try:
        atomic_write_text(manifest_path,
                          json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    except OSError as e:
        raise ExportError(f"{manifest_path}: không ghi được danh mục — cannot write the "
                          f"manifest ({e.strerror})") from e
    outbox.mark_exported(ws, [p.job_id for p in written], str(folder))
    action = "outbox.export.unencrypted" if seal.kind == Sealing.NONE else "outbox.export.sealed"
    with ws.transaction():
        ws.log(action, str(folder), f"{len(written)} package(s), sealing {seal.kind}")
    return ExportResult(folder, manifest_path, tuple(written), seal.kind)
