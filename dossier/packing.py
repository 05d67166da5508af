"""Pack a workspace dossier into its electronic record and queue it for upload."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import words as stored_words
from dossier.errors import DossierError, NotFound
from storage import DiskFull, DossierState, Workspace, current_actor, is_disk_full, sha256_file
from storage import dossiers as dossier_store
from storage import pages as page_store
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
                    image=ws.blobs.read(page.image_sha),
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
    from records.verify import MIN_DPI

    count = 0
    for doc in dossier_store.documents_of(ws, dossier_id):
        for page_id in doc.page_ids:
            page = page_store.get_page(ws, page_id)
            if page is not None and not page.deleted and page.dpi and page.dpi < MIN_DPI:
                count += 1
    return count


def pack_dossier(
    ws: Workspace, dossier_id: int, out_dir: Path | None = None, profile: str | None = None,
    signer: Signer | None = None,
) -> Path:
    """Build, verify and keep the dossier's record; returns the package path.

    The package is kept (encrypted) in the workspace's blob store, so the
    outbox and ``sohoa check`` can rely on it whatever happens to ``out_dir``.
    Without ``out_dir`` the plaintext package is built in the workspace's
    private temporary folder; :func:`discard_plaintext` removes it once queued.
    ``signer`` signs each PDF (records.PadesSigner); a signing failure leaves no
    package behind.
    """
    import records

    chosen = records.Profile(profile or ws.get_setting(PROFILE_SETTING) or "compact")
    spec = build_spec(ws, dossier_id)
    target = Path(out_dir) if out_dir is not None else ws.private_tmp()
    try:
        path = records.pack_dossier(spec, target, profile=chosen, signer=signer)
        sha = sha256_file(path)
        ws.blobs.put_file(path, sha)
        dossier_store.add_record(ws, dossier_id, sha, path.name, chosen.value,
                                 path.stat().st_size)
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


def queue_package(ws: Workspace, path: Path, dossier_id: int | None = None) -> QueuedPackage:
    """Put a package in the outbox (once per content) and mark its dossier queued."""
    import upload

    queued = upload.queue_package(ws, Path(path))
    if dossier_id is not None:
        dossier_store.update_dossier(ws, dossier_id, state=DossierState.QUEUED)
    return queued


def pack_and_queue(ws: Workspace, dossier_id: int, profile: str | None = None,
                   signer: Signer | None = None) -> QueuedPackage:
    path = pack_dossier(ws, dossier_id, profile=profile, signer=signer)
    try:
        return queue_package(ws, path, dossier_id)
    finally:
        discard_plaintext(ws, path)
