"""The services every screen gets, passed in (never globals): workspace, operations, undo."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from desktop.images import ThumbnailCache
from desktop.learning import TypeLearner
from desktop.ops import Operations
from dossier.session import Workspace


@dataclass
class AppContext:
    """``ws`` is the GUI thread's connection: small reads and single-row edits only."""

    ws: Workspace
    ops: Operations
    thumbs: ThumbnailCache
    undo: QUndoStack
    language: str = "vi"   # the interface's language: "vi" or "en"
    # Retrains the document-type model after the clerk confirms types (made from ops).
    learner: TypeLearner = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.learner is None:
            self.learner = TypeLearner(self.ops)

    def procedure_name(self, code: str | None) -> str | None:
        if not code:
            return None
        try:
            from dossier.assembly import catalogue

            procedure = catalogue().get(code)
        except Exception:  # a missing or broken catalogue must not break lists
            return code
        return procedure.name if procedure else code

    def draft_key(self, kind: str, ident: int) -> str:
        return f"draft.{kind}.{ident}"
