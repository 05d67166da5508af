"""Living with a poor link: rate cap, sending window, pause/stop control, backoff.

Nothing here busy-waits: every wait blocks on an event or a condition with a timeout.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import threading
import time
from dataclasses import dataclass

from upload.errors import ConfigError


class TransferControl:
    """Thread-safe pause / resume / stop for a running upload (the UI holds it)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._stopped = False

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    def wait_while_paused(self, timeout: float | None = None) -> bool:
        """Block while paused; False if stopped or ``timeout`` ran out first."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or not self._paused, timeout)
            return not self._stopped and not self._paused

    def sleep(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; returns early (False) when stopped or paused."""
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or self._paused, max(0.0, seconds))
            return not (self._stopped or self._paused)


class TokenBucket:
    """Caps the average sending rate at ``rate`` bytes/s with bursts up to ``burst`` bytes."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        if rate <= 0:
            raise ConfigError("giới hạn tốc độ phải lớn hơn 0 — the rate cap must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(rate * 0.25, 16384.0)
        self._tokens = self.burst
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def consume(self, n: int) -> None:
        """Take ``n`` bytes' worth of tokens, sleeping until they are there."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= n
            debt = -self._tokens
        if debt > 0:
            time.sleep(debt / self.rate)


_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class SendingWindow:
    """Local times between which sending is allowed, e.g. ``17:30-07:00`` (over midnight)."""

    start: dt.time
    end: dt.time

    @classmethod
    def parse(cls, text: str) -> SendingWindow:
        match = _WINDOW.match(text)
        if not match:
            raise ConfigError(f"{text!r}: khung giờ gửi phải dạng HH:MM-HH:MM — the sending "
                              "window must look like HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise ConfigError(f"{text!r}: giờ không hợp lệ — invalid time of day")
        return cls(dt.time(h1, m1), dt.time(h2, m2))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def is_open(self, when: dt.datetime) -> bool:
        t = when.time()
        if self.start == self.end:
            return True
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def seconds_until_open(self, when: dt.datetime) -> float:
        if self.is_open(when):
            return 0.0
        opening = when.replace(hour=self.start.hour, minute=self.start.minute, second=0,
                               microsecond=0)
        if opening <= when:
            opening += dt.timedelta(days=1)
        return (opening - when).total_seconds()


_RNG = random.Random()


def backoff_delay(failures: int, base: float, cap: float,
                  rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: half fixed, half random, so clients spread out."""
    ceiling = min(cap, base * 2.0 ** max(0, failures - 1))
    generator = rng if rng is not None else _RNG
    return ceiling / 2 + generator.uniform(0, ceiling / 2)
