"""The one way long work leaves the GUI thread: run a function in the background, get signals back.

``ops.run(title, fn).on_success(cb).start()`` — ``fn(ctx)`` runs on a pool
thread with its own workspace connection; progress, items, the result or the
error reach the GUI thread only as queued signals (Anki's CollectionOp).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from dossier import Cancelled
from dossier.session import Workspace


def worker_workspace(source: Workspace) -> Workspace:
    """The logged-in workspace on its own SQLite connection, for one background operation.

    Not ``Workspace.open``: that asks for a login and clears temporary folders,
    which another thread may be writing into. The GUI opened (and migrated) it already.
    """
    return source.connect_again()


class OpContext:
    """What a background function gets: its workspace, progress reporting and cancellation."""

    def __init__(self, signals: _Signals, source: Workspace | None,
                 cancel: threading.Event) -> None:
        self._signals = signals
        self._root = source
        self._ws: Workspace | None = None
        self.cancel_event = cancel

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            if self._root is None:
                raise RuntimeError("this operation has no workspace")
            self._ws = worker_workspace(self._root)
        return self._ws

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancel(self) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    def item(self, payload: object) -> None:
        """Send an intermediate result (a page done, a file imported) to the GUI."""
        # Boxed: PySide6 miscounts references to a bare None sent through a queued signal.
        self._signals.item.emit((payload,))

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


class _Signals(QObject):
    progress = Signal(int, int, str)
    item = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[OpContext], Any], ctx: OpContext, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._ctx = ctx
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn(self._ctx)
        except Cancelled:
            self._signals.cancelled.emit()
        except Exception as e:  # handed to the GUI thread, shown in one place
            self._signals.failed.emit(e)
        else:
            self._signals.succeeded.emit((result,))
        finally:
            self._ctx.close()


class BackgroundOp(QObject):
    """One run of a function off the GUI thread. Lives in the GUI thread; its slots run there."""

    progressed = Signal(int, int, str)
    done = Signal()

    def __init__(self, runner: Operations, title: str, fn: Callable[[OpContext], Any], *,
                 quiet: bool = False, pool: QThreadPool | None = None,
                 cancellable: bool = True) -> None:
        super().__init__(runner)
        self.title = title
        self.quiet = quiet
        self.cancellable = cancellable
        self.state = (0, 0, "")
        self._runner = runner
        self._fn = fn
        self._pool = pool
        self._cancel = threading.Event()
        self._success: list[Callable[[Any], None]] = []
        self._failure: list[Callable[[Exception], None]] = []
        self._progress: list[Callable[[int, int, str], None]] = []
        self._item: list[Callable[[Any], None]] = []
        self._finally: list[Callable[[], None]] = []
        # A Qt child of this object: it is destroyed with it, in the GUI thread. Owned
        # by Python alone, its last reference could drop in the pool thread and the
        # QObject would be deleted outside its own thread, which crashes Qt.
        self._signals = _Signals(self)
        # Queued to this object's (GUI) thread: the signals are emitted from a pool thread.
        self._signals.progress.connect(self._on_progress)
        self._signals.item.connect(self._on_item)
        self._signals.succeeded.connect(self._on_success)
        self._signals.failed.connect(self._on_failure)
        self._signals.cancelled.connect(self._on_cancelled)
        self.finished = False
        self.error: Exception | None = None

    def on_success(self, cb: Callable[[Any], None]) -> BackgroundOp:
        self._success.append(cb)
        return self

    def on_failure(self, cb: Callable[[Exception], None]) -> BackgroundOp:
        self._failure.append(cb)
        return self

    def on_progress(self, cb: Callable[[int, int, str], None]) -> BackgroundOp:
        self._progress.append(cb)
        return self

    def on_item(self, cb: Callable[[Any], None]) -> BackgroundOp:
        self._item.append(cb)
        return self

    def on_finally(self, cb: Callable[[], None]) -> BackgroundOp:
        self._finally.append(cb)
        return self

    def start(self) -> BackgroundOp:
        ctx = OpContext(self._signals, self._runner.workspace, self._cancel)
        self._runner._started(self)
        (self._pool or self._runner.pool).start(_Runnable(self._fn, ctx, self._signals))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.state = (done, total, text)
        for cb in self._progress:
            cb(done, total, text)
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_item(self, boxed: tuple[object]) -> None:
        (payload,) = boxed
        for cb in self._item:
            cb(payload)

    @Slot(object)
    def _on_success(self, boxed: tuple[object]) -> None:
        (result,) = boxed
        try:
            for cb in self._success:
                cb(result)
        finally:
            self._finish()

    @Slot(object)
    def _on_failure(self, error: Exception) -> None:
        self.error = error
        try:
            if self._failure:
                for cb in self._failure:
                    cb(error)
            else:
                self._runner.failed.emit(self.title, error)
        finally:
            self._finish()

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish()

    def _finish(self) -> None:
        self.finished = True
        for cb in self._finally:
            cb()
        self._runner._ended(self)
        self.done.emit()


class Operations(QObject):
    """Runs background operations for one workspace and tracks the visible ones."""

    changed = Signal()                  # an operation started, progressed or ended
    failed = Signal(str, object)        # title, exception: shown in one place

    def __init__(self, workspace: Workspace | None, parent: QObject | None = None,
                 threads: int = 2) -> None:
        super().__init__(parent)
        # The logged-in workspace: each operation gets its own connection to it.
        self.workspace = workspace
        self.root = workspace.root if workspace is not None else None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        # Thumbnails get their own pool so they never wait behind OCR.
        self.quiet_pool = QThreadPool(self)
        self.quiet_pool.setMaxThreadCount(2)
        self.running: list[BackgroundOp] = []

    def run(self, title: str, fn: Callable[[OpContext], Any], *, quiet: bool = False,
            cancellable: bool = True) -> BackgroundOp:
        pool = self.quiet_pool if quiet else self.pool
        return BackgroundOp(self, title, fn, quiet=quiet, pool=pool, cancellable=cancellable)

    def visible(self) -> list[BackgroundOp]:
        return [op for op in self.running if not op.quiet]

    def cancel_all(self) -> None:
        for op in self.running:
            op.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for pool threads (at shutdown and in tests)."""
        a = self.pool.waitForDone(msecs)
        b = self.quiet_pool.waitForDone(msecs)
        return a and b

    def _started(self, op: BackgroundOp) -> None:
        self.running.append(op)
        if not op.quiet:
            op.progressed.connect(self.changed)
            self.changed.emit()

    def _ended(self, op: BackgroundOp) -> None:
        if op in self.running:
            self.running.remove(op)
        if not op.quiet:
            self.changed.emit()
        op.deleteLater()
