"""Watched folder (scan-to-folder): import each new file once, when fully written.

A file is taken when its size and modification time have not changed across two
polls; temporary names are skipped; the workspace remembers every file across restarts.
"""

from __future__ import annotations

import enum
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dossier.batches import resume_interrupted, run_import
from dossier.importing import ImportItem, is_temporary_name
from ocr import error_detail
from storage import BatchPlan, Workspace, is_disk_full, sha256_bytes
from storage import watch as watch_store
from storage.watch import DONE_STATES, WatchState

# An empty file is usually one a scanner has just created: give it time.
EMPTY_FILE_POLLS = 5
# Noted on a file whose import a run did not finish (killed, crashed), before it is retried.
INTERRUPTED = "interrupted while importing"
DIED_TWICE = ("Sohoa đã dừng hai lần khi đọc tệp này; tệp bị bỏ qua — Sohoa stopped twice "
              "while reading this file; it is left out")


class WatchEventKind(enum.StrEnum):
    IMPORTED = "imported"
    PROCESSED = "processed"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class WatchEvent:
    kind: WatchEventKind
    path: str
    batch_id: int | None = None
    reason: str | None = None
    dossier_ids: tuple[int, ...] = ()


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    polls: int = 1


class FolderWatcher:
    """Polls one folder (and its subfolders) and imports what settles there."""

    def __init__(self, ws: Workspace, folder: Path, *, process: bool = True,
                 jobs: int | None = None, interval: float = 1.0,
                 blank_separates: bool = False,
                 on_event: Callable[[WatchEvent], None] | None = None) -> None:
        self.ws = ws
        self.folder = folder.resolve()
        self.key = str(self.folder)
        self.process = process
        self.jobs = jobs
        self.interval = interval
        self.blank_separates = blank_separates
        self.on_event = on_event
        self._seen: dict[str, _Seen] = {}
        self._done: set[tuple[str, int, int]] = set()

    # Recovery -------------------------------------------------------------

    def recover(self) -> None:
        """Finish what a previous run left half done (it was stopped or killed).

        Interrupted batches are finished by :func:`dossier.resume_interrupted`
        (under their locks, whoever started them); a claimed file whose pages
        never landed is imported again by the next poll.
        """
        resume_interrupted(self.ws, jobs=self.jobs)
        for row in watch_store.unfinished(self.ws, self.key):
            batch_id = watch_store.batch_of_source(self.ws, row.sha256)
            if batch_id is None:
                # Pages never committed: the next poll imports the file again, once. A
                # file a run died on twice (a reader crashing the process, say) is
                # refused, not retried at every start.
                if row.reason == INTERRUPTED:
                    watch_store.mark(self.ws, row.id, WatchState.REJECTED,
                                     reason=DIED_TWICE)
                    self._done.add((row.path, row.size, row.mtime_ns))
                    self._emit(WatchEvent(WatchEventKind.REJECTED, row.path, None, DIED_TWICE))
                else:
                    watch_store.mark(self.ws, row.id, WatchState.IMPORTING,
                                     reason=INTERRUPTED)
                continue
            if row.state == WatchState.IMPORTING:
                self._emit(WatchEvent(WatchEventKind.IMPORTED, row.path, batch_id))
            watch_store.mark(self.ws, row.id, WatchState.PROCESSED, batch_id=batch_id)
            self._emit(WatchEvent(WatchEventKind.PROCESSED, row.path, batch_id))

    # Polling --------------------------------------------------------------

    def _candidates(self) -> list[tuple[str, int, int]]:
        """Files whose size and mtime held still since the previous poll."""
        stable = []
        present = set()
        for root, dirs, files in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if is_temporary_name(name):
                    continue
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue   # renamed or removed between listing and stat
                if not os.path.isfile(path):
                    continue
                present.add(path)
                key = (path, info.st_size, info.st_mtime_ns)
                if key in self._done:
                    continue
                seen = self._seen.get(path)
                if seen is None or (seen.size, seen.mtime_ns) != (info.st_size,
                                                                  info.st_mtime_ns):
                    self._seen[path] = _Seen(info.st_size, info.st_mtime_ns)
                    continue
                seen.polls += 1
                if info.st_size == 0 and seen.polls < EMPTY_FILE_POLLS:
                    continue
                stable.append(key)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return stable

    def poll_once(self) -> list[WatchEvent]:
        events: list[WatchEvent] = []
        for path, size, mtime_ns in self._candidates():
            known = watch_store.find(self.ws, path, size, mtime_ns)
            if known is not None and known.state in DONE_STATES:
                self._done.add((path, size, mtime_ns))
                continue
            events.extend(self._take(path, size, mtime_ns))
        return events

    def _take(self, path: str, size: int, mtime_ns: int) -> list[WatchEvent]:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return []   # gone or locked: looked at again next poll
        if len(data) != size:
            self._seen.pop(path, None)   # still being written after all
            return []
        sha = sha256_bytes(data)
        previous = watch_store.find_by_sha(self.ws, sha)
        if previous is not None:
            watch_store.claim(self.ws, self.key, path, size, mtime_ns, sha,
                              state=WatchState.DUPLICATE, batch_id=previous.batch_id,
                              reason=f"same content as {previous.path}")
            self._done.add((path, size, mtime_ns))
            return [self._emit(WatchEvent(WatchEventKind.DUPLICATE, path, previous.batch_id,
                                          f"trùng nội dung với {previous.path} — same content "
                                          f"as {previous.path}"))]
        row = watch_store.claim(self.ws, self.key, path, size, mtime_ns, sha)
        if not self.process:
            plan = BatchPlan.IMPORT
        else:
            plan = BatchPlan.SPLIT_BLANK if self.blank_separates else BatchPlan.SPLIT
        try:
            report = run_import(self.ws, [ImportItem(path, Path(path), data=data)],
                                source="watch", label=os.path.relpath(path, self.folder),
                                plan=plan, jobs=self.jobs)
        except Exception as e:
            if is_disk_full(e) or getattr(e, "exit_code", None) is not None:
                raise   # the workspace's trouble, not this file's: stop, retry later
            # Anything else this one file caused is its own line; watching goes on.
            reason = ("lỗi không lường trước khi nhập tệp này — unexpected error importing "
                      f"this file ({type(e).__name__}: {error_detail(e)})")
            watch_store.mark(self.ws, row.id, WatchState.REJECTED, reason=reason)
            self._done.add((path, size, mtime_ns))
            return [self._emit(WatchEvent(WatchEventKind.REJECTED, path, None, reason))]
        self._done.add((path, size, mtime_ns))
        if report.problems:
            reason = report.problems[0].reason
            watch_store.mark(self.ws, row.id, WatchState.REJECTED, batch_id=report.batch_id,
                             reason=reason)
            return [self._emit(WatchEvent(WatchEventKind.REJECTED, path, report.batch_id,
                                          reason))]
        if not report.pages_added and report.already_in:
            batch_id = report.already_in[0]
            reason = (f"đã nhập trong lô {batch_id} — already imported in batch {batch_id}")
            watch_store.mark(self.ws, row.id, WatchState.DUPLICATE, batch_id=batch_id,
                             reason=reason)
            return [self._emit(WatchEvent(WatchEventKind.DUPLICATE, path, batch_id, reason))]
        watch_store.mark(self.ws, row.id, WatchState.IMPORTED, batch_id=report.batch_id)
        events = [self._emit(WatchEvent(WatchEventKind.IMPORTED, path, report.batch_id))]
        watch_store.mark(self.ws, row.id, WatchState.PROCESSED)
        if self.process:
            events.append(self._emit(WatchEvent(WatchEventKind.PROCESSED, path, report.batch_id,
                                                dossier_ids=tuple(report.dossier_ids))))
        return events

    def _emit(self, event: WatchEvent) -> WatchEvent:
        if self.on_event is not None:
            self.on_event(event)
        return event

    def run(self, stop: threading.Event) -> None:
        """Poll until ``stop`` is set; a file being imported is finished first."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.recover()
        while not stop.is_set():
            self.poll_once()
            stop.wait(self.interval)
