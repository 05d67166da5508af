"""Recognise a stream of pages in worker processes, yielding each result as it finishes.

Items are pulled lazily on a feeder thread (they may still be arriving from a scanner),
at most ``2 * jobs`` images are held at once, and a bad page or crashed worker fails alone.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
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


def _init_worker() -> None:
    # One Tesseract thread per worker: workers x threads must not exceed the cores.
    os.environ["OMP_THREAD_LIMIT"] = "1"


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
    data: bytes
    attempt: int


@dataclass(frozen=True)
class _Item(Generic[K]):
    key: K
    data: bytes


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


def recognise_many(
    items: Iterable[tuple[K, bytes]],
    settings: OcrSettings | None = None,
    jobs: int | None = None,
) -> Iterator[tuple[K, PageResult | OcrError]]:
    """Yield ``(key, PageResult or OcrError)`` for each item, in completion order.

    ``items`` is iterated on a background thread. Closing the iterator early stops
    feeding, drops queued pages and shuts the workers down.
    """
    settings = settings or OcrSettings()
    jobs = max(1, jobs or default_jobs())
    events: queue.Queue[_Item[K] | _Done | _End | _FeedFailed] = queue.Queue()
    permits = threading.Semaphore(2 * jobs)
    stop = threading.Event()
    feeder = threading.Thread(
        target=_feed, args=(items, events, permits, stop), name="ocr-feeder", daemon=True
    )
    context = multiprocessing.get_context("spawn")  # safe beside GUI and database threads

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker)

    pool = new_pool()
    pending: dict[Future[PageResult | OcrError], _Pending[K]] = {}

    def submit(item: _Pending[K]) -> None:
        future = pool.submit(_work, item.data, settings)
        pending[future] = item
        future.add_done_callback(lambda f: events.put(_Done(f)))

    feeder.start()
    fed_all = False
    try:
        while not fed_all or pending:
            event = events.get()
            if isinstance(event, _Item):
                submit(_Pending(event.key, event.data, 1))
            elif isinstance(event, _End):
                fed_all = True
            elif isinstance(event, _FeedFailed):
                raise event.error
            else:
                item = pending.pop(event.future, None)
                if item is None:
                    continue
                outcome = _outcome(event.future)
                if outcome is None:  # the pool broke under this page
                    if item.attempt < _MAX_ATTEMPTS:
                        if pool_broken(pool):
                            pool.shutdown(wait=False, cancel_futures=True)
                            pool = new_pool()
                        submit(_Pending(item.key, item.data, item.attempt + 1))
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
        pool.shutdown(wait=True, cancel_futures=True)


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
    items: Iterable[tuple[K, bytes]],
    events: queue.Queue[_Item[K] | _Done | _End | _FeedFailed],
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
            events.put(_Item(key, data))
    except BaseException as e:  # the caller's iterator failed: re-raised in the consumer
        events.put(_FeedFailed(e))
        return
    events.put(_End())
