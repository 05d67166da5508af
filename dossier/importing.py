"""Import files into the workspace as one batch; optionally process them as they arrive."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import RejectedFile
from dossier.pdfs import plan_pdf
from dossier.sources import SourcePage, read_pages, sniff
from storage import BatchPlan, BatchState, DiskFull, Workspace, is_disk_full, transaction
from storage import pages as page_store

SKIPPED_NAMES = (".", "~", "_")
SKIPPED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


@dataclass(frozen=True)
class ImportItem:
    """One input: a file on disk, or bytes that came from a scanner."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            return self.path.read_bytes()
        except IsADirectoryError as e:
            raise RejectedFile("là thư mục, không phải tệp", "is a folder, not a file") from e
        except PermissionError as e:
            raise RejectedFile("không có quyền đọc tệp", "permission denied") from e
        except FileNotFoundError as e:
            raise RejectedFile("không tìm thấy tệp", "file not found") from e
        except OSError as e:
            raise RejectedFile("không đọc được tệp", f"cannot read the file ({e.strerror})") from e


@dataclass(frozen=True)
class Problem:
    item: str
    reason: str


@dataclass
class ImportReport:
    batch_id: int
    pages_added: list[int] = field(default_factory=list)
    pages_existing: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Interrupted batches this run finished, and batches already holding some inputs.
    resumed: list[int] = field(default_factory=list)
    already_in: list[int] = field(default_factory=list)
    dossier_ids: list[int] = field(default_factory=list)           # made of this batch
    resumed_dossier_ids: list[int] = field(default_factory=list)   # of the resumed ones

    @property
    def page_ids(self) -> list[int]:
        return self.pages_added + self.pages_existing


@dataclass(frozen=True)
class ImportedFile:
    """Reported once a file's pages are committed to the workspace.

    ``already_in`` is the batch that already held every page of the file (it
    was imported before, or twice in this run); ``same_as`` names that earlier file.
    """

    item: str
    page_ids: tuple[int, ...]
    created: tuple[bool, ...]
    already_in: int | None = None
    same_as: str | None = None

    @property
    def notice(self) -> str | None:
        """What to tell the person about a file that brought nothing new."""
        if self.already_in is None:
            return None
        same = Path(self.item).name != self.same_as and self.same_as
        vi = f"đã nhập trong lô {self.already_in}"
        en = f"already imported in batch {self.already_in}"
        if same:
            vi += f" (trùng với {self.same_as})"
            en += f" (same content as {self.same_as})"
        return f"{vi} — {en}"


ProgressFn = Callable[[ImportedFile | Problem], None]


def expand_paths(paths: Iterable[Path]) -> list[ImportItem]:
    """Files as given, folders walked in name order; temporary and hidden names skipped."""
    items: list[ImportItem] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if is_temporary_name(name):
                        continue
                    full = Path(root) / name
                    items.append(ImportItem(str(full), full))
        else:
            items.append(ImportItem(str(path), path))
    return items


def is_temporary_name(name: str) -> bool:
    """Names scanners and copy tools give files still being written, and hidden files."""
    return name.startswith(SKIPPED_NAMES) or name.lower().endswith(SKIPPED_SUFFIXES)


@dataclass(frozen=True)
class _Prepared:
    item: ImportItem
    pages: list[page_store.NewPage]


def _prepare(ws: Workspace, item: ImportItem) -> _Prepared:
    """Read, validate and store blobs for one item (safe to run in a worker thread).

    A PDF is read in place, not into memory, and none of its pages is rendered here: a
    page that is one stored JPEG is kept as that JPEG, any other as a reference into the
    PDF, made into its image when it is processed (see :mod:`dossier.pdfs`). Import of
    a long PDF takes seconds.
    """
    name = Path(item.name).name
    if _is_pdf(item):
        return _prepare_pdf(ws, item, name)
    data = item.read()
    source_pages: list[SourcePage] = read_pages(data, item.name)
    source_sha = ws.blobs.put_bytes(data)
    new_pages = []
    for sp in source_pages:
        image_sha = source_sha if sp.data is data else ws.blobs.put_bytes(sp.data)
        new_pages.append(_new_page(source_sha, image_sha, name, sp.index, sp.media_type,
                                   sp.width, sp.height, sp.dpi))
    return _Prepared(item, new_pages)


def _is_pdf(item: ImportItem) -> bool:
    if item.data is not None:
        return sniff(item.data) == "application/pdf"
    assert item.path is not None
    try:
        with open(item.path, "rb") as handle:
            return sniff(handle.read(1024)) == "application/pdf"
    except OSError:
        return False  # item.read() names the reason


def _prepare_pdf(ws: Workspace, item: ImportItem, name: str) -> _Prepared:
    source: bytes | Path
    if item.data is not None:
        source = item.data
    else:
        assert item.path is not None
        source = item.path
    try:
        with plan_pdf(source) as plan:
            # Every page was planned: only now is anything stored.
            if isinstance(source, bytes):
                source_sha = ws.blobs.put_bytes(source)
            else:
                source_sha = ws.blobs.put_file(source)
            new_pages = []
            for page in plan.pages:
                image_sha = (ws.blobs.put_bytes(plan.jpeg(page.index))
                             if page.media_type == "image/jpeg" else source_sha)
                new_pages.append(_new_page(source_sha, image_sha, name, page.index,
                                           page.media_type, page.width, page.height, page.dpi))
    except OSError as e:
        if isinstance(source, bytes) or is_disk_full(e):
            raise
        item.read()  # the reason a file cannot be read, as for any other file
        raise
    return _Prepared(item, new_pages)


def _new_page(source_sha: str, image_sha: str, name: str, index: int, media_type: str,
              width: int, height: int, dpi: int | None) -> page_store.NewPage:
    return page_store.NewPage(source_sha=source_sha, source_page=index, image_sha=image_sha,
                              source_name=name, media_type=media_type, width=width,
                              height=height, dpi=dpi)


def import_items(
    ws: Workspace,
    items: Iterable[ImportItem],
    *,
    source: str = "files",
    label: str | None = None,
    batch_id: int | None = None,
    on_progress: ProgressFn | None = None,
    threads: int = 2,
) -> Iterator[ImportedFile | Problem]:
    """Import ``items`` into a batch, yielding each file's outcome once it is committed.

    A generator so that callers can overlap later stages with the import (OCR
    starts on the first pages while a feeder is still scanning). The batch id
    is available from :func:`start_batch` when the caller needs it first.
    """
    ws.require_work("import")
    if batch_id is None:
        batch_id = page_store.create_batch(ws, source=source, label=label)
    counts = {False: 0, True: 0}  # imported, refused
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        pending: list[tuple[ImportItem, Future[_Prepared]]] = []
        iterator = iter(items)
        # Keep a small window of files in flight: bounded memory, ordered commits.
        for item in itertools.islice(iterator, threads * 2):
            pending.append((item, pool.submit(_prepare, ws, item)))
        while pending:
            item, future = pending.pop(0)
            nxt = next(iterator, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_prepare, ws, nxt)))
            outcome: ImportedFile | Problem
            try:
                prepared = future.result()
                # The file's pages and its "done" mark in one commit (one write of the
                # database per file, and a kill never leaves one without the other).
                with transaction(ws.conn):
                    results = page_store.add_pages(ws, batch_id, prepared.pages)
                    outcome = _imported(ws, item.name, results)
                    _mark_done(ws, batch_id, item)
            except RejectedFile as e:
                with transaction(ws.conn):
                    page_store.record_problem(ws, batch_id, item.name, str(e))
                    _mark_done(ws, batch_id, item)
                outcome = Problem(item.name, str(e))
            except Exception as e:
                if not is_disk_full(e):
                    raise
                for _, other in pending:
                    other.cancel()
                full = DiskFull(item.name, "nhập tệp này", "importing this file")
                # Marking the batch needs a few bytes; when even that fails the line on
                # the screen still names the file, and the batch stays "importing".
                with contextlib.suppress(Exception):
                    page_store.record_problem(ws, batch_id, item.name, full.reason)
                raise full from e
            counts[isinstance(outcome, Problem)] += 1
            if on_progress is not None:
                on_progress(outcome)
            yield outcome
    page_store.set_batch_state(ws, batch_id, BatchState.IMPORTED)
    ws.audit.record("import", item=f"batch:{batch_id}", detail=f"{source}: {counts[False]} "
                    f"file(s) imported, {counts[True]} refused",
                    outcome="ok" if not counts[True] else "failed")


def _mark_done(ws: Workspace, batch_id: int, item: ImportItem) -> None:
    if item.path is not None:
        page_store.mark_input_done(ws, batch_id, str(item.path))


def _imported(ws: Workspace, name: str, results: list[tuple[int, bool]]) -> ImportedFile:
    ids = tuple(r[0] for r in results)
    created = tuple(r[1] for r in results)
    if not ids or any(created):
        return ImportedFile(name, ids, created)
    first = page_store.get_page(ws, ids[0])
    return ImportedFile(name, ids, created, first.batch_id if first else None,
                        first.source_name if first else None)


def start_batch(ws: Workspace, source: str = "files", label: str | None = None) -> int:
    """A batch nobody holds (for callers that import and finish it themselves, in one go)."""
    return page_store.create_batch(ws, source=source, label=label)


def import_paths(
    ws: Workspace,
    paths: Iterable[Path],
    *,
    source: str = "files",
    on_progress: ProgressFn | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import files and folders as one batch, without processing.

    Interrupted batches are finished first (see :mod:`dossier.batches`).
    """
    from dossier.batches import run_import

    return run_import(ws, expand_paths(paths), source=source, plan=BatchPlan.IMPORT,
                      on_progress=on_progress, on_notice=on_notice)


def _add_to_report(report: ImportReport, outcome: ImportedFile | Problem) -> None:
    if isinstance(outcome, Problem):
        report.problems.append(outcome)
        return
    for page_id, created in zip(outcome.page_ids, outcome.created, strict=True):
        (report.pages_added if created else report.pages_existing).append(page_id)
    if (outcome.already_in is not None and outcome.already_in != report.batch_id
            and outcome.already_in not in report.already_in):
        report.already_in.append(outcome.already_in)
