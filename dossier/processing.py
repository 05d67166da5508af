"""Run OCR over pages and store each result as it finishes; import and process together."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import words
from dossier.errors import RejectedFile
from dossier.importing import (
    ImportItem,
    ImportReport,
    ProgressFn,
    expand_paths,
)
from dossier.pdfs import PageImages
from failures import Cancelled
from storage import BatchPlan, PageState, Workspace, WorkspaceLocked
from storage import pages as page_store

if TYPE_CHECKING:
    from ocr import OcrError, PageResult
    from storage.model import Page


@dataclass(frozen=True)
class PageProcessed:
    page_id: int
    ok: bool
    error: str | None = None


PageProgressFn = Callable[[PageProcessed], None]


def store_result(ws: Workspace, page_id: int, result: PageResult) -> None:
    words_sha = ws.blobs.put_bytes(words.encode(result))
    clean_sha = ws.blobs.put_bytes(result.clean_png) if result.clean_png else None
    page_store.store_ocr(
        ws,
        page_id,
        page_store.OcrOutcome(
            rotation=result.rotation,
            skew=result.skew,
            blank=result.blank,
            text=result.text,
            confidence=result.mean_confidence,
            words_sha=words_sha,
            clean_sha=clean_sha,
            orientation_unsure=result.orientation_unsure,
        ),
    )


def image_for_ocr(images: PageImages, page: Page) -> bytes | OcrError:
    """The page's image for OCR, or the reason it cannot be made (a damaged PDF page)."""
    from ocr import OcrError

    try:
        return images.read(page)
    except RejectedFile as e:
        return OcrError(str(e))


def _run_ocr(
    ws: Workspace,
    feed: Iterable[tuple[int, bytes | OcrError]],
    *,
    jobs: int | None,
    on_page: PageProgressFn | None,
    cancel: threading.Event | None,
) -> tuple[int, int]:
    import ocr

    done = failed = 0
    for page_id, outcome in ocr.recognise_many(feed, ocr.OcrSettings(), jobs=jobs):
        if isinstance(outcome, ocr.OcrError):
            page_store.store_page_error(ws, page_id, str(outcome))
            failed += 1
            event = PageProcessed(page_id, False, str(outcome))
        else:
            store_result(ws, page_id, outcome)
            done += 1
            event = PageProcessed(page_id, True)
        if on_page is not None:
            on_page(event)
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"đã dừng sau {done + failed} trang — cancelled")
    return done, failed


def process_pages(
    ws: Workspace,
    page_ids: Iterable[int],
    *,
    jobs: int | None = None,
    on_page: PageProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> tuple[int, int]:
    """OCR the given pages (skipping those already processed); returns (done, failed)."""
    ws.require_work("edit")

    def feed() -> Iterator[tuple[int, bytes | OcrError]]:
        with PageImages(ws) as images:
            for page_id in page_ids:
                if cancel is not None and cancel.is_set():
                    return
                page = page_store.get_page(ws, page_id)
                if page is None or page.state == PageState.PROCESSED:
                    continue
                yield page_id, image_for_ocr(images, page)

    return _run_ocr(ws, feed(), jobs=jobs, on_page=on_page, cancel=cancel)


def process_batch(
    ws: Workspace,
    batch_id: int,
    *,
    jobs: int | None = None,
    on_page: PageProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> tuple[int, int]:
    """OCR every page of a batch not yet processed (an interrupted batch resumes here),
    and assemble it if its plan says so. Refused while another holder works on it."""
    from dossier.batches import BatchRun, batch_lock, finish

    lock = batch_lock(ws, batch_id)
    if not lock.acquire(0):
        raise WorkspaceLocked(f"lô {batch_id} đang được xử lý ở nơi khác — "
                              f"batch {batch_id} is being processed elsewhere")
    counts = [0, 0]

    def count(event: PageProcessed) -> None:
        counts[0 if event.ok else 1] += 1
        if on_page is not None:
            on_page(event)

    batch = page_store.get_batch(ws, batch_id)
    if batch is not None and not batch.plan.processes:
        page_store.set_batch_plan(ws, batch_id, BatchPlan.PROCESS)
    finish(ws, BatchRun(batch_id, lock), jobs=jobs, on_page=count, cancel=cancel)
    return counts[0], counts[1]


def import_items_and_process(
    ws: Workspace,
    items: Iterable[ImportItem],
    *,
    source: str = "files",
    label: str | None = None,
    on_progress: ProgressFn | None = None,
    on_page: PageProgressFn | None = None,
    on_notice: Callable[[str], None] | None = None,
    jobs: int | None = None,
    assemble: bool = True,
    cancel: threading.Event | None = None,
    resume: bool = True,
) -> ImportReport:
    """Import and recognise at once: OCR starts on the first page while later ones arrive.

    With ``assemble``, the batch becomes one dossier. Interrupted batches are
    finished first unless ``resume`` is false.
    """
    from dossier.batches import run_import

    return run_import(
        ws, items, source=source, label=label,
        plan=BatchPlan.ASSEMBLE if assemble else BatchPlan.PROCESS,
        on_progress=on_progress, on_page=on_page, on_notice=on_notice, jobs=jobs,
        cancel=cancel, resume=resume,
    )


def import_and_process(
    ws: Workspace,
    paths: Iterable[Path],
    *,
    on_progress: ProgressFn | None = None,
    on_page: PageProgressFn | None = None,
    on_notice: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> ImportReport:
    return import_items_and_process(
        ws, expand_paths(paths), on_progress=on_progress, on_page=on_page,
        on_notice=on_notice, jobs=jobs,
    )
