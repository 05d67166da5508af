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
from dossier.sources import SourcePage, read_pages
from storage import BatchState, DiskFull, Workspace, is_disk_full
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

    @property
    def page_ids(self) -> list[int]:
        return self.pages_added + self.pages_existing


@dataclass(frozen=True)
class ImportedFile:
    """Reported once a file's pages are committed to the workspace."""

    item: str
    page_ids: tuple[int, ...]
    created: tuple[bool, ...]


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
    """Read, validate and store blobs for one item (safe to run in a worker thread)."""
    data = item.read()
    source_pages: list[SourcePage] = read_pages(data, item.name)
    source_sha = ws.blobs.put_bytes(data)
    name = Path(item.name).name
    new_pages = []
    for sp in source_pages:
        image_sha = source_sha if sp.data is data else ws.blobs.put_bytes(sp.data)
        new_pages.append(
            page_store.NewPage(
                source_sha=source_sha,
                source_page=sp.index,
                image_sha=image_sha,
                source_name=name,
                media_type=sp.media_type,
                width=sp.width,
                height=sp.height,
                dpi=sp.dpi,
            )
        )
    return _Prepared(item, new_pages)


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
    if batch_id is None:
        batch_id = page_store.create_batch(ws, source=source, label=label)
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
                results = page_store.add_pages(ws, batch_id, prepared.pages)
                outcome = ImportedFile(
                    item.name, tuple(r[0] for r in results), tuple(r[1] for r in results)
                )
            except RejectedFile as e:
                page_store.record_problem(ws, batch_id, item.name, str(e))
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
            if on_progress is not None:
                on_progress(outcome)
            yield outcome
    page_store.set_batch_state(ws, batch_id, BatchState.IMPORTED)


def start_batch(ws: Workspace, source: str = "files", label: str | None = None) -> int:
    return page_store.create_batch(ws, source=source, label=label)


def import_paths(
    ws: Workspace,
    paths: Iterable[Path],
    *,
    source: str = "files",
    on_progress: ProgressFn | None = None,
) -> ImportReport:
    """Import files and folders as one batch, without processing."""
    batch_id = start_batch(ws, source)
    report = ImportReport(batch_id)
    for outcome in import_items(
        ws, expand_paths(paths), batch_id=batch_id, on_progress=on_progress
    ):
        _add_to_report(report, outcome)
    return report


def _add_to_report(report: ImportReport, outcome: ImportedFile | Problem) -> None:
    if isinstance(outcome, Problem):
        report.problems.append(outcome)
        return
    for page_id, created in zip(outcome.page_ids, outcome.created, strict=True):
        (report.pages_added if created else report.pages_existing).append(page_id)
