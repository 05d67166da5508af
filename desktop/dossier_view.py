"""Hồ sơ: one dossier at a time — its code, procedure, component checklist, documents and fields.

Every edit is written through at once; document edits go through the undo stack.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import actions, signing_key
from desktop.context import AppContext
from desktop.messages import plain
from desktop.models import DocumentModel, DossierListModel, PageModel
from desktop.pack_dialog import PackDialog
from desktop.signature_state import signature_text
from desktop.undo import ApplicantCommand, documents_edit
from desktop.viewer import ReviewWidget, fit_to_screen
from dossier import editing, packing, queries
from dossier.packing import PackResult
from storage.model import Document, Dossier

# Group boxes here sit tight: the screen has to fit a laptop without scrolling.
GROUP_MARGINS = (8, 2, 8, 6)
LayoutT = TypeVar("LayoutT", QVBoxLayout, QFormLayout, QGridLayout)


def _set_invalid(edit: QLineEdit, problem: str | None) -> None:
    edit.setProperty("invalid", bool(problem))
    edit.setToolTip(problem or "")
    edit.style().unpolish(edit)
    edit.style().polish(edit)


class ProcedurePicker(QWidget):
    """Search the catalogue by code or name, marks optional; Enter or double-click chooses.

    The results drop down over the screen below the search field (arrow keys
    move in them), so the screen's layout does not jump while the clerk types.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Tìm thủ tục: gõ tên hoặc mã, không dấu cũng được"))
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setObjectName("dropdown")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_results)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Escape and self.results.isVisible():
                self.results.hide()
                return True
        if watched is self.query and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(200, self._hide_unless_focused)
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        # The drop-down floats over the window: it leaves with the screen.
        self.results.hide()
        super().hideEvent(event)

    def _hide_unless_focused(self) -> None:
        if not self.query.hasFocus():
            self.results.hide()

    def update_results(self) -> None:
        from dossier.assembly import catalogue

        text = self.query.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        for procedure in catalogue().search(text, limit=12):
            item = QListWidgetItem(f"{procedure.name}  ·  {procedure.code}")
            item.setData(Qt.ItemDataRole.UserRole, procedure.code)
            item.setToolTip(procedure.name)
            self.results.addItem(item)
        if not self.results.count():
            self.results.hide()
            return
        self.results.setCurrentRow(0)
        self._place_results()

    def _place_results(self) -> None:
        # Float over the window, under the search field, wide enough for long names.
        top = self.window()
        if self.results.parent() is not top:
            self.results.setParent(top)
        width = max(self.query.width(), 560)
        corner = self.query.mapTo(top, self.query.rect().bottomRight())
        x = max(corner.x() - width, 0)
        rows = min(self.results.count(), 8)
        height = rows * self.results.sizeHintForRow(0) + 2 * self.results.frameWidth() + 4
        self.results.setGeometry(x, corner.y() + 2, width, height)
        self.results.show()
        self.results.raise_()

    def _choose_current(self) -> None:
        if self._timer.isActive() or not self.results.count():
            self._timer.stop()
            self.update_results()
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.query.clear()
        self.results.hide()


class _FillHeight(QWidget):
    """Content that a resizable scroll area fits to its height.

    With word-wrapped labels inside, the scroll area would otherwise size the
    content to its preferred height and scroll although everything fits.
    """

    def hasHeightForWidth(self) -> bool:
        return False


class DossierView(QWidget):
    """The dossier screen. ``packed`` fires when a dossier was packed and queued."""

    packed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self.dossier: Dossier | None = None
        self.missing_count = 0
        self.pack_dialog: PackDialog | None = None
        self.review_dialog: QDialog | None = None

        # Left: the dossiers.
        self.list_model = DossierListModel(ctx.procedure_name, self)
        self.list = QListView(self)
        self.list.setModel(self.list_model)
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        # Long procedure and citizen names wrap onto a second line rather than lose their end.
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._dossier_chosen)

        # Header: code and procedure.
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText("000.00.06.H56-231027-0361")
        self.code_edit.editingFinished.connect(self._code_edited)
        self.code_kind = QLabel(self)
        self.procedure_label = QLabel(self)
        self.procedure_label.setWordWrap(True)
        self.procedure_label.setObjectName("procedure")
        self.suggestion_label = QLabel(self)
        self.suggestion_label.setObjectName("subtitle")
        self.suggestion_label.setWordWrap(True)
        self.accept_procedure = QPushButton(self.tr("Nhận thủ tục"), self)
        self.accept_procedure.setToolTip(self.tr("Nhận thủ tục máy gợi ý (Ctrl+Enter)"))
        self.accept_procedure.clicked.connect(self._accept_procedure)
        self.picker = ProcedurePicker(self)
        self.picker.chosen.connect(self._procedure_chosen)

        # Checklist.
        from desktop.reuse_panel import ReusePanel

        self.reuse_panel = ReusePanel(ctx, self)
        self.reuse_panel.changed.connect(self.reload_documents)
        self.checklist = QListWidget(self)
        self.checklist.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.checklist.setMinimumHeight(90)
        self.checklist.setWordWrap(True)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # Applicant fields (on the dossier).
        self.applicant_name = QLineEdit(self)
        self.applicant_id = QLineEdit(self)
        self.applicant_id.setPlaceholderText(self.tr("12 chữ số"))
        self.received_date = QLineEdit(self)
        self.received_date.setPlaceholderText("dd/mm/yyyy")
        self.applicant_name.setPlaceholderText(self.tr("Họ và tên người nộp"))
        self.applicant_name.setMinimumWidth(220)
        digits = self.applicant_id.fontMetrics().horizontalAdvance("0000000000000")
        self.applicant_id.setMinimumWidth(digits + 24)
        self.received_date.setMinimumWidth(
            self.received_date.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.applicant_name.editingFinished.connect(self._applicant_edited)
        self.applicant_id.editingFinished.connect(self._applicant_edited)
        self.received_date.editingFinished.connect(self._applicant_edited)
        self.applicant_id.textEdited.connect(
            lambda t: _set_invalid(self.applicant_id, editing.check_id_number(t) if t else None))
        self.received_date.textEdited.connect(
            lambda t: _set_invalid(self.received_date, editing.check_date(t) if t else None))

        # Documents.
        self.doc_model = DocumentModel(self)
        self.docs = QListView(self)
        self.docs.setModel(self.doc_model)
        self.docs.setMinimumHeight(90)
        self.docs.setWordWrap(True)
        self.docs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.docs.selectionModel().currentChanged.connect(self._document_chosen)
        self.docs.activated.connect(lambda _i: self.accept_type())
        self.type_combo = QComboBox(self)
        self.type_combo.setMinimumWidth(220)
        self.type_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type_combo.activated.connect(self._type_chosen)
        self.page_model = PageModel(ctx.thumbs, self)
        self.pages = QListView(self)
        self.pages.setModel(self.page_model)
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setFlow(QListView.Flow.LeftToRight)
        self.pages.setWrapping(False)
        # One horizontal strip: icon plus two label lines per cell, no wrapping.
        self.pages.setIconSize(QSize(88, 124))
        self.pages.setGridSize(QSize(116, 158))
        self.pages.setFixedHeight(158 + self.pages.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent) + 8)
        self.pages.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.pages.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pages.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.pages.doubleClicked.connect(lambda _i: self.review_page())
        self.pages.activated.connect(lambda _i: self.review_page())
        self.move_combo = QComboBox(self)
        self.move_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.move_combo.activated.connect(self._move_pages_chosen)

        # Document fields.
        # One labelled row per value (each person's name, each ID number, each date), and
        # an empty row of each kind to add one.
        self.fields_table = QTableWidget(0, 2, self)
        self.fields_table.setHorizontalHeaderLabels([self.tr("Thông tin"), self.tr("Giá trị")])
        self.fields_table.verticalHeader().hide()
        self.fields_table.verticalHeader().setDefaultSectionSize(
            self.fields_table.fontMetrics().height() + 10)
        header = self.fields_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fields_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.fields_table.itemChanged.connect(self._field_cell_edited)

        self.pack_button = QPushButton(self.tr("Đóng gói và đưa vào hàng đợi gửi"), self)
        self.pack_button.setObjectName("primary")
        self.pack_button.clicked.connect(self.pack)
        self.pack_status = QLabel(self)
        self.pack_status.setWordWrap(True)

        self._build_layout()
        self._build_actions()

    # Layout ----------------------------------------------------------------------

    def _build_layout(self) -> None:
        # The common case fits a 1366×768 laptop screen without scrolling: a two-line
        # header; checklist with the applicant beside the documents; the chosen
        # document's pages as one strip beside its fields; the pack button last.
        head, grid = self._group(self.tr("Hồ sơ"), QGridLayout)
        grid.addWidget(QLabel(self.tr("Mã hồ sơ:"), head), 0, 0)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_edit, 2)
        code_row.addWidget(self.code_kind)
        code_row.addSpacing(12)
        code_row.addWidget(self.picker, 3)
        grid.addLayout(code_row, 0, 1)
        grid.addWidget(QLabel(self.tr("Thủ tục:"), head), 1, 0)
        row = QHBoxLayout()
        row.addWidget(self.procedure_label, 3)
        row.addWidget(self.suggestion_label, 2)
        row.addWidget(self.accept_procedure)
        grid.addLayout(row, 1, 1)
        grid.addWidget(QLabel(self.tr("Người nộp:"), head), 2, 0)
        applicant = QHBoxLayout()
        applicant.addWidget(self.applicant_name, 1)
        applicant.addSpacing(8)
        applicant.addWidget(QLabel(self.tr("Số định danh:"), head))
        applicant.addWidget(self.applicant_id)
        applicant.addSpacing(8)
        applicant.addWidget(QLabel(self.tr("Ngày nhận:"), head))
        applicant.addWidget(self.received_date)
        grid.addLayout(applicant, 2, 1)
        grid.setColumnStretch(1, 1)

        self.check_box, cb = self._group(self.tr("Thành phần hồ sơ"), QVBoxLayout)
        cb.addWidget(self.checklist)
        cb.addWidget(self.reuse_panel)

        docs, dl = self._group(self.tr("Giấy tờ trong hồ sơ"), QVBoxLayout)
        dl.addWidget(self.docs, 1)
        type_row = QHBoxLayout()
        type_row.addWidget(QLabel(self.tr("Loại giấy tờ:"), docs))
        type_row.addWidget(self.type_combo, 1)
        dl.addLayout(type_row)
        dl.addWidget(self._document_buttons())

        body = QHBoxLayout()
        body.addWidget(self.check_box, 1)
        body.addWidget(docs, 1)

        strip, sl = self._group(
            self.tr("Các trang của giấy tờ đang chọn (nhấp đúp để soát chữ)"), QVBoxLayout)
        sl.addWidget(self.pages)
        fields, ff = self._group(self.tr("Thông tin trích từ giấy tờ đang chọn"), QFormLayout)
        ff.addRow(self.fields_table)
        ff.addRow(self.tr("Chuyển trang:"), self.move_combo)
        self.move_combo.setToolTip(self.tr("Chuyển các trang đã chọn sang giấy tờ khác"))
        bottom = QHBoxLayout()
        bottom.addWidget(strip, 1)
        bottom.addWidget(fields, 1)

        pack_row = QHBoxLayout()
        pack_row.addWidget(self.pack_status, 1)
        pack_row.addWidget(self.pack_button)

        content = _FillHeight(self)
        cl = QVBoxLayout(content)
        cl.setContentsMargins(0, 0, 4, 0)
        cl.setSpacing(6)
        cl.addWidget(head)
        cl.addLayout(body, 1)
        cl.addLayout(bottom)
        holder = QWidget(self)
        holder.setObjectName("page")
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(content)
        # Kept for screens smaller than a laptop's; at 1366×768 nothing scrolls.
        self.panel_scroll = QScrollArea(self)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setWidget(holder)
        self.panel_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The state and the pack button stay in sight below the scrolled part, however
        # small the screen.
        main_side = QWidget(self)
        ml = QVBoxLayout(main_side)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.setSpacing(6)
        ml.addWidget(self.panel_scroll, 1)
        ml.addLayout(pack_row)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Danh sách hồ sơ"), side)
        title.setObjectName("subtitle")
        side_layout.addWidget(title)
        side_layout.addWidget(self.list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(side)
        splitter.addWidget(main_side)
        splitter.setSizes([215, 1000])   # room for a full dossier code
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(splitter)

    def _group(self, title: str, kind: type[LayoutT]) -> tuple[QGroupBox, LayoutT]:
        box = QGroupBox(title, self)
        layout = kind(box)
        layout.setContentsMargins(*GROUP_MARGINS)
        layout.setSpacing(4)
        return box, layout

    def _document_buttons(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, tip, slot in (
            (self.tr("Nhận gợi ý"), self.tr("Nhận loại giấy tờ máy gợi ý (Enter)"),
             self.accept_type),
            (self.tr("Tách"), self.tr("Tách giấy tờ tại trang đang chọn (Ctrl+T)"), self.split),
            (self.tr("Gộp với sau"), self.tr("Gộp với giấy tờ kế tiếp (Ctrl+G)"),
             self.merge_next),
            ("▲", self.tr("Dời giấy tờ lên"), lambda: self.move_document(-1)),
            ("▼", self.tr("Dời giấy tờ xuống"), lambda: self.move_document(1)),
        ):
            button = QPushButton(text, row)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addStretch(1)
        return row

    def _build_actions(self) -> None:
        for text, key, slot in (
            (self.tr("Nhận gợi ý"), "Ctrl+Return", self.accept_suggestion),
            (self.tr("Tách giấy tờ"), "Ctrl+T", self.split),
            (self.tr("Gộp giấy tờ"), "Ctrl+G", self.merge_next),
            (self.tr("Đóng gói"), "Ctrl+P", self.pack),
            (self.tr("Giấy tờ sau"), "PgDown", lambda: self._step_document(1)),
            (self.tr("Giấy tờ trước"), "PgUp", lambda: self._step_document(-1)),
            (self.tr("Tìm thủ tục"), "Ctrl+K", self.picker.query.setFocus),
            (self.tr("Soát chữ"), "Ctrl+E", self.review_page),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

    # Loading ---------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        wanted = select if select is not None else (self.dossier.id if self.dossier else None)
        self.list_model.set_dossiers(queries.list_dossiers(self._ctx.ws))
        row = self.list_model.row_of(wanted) if wanted is not None else 0
        if self.list_model.rowCount():
            self.list.setCurrentIndex(self.list_model.index(max(row, 0)))
        else:
            self.show_dossier(None)

    def _dossier_chosen(self, *_args: object) -> None:
        self.show_dossier(self.list_model.dossier(self.list.currentIndex().row()))

    def show_dossier(self, d: Dossier | None) -> None:
        self.dossier = d
        enabled = d is not None
        for w in (self.code_edit, self.picker, self.applicant_name, self.applicant_id,
                  self.received_date, self.pack_button, self.docs, self.type_combo):
            w.setEnabled(enabled)
        if d is None:
            self.procedure_label.setText(self.tr("Chưa có hồ sơ. Nhập hoặc quét giấy tờ rồi "
                                                 "bấm “Lập hồ sơ”."))
            self.doc_model.set_documents([])
            self.page_model.set_pages([])
            self.checklist.clear()
            return
        self._ctx.ws.set_setting("ui.last_dossier", str(d.id))
        if d.id != getattr(self, "_viewed", None):  # one entry per opening, not per refresh
            self._viewed = d.id
            self._ctx.ws.audit.record("view", dossier=d.id, subject=d.applicant_id or None)
        self.code_edit.setText(d.code or "")
        self.code_edit.setPlaceholderText(d.provisional_id)
        self._show_code_kind(d)
        name = self._ctx.procedure_name(d.procedure_code)
        self.procedure_label.setText(name or self.tr("Chưa chọn thủ tục"))
        if d.procedure_code and not d.procedure_confirmed:
            conf = (d.procedure_confidence or 0) * 100
            self.suggestion_label.setText(
                self.tr("{code} · máy gợi ý, {c:.0f}% tin cậy").format(code=d.procedure_code,
                                                                       c=conf))
            self.suggestion_label.setToolTip(
                self.tr("Kiểm tra rồi nhận (Ctrl+Enter), hoặc tìm thủ tục khác (Ctrl+K)."))
            self.accept_procedure.show()
        else:
            self.suggestion_label.setText(
                self.tr("{code} · đã xác nhận").format(code=d.procedure_code)
                if d.procedure_code else "")
            self.suggestion_label.setToolTip("")
            self.accept_procedure.hide()
        self.applicant_name.setText(d.applicant_name or "")
        self.applicant_id.setText(d.applicant_id or "")
        for edit in (self.code_edit, self.applicant_name, self.applicant_id):
            edit.setCursorPosition(0)   # a long value shows its beginning, not its tail
        received = editing.parse_date(d.received_date or "")
        self.received_date.setText(received.strftime("%d/%m/%Y") if received else "")
        self._fill_types(d)
        self.reload_documents()

    def _state_text(self, d: Dossier) -> tuple[str, str]:
        """The dossier's state line, and a warning when it changed after packing."""
        state = packing.pack_state(self._ctx.ws, d.id)
        if state.version is None:
            text = self.tr("Bản nháp") if str(d.state) == "draft" else self.tr("Sẵn sàng")
            return self.tr("Trạng thái: {s}").format(s=text), ""
        name = state.package_name or ""
        if state.changed:
            if state.queued:
                then = self.tr("đóng gói lại (Ctrl+P) để thay gói đang chờ gửi")
            elif state.sent:
                then = self.tr("đóng gói lại (Ctrl+P) để gửi bản {n}").format(
                    n=(state.version or 1) + 1)
            else:
                then = self.tr("đóng gói lại (Ctrl+P)")
            return self.tr("Đã sửa sau khi đóng gói {name}: {then}.").format(
                name=name, then=then), "warning"
        if state.queued:
            text = self.tr("Đang chờ gửi")
        elif state.sent:
            text = self.tr("Đã gửi")
        else:
            text = self.tr("Đã đóng gói")
        version = self.tr(" (bản {n})").format(n=state.version) if state.version > 1 else ""
        records = queries.records_of(self._ctx.ws, d.id)
        signed = (" · " + signature_text(self, self._ctx.ws, records[-1].package_sha)
                  if records else "")
        return self.tr("Trạng thái: {s}").format(s=f"{text} · {name}{version}{signed}"), ""

    def show_pack_state(self) -> None:
        if self.dossier is not None:
            self._set_pack_status(*self._state_text(self.dossier))

    def _show_code_kind(self, d: Dossier) -> None:
        if d.code:
            self.code_kind.setText(self.tr("Mã chính thức"))
            self.code_kind.setToolTip("")
            self.code_kind.setObjectName("ok")
        else:
            self.code_kind.setText(self.tr("Mã tạm"))
            self.code_kind.setToolTip(self.tr("Chưa có mã chính thức: gõ mã trên giấy tiếp nhận "
                                              "khi có."))
            self.code_kind.setObjectName("subtitle")
        self.code_kind.style().unpolish(self.code_kind)
        self.code_kind.style().polish(self.code_kind)

    def _fill_types(self, d: Dossier) -> None:
        from dossier.assembly import catalogue

        cat = catalogue()
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("— chưa rõ —"), None)
        seen = set()
        for comp in cat.components(d.procedure_code) if d.procedure_code else ():
            self.type_combo.addItem(f"★ {comp.name}", (comp.key, comp.name))
            seen.add(comp.key)
        for dtype in cat.document_types():
            if dtype.key not in seen:
                self.type_combo.addItem(dtype.name, (dtype.key, dtype.name))

    def reload_documents(self) -> None:
        if self.dossier is None:
            return
        current = self.current_document()
        docs = queries.documents_of(self._ctx.ws, self.dossier.id)
        self.doc_model.set_documents(docs)
        row = self.doc_model.row_of(current.id) if current else 0
        if docs:
            self.docs.setCurrentIndex(self.doc_model.index(max(row, 0)))
        else:
            self._document_chosen()
        self._update_checklist(docs)
        self.show_pack_state()

    def _update_checklist(self, docs: list[Document]) -> None:
        self.checklist.clear()
        d = self.dossier
        self.missing_count = 0
        if d is None or not d.procedure_code:
            self.reuse_panel.show_for(None)
            self.check_box.setTitle(self.tr("Thành phần hồ sơ"))
            self.checklist.addItem(self.tr("Chọn thủ tục để xem giấy tờ cần có."))
            return
        from dossier.assembly import catalogue
        from tagging import checklist

        cat = catalogue()
        from dossier.reuse import reused_keys

        # Components reused from the citizen's documents on file count as present.
        keys = [x.type_key for x in docs if x.type_key] + list(reused_keys(self._ctx.ws, d.id))
        self.reuse_panel.show_for(d)
        result = checklist(cat, d.procedure_code, keys)
        optional = self.tr("(không bắt buộc)")
        missing = self.tr("còn thiếu")
        for comp in result.present:
            self._check_item(f"✓ {comp.name}", "#067647", self.tr("Đã có trong hồ sơ"))
        for comp in result.optional_present:
            self._check_item(f"✓ {comp.name} {optional}", "#067647",
                             self.tr("Đã có trong hồ sơ"))
        for comp in result.missing:
            self._check_item(f"✗ {comp.name} — {missing}", "#b42318",
                             self.tr("Giấy tờ bắt buộc chưa có trong hồ sơ"))
        have = {c.key for c in result.optional_present}
        for comp in cat.components(d.procedure_code):
            if not comp.required and comp.key not in have:
                self._check_item(f"○ {comp.name} {optional}", "#7b8794",
                                 self.tr("Không bắt buộc, chưa có trong hồ sơ"))
        for key in result.extra:
            dtype = cat.document_type(key)
            self._check_item(f"+ {dtype.name if dtype else key}", "#52606d",
                             self.tr("Giấy tờ ngoài danh mục của thủ tục"))
        self.missing_count = len(result.missing)
        self.check_box.setTitle(
            self.tr("Thành phần hồ sơ — còn thiếu {n}").format(n=self.missing_count)
            if self.missing_count else self.tr("Thành phần hồ sơ — đủ giấy tờ bắt buộc"))

    def _check_item(self, text: str, color: str, tip: str) -> None:
        item = QListWidgetItem(text)
        item.setForeground(QBrush(QColor(color)))
        item.setToolTip(tip)
        self.checklist.addItem(item)

    def checklist_texts(self) -> list[str]:
        return [self.checklist.item(i).text() for i in range(self.checklist.count())]

    def current_document(self) -> Document | None:
        return self.doc_model.document(self.docs.currentIndex().row())

    def _document_chosen(self, *_args: object) -> None:
        doc = self.current_document()
        pages = []
        if doc is not None:
            for pid in doc.page_ids:
                page = queries.get_page(self._ctx.ws, pid)
                if page is not None:
                    pages.append(page)
        self.page_model.set_pages(pages)
        key = doc.type_key if doc else None
        index = next((i for i in range(self.type_combo.count())
                      if (self.type_combo.itemData(i) or (None,))[0] == key), 0)
        self.type_combo.setCurrentIndex(index)
        fields = json.loads(doc.fields_json) if doc else {}
        self._fill_fields(fields if doc is not None else None)
        self.move_combo.clear()
        self.move_combo.addItem(self.tr("— chọn giấy tờ —"), None)
        for other in self.doc_model.documents():
            if doc is None or other.id != doc.id:
                self.move_combo.addItem(f"{other.seq}. {other.type_name or '?'}", other.id)

    def _step_document(self, delta: int) -> None:
        row = self.docs.currentIndex().row() + delta
        if 0 <= row < self.doc_model.rowCount():
            self.docs.setCurrentIndex(self.doc_model.index(row))

    # Edits -----------------------------------------------------------------------

    def _fail(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Không thực hiện được"), str(error))

    def _code_edited(self) -> None:
        if self.dossier is None:
            return
        text = self.code_edit.text().strip()
        problem = editing.check_dossier_code(text) if text else None
        _set_invalid(self.code_edit, problem)
        if problem or text == (self.dossier.code or ""):
            return
        try:
            editing.set_dossier_code(self._ctx.ws, self.dossier.id, text or None)
        except editing.EditError as e:
            _set_invalid(self.code_edit, str(e))
            return
        self.refresh(self.dossier.id)

    def _accept_procedure(self) -> None:
        if self.dossier is not None and self.dossier.procedure_code:
            self._procedure_chosen(self.dossier.procedure_code)

    def _procedure_chosen(self, code: str) -> None:
        if self.dossier is None:
            return
        editing.set_procedure(self._ctx.ws, self.dossier.id, code)
        self.refresh(self.dossier.id)

    def choose_procedure(self, query: str) -> bool:
        """Type ``query`` in the picker and take its first result (keyboard path and tests)."""
        self.picker.query.setText(query)
        self.picker._choose_current()
        return self.dossier is not None

    def _applicant_edited(self) -> None:
        if self.dossier is None:
            return
        values: dict[str, object] = {}
        name = self.applicant_name.text().strip()
        if name != (self.dossier.applicant_name or ""):
            values["applicant_name"] = name or None
        ident = self.applicant_id.text().strip()
        problem = editing.check_id_number(ident) if ident else None
        _set_invalid(self.applicant_id, problem)
        if not problem and ident != (self.dossier.applicant_id or ""):
            values["applicant_id"] = ident or None
        day_text = self.received_date.text().strip()
        problem = editing.check_date(day_text) if day_text else None
        _set_invalid(self.received_date, problem)
        day = editing.parse_date(day_text)
        if not problem and day and day.isoformat() != self.dossier.received_date:
            values["received_date"] = day.isoformat()
        if values:
            try:
                command = ApplicantCommand(self._ctx.ws, self.dossier.id, values,  # type: ignore[arg-type]
                                           self.tr("Sửa người nộp hồ sơ"),
                                           self._applicant_changed)
            except editing.EditError as e:
                self._fail(e)
                return
            self._ctx.undo.push(command)

    def _applicant_changed(self) -> None:
        """After an applicant edit, or its undo: show the dossier as it now is."""
        if self.dossier is None:
            return
        self.dossier = queries.get_dossier(self._ctx.ws, self.dossier.id)
        if self.dossier is None:
            return
        d = self.dossier
        received = editing.parse_date(d.received_date or "")
        for edit, value in ((self.applicant_name, d.applicant_name or ""),
                            (self.applicant_id, d.applicant_id or ""),
                            (self.received_date,
                             received.strftime("%d/%m/%Y") if received else "")):
            if edit.text().strip() != value:   # an undo: show what it restored
                edit.setText(value)
                edit.setCursorPosition(0)
        self.show_pack_state()
        self.reuse_panel.show_for(d)

    FIELD_KINDS = ("full_names", "id_numbers", "dates")

    def _field_label(self, kind: str, n: int | None) -> str:
        if kind == "full_names":
            return (self.tr("Họ tên người {n}").format(n=n) if n is not None
                    else self.tr("Họ tên (thêm người)"))
        if kind == "id_numbers":
            return (self.tr("Số định danh {n}").format(n=n) if n is not None
                    else self.tr("Số định danh (thêm)"))
        return self.tr("Ngày {n}").format(n=n) if n is not None else self.tr("Ngày (thêm)")

    def _fill_fields(self, fields: dict[str, object] | None) -> None:
        table = self.fields_table
        table.blockSignals(True)
        table.setRowCount(0)
        for kind in self.FIELD_KINDS if fields is not None else ():
            listed = (fields or {}).get(kind)
            values = [str(v) for v in listed] if isinstance(listed, list) else []
            for n, value in enumerate([*values, ""], start=1):
                row = table.rowCount()
                table.insertRow(row)
                label = QTableWidgetItem(self._field_label(kind, n if value else None))
                label.setFlags(Qt.ItemFlag.ItemIsEnabled)
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, kind)
                cell.setToolTip(value)
                table.setItem(row, 0, label)
                table.setItem(row, 1, cell)
        table.blockSignals(False)
        self._validate_doc_fields()

    def field_values(self, kind: str) -> list[str]:
        """The values of one kind of field, in table order (empty rows left out)."""
        values = []
        for row in range(self.fields_table.rowCount()):
            cell = self.fields_table.item(row, 1)
            if cell is not None and cell.data(Qt.ItemDataRole.UserRole) == kind:
                text = cell.text().strip()
                if text:
                    values.append(text)
        return values

    def _validate_doc_fields(self) -> bool:
        ok = True
        for row in range(self.fields_table.rowCount()):
            cell = self.fields_table.item(row, 1)
            if cell is None:
                continue
            kind = cell.data(Qt.ItemDataRole.UserRole)
            text = cell.text().strip()
            problem = None
            if text and kind == "id_numbers":
                problem = editing.check_id_number(text)
            elif text and kind == "dates":
                problem = editing.check_date(text)
            shown = plain(problem, self._ctx.language).text if problem else text
            self.fields_table.blockSignals(True)
            cell.setBackground(QBrush(QColor("#fff5f5")) if problem else QBrush())
            cell.setToolTip(shown)
            self.fields_table.blockSignals(False)
            ok = ok and problem is None
        return ok

    def _field_cell_edited(self, _item: QTableWidgetItem) -> None:
        self._fields_edited()

    def _fields_edited(self) -> None:
        doc = self.current_document()
        if doc is None or not self._validate_doc_fields():
            return
        fields = json.loads(doc.fields_json)
        fields.update({kind: self.field_values(kind) for kind in self.FIELD_KINDS})
        if fields != json.loads(doc.fields_json) and self.dossier is not None:
            def later() -> None:
                # Not inside the table's own signal: refilling it there pulls the cell away.
                QTimer.singleShot(0, self.reload_documents)

            self._ctx.undo.push(documents_edit(
                self._ctx.ws, self.dossier.id,
                lambda: editing.set_document_fields(self._ctx.ws, doc.id, fields),
                self.tr("Sửa thông tin tài liệu"), later))

    def _doc_edit(self, text: str, edit: object) -> None:
        if self.dossier is None:
            return
        try:
            command = documents_edit(self._ctx.ws, self.dossier.id, edit,  # type: ignore[arg-type]
                                     text, self.reload_documents)
        except editing.EditError as e:
            self._fail(e)
            return
        self._ctx.undo.push(command)

    def accept_suggestion(self) -> None:
        """Ctrl+Enter: accept the procedure suggestion if pending, else the document's type."""
        if self.dossier is not None and self.dossier.procedure_code and \
                not self.dossier.procedure_confirmed:
            self._accept_procedure()
        else:
            self.accept_type()

    def accept_type(self) -> None:
        doc = self.current_document()
        if doc is None or doc.type_key is None:
            return
        self._doc_edit(self.tr("Nhận loại giấy tờ"),
                       lambda: editing.accept_type(self._ctx.ws, doc.id))
        self._ctx.learner.confirmed()  # the type model learns from it, in the background
        self._step_to_unconfirmed()

    def _step_to_unconfirmed(self) -> None:
        for row, d in enumerate(self.doc_model.documents()):
            if not d.type_confirmed and d.type_key is not None:
                self.docs.setCurrentIndex(self.doc_model.index(row))
                return

    def _type_chosen(self, index: int) -> None:
        doc = self.current_document()
        data = self.type_combo.itemData(index)
        if doc is None:
            return
        key, name = data if data else (None, None)
        if key == doc.type_key and doc.type_confirmed:
            return
        self._doc_edit(self.tr("Đổi loại giấy tờ"),
                       lambda: editing.choose_type(self._ctx.ws, doc.id, key, name))
        if key is not None:
            self._ctx.learner.confirmed()

    def split(self) -> None:
        doc = self.current_document()
        page = self.page_model.page(self.pages.currentIndex().row())
        if doc is None or page is None:
            return
        self._doc_edit(self.tr("Tách giấy tờ"),
                       lambda: editing.split_document(self._ctx.ws, doc.id, page.id))

    def merge_next(self) -> None:
        row = self.docs.currentIndex().row()
        first, second = self.doc_model.document(row), self.doc_model.document(row + 1)
        if first is None or second is None:
            return
        self._doc_edit(self.tr("Gộp giấy tờ"),
                       lambda: editing.merge_documents(self._ctx.ws, [first.id, second.id]))

    def move_document(self, offset: int) -> None:
        doc = self.current_document()
        if doc is not None:
            self._doc_edit(self.tr("Dời giấy tờ"),
                           lambda: editing.move_document(self._ctx.ws, doc.id, offset))

    def _move_pages_chosen(self, index: int) -> None:
        target = self.move_combo.itemData(index)
        rows = sorted(i.row() for i in self.pages.selectionModel().selectedIndexes())
        ids = [p.id for r in rows if (p := self.page_model.page(r)) is not None]
        if target is None or not ids:
            return
        self._doc_edit(self.tr("Chuyển trang"),
                       lambda: editing.move_pages_to_document(self._ctx.ws, ids, int(target)))

    def review_page(self) -> QDialog | None:
        """Enter or double-click on a page, or Ctrl+E: the text review of that page (the
        document's first page when none is chosen), in a dialog that fits the screen."""
        page = self.page_model.page(max(self.pages.currentIndex().row(), 0))
        if page is None:
            return None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Soát chữ — {name}").format(name=page.source_name))
        review = ReviewWidget(self._ctx, dialog)
        close = QPushButton(self.tr("Đóng (Esc)"), dialog)
        close.setAutoDefault(False)
        close.clicked.connect(dialog.reject)
        review.add_button(close)
        QVBoxLayout(dialog).addWidget(review)
        fit_to_screen(dialog, 1100, 750)
        review.show_page(page)
        self.review_dialog = dialog
        def closed(_result: int) -> None:
            review._flush_draft()
            self.show_pack_state()
            self._dialog_closed("review_dialog")

        dialog.finished.connect(closed)
        dialog.open()
        review.text.setFocus()
        return dialog

    def _dialog_closed(self, name: str) -> None:
        # The keys go back to this screen (and its shortcuts) on every platform.
        setattr(self, name, None)
        self.window().activateWindow()
        self.docs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _signing_options(self) -> Any:
        """The signing options from the settings; None when records are not signed, False
        (with the reason on the status line) when signing is on but not set up."""
        from dossier import DossierError

        try:
            return signing_key.configured_options(self._ctx.ws)
        except DossierError as e:
            self._set_pack_status(str(e), "error")
            return False

    def _signing_key(self) -> tuple[object, str | None]:
        """The signing options and the PIN typed for them; (None, None) when records are not
        signed; (False, None) when the clerk cancelled or signing is not set up."""
        options = self._signing_options()
        if options is None or options is False:
            return options, None
        reason, self._sign_problem = getattr(self, "_sign_problem", ""), ""
        secret = signing_key.ask_secret(self, options, reason)
        if secret is None:
            self._set_pack_status(self.tr("Đã hủy: hồ sơ chưa được ký và chưa đóng gói."))
            return False, None
        return options, secret

    def _set_pack_status(self, text: str, kind: str = "") -> None:
        self.pack_status.setText(text)
        self.pack_status.setObjectName(kind)
        self.pack_status.style().unpolish(self.pack_status)
        self.pack_status.style().polish(self.pack_status)

    def pack(self) -> object | None:
        """Ctrl+P: ask what packing needs (official code, reason for missing papers), then
        pack and queue. Returns the dialog when one was opened, else the operation."""
        if self.dossier is None:
            return None
        d = queries.get_dossier(self._ctx.ws, self.dossier.id)
        if d is None:
            return None
        if self._signing_options() is False:
            return None  # signing is on but not set up: said before asking anything else
        missing = packing.missing_components(self._ctx.ws, d.id)
        state = packing.pack_state(self._ctx.ws, d.id)
        if d.code and not missing:
            return self._start_pack(d, None, None)
        dialog = PackDialog(d, missing, state, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pack_dialog = dialog
        dialog.accepted.connect(
            lambda: self._start_pack(d, dialog.official_code(), dialog.reason_text()))
        dialog.finished.connect(lambda _r: self._dialog_closed("pack_dialog"))
        dialog.open()
        return dialog

    def _start_pack(self, d: Dossier, code: str | None, reason: str | None) -> object | None:
        signing, secret = self._signing_key()
        if signing is False:
            return None
        self.pack_button.setEnabled(False)
        self._set_pack_status(self.tr("Đang đóng gói…"))

        def done(result: PackResult) -> None:
            self.refresh(d.id)
            self._set_pack_status(*self._packed_text(result))
            self.packed.emit(d.id)

        def failed(error: Exception) -> None:
            from records import KeyUnavailableError

            if isinstance(error, packing.MissingComponents):
                self._set_pack_status(self.tr("Chưa đóng gói: còn thiếu {names}.").format(
                    names=", ".join(error.missing)), "error")
                return
            text = plain(error, self._ctx.language).text
            if isinstance(error, KeyUnavailableError):
                # Nothing of this dossier was kept; packing again asks for the PIN again.
                self._sign_problem = text
                text += "\n" + self.tr("Hồ sơ chưa được đóng gói. Cắm lại token hoặc nhập lại "
                                       "mã PIN rồi bấm Đóng gói lần nữa.")
            self._set_pack_status(text, "error")

        op = actions.pack_and_queue(self._ctx.ops, d.id, title=self.tr("Đóng gói hồ sơ"),
                                    official_code=code, missing_reason=reason,
                                    signing=signing, secret=secret)
        del secret
        op.on_success(done).on_failure(failed).on_finally(
            lambda: self.pack_button.setEnabled(True))
        return op.start()

    def _packed_text(self, result: PackResult) -> tuple[str, str]:
        name = result.package_name
        outcome = result.outcome
        if outcome == packing.PackOutcome.UNCHANGED:
            text = self.tr("Hồ sơ không thay đổi từ lần đóng gói trước; gói {name} đã ở trong "
                           "hàng đợi gửi.").format(name=name)
        elif outcome == packing.PackOutcome.ALREADY_SENT:
            text = self.tr("Hồ sơ không thay đổi từ khi gửi gói {name}; không cần gửi lại.").format(
                name=name)
        elif outcome == packing.PackOutcome.REPLACED:
            text = self.tr("Đã đóng gói lại: {name} thay cho gói chưa gửi trong hàng đợi.").format(
                name=name)
        elif result.version > 1:
            text = self.tr("Đã đóng gói bản {n}: {name}, thay cho bản đã gửi {old}.").format(
                n=result.version, name=name, old=result.supersedes)
        else:
            text = self.tr("Đã đóng gói và đưa vào hàng đợi gửi: {name}").format(name=name)
        kind = "ok"
        if result.missing and outcome not in (packing.PackOutcome.UNCHANGED,
                                              packing.PackOutcome.ALREADY_SENT):
            text += "\n" + self.tr("Gửi khi còn thiếu {names}; lý do đã được ghi lại.").format(
                names=", ".join(result.missing))
            kind = "warning"
        if result.signed_offline:
            text += "\n" + self.tr(
                "Máy chủ dấu thời gian không trả lời: hồ sơ đã được ký số nhưng chưa có dấu "
                "thời gian. Thêm dấu thời gian sau ở Hàng đợi gửi, trước khi gửi.")
            kind = "warning"
        if result.low_resolution_pages:
            # Packed all the same: refusing would leave the citizen's dossier stuck.
            text += "\n" + self.tr(
                "Lưu ý: {n} trang được quét dưới 200 dpi, thấp hơn mức Nghị định "
                "30/2020 yêu cầu; nên quét lại các trang này.").format(
                    n=result.low_resolution_pages)
            kind = "warning"
        return text, kind
