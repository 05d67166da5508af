"""Recognise a stream of pages in worker processes, yielding each result as it finishes.

Items are pulled lazily on a feeder thread (they may still be arriving from a scanner),
at most ``2 * jobs`` images are held at once, and a bad page or crashed worker fails alone.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

from ocr.errors import OcrError
from ocr.page import recognise_page
from ocr.results import OcrSettings, PageResult

K = TypeVar("K")

# A page whose worker process died is tried once more in a fresh pool, then reported.
_MAX_ATTEMPTS = 2


class WorkerCrashedError(OcrError):
    """The worker process recognising a page stopped (killed, out of memory)."""


# How often a worker checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0


def _init_worker(parent: int) -> None:
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


def _work(data: bytes, settings: OcrSettings) -> PageResult | OcrError:
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
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=self.context, initializer=_init_worker,
            initargs=(os.getpid(),),
        )

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
            future = self.pool.submit(_work, item.data, self.settings)
            self.pending[future] = item
        future.add_done_callback(lambda f: self.events.put(_Done(f)))

    def take(self, future: Future[PageResult | OcrError]) -> _Pending[K] | None:
        with self.lock:
            return self.pending.pop(future, None)

    def busy(self) -> bool:
        with self.lock:
            return bool(self.pending)

    def close(self) -> None:
        with self.lock:
            self.pool.shutdown(wait=True, cancel_futures=True)


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
