"""One function per user action: each wraps a dossier use case in a background operation.

The work functions run on a pool thread with their own workspace connection
(``ctx.ws``); callers attach ``on_success`` and friends and call ``start()``.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import dossier
from desktop.ops import BackgroundOp, OpContext, Operations
from dossier import ImportItem, ImportReport
from dossier.folders import SUFFIXES
from dossier.packing import PackResult
from storage import Page, SearchHit
from storage import pages as page_store

PROCESS_JOBS = 2


@dataclass(frozen=True)
class ImportDone:
    report: ImportReport
    dossier_id: int | None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    pages: dict[int, Page]


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
        cancel=ctx.cancel_event,
    )
    dossier_id = None
    if assemble:
        row = ctx.ws.conn.execute("SELECT id FROM dossier WHERE batch_id = ? ORDER BY id DESC",
                                  (report.batch_id,)).fetchone()
        dossier_id = int(row[0]) if row else None
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
        return _import(ctx, items, source="sample", assemble=True)

    return ops.run(title, work)


def process_batch(ops: Operations, batch_id: int, *, title: str) -> BackgroundOp:
    """Finish recognising a batch (after a crash or a cancel)."""

    def work(ctx: OpContext) -> tuple[int, int]:
        ids = [p.id for p in page_store.pages_needing_processing(ctx.ws, batch_id)]
        done = [0]

        def on_page(event: dossier.PageProcessed) -> None:
            done[0] += 1
            ctx.item(event)
            ctx.progress(done[0], len(ids), "")

        return dossier.process_batch(ctx.ws, batch_id, on_page=on_page, jobs=PROCESS_JOBS,
                                     cancel=ctx.cancel_event)

    return ops.run(title, work)


def scan(ops: Operations, device: str, source: str, dpi: int, color: bool, *,
         title: str) -> BackgroundOp:
    """Scan a batch from a SANE device; pages are recognised while the feeder runs."""

    def work(ctx: OpContext) -> ImportDone:
        from capture.profile import ColorMode, PaperSource, ScanProfile
        from capture.sane import SaneSource

        profile = ScanProfile(source=PaperSource(source), dpi=dpi,
                              color=ColorMode.COLOR if color else ColorMode.GRAY)
        pages = SaneSource().scan(device, profile)

        def items() -> object:
            for page in pages:
                if ctx.cancelled:
                    close = getattr(pages, "close", None)
                    if close is not None:
                        close()
                    return
                yield ImportItem(page.name, data=page.data)

        return _import(ctx, items(), source="scan", assemble=False)  # type: ignore[arg-type]

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
                   missing_reason: str | None = None) -> BackgroundOp:
    """Pack a dossier into its electronic record and put it in the outbox.

    ``official_code`` is recorded first when the clerk typed it in the pack dialog;
    ``missing_reason`` lets a dossier with missing components go (see dossier.packing).
    """

    def work(ctx: OpContext) -> PackResult:
        from dossier import editing
        from dossier.packing import pack_and_queue as pack

        ctx.progress(0, 1, "")
        if official_code:
            editing.set_dossier_code(ctx.ws, dossier_id, official_code)
        result = pack(ctx.ws, dossier_id, allow_missing=missing_reason)
        ctx.progress(1, 1, "")
        return result

    return ops.run(title, work)


def search(ops: Operations, query: str, *, title: str) -> BackgroundOp:
    def work(ctx: OpContext) -> SearchResult:
        hits = dossier.search(ctx.ws, query)
        pages = {}
        for hit in hits:
            page = page_store.get_page(ctx.ws, hit.page_id)
            if page is not None:
                pages[page.id] = page
        return SearchResult(query, hits, pages)

    return ops.run(title, work, quiet=True)


def upload_now(ops: Operations, control: object, *, title: str) -> BackgroundOp:
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


def _stop_on_cancel(ctx: OpContext, control: object) -> None:
    while not ctx.cancel_event.wait(0.5):
        if getattr(control, "stopped", False):
            return
    control.stop()  # type: ignore[attr-defined]


def retry_job(ops: Operations, job_id: int, *, title: str) -> BackgroundOp:
    """Queue a failed package again (its bytes are still in the workspace)."""

    def work(ctx: OpContext) -> None:
        from storage import outbox

        job = outbox.get(ctx.ws, job_id)
        outbox.add(ctx.ws, ctx.ws.blobs.path(job.package_sha256), job.metadata,
                   sha256=job.package_sha256)

    return ops.run(title, work, quiet=True)


def check_connectivity(ops: Operations, endpoint: str | None) -> BackgroundOp:
    """Can the upload server be reached? (a TCP connect, 3 s at most)."""

    def work(ctx: OpContext) -> bool | None:
        if not endpoint:
            return None
        parts = urlsplit(endpoint)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            with socket.create_connection((parts.hostname or "", port), timeout=3):
                return True
        except OSError:
            return False

    return ops.run("connectivity", work, quiet=True)
