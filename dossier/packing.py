"""Pack a workspace dossier into its electronic record and queue it for upload."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import words as stored_words
from dossier.errors import DossierError, NotFound
from dossier.pdfs import PageImages, image_key
from failures import ExitCode
from storage import (
    DiskFull,
    Dossier,
    DossierState,
    Record,
    Workspace,
    current_actor,
    is_disk_full,
    sha256_file,
)
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.database import transaction
from vntext.idnumber import compact_id_number

if TYPE_CHECKING:
    from records import DossierSpec, Signer
    from upload import QueuedPackage

PROFILE_SETTING = "records.profile"


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def build_spec(ws: Workspace, dossier_id: int) -> DossierSpec:
    """The record's content from what the workspace recorded: pages, words, decisions.

    Times and people are the recorded ones, so packing the same dossier again
    gives the same bytes.
    """
    from dossier.assembly import catalogue
    from records import DocumentSpec, DossierSpec, PageSpec
    from tagging import checklist

    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
    documents = []
    type_keys: list[str] = []
    times: list[dt.datetime] = []
    with PageImages(ws) as images:
        for doc in dossier_store.documents_of(ws, dossier_id):
            page_specs = []
            for page_id in doc.page_ids:
                page = page_store.get_page(ws, page_id)
                if page is None or page.deleted:
                    continue
                moment = _parse_time(page.processed_at) or _parse_time(page.created_at)
                if moment:
                    times.append(moment)
                page_specs.append(
                    PageSpec(
                        image=images.read(page),
                        dpi=page.dpi,
                        words=list(stored_words.read(ws, page.words_sha).words),
                        mean_confidence=page.confidence,
                        rotation=page.rotation,
                        skew=page.skew or 0.0,
                    )
                )
            if page_specs:
                documents.append(DocumentSpec(doc.type_key, doc.type_name, tuple(page_specs)))
                if doc.type_key:
                    type_keys.append(doc.type_key)
    if not documents:
        raise DossierError(
            f"hồ sơ {dossier.display_code} chưa có trang nào để đóng gói — "
            f"dossier {dossier.display_code} has no pages to pack"
        )
    # Components reused from the citizen's documents on file count as present; the manifest
    # states them by reference and hash.
    from dossier.reuse import used_in
    from records import ReusedSpec

    used = used_in(ws, dossier_id)
    type_keys += [u.type_key for u in used]
    reused = tuple(
        ReusedSpec(u.type_key, u.type_name, u.source, u.blob_sha,
                   dt.date.fromisoformat(u.valid_until) if u.valid_until else None)
        for u in used)
    procedure = catalogue().get(dossier.procedure_code) if dossier.procedure_code else None
    present: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    if procedure is not None:
        check = checklist(catalogue(), procedure.code, type_keys)
        present = tuple(c.name for c in (*check.present, *check.optional_present))
        missing = tuple(c.name for c in check.missing)
    received = dt.date.fromisoformat(dossier.received_date[:10]) if dossier.received_date else None
    return DossierSpec(
        documents=tuple(documents),
        digitised_by=dossier_store.digitised_by(ws, dossier_id) or current_actor(),
        digitised_at=max(times)
        if times
        else _parse_time(dossier.created_at) or dt.datetime.now(dt.UTC),
        dossier_code=dossier.code,
        provisional_id=dossier.provisional_id,
        procedure_code=dossier.procedure_code,
        procedure_name=procedure.name if procedure else None,
        applicant_name=dossier.applicant_name,
        applicant_id=compact_id_number(dossier.applicant_id),
        date_received=received,
        agency_id=dossier.agency_id or ws.get_setting("agency_id"),
        components_present=present,
        components_missing=missing,
        reused=reused,
    )


def low_resolution_pages(ws: Workspace, dossier_id: int) -> int:
    """How many of the dossier's pages were scanned below the 200 dpi Decree 30/2020 asks
    for (pages of unknown resolution are not counted)."""
    from vntext.digitisation import MIN_DPI

    count = 0
    for doc in dossier_store.documents_of(ws, dossier_id):
        for page_id in doc.page_ids:
            page = page_store.get_page(ws, page_id)
            if page is not None and not page.deleted and page.dpi and page.dpi < MIN_DPI:
                count += 1
    return count


def fingerprint(ws: Workspace, dossier_id: int, profile: str | None = None,
                missing_reason: str | None = None) -> str:
    """A hash of everything a dossier's record is built from, as the workspace holds it.

    Two packs with the same fingerprint have the same content; an edit to the
    dossier, its documents or its pages (rotation, OCR corrections) changes it.
    """
    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
    facts: dict[str, object] = {
        "dossier": [dossier.code, dossier.provisional_id, dossier.procedure_code,
                    dossier.applicant_name, dossier.applicant_id, dossier.received_date,
                    dossier.agency_id or ws.get_setting("agency_id")],
        "profile": profile or ws.get_setting(PROFILE_SETTING) or "compact",
        "reason": missing_reason,
        "documents": [],
    }
    for doc in dossier_store.documents_of(ws, dossier_id):
        pages = []
        for page_id in doc.page_ids:
            page = page_store.get_page(ws, page_id)
            if page is not None and not page.deleted:
                pages.append([image_key(page), page.rotation, page.skew, page.words_sha,
                              page.dpi])
        # Fields read from a document are not in the record: editing them changes nothing.
        facts["documents"].append([doc.type_key, doc.type_name, pages])  # type: ignore[attr-defined]
    data = json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class MissingComponents(DossierError):
    """Required components are missing and no reason to send it anyway was given."""

    exit_code = ExitCode.SOME_FAILED

    def __init__(self, code: str, missing: tuple[str, ...]) -> None:
        self.code = code
        self.missing = missing
        super().__init__(
            f"{code}: còn thiếu {', '.join(missing)} — missing required components; "
            "give a reason to pack it anyway")


class PackOutcome(enum.StrEnum):
    QUEUED = "queued"            # a new package (first or next version) is in the outbox
    REPLACED = "replaced"        # it replaced this dossier's package that was not sent yet
    UNCHANGED = "unchanged"      # nothing changed since the package already in the outbox
    ALREADY_SENT = "already_sent"  # nothing changed since the package that was sent


@dataclass(frozen=True)
class PackResult:
    dossier_id: int
    path: Path                   # the package (in ``out_dir`` when one was given)
    package_name: str
    sha256: str
    version: int
    supersedes: str | None       # the sent package this version replaces
    outcome: PackOutcome
    replaced: tuple[str, ...]    # packages taken out of the outbox in its favour
    missing: tuple[str, ...]     # required components missing (sent with a reason)
    low_resolution_pages: int
    # Signed without the timestamp server (it did not answer): PAdES B-B, to be upgraded.
    signed_offline: bool = False


@dataclass(frozen=True)
class PackState:
    """Where a dossier stands with its packages, for warnings before and after edits."""

    version: int | None           # the newest package's version, None when never packed
    queued: bool                  # a package of it waits in the outbox
    sent: bool                    # a package of it has left the desk
    changed: bool                 # edited since its newest package was made
    package_name: str | None


def _sent_shas(ws: Workspace, dossier_id: int) -> dict[str, bool]:
    """Each of the dossier's queued package hashes: True when it was sent."""
    from storage import outbox

    return {j.package_sha256: j.sent for j in outbox.jobs_of_dossier(ws, dossier_id)}


def pack_state(ws: Workspace, dossier_id: int) -> PackState:
    records = dossier_store.records_of(ws, dossier_id)
    if not records:
        return PackState(None, False, False, False, None)
    jobs = _sent_shas(ws, dossier_id)
    newest = records[-1]
    current = fingerprint(ws, dossier_id, newest.profile, newest.missing_reason)
    return PackState(
        version=newest.version,
        queued=any(not sent for sent in jobs.values()),
        sent=any(jobs.values()),
        changed=newest.fingerprint is not None and newest.fingerprint != current,
        package_name=newest.package_name,
    )


def pack_dossier(
    ws: Workspace, dossier_id: int, out_dir: Path | None = None, profile: str | None = None,
    signer: Signer | None = None,
    *, version: int = 1, supersedes: str | None = None, missing_reason: str | None = None,
) -> Path:
    """Build, verify and keep the dossier's record; returns the package path.

    The package is kept (encrypted) in the workspace's blob store, so the
    outbox and ``sohoa check`` can rely on it whatever happens to ``out_dir``.
    Without ``out_dir`` the plaintext package is built in the workspace's
    private temporary folder; :func:`discard_plaintext` removes it once queued.
    ``signer`` signs each PDF (records.PadesSigner); a signing failure leaves no
    package behind.
    """
    ws.require_work("pack")
    import records

    chosen = records.Profile(profile or ws.get_setting(PROFILE_SETTING) or "compact")
    spec = build_spec(ws, dossier_id)
    reason = missing_reason if spec.components_missing else None
    spec = dataclasses.replace(spec, version=version, supersedes=supersedes,
                               missing_reason=reason)
    target = Path(out_dir) if out_dir is not None else ws.private_tmp()
    try:
        path = records.pack_dossier(spec, target, profile=chosen, signer=signer)
        sha = sha256_file(path)
        ws.blobs.put_file(path, sha)
        dossier_store.add_record(
            ws, dossier_id, sha, path.name, chosen.value, path.stat().st_size,
            version=version, supersedes=supersedes, missing_reason=reason,
            fingerprint=fingerprint(ws, dossier_id, chosen.value, reason))
    except Exception as e:
        ws.audit.record("pack", dossier=dossier_id, outcome="failed", detail=str(e)[:500])
        if is_disk_full(e):
            raise DiskFull(spec.dossier_code or f"dossier {dossier_id}", "đóng gói hồ sơ này",
                           "packing this dossier") from e
        raise
    ws.audit.record("pack", dossier=dossier_id, item=path.name,
                    detail=f"{chosen.value}" + (f", written to {out_dir}" if out_dir else ""))
    from dossier.reuse import add_dossier_to_store

    add_dossier_to_store(ws, dossier_id, path)
    return path


def discard_plaintext(ws: Workspace, path: Path) -> None:
    """Remove a package built in the private temporary folder (its copy is in the store)."""
    path = Path(path)
    if path.is_relative_to(ws.tmp):
        path.unlink(missing_ok=True)


def requeue(ws: Workspace, job_id: int) -> None:
    """Queue a failed package again (its bytes are still in the workspace)."""
    from storage import outbox as outbox_store

    job = outbox_store.get(ws, job_id)
    # The bytes are in the (encrypted) store already: the path only names it.
    outbox_store.add(ws, Path(job.package_path), job.metadata, sha256=job.package_sha256)


def queue_package(ws: Workspace, path: Path, dossier_id: int | None = None) -> QueuedPackage:
    """Put a package in the outbox (once per content) and mark its dossier queued."""
    ws.require_work("pack")
    import upload
    from storage import outbox

    queued = upload.queue_package(ws, Path(path))
    if dossier_id is not None:
        record = dossier_store.record_by_sha(ws, queued.job.package_sha256)
        if record is not None and record.dossier_id == dossier_id:
            outbox.link_record(ws, queued.job.id, record.id)
        dossier_store.update_dossier(ws, dossier_id, state=DossierState.QUEUED)
    return queued


def _copy_out(ws: Workspace, sha: str, out_dir: Path, name: str) -> Path:
    from storage.files import atomic_writer

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / name
    with ws.blobs.open(sha) as source, atomic_writer(target) as handle:
        shutil.copyfileobj(source, handle)
    return target


def pack_and_queue(
    ws: Workspace, dossier_id: int, profile: str | None = None,
    signer: Signer | None = None, *,
    allow_missing: str | None = None, out_dir: Path | None = None,
) -> PackResult:
    """Pack a dossier and queue it: one dossier, one package waiting to be sent.

    A dossier missing required components is refused (:class:`MissingComponents`)
    unless ``allow_missing`` gives the clerk's reason, which goes into the
    manifest and the log. A package of this dossier still waiting in the outbox
    is replaced; once one was sent, the new package is the next version and names
    the one it supersedes. Packing an unchanged dossier queues nothing new.
    """
    ws.require_work("pack")
    from storage import outbox
    from storage.outbox import AddOutcome

    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
    reason = (allow_missing or "").strip() or None
    missing = missing_components(ws, dossier_id)
    if missing and reason is None:
        raise MissingComponents(dossier.display_code, missing)
    reason = reason if missing else None
    chosen = profile or ws.get_setting(PROFILE_SETTING) or "compact"
    current = fingerprint(ws, dossier_id, chosen, reason)
    records = dossier_store.records_of(ws, dossier_id)
    jobs = {j.package_sha256: j for j in outbox.jobs_of_dossier(ws, dossier_id)}
    sent = [r for r in records if r.package_sha in jobs and jobs[r.package_sha].sent]
    low = low_resolution_pages(ws, dossier_id)

    def result(record: Record, outcome: PackOutcome,
               replaced: tuple[str, ...] = ()) -> PackResult:
        kept = ws.root / "records" / record.package_name
        if out_dir is not None:
            path = _copy_out(ws, record.package_sha, Path(out_dir), record.package_name)
        else:
            path = kept if kept.is_file() else ws.blobs.path(record.package_sha)
        return PackResult(dossier_id, path, record.package_name, record.package_sha,
                          record.version,
                          record.supersedes, outcome, replaced, missing, low)

    # Unchanged since a package that is waiting, or since the newest one sent. Asked to
    # sign, an unsigned (or broken) package does not count: it is packed again, signed; a
    # signed one is kept, so a rerun after signing stopped resumes where it stopped.
    for record in reversed(records):
        if record.fingerprint != current or record.package_sha not in jobs:
            continue
        if signer is not None and not _signed(ws, record.package_sha):
            continue
        job = jobs[record.package_sha]
        if job.pending:
            return result(record, PackOutcome.UNCHANGED)
        if job.sent and record is (sent[-1] if sent else None):
            return result(record, PackOutcome.ALREADY_SENT)

    newest_sent = max(sent, key=lambda r: r.version) if sent else None
    version = newest_sent.version + 1 if newest_sent else 1
    supersedes = newest_sent.package_name if newest_sent else None
    path = pack_dossier(ws, dossier_id, profile=chosen, signer=signer, version=version,
                        supersedes=supersedes, missing_reason=reason)
    try:
        queued = queue_package(ws, path, dossier_id)
    finally:
        discard_plaintext(ws, path)
    new_sha = queued.job.package_sha256
    # Every other package of this dossier that has not left the desk goes.
    replaced: list[str] = []
    sent_shas = {r.package_sha for r in sent}
    for earlier in records:
        if earlier.package_sha in (new_sha, *sent_shas):
            continue
        waiting = jobs.get(earlier.package_sha)
        if waiting is not None and not outbox.withdraw(
                ws, waiting.id, f"replaced by {path.name}"):
            continue  # sent meanwhile: it stays a version of its own
        dossier_store.delete_record(ws, earlier.id)
        replaced.append(earlier.package_name)
        if earlier.package_name != path.name:
            (ws.root / "records" / earlier.package_name).unlink(missing_ok=True)
    if reason is not None:
        with transaction(ws.conn):
            ws.log("record.missing_components", f"dossier:{dossier_id}",
                   f"{path.name}: {'; '.join(missing)} — {reason}")
    made = dossier_store.record_by_sha(ws, new_sha)
    assert made is not None
    if queued.outcome == AddOutcome.ALREADY and not replaced:
        return result(made, PackOutcome.UNCHANGED)
    return result(made, PackOutcome.REPLACED if replaced else PackOutcome.QUEUED,
                  tuple(replaced))


def _signed(ws: Workspace, package_sha: str) -> bool:
    """Whether every PDF of a kept package carries an intact signature."""
    from dossier.signing import SignatureState, record_signature

    return record_signature(ws, package_sha).state in (SignatureState.SIGNED,
                                                       SignatureState.UNTRUSTED)


def missing_components(ws: Workspace, dossier_id: int) -> tuple[str, ...]:
    """Names of the required components the dossier's procedure asks for and it lacks."""
    from dossier.assembly import catalogue
    from tagging import checklist

    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None or not dossier.procedure_code:
        return ()
    if catalogue().get(dossier.procedure_code) is None:
        return ()
    keys = [d.type_key for d in dossier_store.documents_of(ws, dossier_id) if d.type_key]
    return tuple(c.name for c in checklist(catalogue(), dossier.procedure_code, keys).missing)


def packed_dossiers_of_pages(ws: Workspace, page_ids: list[int]) -> list[tuple[Dossier, PackState]]:
    """The packed dossiers these pages belong to, with where each stands (for warnings)."""
    if not page_ids:
        return []
    marks = ",".join("?" * len(page_ids))
    rows = ws.conn.execute(
        "SELECT DISTINCT document.dossier_id FROM document_page JOIN document "
        f"ON document.id = document_page.document_id WHERE document_page.page_id IN ({marks})",
        list(page_ids),
    ).fetchall()
    found = []
    for (dossier_id,) in rows:
        dossier = dossier_store.get_dossier(ws, int(dossier_id))
        if dossier is None:
            continue
        state = pack_state(ws, dossier.id)
        if state.version is not None:
            found.append((dossier, state))
    return found
