"""The workspace's learned document-type model, for both front ends.

Tagging and assembly use the model last trained in the workspace (as ``sohoa tag``
does); :func:`retrain_type_model` trains a new one on the clerks' confirmations in
a worker process and keeps it. The desktop calls it from a background operation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from storage import Workspace
from storage.training import TYPE_MODEL_SETTING

if TYPE_CHECKING:
    from tagging import BackgroundTrainer, TypeModel

_lock = threading.Lock()
# (workspace folder, model blob id) → the parsed model: a model is parsed once.
_loaded: dict[tuple[str, str], TypeModel] = {}


def type_model(ws: Workspace) -> TypeModel | None:
    """The workspace's current type model; None when none was trained or it is unreadable."""
    from tagging import ModelError
    from tagging.learning import workspace_model

    sha = ws.get_setting(TYPE_MODEL_SETTING)
    if not sha:
        return None
    key = (str(ws.root), sha)
    with _lock:
        cached = _loaded.get(key)
    if cached is not None:
        return cached
    try:
        model = workspace_model(ws)
    except ModelError:
        return None  # a damaged model is only a missing second opinion
    if model is not None:
        with _lock:
            for old in [k for k in _loaded if k[0] == key[0]]:
                del _loaded[old]
            _loaded[key] = model
    return model


def retrain_type_model(ws: Workspace, trainer: BackgroundTrainer | None = None,
                       timeout: float | None = 600.0) -> TypeModel | None:
    """Train on the confirmed documents and make the result the workspace's model.

    Training runs in ``trainer``'s worker process (one made for the call if none is
    given); this call waits for it. None when the confirmations cover fewer than two
    document types (nothing is learned from one).
    """
    from tagging import BackgroundTrainer
    from tagging.learning import keep_model, retrain

    own = trainer is None
    worker = BackgroundTrainer() if trainer is None else trainer
    try:
        future = retrain(ws, worker)
        if future is None:
            return None
        model = future.result(timeout=timeout)
    finally:
        if own:
            worker.close()
    keep_model(ws, model)
    with _lock:
        for old in [k for k in _loaded if k[0] == str(ws.root)]:
            del _loaded[old]
    return model
