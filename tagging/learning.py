"""Learning from the clerk: train the type model on confirmed documents in a workspace
and keep it there; retraining runs in the background and never blocks tagging.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from storage import Workspace
from storage.training import confirmed_documents, load_type_model, save_type_model
from tagging.model import BackgroundTrainer, TrainingExample, TypeModel


def training_examples(ws: Workspace, limit: int | None = 20000) -> list[TrainingExample]:
    return [TrainingExample(d.text, d.type_key) for d in confirmed_documents(ws, limit)]


def workspace_model(ws: Workspace) -> TypeModel | None:
    """The model last trained in this workspace, if any."""
    data = load_type_model(ws)
    return None if data is None else TypeModel.from_bytes(data)


def retrain(ws: Workspace, trainer: BackgroundTrainer,
            on_done: Callable[[TypeModel], None] | None = None) -> Future[TypeModel] | None:
    """Start retraining on the workspace's confirmations; None when there is too little.

    The examples are read now (on the caller's thread, which owns the connection);
    the caller saves the finished model with :func:`keep_model` on its own thread.
    """
    examples = training_examples(ws)
    if len({e.type_key for e in examples}) < 2:
        return None
    return trainer.start(examples, on_done)


def keep_model(ws: Workspace, model: TypeModel) -> str:
    """Store ``model`` in the workspace as the current type model."""
    return save_type_model(ws, model.to_bytes())
