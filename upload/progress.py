"""Typed progress events for the UI: bytes, rate, time left, and what the uploader is doing."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass


class EventKind(enum.StrEnum):
    STARTED = "started"        # a job's attempt began
    SENDING = "sending"        # bytes are moving
    RETRY_WAIT = "retry_wait"  # a transient error; waiting before the next try
    DONE = "done"              # the server confirmed every byte
    FAILED = "failed"          # permanent error; the reason is in ``message``
    PAUSED = "paused"
    WAITING = "waiting"        # outside the sending window or offline


@dataclass(frozen=True)
class UploadEvent:
    kind: EventKind
    job_id: int
    filename: str
    sent: int                  # bytes of the package the server has (plus in flight)
    total: int
    rate: float                # bytes per second, smoothed
    eta_seconds: float | None
    message: str | None = None

    @property
    def fraction(self) -> float:
        return self.sent / self.total if self.total else 1.0


ProgressCallback = Callable[[UploadEvent], None]


class RateMeter:
    """Smoothed bytes/second over the last few seconds (exponential moving average)."""

    def __init__(self, half_life: float = 3.0) -> None:
        self.half_life = half_life
        self.rate = 0.0
        self._last: float | None = None
        self._pending = 0

    def add(self, n: int, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        if self._last is None:
            self._last = now
            return self.rate
        elapsed = now - self._last
        if elapsed <= 0:
            # Same instant: fold the bytes into the next measurement.
            self._pending += n
            return self.rate
        n += self._pending
        self._pending = 0
        instant = n / elapsed
        weight = 0.5 ** (elapsed / self.half_life)
        self.rate = instant if self.rate == 0 else weight * self.rate + (1 - weight) * instant
        self._last = now
        return self.rate

    def eta(self, remaining: int) -> float | None:
        return remaining / self.rate if self.rate > 0 else None
