"""A fault-injecting TCP proxy for upload tests and benchmarks: a hostile link, on purpose.

Between the client and the tus server it can throttle (a shared token bucket
per direction), cut connections after N bytes from the client, answer 503,
or hang. Faults are scripted per connection or drawn at random.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass
class Fault:
    """What happens to one client connection."""

    cut_after: int | None = None      # close both sides after this many client bytes
    status_503: bool = False          # answer the first request with 503 and close
    hang: bool = False                # read nothing, answer nothing, until the client leaves


class _Bucket:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = 0.0
        self.last = time.monotonic()
        self.lock = threading.Lock()

    def take(self, n: int) -> None:
        with self.lock:
            now = time.monotonic()
            # A small burst allowance keeps the link's average rate honest.
            self.tokens = min(self.rate * 0.05, self.tokens + (now - self.last) * self.rate)
            self.last = now
            self.tokens -= n
            debt = -self.tokens
        if debt > 0:
            time.sleep(debt / self.rate)


class FaultProxy:
    """``with FaultProxy(upstream_port) as proxy:`` — clients connect to ``proxy.port``."""

    def __init__(self, upstream_port: int, *, rate: float | None = None,
                 cut_probability: float = 0.0, cut_max_bytes: int = 1 << 20,
                 cut_segment: int | None = None, seed: int = 1, piece: int = 8192) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.rate = rate  # bytes per second, each direction
        self.cut_probability = cut_probability
        self.cut_max_bytes = cut_max_bytes
        # With keep-alive one connection may carry a whole upload; with a segment
        # size, every further ``cut_segment`` bytes draw again, so that roughly
        # ``cut_probability`` of request-sized transfers are cut.
        self.cut_segment = cut_segment
        self.rng = random.Random(seed)
        self.piece = piece
        self.script: deque[Fault] = deque()
        self.bytes_up = 0          # bytes read from clients (what the link carried up)
        self.bytes_down = 0
        self.connections = 0
        self.cuts = 0
        self.lock = threading.Lock()
        self._up_bucket = _Bucket(rate) if rate else None
        self._down_bucket = _Bucket(rate) if rate else None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: set[socket.socket] = set()
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/files"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        with self.lock:
            sockets = list(self._sockets)
        for s in sockets:
            self._shut(s)

    def cut_all(self) -> None:
        """Cut every open connection now (a link drop)."""
        with self.lock:
            sockets = list(self._sockets)
        for s in sockets:
            self._shut(s)

    @staticmethod
    def _shut(s: socket.socket) -> None:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()

    def _next_fault(self) -> Fault:
        with self.lock:
            self.connections += 1
            if self.script:
                return self.script.popleft()
            if self.cut_probability and self.rng.random() < self.cut_probability:
                return Fault(cut_after=self.rng.randrange(0, self.cut_max_bytes))
        return Fault()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            fault = self._next_fault()
            threading.Thread(target=self._serve, args=(client, fault), daemon=True).start()

    def _serve(self, client: socket.socket, fault: Fault) -> None:
        if self.rate:
            # A slow link holds little in flight: keep the kernel's buffer small.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32768)
        with self.lock:
            self._sockets.add(client)
        try:
            if fault.hang:
                while client.recv(65536):
                    pass  # swallow everything, never answer
                return
            if fault.status_503:
                client.recv(65536)
                client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                               b"Connection: close\r\n\r\n")
                return
            upstream = socket.create_connection(self.upstream)
        except OSError:
            self._shut(client)
            return
        with self.lock:
            self._sockets.add(upstream)
        down = threading.Thread(target=self._pump_down, args=(upstream, client), daemon=True)
        down.start()
        self._pump_up(client, upstream, fault.cut_after)
        down.join(timeout=60)
        for s in (client, upstream):
            self._shut(s)
            with self.lock:
                self._sockets.discard(s)

    def _pump_up(self, src: socket.socket, dst: socket.socket, cut_after: int | None) -> None:
        carried = 0
        next_draw = self.cut_segment
        try:
            while True:
                if next_draw is not None and cut_after is None and carried >= next_draw:
                    next_draw += self.cut_segment or 0
                    with self.lock:
                        if self.rng.random() < self.cut_probability:
                            cut_after = carried + self.rng.randrange(1, self.cut_segment or 2)
                want = self.piece
                if cut_after is not None:
                    want = max(1, min(want, cut_after - carried))
                data = src.recv(want)
                if not data:
                    dst.shutdown(socket.SHUT_WR)
                    return
                with self.lock:
                    self.bytes_up += len(data)
                carried += len(data)
                if self._up_bucket:
                    self._up_bucket.take(len(data))
                if cut_after is not None and carried >= cut_after:
                    with self.lock:
                        self.cuts += 1
                    # The bytes of this last read are lost with the connection.
                    self._shut(src)
                    self._shut(dst)
                    return
                dst.sendall(data)
        except OSError:
            self._shut(src)
            self._shut(dst)

    def _pump_down(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(self.piece)
                if not data:
                    dst.shutdown(socket.SHUT_WR)
                    return
                with self.lock:
                    self.bytes_down += len(data)
                if self._down_bucket:
                    self._down_bucket.take(len(data))
                dst.sendall(data)
        except OSError:
            self._shut(src)
            self._shut(dst)
