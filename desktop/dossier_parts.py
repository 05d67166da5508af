"""Parts of the dossier screen that stand on their own: the checklist of components and the
table of fields read from a document."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.messages import plain
from dossier import editing
from dossier.checklist import DossierChecklist, Mark

_GREEN, _RED, _GREY, _SLATE = "#067647", "#b42318", "#7b8794", "#52606d"


class ChecklistView(QListWidget):
    """The components a dossier's procedure asks for: ✓ present, ✗ missing, ○ optional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(90)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_checklist(self, check: DossierChecklist | None) -> int:
        """Show ``check`` (None: no procedure chosen yet); returns how many are missing."""
        self.clear()
        if check is None:
            self.addItem(self.tr("Chọn thủ tục để xem giấy tờ cần có."))
            return 0
        optional = self.tr("(không bắt buộc)")
        for line in check.lines:
            if line.mark == Mark.PRESENT:
                self._add(f"✓ {line.name}", _GREEN, self.tr("Đã có trong hồ sơ"))
            elif line.mark == Mark.OPTIONAL_PRESENT:
                self._add(f"✓ {line.name} {optional}", _GREEN, self.tr("Đã có trong hồ sơ"))
            elif line.mark == Mark.MISSING:
                self._add(f"✗ {line.name} — {self.tr('còn thiếu')}", _RED,
                          self.tr("Giấy tờ bắt buộc chưa có trong hồ sơ"))
            elif line.mark == Mark.OPTIONAL_ABSENT:
                self._add(f"○ {line.name} {optional}", _GREY,
                          self.tr("Không bắt buộc, chưa có trong hồ sơ"))
            else:
                self._add(f"+ {line.name}", _SLATE, self.tr("Giấy tờ ngoài danh mục của thủ tục"))
        return len(check.missing)

    def _add(self, text: str, color: str, tip: str) -> None:
        item = QListWidgetItem(text)
        item.setForeground(QBrush(QColor(color)))
        item.setToolTip(tip)
        self.addItem(item)

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


class FieldsTable(QTableWidget):
    """One labelled row per value read from a document (each person's name, each ID number,
    each date), and an empty row of each kind to add one. ``edited`` fires when the clerk
    changed a value and every value is valid."""

    KINDS = ("full_names", "id_numbers", "dates")
    edited = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self._language = language
        self.setHorizontalHeaderLabels([self.tr("Thông tin"), self.tr("Giá trị")])
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.itemChanged.connect(self._changed)

    def _label(self, kind: str, n: int | None) -> str:
        if kind == "full_names":
            return (self.tr("Họ tên người {n}").format(n=n) if n is not None
                    else self.tr("Họ tên (thêm người)"))
        if kind == "id_numbers":
            return (self.tr("Số định danh {n}").format(n=n) if n is not None
                    else self.tr("Số định danh (thêm)"))
        return self.tr("Ngày {n}").format(n=n) if n is not None else self.tr("Ngày (thêm)")

    def fill(self, fields: dict[str, object] | None) -> None:
        """Show a document's fields (None: no document chosen)."""
        self.blockSignals(True)
        self.setRowCount(0)
        for kind in self.KINDS if fields is not None else ():
            listed = (fields or {}).get(kind)
            values = [str(v) for v in listed] if isinstance(listed, list) else []
            for n, value in enumerate([*values, ""], start=1):
                row = self.rowCount()
                self.insertRow(row)
                label = QTableWidgetItem(self._label(kind, n if value else None))
                label.setFlags(Qt.ItemFlag.ItemIsEnabled)
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, kind)
                cell.setToolTip(value)
                self.setItem(row, 0, label)
                self.setItem(row, 1, cell)
        self.blockSignals(False)
        self.validate()

    def values(self, kind: str) -> list[str]:
        """The values of one kind of field, in table order (empty rows left out)."""
        out = []
        for row in range(self.rowCount()):
            cell = self.item(row, 1)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == kind:
                text = cell.text().strip()
                if text:
                    out.append(text)
        return out

    def all_values(self) -> dict[str, list[str]]:
        return {kind: self.values(kind) for kind in self.KINDS}

    def validate(self) -> bool:
        """Tint and explain the values that are not valid; True when all are."""
        ok = True
        for row in range(self.rowCount()):
            cell = self.item(row, 1)
            if cell is None:
                continue
            kind = cell.data(Qt.ItemDataRole.UserRole)
            text = cell.text().strip()
            problem = None
            if text and kind == "id_numbers":
                problem = editing.check_id_number(text)
            elif text and kind == "dates":
                problem = editing.check_date(text)
            shown = plain(problem, self._language).text if problem else text
            self.blockSignals(True)
            cell.setBackground(QBrush(QColor("#fff5f5")) if problem else QBrush())
            cell.setToolTip(shown)
            self.blockSignals(False)
            ok = ok and problem is None
        return ok

    def _changed(self, _item: QTableWidgetItem) -> None:
        if self.validate():
            self.edited.emit()
