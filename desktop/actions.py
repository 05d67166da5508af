"""One function per user action: each wraps a dossier use case in a background operation.

The work functions run on a pool thread with their own workspace connection
(``ctx.ws``); callers attach ``on_success`` and friends and call ``start()``.
"""

from __future__ import annotations

import dataclasses
import enum
import socket
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import dossier
from desktop.ops import BackgroundOp, OpContext, Operations
from dossier import ImportItem, ImportReport, editing, queries
from dossier.folders import SUFFIXES
from dossier.packing import PackResult
from dossier.queries import PageOwner
from storage.model import Page, SearchHit

if TYPE_CHECKING:
    from upload import TransferControl

PROCESS_JOBS = 2


@dataclass(frozen=True)
class ImportDone:
    report: ImportReport
    dossier_id: int | None


#: Where a matching page belongs (kept under its old name for the search view).
HitDossier = PageOwner


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    pages: dict[int, Page]
    dossiers: dict[int, HitDossier] = field(default_factory=dict)   # by page id


def _forward(ctx: OpContext, total: list[int]) -> tuple[object, object]:
    """Progress callbacks for the import/process use cases, forwarded as signals."""
    counts = {"files": 0, "pages": 0}

    def on_progress(outcome: object) -> None:
        counts["files"] += 1
        if isinstance(outcome, dossier.ImportedFile):
            total[0] += len(outcome.page_ids)
        ctx.item(outcome)
        ctx.progress(counts["pages"], max(total[0], 1), "")

    def on_page(event: dossier.PageProcessed) -> None:
        counts["pages"] += 1
        ctx.item(event)
        ctx.progress(counts["pages"], max(total[0], counts["pages"]), "")

    return on_progress, on_page


def import_files(ops: Operations, paths: list[Path], *, title: str,
                 source: str = "files", assemble: bool = False) -> BackgroundOp:
    """Import files/folders as one batch and recognise them as they arrive."""

    def work(ctx: OpContext) -> ImportDone:
        items = dossier.expand_paths(paths)
        return _import(ctx, items, source=source, assemble=assemble)

    return ops.run(title, work)


def _import(ctx: OpContext, items: list[ImportItem], *, source: str,
            assemble: bool) -> ImportDone:
    total = [0]
    on_progress, on_page = _forward(ctx, total)
    report = dossier.import_items_and_process(
        ctx.ws, items, source=source, on_progress=on_progress,  # type: ignore[arg-type]
        on_page=on_page, jobs=PROCESS_JOBS, assemble=assemble,  # type: ignore[arg-type]
        cancel=ctx.cancel_event, resume=False,  # the start-up operation resumes batches
    )
    if not report.page_ids:
        # Nothing came in: no empty batch is left behind; the reasons travel in the report.
        editing.drop_refused_batch(ctx.ws, report.batch_id)
    dossier_id = None
    if assemble:
        made = queries.dossiers_of_batch(ctx.ws, report.batch_id)
        dossier_id = made[0] if made else None
    return ImportDone(report, dossier_id)


def sample_folder() -> Path:
    return Path(str(resources.files("resources") / "sample"))


def open_sample(ops: Operations, *, title: str) -> BackgroundOp:
    """Import the bundled sample dossier, recognise it and assemble it."""

    def work(ctx: OpContext) -> ImportDone:
        folder = sample_folder()
        items = [i for i in dossier.expand_paths([folder])
                 if Path(i.name).suffix.lower() in SUFFIXES]
        if not items:
            raise dossier.DossierError(
                "không tìm thấy hồ sơ mẫu trong bộ cài đặt — the sample dossier is missing")
        done = _import(ctx, items, source="sample", assemble=True)
        if done.dossier_id is not None:
            from dossier.sample import attach_sample_desk

            # Its code, a register and its result: every screen has something to show.
            attach_sample_desk(ctx.ws, done.dossier_id,
                               Path(str(resources.files("resources") / "sample_desk")),
                               jobs=PROCESS_JOBS, cancel=ctx.cancel_event)
        return done

    return ops.run(title, work)


def process_batch(ops: Operations, batch_id: int, *, title: str) -> BackgroundOp:
    """Finish recognising a batch (after a crash or a cancel)."""

    def work(ctx: OpContext) -> tuple[int, int]:
        ids = [p.id for p in queries.pages_needing_processing(ctx.ws, batch_id)]
        done = [0]

        def on_page(event: dossier.PageProcessed) -> None:
            done[0] += 1
            ctx.item(event)
            ctx.progress(done[0], len(ids), "")

        return dossier.process_batch(ctx.ws, batch_id, on_page=on_page, jobs=PROCESS_JOBS,
                                     cancel=ctx.cancel_event)

    return ops.run(title, work)


TEST_DEVICE_SETTING = "scanner.show_test_device"   # developer setting: "1" offers SANE's test
ESCL_SETTING = "scanner.escl_addresses"          # network scanners by address, comma-separated




def find_scanners(ops: Operations, *, include_test: bool,
                  addresses: tuple[str, ...] = ()) -> BackgroundOp:
    """The scanners this computer can reach: SANE (USB) and eSCL (network), never the
    virtual test device unless asked for."""

    def work(ctx: OpContext) -> list[object]:
        from dossier.scanning import find_scanners as find

        return list(find(include_test=include_test, addresses=addresses))

    return ops.run("scanners", work, quiet=True)


def resume_interrupted(ops: Operations, *, title: str) -> BackgroundOp:
    """Finish the batches a crash, a kill or a power cut left half done (at start-up)."""

    def work(ctx: OpContext) -> list[dossier.Resumed]:
        done = [0]

        def on_page(event: dossier.PageProcessed) -> None:
            done[0] += 1
            ctx.item(event)
            ctx.progress(done[0], 0, "")

        return dossier.resume_interrupted(ctx.ws, jobs=PROCESS_JOBS, on_page=on_page,
                                          cancel=ctx.cancel_event)

    return ops.run(title, work)


def scan(ops: Operations, device: str, source: str, dpi: int, color: bool, *,
         title: str) -> BackgroundOp:
    """Scan a batch from a scanner (SANE name, eSCL address or WIA id) the way ``sohoa scan``
    does: pages are recognised while the feeder runs, and the stack is split into dossiers
    at cover sheets."""

    def work(ctx: OpContext) -> ImportDone:
        from capture.profile import ColorMode, PaperSource, ScanProfile
        from dossier.scanning import scan as scan_batch

        profile = ScanProfile(source=PaperSource(source), dpi=dpi,
                              color=ColorMode.COLOR if color else ColorMode.GRAY)
        total = [0]
        on_progress, on_page = _forward(ctx, total)
        report = scan_batch(ctx.ws, device, profile, jobs=PROCESS_JOBS,
                            on_progress=on_progress, on_page=on_page, cancel=ctx.cancel_event)
        imported = report.imported or ImportReport(report.batch_id)
        if report.error is not None:   # the scanner stopped early: the pages so far are kept
            imported.problems.append(dossier.Problem(device, str(report.error)))
        if not imported.page_ids:
            editing.drop_refused_batch(ctx.ws, report.batch_id)
        made = report.dossier_ids
        return ImportDone(imported, made[0] if len(made) == 1 else None)

    return ops.run(title, work)


def assemble(ops: Operations, page_ids: list[int], batch_id: int | None, *,
             title: str) -> BackgroundOp:
    """Make a dossier from pages: tagging splits them into documents and names the procedure."""

    def work(ctx: OpContext) -> int:
        from dossier.assembly import assemble_pages

        return assemble_pages(ctx.ws, page_ids, batch_id=batch_id)

    return ops.run(title, work)


def pack_and_queue(ops: Operations, dossier_id: int, *, title: str,
                   official_code: str | None = None,
                   missing_reason: str | None = None,
                   signing: object | None = None, secret: str | None = None) -> BackgroundOp:
    """Pack a dossier into its electronic record and put it in the outbox.

    ``official_code`` is recorded first when the clerk typed it in the pack dialog;
    ``missing_reason`` lets a dossier with missing components go (see dossier.packing).
    With ``signing`` (records.SigningOptions) every PDF is signed; ``secret`` is the PIN
    or passphrase the clerk just typed, used for this operation only.
    """

    def work(ctx: OpContext) -> PackResult:
        from dossier import editing
        from dossier.packing import pack_and_queue as pack

        ctx.progress(0, 1, "")
        if official_code:
            editing.set_dossier_code(ctx.ws, dossier_id, official_code)
        if signing is not None:
            from records import open_signer

            with open_signer(signing, secret) as signer:  # type: ignore[arg-type]
                result = pack(ctx.ws, dossier_id, signer=signer, allow_missing=missing_reason)
                if signer.offline:
                    result = dataclasses.replace(result, signed_offline=True)
        else:
            result = pack(ctx.ws, dossier_id, allow_missing=missing_reason)
        ctx.progress(1, 1, "")
        return result

    return ops.run(title, work)


def search(ops: Operations, query: str, *, title: str) -> BackgroundOp:
    def work(ctx: OpContext) -> SearchResult:
        hits = dossier.search(ctx.ws, query)
        pages = {}
        owners: dict[int, HitDossier] = {}
        for hit in hits:
            page = queries.get_page(ctx.ws, hit.page_id)
            if page is not None:
                pages[page.id] = page
            owner = queries.page_owner(ctx.ws, hit.page_id)
            if owner is not None:
                owners[hit.page_id] = owner
        return SearchResult(query, hits, pages, owners)

    return ops.run(title, work, quiet=True)


def upload_now(ops: Operations, control: TransferControl, *, title: str) -> BackgroundOp:
    """Send everything queued; ``control`` (upload.TransferControl) pauses and stops it."""

    def work(ctx: OpContext) -> object:
        import upload

        options = upload.load_options(ctx.ws)
        creds = upload.load_credentials(ctx.ws, options.endpoint)
        stopper = threading.Thread(target=_stop_on_cancel, args=(ctx, control), daemon=True)
        stopper.start()
        return upload.Uploader(ctx.ws, options, credentials=creds, control=control,
                               on_event=ctx.item).run()

    return ops.run(title, work)


def export_outbox(ops: Operations, folder: str, passphrase: str | None, *,
                  title: str) -> BackgroundOp:
    """Seal every waiting package onto ``folder`` (a USB drive): the province's key or a
    passphrase; plain only when the workspace allows it."""

    def work(ctx: OpContext) -> object:
        import upload

        return upload.export_pending(ctx.ws, Path(folder), passphrase=passphrase)

    return ops.run(title, work)


def purge_expired(ops: Operations) -> BackgroundOp:
    """Retention at start-up: delete local copies of dossiers delivered long enough ago."""

    def work(ctx: OpContext) -> object:
        from dossier.retention import purge

        return purge(ctx.ws)

    return ops.run("retention", work, quiet=True)


def _stop_on_cancel(ctx: OpContext, control: object) -> None:
    while not ctx.cancel_event.wait(0.5):
        if getattr(control, "stopped", False):
            return
    control.stop()  # type: ignore[attr-defined]


def timestamp_outbox(ops: Operations, *, title: str) -> BackgroundOp:
    """Add a timestamp to every signed package waiting in the outbox that has none, the
    upgraded package taking its place (server and trust anchors from the settings)."""

    def work(ctx: OpContext) -> list[object]:
        from dossier import signing
        from records import load_certificates

        tsa = ctx.ws.get_setting(signing.TSA_URL) or ""
        trust = ctx.ws.get_setting(signing.TRUST)
        revocation = (ctx.ws.get_setting(signing.REVOCATION) or "") in ("on", "1", "true")
        anchors = tuple(load_certificates(Path(trust))) if trust and revocation else ()
        return list(signing.upgrade_queued(ctx.ws, tsa, revocation=bool(anchors),
                                           trust=anchors))

    return ops.run(title, work)


def retry_job(ops: Operations, job_id: int, *, title: str) -> BackgroundOp:
    """Queue a failed package again (its bytes are still in the workspace)."""

    def work(ctx: OpContext) -> None:
        from dossier.packing import requeue

        requeue(ctx.ws, job_id)

    return ops.run(title, work, quiet=True)


class LinkState(enum.Enum):
    NOT_SET = "not_set"    # no upload server in the settings
    ONLINE = "online"      # the server answers
    REFUSED = "refused"    # the network is up but the server turned the connection away
    OFFLINE = "offline"    # no route, no answer, no name: the link is down


def check_connectivity(ops: Operations, endpoint: str | None) -> BackgroundOp:
    """Can the upload server be reached? (a TCP connect, 3 s at most)."""

    def work(ctx: OpContext) -> LinkState:
        if not endpoint:
            return LinkState.NOT_SET
        parts = urlsplit(endpoint)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            with socket.create_connection((parts.hostname or "", port), timeout=3):
                return LinkState.ONLINE
        except ConnectionRefusedError:
            return LinkState.REFUSED
        except (OSError, ValueError):
            return LinkState.OFFLINE

    return ops.run("connectivity", work, quiet=True)
