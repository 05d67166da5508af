"""Undo and redo for page and document edits: QUndoCommands over dossier.editing.

Each command writes through to the workspace at once (nothing is lost in a
crash) and calls ``refresh`` so the views reload from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from dossier import editing
from dossier.session import Workspace

Refresh = Callable[[], None]


class RotateCommand(QUndoCommand):
    def __init__(self, ws: Workspace, page_ids: Sequence[int], turns: int, text: str,
                 refresh: Refresh) -> None:
        super().__init__(text)
        self._ws, self._ids, self._turns, self._refresh = ws, list(page_ids), turns, refresh

    def redo(self) -> None:
        for pid in self._ids:
            editing.rotate_page(self._ws, pid, self._turns)
        self._refresh()

    def undo(self) -> None:
        for pid in self._ids:
            editing.rotate_page(self._ws, pid, -self._turns)
        self._refresh()


class DeleteCommand(QUndoCommand):
    def __init__(self, ws: Workspace, page_ids: Sequence[int], deleted: bool, text: str,
                 refresh: Refresh) -> None:
        super().__init__(text)
        self._ws, self._ids, self._deleted, self._refresh = ws, list(page_ids), deleted, refresh

    def redo(self) -> None:
        editing.set_pages_deleted(self._ws, self._ids, self._deleted)
        self._refresh()

    def undo(self) -> None:
        editing.set_pages_deleted(self._ws, self._ids, not self._deleted)
        self._refresh()


class MovePagesCommand(QUndoCommand):
    def __init__(self, ws: Workspace, batch_id: int, page_ids: Sequence[int],
                 before: int | None, text: str, refresh: Refresh) -> None:
        super().__init__(text)
        self._ws, self._batch, self._ids, self._before = ws, batch_id, list(page_ids), before
        self._refresh = refresh
        self._old: list[int] | None = None

    def redo(self) -> None:
        self._old = editing.move_pages(self._ws, self._batch, self._ids, self._before)
        self._refresh()

    def undo(self) -> None:
        if self._old is not None:
            editing.set_batch_order(self._ws, self._batch, self._old)
        self._refresh()


class DocumentsCommand(QUndoCommand):
    """An edit of a dossier's documents, already made: undo and redo restore snapshots.

    Built by :func:`documents_edit`, which makes the edit first so that a
    refused edit (an EditError) never reaches the stack.
    """

    def __init__(self, ws: Workspace, dossier_id: int, before: editing.DocumentsSnapshot,
                 after: editing.DocumentsSnapshot, text: str, refresh: Refresh) -> None:
        super().__init__(text)
        self._ws, self._dossier, self._refresh = ws, dossier_id, refresh
        self._before, self._after = before, after
        self._first = True

    def redo(self) -> None:
        if not self._first:
            editing.restore(self._ws, self._dossier, self._after)
        self._first = False
        self._refresh()

    def undo(self) -> None:
        editing.restore(self._ws, self._dossier, self._before)
        self._refresh()


def documents_edit(ws: Workspace, dossier_id: int, edit: Callable[[], object], text: str,
                   refresh: Refresh) -> DocumentsCommand:
    """Make ``edit`` now (it may raise EditError) and return the command that undoes it."""
    before = editing.snapshot(ws, dossier_id)
    edit()
    after = editing.snapshot(ws, dossier_id)
    return DocumentsCommand(ws, dossier_id, before, after, text, refresh)


class ApplicantCommand(QUndoCommand):
    """An edit of a dossier's applicant (name, ID number) or received date."""

    def __init__(self, ws: Workspace, dossier_id: int, values: dict[str, str | None], text: str,
                 refresh: Refresh) -> None:
        super().__init__(text)
        self._ws, self._dossier, self._refresh = ws, dossier_id, refresh
        self._after = dict(values)
        # Made now, so that a refused edit never reaches the stack.
        self._before = editing.set_applicant(ws, dossier_id, **self._after)
        self._first = True

    def redo(self) -> None:
        if not self._first:
            editing.set_applicant(self._ws, self._dossier, **self._after)
        self._first = False
        self._refresh()

    def undo(self) -> None:
        editing.set_applicant(self._ws, self._dossier, **self._before)
        self._refresh()
