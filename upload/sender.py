"""Sends the outbox: resumes each upload where the server says it stands, saves every step.

The confirmed offset is saved after every PATCH, so a kill at any moment
costs at most the chunk in flight, and a finished package is never sent again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from storage import CryptoError, Workspace, outbox
from storage.model import OutboxJob
from upload.credentials import Credentials
from upload.errors import (
    ChecksumMismatch,
    Interrupted,
    OffsetConflict,
    PermanentError,
    TransferError,
    TransientError,
    UploadGone,
)
from upload.link import SendingWindow, TokenBucket, TransferControl, backoff_delay
from upload.lock import outbox_lock
from upload.progress import EventKind, ProgressCallback, RateMeter, UploadEvent
from upload.tus import Timeouts, TusClient

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class UploadOptions:
    endpoint: str
    timeouts: Timeouts = field(default_factory=Timeouts)
    rate_limit: float | None = None        # bytes per second
    window: SendingWindow | None = None
    max_time: float | None = None          # seconds for the whole run
    retries: int = 6                       # failed attempts in a row before a run gives up a job
    backoff_base: float = 2.0
    backoff_cap: float = 300.0
    chunk_seconds: float = 5.0             # aim for PATCHes this long, so a cut costs little
    first_chunk: int = 256 * KIB
    min_chunk: int = 64 * KIB
    max_chunk: int = 64 * MIB
    mismatch_limit: int = 3                # sha256 mismatches before the job fails
    ca_bundle: str | None = None


class StopReason(enum.StrEnum):
    EMPTY = "empty"              # nothing left to send
    RETRIES = "retries"          # the jobs left failed too often in a row this run
    TIME = "time"                # --max-time ran out
    WINDOW = "window"            # outside the sending window
    STOPPED = "stopped"          # the user stopped it

    def message(self) -> str:
        return {
            StopReason.EMPTY: "hàng đợi đã gửi hết — outbox empty",
            StopReason.RETRIES: "dừng sau nhiều lần thử không thành — gave up for this run "
                                "after repeated failures",
            StopReason.TIME: "hết thời gian cho lần chạy này — time limit for this run reached",
            StopReason.WINDOW: "ngoài khung giờ gửi — outside the sending window",
            StopReason.STOPPED: "người dùng đã dừng — stopped by the user",
        }[self]


@dataclass(frozen=True)
class RunResult:
    done: tuple[int, ...]
    failed: tuple[int, ...]
    remaining: int
    bytes_sent: int
    stop_reason: StopReason


class _Outcome(enum.Enum):
    DONE = "done"
    FAILED = "failed"
    RETRY = "retry"
    INTERRUPTED = "interrupted"
    WITHDRAWN = "withdrawn"


class _Withdrawn(Interrupted):
    """The job left the outbox while it was being sent (a newer pack replaced it)."""

    def __init__(self) -> None:
        super().__init__("đã rút khỏi hàng đợi — withdrawn from the outbox")


#: Seconds between two looks at the outbox while a package is on the wire.
WITHDRAW_CHECK_SECONDS = 0.5


class _Counter:
    """Bytes handed to the socket for one PATCH (retries included)."""

    def __init__(self) -> None:
        self.n = 0


class Uploader:
    """One run over the outbox; pass the workspace and options in, read the RunResult out."""

    def __init__(self, ws: Workspace, options: UploadOptions, *,
                 credentials: Credentials | None = None, control: TransferControl | None = None,
                 on_event: ProgressCallback | None = None, rng: random.Random | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.ws = ws
        self.options = options
        self.credentials = credentials
        self.control = control or TransferControl()
        self.on_event = on_event
        self.rng = rng or random.Random()
        self.transport = transport
        self.bucket = TokenBucket(options.rate_limit) if options.rate_limit else None
        self._chunk = options.first_chunk
        self._deadline: float | None = None
        self._meter = RateMeter()
        self._last_emit = 0.0
        self._bytes_sent = 0
        self._url: str | None = None          # the upload being sent, for termination
        self._withdraw_checked = 0.0
        self._mismatches: dict[int, int] = {}
        self._progressed = False
        self._last_error = ""

    # The run ------------------------------------------------------------------

    def run(self) -> RunResult:
        start = time.monotonic()
        if self.options.max_time is not None:
            self._deadline = start + self.options.max_time
        with outbox_lock(self.ws.root), self._client() as client:
            return self._run(client)

    def _client(self) -> TusClient:
        creds = self.credentials
        return TusClient(self.options.endpoint, timeouts=self.options.timeouts,
                         auth=creds.auth() if creds else None,
                         headers=creds.headers() if creds else None,
                         ca_bundle=self.options.ca_bundle, transport=self.transport)

    def _run(self, client: TusClient) -> RunResult:
        failures: dict[int, int] = {}
        ready_at: dict[int, float] = {}
        done: list[int] = []
        failed: list[int] = []
        reason = StopReason.EMPTY
        while True:
            if self.control.stopped:
                reason = StopReason.STOPPED
                break
            if self.control.paused:
                self.control.wait_while_paused(self._time_left())
                if self._time_up():
                    reason = StopReason.TIME
                    break
                continue
            if self._window_closed():
                reason = StopReason.WINDOW
                break
            if self._time_up():
                reason = StopReason.TIME
                break
            jobs = [j for j in outbox.pending(self.ws)
                    if failures.get(j.id, 0) < self.options.retries]
            if not jobs:
                reason = StopReason.RETRIES if outbox.pending(self.ws) else StopReason.EMPTY
                break
            now = time.monotonic()
            due = [j for j in jobs if ready_at.get(j.id, 0.0) <= now]
            if not due:
                wake = min(ready_at[j.id] for j in jobs)
                if self._deadline is not None and wake > self._deadline:
                    reason = StopReason.TIME
                    break
                self.control.sleep(wake - now)  # offline: wait quietly, no busy loop
                continue
            job = due[0]
            outcome, progressed = self._attempt(client, job, failures)
            if outcome == _Outcome.DONE:
                done.append(job.id)
            elif outcome == _Outcome.FAILED:
                failed.append(job.id)
            elif outcome == _Outcome.RETRY:
                n = 1 if progressed else failures.get(job.id, 0) + 1
                failures[job.id] = n
                delay = backoff_delay(n, self.options.backoff_base, self.options.backoff_cap,
                                      self.rng)
                ready_at[job.id] = time.monotonic() + delay
                outbox.record_error(self.ws, job.id, self._last_error, time.time() + delay)
                self._emit(EventKind.RETRY_WAIT, job, outbox.get(self.ws, job.id).offset,
                           f"{self._last_error} (thử lại sau {delay:.0f} s / retry in "
                           f"{delay:.0f} s)")
        return RunResult(tuple(done), tuple(failed), len(outbox.pending(self.ws)),
                         self._bytes_sent, reason)

    def _time_left(self) -> float | None:
        return None if self._deadline is None else max(0.0, self._deadline - time.monotonic())

    def _time_up(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def _window_closed(self) -> bool:
        window = self.options.window
        return window is not None and not window.is_open(dt.datetime.now())

    # One attempt at one job ---------------------------------------------------

    def _attempt(self, client: TusClient, job: OutboxJob,
                 failures: dict[int, int]) -> tuple[_Outcome, bool]:
        outbox.begin_attempt(self.ws, job.id)
        self._emit(EventKind.STARTED, job, job.offset)
        self._progressed = False
        try:
            offset = self._transfer(client, job)
        except PermanentError as e:
            outbox.mark_failed(self.ws, job.id, str(e))
            self._emit(EventKind.FAILED, job, job.offset, str(e))
            return _Outcome.FAILED, self._progressed
        except ChecksumMismatch as e:
            return self._mismatch(client, job, e), self._progressed
        except TransferError as e:
            # Transient, or a gone/conflict that repeated within one attempt.
            self._last_error = str(e)
            return _Outcome.RETRY, self._progressed
        except _Withdrawn:
            # Stop sending a package nobody wants any more; the server may drop what it has.
            if self._url is not None:
                with contextlib.suppress(TransferError):
                    client.terminate(self._url)
            return _Outcome.WITHDRAWN, self._progressed
        except Interrupted:
            return _Outcome.INTERRUPTED, self._progressed
        outbox.mark_done(self.ws, job.id, offset)
        self._emit(EventKind.DONE, job, offset)
        return _Outcome.DONE, True

    def _mismatch(self, client: TusClient, job: OutboxJob, error: ChecksumMismatch) -> _Outcome:
        current = outbox.get(self.ws, job.id)
        if current.upload_url:
            # Termination, where the server kept the bad upload; if that fails it
            # expires on the server, and we start afresh either way.
            with contextlib.suppress(TransferError):
                client.terminate(current.upload_url)
        outbox.forget_upload(self.ws, job.id, str(error))
        mismatches = self._mismatches.get(job.id, 0) + 1
        self._mismatches[job.id] = mismatches
        if mismatches >= self.options.mismatch_limit:
            outbox.mark_failed(self.ws, job.id, str(error))
            self._emit(EventKind.FAILED, job, 0, str(error))
            return _Outcome.FAILED
        self._last_error = str(error)
        return _Outcome.RETRY

    def _transfer(self, client: TusClient, job: OutboxJob) -> int:
        """Bring the server to ``offset == size``; returns the confirmed offset."""
        blob = self.ws.blobs.path(job.package_sha256)
        if not blob.is_file():
            raise PermanentError(f"{job.filename}: gói không còn trong kho của thư mục làm việc "
                                 "— the package is missing from the workspace blob store")
        if not self.ws.blobs.verify(job.package_sha256):
            # The stored copy is encrypted and authenticated: damage shows here, before
            # a byte is sent, and no retry can mend it.
            raise PermanentError(f"{job.filename}: bản lưu của gói bị hỏng — the stored copy of "
                                 "the package is damaged (it does not authenticate or its "
                                 "sha256 differs)")
        self._url = None
        self._withdraw_checked = time.monotonic()
        if not outbox.is_waiting(self.ws, job.id, job.package_sha256):
            raise _Withdrawn()
        url, offset = self._resume_or_create(client, job)
        self._url = url
        recreated = False
        while offset < job.size:
            self._checkpoint()
            length = min(self._chunk, job.size - offset)
            counter = _Counter()
            started = time.monotonic()
            try:
                confirmed = client.patch(url, offset, length,
                                         self._body(blob, job, offset, length, counter))
            except OffsetConflict:
                self._count(job, counter)
                offset = self._head_offset(client, job, url)
                continue
            except UploadGone:
                self._count(job, counter)
                if recreated:
                    raise
                outbox.forget_upload(self.ws, job.id, "404/410 during PATCH")
                url, offset, recreated = self._create(client, job), 0, True
                self._url = url
                continue
            except TransientError:
                self._count(job, counter)
                # A cut connection usually leaves part of the chunk on the server:
                # when it did, the link works again and we carry on at once.
                try:
                    status = client.head(url)
                except TransferError:
                    status = None
                if status is not None and offset < status.offset <= job.size:
                    offset = status.offset
                    outbox.resume_upload(self.ws, job.id, offset)
                    self._progressed = True
                    continue
                raise
            except Interrupted:
                self._count(job, counter)
                raise
            elapsed = time.monotonic() - started
            self._bytes_sent += counter.n
            outbox.record_progress(self.ws, job.id, confirmed, counter.n)
            if confirmed > offset:
                self._progressed = True
                self._adapt_chunk(confirmed - offset, elapsed)
            offset = confirmed
        return offset

    def _count(self, job: OutboxJob, counter: _Counter) -> None:
        self._bytes_sent += counter.n
        outbox.add_bytes_sent(self.ws, job.id, counter.n)

    def _resume_or_create(self, client: TusClient, job: OutboxJob) -> tuple[str, int]:
        url = job.upload_url if job.endpoint == self.options.endpoint else None
        if url:
            try:
                client.check_url(url, "resume")
            except PermanentError:
                # Saved by an older Sohoa that followed any Location: never resumed.
                outbox.forget_upload(self.ws, job.id, "saved upload URL is on another origin")
                url = None
        if url:
            try:
                status = client.head(url)
            except UploadGone:
                outbox.forget_upload(self.ws, job.id, "404/410 on resume")
            else:
                if (status.length is None or status.length == job.size) \
                        and status.offset <= job.size:
                    outbox.resume_upload(self.ws, job.id, status.offset)
                    return url, status.offset
                outbox.forget_upload(self.ws, job.id, "upload length differs on the server")
        return self._create(client, job), 0

    def _create(self, client: TusClient, job: OutboxJob) -> str:
        url = client.create(job.size, job.metadata)
        outbox.start_upload(self.ws, job.id, self.options.endpoint, url)
        return url

    def _head_offset(self, client: TusClient, job: OutboxJob, url: str) -> int:
        status = client.head(url)
        outbox.resume_upload(self.ws, job.id, status.offset)
        return status.offset

    def _checkpoint(self) -> None:
        if self.control.stopped:
            raise Interrupted("đã dừng — stopped")
        if self.control.paused:
            raise Interrupted("tạm dừng — paused")
        if self._time_up():
            raise Interrupted("hết thời gian — time is up")
        if self._window_closed():
            raise Interrupted("ngoài khung giờ gửi — outside the sending window")

    def _adapt_chunk(self, sent: int, elapsed: float) -> None:
        rate = sent / max(elapsed, 1e-3)
        if self.options.rate_limit:
            rate = min(rate, self.options.rate_limit)
        target = int(rate * self.options.chunk_seconds)
        # Grow gently (a burst on a fast moment must not make one huge PATCH), shrink at once.
        target = min(target, self._chunk * 4)
        target = max(self.options.min_chunk, min(self.options.max_chunk, target))
        self._chunk = max(self.options.min_chunk, target - target % (64 * KIB))

    def _piece(self, length: int) -> int:
        if self.bucket is None and length >= 8 * MIB:
            return MIB
        return 64 * KIB if length >= 256 * KIB else 16 * KIB

    def _body(self, blob: Path, job: OutboxJob, offset: int, length: int,
              counter: _Counter) -> Iterator[bytes]:
        piece = self._piece(length)
        # The stored package is encrypted: read its plaintext through the store.
        with self.ws.blobs.open(job.package_sha256) as handle:
            handle.seek(offset)
            remaining = length
            while remaining > 0:
                if self.control.stopped or self.control.paused:
                    raise Interrupted("tạm dừng — paused")
                self._check_withdrawn(job)
                try:
                    data = handle.read(min(piece, remaining))
                except CryptoError as e:
                    raise PermanentError(f"{job.filename}: bản lưu của gói bị hỏng — the stored "
                                         f"copy of the package is damaged ({e})") from e
                if not data:
                    raise PermanentError(f"{job.filename}: gói trong kho ngắn hơn dự kiến — the "
                                         "stored package is shorter than recorded")
                if self.bucket is not None:
                    self.bucket.consume(len(data))
                remaining -= len(data)
                counter.n += len(data)
                self._meter.add(len(data))
                self._emit_throttled(job, offset + counter.n)
                yield data

    def _check_withdrawn(self, job: OutboxJob) -> None:
        """Now and then, while bytes move: is the package still wanted?"""
        now = time.monotonic()
        if now - self._withdraw_checked < WITHDRAW_CHECK_SECONDS:
            return
        self._withdraw_checked = now
        if not outbox.is_waiting(self.ws, job.id, job.package_sha256):
            raise _Withdrawn()

    # Progress -----------------------------------------------------------------

    def _emit_throttled(self, job: OutboxJob, sent: int) -> None:
        now = time.monotonic()
        if self.on_event is not None and now - self._last_emit >= 0.25:
            self._last_emit = now
            self._emit(EventKind.SENDING, job, sent)

    def _emit(self, kind: EventKind, job: OutboxJob, sent: int, message: str | None = None) -> None:
        if self.on_event is None:
            return
        rate = self._meter.rate
        self.on_event(UploadEvent(kind, job.id, job.filename, sent, job.size, rate,
                                  self._meter.eta(job.size - sent), message))
