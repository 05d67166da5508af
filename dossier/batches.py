"""Batches from start to finish, resumable: import, process and assemble up to the batch's plan.

Whoever works on a batch holds its lock; a batch short of its plan whose lock
is free was interrupted (kill, power cut, crash) and the next run finishes it.
Imports take the workspace's import lock, so two imports never interleave.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

from dossier.importing import (
    ImportedFile,
    ImportItem,
    ImportReport,
    Problem,
    ProgressFn,
    _add_to_report,
    import_items,
)
from dossier.pdfs import PageImages
from dossier.processing import PageProgressFn, _run_ocr, image_for_ocr, process_pages
from failures import Cancelled
from ocr.errors import OcrError
from storage import Batch, BatchPlan, BatchState, Page, PageState, Workspace, WorkspaceLocked
from storage import pages as page_store
from storage.locks import IMPORT, FileLock, batch_lock_name, holding, work_lock

NoticeFn = Callable[[str], None]
AssembleFn = Callable[[Workspace, int], list[int]]

_ORDER = tuple(BatchState)


def _before(state: BatchState, other: BatchState) -> bool:
    return _ORDER.index(state) < _ORDER.index(other)


@dataclass
class BatchRun:
    """A batch this process works on; its lock is held until :meth:`done`."""

    batch_id: int
    lock: FileLock

    def done(self) -> None:
        self.lock.release()


def batch_lock(ws: Workspace, batch_id: int) -> FileLock:
    return work_lock(ws.root, batch_lock_name(batch_id))


def open_batch(ws: Workspace, *, source: str, label: str | None, plan: BatchPlan,
               inputs: Sequence[str] = ()) -> BatchRun:
    """A new batch, locked before any other process can see it."""
    holder: list[FileLock] = []

    def take(batch_id: int) -> None:
        lock = batch_lock(ws, batch_id)
        if not lock.acquire(0):
            raise WorkspaceLocked(f"lô {batch_id} đang bận — batch {batch_id} is busy")
        holder.append(lock)

    try:
        batch_id = page_store.create_batch(ws, source, label, plan=plan, inputs=inputs,
                                           before_commit=take)
    except BaseException:
        for lock in holder:
            lock.release()
        raise
    return BatchRun(batch_id, holder[0])


def claim_batch(ws: Workspace, batch_id: int) -> BatchRun | None:
    """Take an interrupted batch over; None if someone works on it or it is finished."""
    lock = batch_lock(ws, batch_id)
    if not lock.acquire(0):
        return None
    batch = page_store.get_batch(ws, batch_id)   # read again now that it is ours
    if batch is None or batch.finished:
        lock.release()
        return None
    return BatchRun(batch_id, lock)


def is_being_worked_on(ws: Workspace, batch_id: int) -> bool:
    lock = batch_lock(ws, batch_id)
    if lock.acquire(0):
        lock.release()
        return False
    return True


def interrupted_batches(ws: Workspace) -> list[Batch]:
    """Batches short of their plan that nobody is working on."""
    return [b for b in page_store.unfinished_batches(ws) if not is_being_worked_on(ws, b.id)]


def import_lock(ws: Workspace) -> FileLock:
    return work_lock(ws.root, IMPORT)


def _waiting(on_notice: NoticeFn | None) -> Callable[[], None]:
    def tell() -> None:
        if on_notice is not None:
            on_notice("một tiến trình Sohoa khác đang nhập vào kho này; đang chờ — "
                      "another Sohoa process is importing into this workspace; waiting")
    return tell


# Finishing -----------------------------------------------------------------------


def _import_pending(ws: Workspace, run: BatchRun, on_progress: ProgressFn | None) -> None:
    """Import the inputs an interrupted batch had not reached (caller holds the import lock)."""
    pending = page_store.pending_inputs(ws, run.batch_id)
    batch = page_store.get_batch(ws, run.batch_id)
    if pending:
        items = [ImportItem(path, Path(path)) for _, path in pending]
        for _outcome in import_items(ws, items, batch_id=run.batch_id, on_progress=on_progress):
            pass
    elif batch is not None and batch.state == BatchState.IMPORTING:
        page_store.set_batch_state(ws, run.batch_id, BatchState.IMPORTED)


def _assemble(ws: Workspace, batch: Batch) -> list[int]:
    if batch.plan == BatchPlan.ASSEMBLE:
        from dossier.assembly import assemble_batch

        return assemble_batch(ws, batch.id)
    from dossier.splitting import split_batch

    return split_batch(ws, batch.id, blank_separates=batch.plan == BatchPlan.SPLIT_BLANK)


def finish(ws: Workspace, run: BatchRun, *, jobs: int | None = None,
           on_page: PageProgressFn | None = None, cancel: threading.Event | None = None,
           assemble: AssembleFn | None = None) -> list[int]:
    """Process and assemble a batch up to its plan (its import step is done); release it.

    Returns the dossiers made. Cancelling leaves the batch unfinished, for later.
    """
    try:
        batch = page_store.get_batch(ws, run.batch_id)
        if batch is None:
            return []
        if batch.state == BatchState.IMPORTING:
            page_store.set_batch_state(ws, batch.id, BatchState.IMPORTED)
        if batch.plan.processes:
            ids = [p.id for p in page_store.pages_needing_processing(ws, batch.id)]
            if ids or _before(batch.state, BatchState.PROCESSED):
                page_store.set_batch_state(ws, batch.id, BatchState.PROCESSING)
                process_pages(ws, ids, jobs=jobs, on_page=on_page, cancel=cancel)
                page_store.set_batch_state(ws, batch.id, BatchState.PROCESSED)
        batch = page_store.get_batch(ws, run.batch_id)
        assert batch is not None
        dossier_ids: list[int] = []
        if batch.plan.assembles and batch.state != BatchState.ASSEMBLED:
            dossier_ids = assemble(ws, batch.id) if assemble else _assemble(ws, batch)
        elif not batch.finished_at:
            page_store.finish_batch_state(ws, batch.id, batch.state)
        run.lock.path.unlink(missing_ok=True)   # finished: anyone who still opens it re-reads
        return dossier_ids
    finally:
        run.done()


@dataclass(frozen=True)
class Resumed:
    batch_id: int
    dossier_ids: tuple[int, ...]


def claim_interrupted(ws: Workspace, on_progress: ProgressFn | None = None) -> list[BatchRun]:
    """Take over every interrupted batch and finish its import step (hold the import lock)."""
    runs = []
    for batch in page_store.unfinished_batches(ws):
        run = claim_batch(ws, batch.id)
        if run is None:
            continue
        try:
            _import_pending(ws, run, on_progress)
        except BaseException:
            run.done()
            raise
        runs.append(run)
    return runs


def resume_interrupted(ws: Workspace, *, jobs: int | None = None,
                       on_page: PageProgressFn | None = None,
                       on_notice: NoticeFn | None = None,
                       cancel: threading.Event | None = None) -> list[Resumed]:
    """Finish every batch a crash or kill left short of its plan; returns what was finished."""
    if not page_store.unfinished_batches(ws):
        return []
    with holding(import_lock(ws), "", wait=None, on_wait=_waiting(on_notice)):
        runs = claim_interrupted(ws)
    return _finish_all(ws, runs, jobs=jobs, on_page=on_page, on_notice=on_notice, cancel=cancel)


def _finish_all(ws: Workspace, runs: list[BatchRun], *, jobs: int | None,
                on_page: PageProgressFn | None, on_notice: NoticeFn | None,
                cancel: threading.Event | None) -> list[Resumed]:
    done = []
    try:
        while runs:
            run = runs.pop(0)
            dossier_ids = finish(ws, run, jobs=jobs, on_page=on_page, cancel=cancel)
            done.append(Resumed(run.batch_id, tuple(dossier_ids)))
            if on_notice is not None:
                on_notice(f"đã hoàn tất lô {run.batch_id} bị gián đoạn — "
                          f"finished interrupted batch {run.batch_id}")
    finally:
        for run in runs:
            run.done()
    return done


# Importing -------------------------------------------------------------------------


def run_import(
    ws: Workspace,
    items: Iterable[ImportItem],
    *,
    source: str = "files",
    label: str | None = None,
    plan: BatchPlan = BatchPlan.ASSEMBLE,
    on_progress: ProgressFn | None = None,
    on_page: PageProgressFn | None = None,
    on_notice: NoticeFn | None = None,
    jobs: int | None = None,
    cancel: threading.Event | None = None,
    resume: bool = True,
    assemble: AssembleFn | None = None,
) -> ImportReport:
    """Import ``items`` as one batch and take it as far as ``plan`` says.

    Holds the workspace's import lock while pages are being committed (a second
    import waits, and then finds the pages already there); OCR starts on the
    first pages while later ones are still arriving. With ``resume``,
    interrupted batches are finished too. A file whose pages the workspace
    already has is not imported again: its outcome names the batch holding it,
    and when nothing at all was new, the report's batch is that one.
    """
    ws.require_work("import")
    lock = import_lock(ws)
    lock.acquire(None, on_wait=_waiting(on_notice))
    resumed: list[BatchRun] = []
    own: BatchRun | None = None
    try:
        if resume:
            resumed = claim_interrupted(ws)
        listed = items if isinstance(items, Sequence) else None
        inputs = [str(i.path) for i in listed if i.path is not None] if listed else []
        own = open_batch(ws, source=source, label=label, plan=plan, inputs=inputs)
    except BaseException:
        lock.release()
        for run in resumed:
            run.done()
        raise
    report = ImportReport(own.batch_id)
    stop = threading.Event()

    def commit(queue: Queue[int | BaseException | None] | None) -> None:
        """Commit every item, then free the import lock (OCR may still be going on)."""
        try:
            wanted = _until(items, stop)
            for outcome in import_items(ws, wanted, batch_id=report.batch_id,
                                        on_progress=on_progress):
                _add_to_report(report, outcome)
                if queue is not None and not isinstance(outcome, Problem):
                    for page in _unprocessed(ws, outcome, report.batch_id):
                        queue.put(page.id)
        except BaseException as e:
            if queue is None:
                raise
            queue.put(e)
        finally:
            lock.release()
            if queue is not None:
                queue.put(None)

    def feed(queue: Queue[int | BaseException | None]) -> Iterator[tuple[int, bytes | OcrError]]:
        with PageImages(ws) as images:
            while (item := queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                page = page_store.get_page(ws, item)
                if page is not None:
                    yield page.id, image_for_ocr(images, page)

    try:
        if plan.processes:
            # Pages are committed on their own thread, as fast as they come; only their
            # ids wait for the OCR workers, so the import lock is not held while they work.
            queue: Queue[int | BaseException | None] = Queue()
            committer = threading.Thread(target=commit, args=(queue,), name="import-commit",
                                         daemon=True)
            committer.start()
            try:
                _run_ocr(ws, feed(queue), jobs=jobs, on_page=on_page, cancel=cancel)
            except Cancelled:
                stop.set()
                committer.join()
                # A person stopped it: the files not reached are not imported later either.
                page_store.drop_pending_inputs(ws, report.batch_id)
                raise
            finally:
                stop.set()
                committer.join()
        else:
            commit(None)
        resumed.extend(_upgrade(ws, report, plan))
        report.resumed = [r.batch_id for r in resumed]
        finished = _finish_all(ws, resumed, jobs=jobs, on_page=on_page, on_notice=on_notice,
                               cancel=cancel)
        for done in finished:
            report.resumed_dossier_ids.extend(done.dossier_ids)
        run, own = own, None
        report.dossier_ids.extend(finish(ws, run, jobs=jobs, on_page=on_page, cancel=cancel,
                                         assemble=assemble))
    finally:
        lock.release()
        if own is not None:
            own.done()
        for left in resumed:   # emptied by _finish_all as it goes
            left.done()
    _drop_if_empty(ws, report)
    return report


def _until(items: Iterable[ImportItem], stop: threading.Event) -> Iterator[ImportItem]:
    """``items`` until ``stop`` is set (the run was cancelled or failed)."""
    for item in items:
        if stop.is_set():
            return
        yield item


def _upgrade(ws: Workspace, report: ImportReport, plan: BatchPlan) -> list[BatchRun]:
    """Batches imported without processing that this run met: process them now."""
    if not plan.processes:
        return []
    runs = []
    for batch_id in report.already_in:
        batch = page_store.get_batch(ws, batch_id)
        if batch is None or batch.plan != BatchPlan.IMPORT:
            continue
        lock = batch_lock(ws, batch_id)
        if not lock.acquire(0):
            continue
        page_store.set_batch_plan(ws, batch_id, plan)
        runs.append(BatchRun(batch_id, lock))
    return runs


def _drop_if_empty(ws: Workspace, report: ImportReport) -> None:
    """Nothing new came in: no empty batch is left behind; report where the pages are."""
    if report.pages_added or report.problems or not report.already_in:
        return
    if page_store.drop_empty_batch(ws, report.batch_id):
        batch_lock(ws, report.batch_id).path.unlink(missing_ok=True)
        report.batch_id = report.already_in[0]


def _unprocessed(ws: Workspace, outcome: ImportedFile, batch_id: int) -> list[Page]:
    """The file's pages this run recognises: new ones of its own batch (another batch's
    pages are its owner's to recognise)."""
    pages = (page_store.get_page(ws, page_id) for page_id in outcome.page_ids)
    return [p for p in pages
            if p is not None and p.state == PageState.NEW and p.batch_id == batch_id]
