"""Recognise a stream of pages in worker processes, yielding each result as it finishes.

Items are pulled lazily on a feeder thread (they may still be arriving from a scanner),
at most ``2 * jobs`` images are held at once, and a bad page or crashed worker fails alone.
A page that outlives ``OcrSettings.page_deadline_s`` has its worker stopped: that page
fails with a timeout, the pages beside it are recognised again in a fresh pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.queues
import os
import queue
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

from ocr.errors import OcrError, PageDeadlineError
from ocr.page import recognise_page
from ocr.results import OcrSettings, PageResult

K = TypeVar("K")

# A page whose worker process died is tried once more in a fresh pool, then reported.
_MAX_ATTEMPTS = 2


class WorkerCrashedError(OcrError):
    """The worker process recognising a page stopped (killed, out of memory)."""


# How often a worker checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0


# How often the watchdog looks for pages past their deadline.
_WATCH_S = 0.2

# In a worker: where it says which task it has started, and in which process.
_started: multiprocessing.queues.SimpleQueue[tuple[int, int]] | None = None


def _init_worker(parent: int, started: multiprocessing.queues.SimpleQueue[tuple[int, int]]
                 ) -> None:
    global _started
    _started = started
    # One Tesseract thread per worker: workers x threads must not exceed the cores.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # A worker holds both ends of its task queue, so it would wait forever for work
    # if the parent were killed (kill -9, power button): it leaves on its own instead.
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(_PARENT_CHECK_S)
        if os.getppid() != parent:
            os._exit(1)


def _work(task: int, data: bytes, settings: OcrSettings) -> PageResult | OcrError:
    if _started is not None:
        _started.put((task, os.getpid()))
    try:
        return recognise_page(data, settings)
    except OcrError as e:
        return e
    except MemoryError:
        return OcrError("không đủ bộ nhớ để xử lý trang — out of memory on this page")


@dataclass
class _Pending(Generic[K]):
    key: K
    data: bytes | OcrError
    attempt: int
    task: int = 0
    overdue: bool = False  # its worker was stopped for taking too long
    spared: bool = False  # its worker was stopped for another page's sake


@dataclass(frozen=True)
class _Done:
    future: Future[PageResult | OcrError]


class _End:
    pass


@dataclass(frozen=True)
class _FeedFailed:
    error: BaseException


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


class _Runner(Generic[K]):
    """The worker pool and the pages in it; pages are submitted from the feeder thread."""

    def __init__(self, settings: OcrSettings, jobs: int) -> None:
        self.settings = settings
        self.jobs = jobs
        self.events: queue.Queue[_Done | _End | _FeedFailed] = queue.Queue()
        self.lock = threading.Lock()
        self.pending: dict[Future[PageResult | OcrError], _Pending[K]] = {}
        # Spawned workers: forking beside GUI and database threads is unsafe.
        self.context = multiprocessing.get_context("spawn")
        self.started = self.context.SimpleQueue()
        self.tasks = 0
        # task -> (worker pid, when the parent learned it started)
        self.running: dict[int, tuple[int, float]] = {}
        self.pool = self._new_pool()
        self.stopping = threading.Event()
        self.watchdog = threading.Thread(target=self._watch, name="ocr-watchdog",
                                         daemon=True)
        self.watchdog.start()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=self.context, initializer=_init_worker,
            initargs=(os.getpid(), self.started),
        )

    def _watch(self) -> None:
        deadline = self.settings.page_deadline_s
        while not self.stopping.is_set():
            while not self.started.empty():
                task, pid = self.started.get()
                with self.lock:
                    self.running[task] = (pid, time.monotonic())
            now = time.monotonic()
            with self.lock:
                late = {task: pid for task, (pid, since) in self.running.items()
                        if now - since > deadline}
                if late:
                    for item in self.pending.values():
                        if item.task in late:
                            item.overdue = True
                        else:
                            item.spared = True
                    for task, pid in late.items():
                        del self.running[task]
                        # The pool breaks; every page in it comes back.
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(pid, signal.SIGKILL)
            self.stopping.wait(_WATCH_S)

    def submit(self, item: _Pending[K]) -> None:
        if isinstance(item.data, OcrError):  # failed before OCR: its outcome, in turn
            known: Future[PageResult | OcrError] = Future()
            with self.lock:
                self.pending[known] = item
            known.add_done_callback(lambda f: self.events.put(_Done(f)))
            known.set_result(item.data)
            return
        with self.lock:
            if pool_broken(self.pool):
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()
            self.tasks += 1
            item.task = self.tasks
            future = self.pool.submit(_work, item.task, item.data, self.settings)
            self.pending[future] = item
        future.add_done_callback(lambda f: self.events.put(_Done(f)))

    def take(self, future: Future[PageResult | OcrError]) -> _Pending[K] | None:
        with self.lock:
            item = self.pending.pop(future, None)
            if item is not None:
                self.running.pop(item.task, None)
            return item

    def busy(self) -> bool:
        with self.lock:
            return bool(self.pending)

    def close(self) -> None:
        self.stopping.set()
        self.watchdog.join()
        with self.lock:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.started.close()


def recognise_many(
    items: Iterable[tuple[K, bytes | OcrError]],
    settings: OcrSettings | None = None,
    jobs: int | None = None,
) -> Iterator[tuple[K, PageResult | OcrError]]:
    """Yield ``(key, PageResult or OcrError)`` for each item, in completion order.

    An item whose data is an :class:`OcrError` (its image could not be made, say) is
    not recognised: that error is its outcome, in its turn.

    ``items`` is iterated on a background thread, which also hands pages to the
    workers, so they stay busy while the caller handles a result. Closing the
    iterator early stops feeding, drops queued pages and shuts the workers down.
    """
    jobs = max(1, jobs or default_jobs())
    runner: _Runner[K] = _Runner(settings or OcrSettings(), jobs)
    permits = threading.Semaphore(2 * jobs)
    stop = threading.Event()
    feeder = threading.Thread(
        target=_feed, args=(items, runner, permits, stop), name="ocr-feeder", daemon=True
    )
    feeder.start()
    fed_all = False
    try:
        while not fed_all or runner.busy():
            event = runner.events.get()
            if isinstance(event, _End):
                fed_all = True
                continue
            if isinstance(event, _FeedFailed):
                raise event.error
            item = runner.take(event.future)
            if item is None:
                continue
            outcome = _outcome(event.future)
            if outcome is None and item.overdue:
                seconds = runner.settings.page_deadline_s
                outcome = PageDeadlineError(
                    f"trang quá thời gian nhận dạng ({seconds:.0f} giây), bỏ qua — the page "
                    f"took longer than {seconds:.0f} s to recognise and was left unread"
                )
            elif outcome is None and item.spared:  # stopped for a page beside it
                runner.submit(_Pending(item.key, item.data, item.attempt))
                continue
            if outcome is None:  # the pool broke under this page (or beside it)
                if item.attempt < _MAX_ATTEMPTS:
                    runner.submit(_Pending(item.key, item.data, item.attempt + 1))
                    continue
                outcome = WorkerCrashedError(
                    "tiến trình nhận dạng bị dừng đột ngột — the OCR worker process "
                    "stopped unexpectedly"
                )
            permits.release()
            yield item.key, outcome
    finally:
        stop.set()
        # Wake the feeder if it waits for a permit, so it can see ``stop``.
        permits.release()
        runner.close()


def pool_broken(pool: ProcessPoolExecutor) -> bool:
    return bool(getattr(pool, "_broken", False))


def _outcome(future: Future[PageResult | OcrError]) -> PageResult | OcrError | None:
    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except OcrError as e:
        return e
    except Exception as e:  # a worker bug must not end the batch
        return OcrError(f"lỗi không mong đợi khi nhận dạng — unexpected OCR failure ({e!r})")


def _feed(
    items: Iterable[tuple[K, bytes | OcrError]],
    runner: _Runner[K],
    permits: threading.Semaphore,
    stop: threading.Event,
) -> None:
    try:
        iterator = iter(items)
        while True:
            permits.acquire()
            if stop.is_set():
                return
            try:
                key, data = next(iterator)
            except StopIteration:
                break
            if stop.is_set():
                return
            runner.submit(_Pending(key, data, 1))
    except BaseException as e:  # the caller's iterator failed: re-raised in the consumer
        runner.events.put(_FeedFailed(e))
        return
    runner.events.put(_End())
