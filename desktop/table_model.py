"""A read-only table of typed rows: each row's cells as text, the row object under ObjectRole.

Used by the worklist, results and report tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.models import ObjectRole

AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], cells: Callable[[Any], Sequence[object]],
                 parent: QObject | None = None, numeric_from: int | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._cells = cells
        self._rows: list[Any] = []
        self._text: list[list[str]] = []
        self._numeric_from = numeric_from

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._text = [["" if v is None else str(v) for v in self._cells(r)] for r in self._rows]
        self.endResetModel()

    def row_object(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._text[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == ObjectRole:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric_from is not None \
                and index.column() >= self._numeric_from:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
