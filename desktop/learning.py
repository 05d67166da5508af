"""Learning from the clerk in the desktop: confirmations of document types retrain the
workspace's type model in the background, a few seconds after the last one.

Training runs in a worker process, waited on from a background operation; the GUI
thread only restarts a timer. Confirmations made while a training runs start one
more training when it ends, so the newest confirmations are always learned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.ops import BackgroundOp, OpContext, Operations

if TYPE_CHECKING:
    from tagging import BackgroundTrainer

# Confirmations come in bursts (Ctrl+Enter down a dossier): wait for a pause.
DEBOUNCE_MS = 4000


class TypeLearner(QObject):
    """Retrains the document-type model after the clerk confirms types."""

    retrained = Signal(object)   # the new TypeModel (None: too few confirmations yet)
    failed = Signal(object)      # the exception, shown by no one: a model is a helper

    def __init__(self, ops: Operations, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent if parent is not None else ops)
        self._ops = ops
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._running: BackgroundOp | None = None
        self._again = False
        self._trainer: BackgroundTrainer | None = None

    def set_debounce(self, msecs: int) -> None:
        """How long after the last confirmation a retraining starts."""
        self._timer.setInterval(msecs)

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self._running is not None

    def confirmed(self) -> None:
        """A document type was confirmed or chosen: retrain after a pause."""
        if self._ops.workspace is None:
            return
        if self._running is not None:
            self._again = True
            return
        self._timer.start()

    def _start(self) -> None:
        from tagging import BackgroundTrainer

        if self._trainer is None:
            self._trainer = BackgroundTrainer()
        trainer = self._trainer
        self._again = False

        def work(ctx: OpContext) -> object:
            from dossier.learning import retrain_type_model

            return retrain_type_model(ctx.ws, trainer)

        op = self._ops.run(self.tr("Học loại giấy tờ"), work, quiet=True, cancellable=False)
        self._running = op
        op.on_success(self.retrained.emit).on_failure(self.failed.emit)
        op.on_finally(self._ended)
        op.start()

    def _ended(self) -> None:
        self._running = None
        if self._again and self._trainer is not None:
            self._again = False
            self._timer.start()

    def stop(self) -> None:
        """Start no more trainings (at shutdown, before waiting for the operations)."""
        self._timer.stop()
        self._again = False

    def close(self) -> None:
        """End the training process (at shutdown, after the operations ended)."""
        self.stop()
        if self._trainer is not None:
            self._trainer.close()
            self._trainer = None
