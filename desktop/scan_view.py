"""Quét/Nhập: bring pages in (files or scanner), look at them, fix them, make a dossier.

Thumbnails of the batch on the left (drag to reorder), the page or its OCR review on the right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import actions
from desktop.context import AppContext
from desktop.messages import plain
from desktop.models import PageModel
from desktop.undo import DeleteCommand, MovePagesCommand, RotateCommand
from desktop.viewer import PageViewer, ReviewWidget
from dossier import packing, queries
from storage.model import Page, PageState


class ScanView(QWidget):
    """The batch screen. Emits ``dossier_ready`` when a dossier was assembled from it."""

    dossier_ready = Signal(int)
    scan_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notices: list[str] = []   # files of the last import the workspace already had
        self.setObjectName("page")
        self._ctx = ctx
        self.batch_id: int | None = None
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(250)
        self._reload_timer.timeout.connect(self.reload)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Ctrl+O and F5 work on every screen: the main window owns those keys, these
        # buttons only show them (two owners of one key make Qt ignore both).
        self.act_import = self._action(self.tr("Nhập tệp…"), "Ctrl+O", self.import_dialog,
                                       own_key=False)
        self.act_scan = self._action(self.tr("Quét"), "F5", self.scan_requested.emit,
                                     own_key=False)
        self.toolbar.addSeparator()
        self.act_rotate = self._action(self.tr("Xoay phải"), "Ctrl+R", lambda: self.rotate(1))
        self.act_rotate_left = self._action(self.tr("Xoay trái"), "Ctrl+Shift+R",
                                            lambda: self.rotate(-1))
        self.act_delete = self._action(self.tr("Xóa trang"), "Del", self.delete_selected)
        self.act_restore = self._action(self.tr("Khôi phục"), "Ctrl+Shift+Del",
                                        self.restore_selected)
        self.act_left = self._action(self.tr("Dời lên"), "Ctrl+Shift+Left",
                                     lambda: self.shift_selected(-1))
        self.act_right = self._action(self.tr("Dời xuống"), "Ctrl+Shift+Right",
                                      lambda: self.shift_selected(1))
        self.toolbar.addSeparator()
        self.act_assemble = self._action(self.tr("Lập hồ sơ"), "Ctrl+L", self.assemble)
        self.act_next = QAction(self.tr("Trang sau"), self)
        self.act_next.setShortcut(QKeySequence("PgDown"))
        self.act_next.triggered.connect(lambda: self.step(1))
        self.act_prev = QAction(self.tr("Trang trước"), self)
        self.act_prev.setShortcut(QKeySequence("PgUp"))
        self.act_prev.triggered.connect(lambda: self.step(-1))
        for act in (self.act_next, self.act_prev):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)

        self.batch_combo = QComboBox(self)
        self.batch_combo.setMinimumWidth(260)
        self.batch_combo.currentIndexChanged.connect(self._batch_chosen)
        self.show_deleted = QCheckBox(self.tr("Hiện trang đã xóa"), self)
        self.show_deleted.toggled.connect(self.reload)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.import_message = QLabel(self)
        self.import_message.setObjectName("banner")
        self.import_message.setWordWrap(True)
        self.import_message.hide()
        self.packed_warning = QLabel(self)
        self.packed_warning.setObjectName("warning")
        self.packed_warning.setWordWrap(True)
        self.packed_warning.hide()
        self.resume_button = QPushButton(self.tr("Tiếp tục đọc chữ"), self)
        self.resume_button.clicked.connect(self.resume_processing)
        self.resume_button.hide()

        self.model = PageModel(ctx.thumbs, self)
        self.model.move_requested.connect(self.move_pages)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(120, 168))
        self.list.setGridSize(QSize(176, 236))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Snap)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.viewer = PageViewer(ctx, self)
        self.review = ReviewWidget(ctx, self)
        self.review.saved.connect(lambda _pid: self.schedule_reload())
        self.review.saved.connect(lambda pid: self.warn_if_packed([pid]))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.viewer, self.tr("Trang"))
        self.tabs.addTab(self.review, self.tr("Soát chữ (OCR)"))
        self.tabs.currentChanged.connect(lambda _i: self._show_current())

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Lô:"), self))
        top.addWidget(self.batch_combo)
        top.addWidget(self.show_deleted)
        top.addStretch(1)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.resume_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.tabs)
        splitter.setSizes([390, 750])   # two columns of thumbnails; the page gets the rest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        body = QVBoxLayout()
        body.setContentsMargins(12, 8, 12, 8)
        body.addLayout(top)
        body.addLayout(banner_row)
        body.addWidget(self.packed_warning)
        body.addWidget(self.import_message)
        body.addWidget(splitter, 1)
        layout.addLayout(body, 1)

    def _action(self, text: str, key: str, slot: object, own_key: bool = True) -> QAction:
        act = QAction(text, self)
        if own_key:
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{text} ({native})")
        act.triggered.connect(slot)
        self.toolbar.addAction(act)
        self.addAction(act)
        return act

    # Batches -------------------------------------------------------------------

    def refresh_batches(self, select: int | None = None) -> None:
        batches = queries.list_batches(self._ctx.ws)
        wanted = select if select is not None else self.batch_id
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        for b in reversed(batches):
            count = len(queries.list_pages(self._ctx.ws, b.id))
            label = self.tr("Lô {id} · {n} trang · {day}").format(
                id=b.id, n=count, day=b.created_at[:10])
            self.batch_combo.addItem(label, b.id)
        self.batch_combo.blockSignals(False)
        index = self.batch_combo.findData(wanted) if wanted is not None else 0
        self.batch_combo.setCurrentIndex(max(index, 0))
        self._batch_chosen()

    def _batch_chosen(self) -> None:
        data = self.batch_combo.currentData()
        self.batch_id = int(data) if data is not None else None
        if self.batch_id is not None:
            self._ctx.ws.set_setting("ui.last_batch", str(self.batch_id))
        self.reload()

    def schedule_reload(self) -> None:
        if not self._reload_timer.isActive():
            self._reload_timer.start()

    def reload(self) -> None:
        current = self.current_page()
        selected = self.selected_ids()
        pages = [] if self.batch_id is None else queries.list_pages(
            self._ctx.ws, self.batch_id, include_deleted=self.show_deleted.isChecked())
        self.model.set_pages(pages)
        sel = self.list.selectionModel()
        for pid in selected:
            row = self.model.row_of(pid)
            if row >= 0:
                sel.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        row = self.model.row_of(current.id) if current else (0 if pages else -1)
        if row >= 0:
            sel.setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate
                                if selected else QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._update_banner(pages)
        self._show_current()

    def _update_banner(self, pages: list[Page]) -> None:
        notes = []
        waiting = sum(1 for p in pages if p.state == PageState.NEW and not p.deleted)
        blank = sum(1 for p in pages if p.blank and not p.deleted)
        failed = sum(1 for p in pages if p.state == PageState.FAILED and not p.deleted)
        unsure = [i + 1 for i, p in enumerate(pages) if p.orientation_unsure and not p.deleted]
        unfinished = self.batch_id in queries.unfinished_batch_ids(self._ctx.ws)
        busy = any(not op.quiet for op in self._ctx.ops.running)
        if waiting:
            notes.append(self.tr("{n} trang chưa đọc chữ.").format(n=waiting))
        if blank:
            notes.append(self.tr("{n} trang có vẻ trắng (nền vàng): xem lại rồi xóa nếu đúng.")
                         .format(n=blank))
        if failed:
            notes.append(self.tr("{n} trang đọc lỗi (nền đỏ).").format(n=failed))
        if unsure:
            notes.append(self.tr("Trang {pages}: máy không chắc chiều đúng của trang nên để "
                                 "nguyên; xem lại và xoay nếu cần.").format(
                pages=", ".join(str(n) for n in unsure[:8]) + ("…" if len(unsure) > 8 else "")))
        if self.batch_id is not None:
            for problem in queries.batch_problems(self._ctx.ws, self.batch_id):
                notes.append(f"{Path(problem.item).name}: {problem.reason}")
        notes.extend(self.notices)
        self.banner.setText("\n".join(notes[:6]))
        self.banner.setVisible(bool(notes))
        self.resume_button.setVisible(bool(waiting and unfinished and not busy))

    def warn_if_packed(self, page_ids: list[int]) -> None:
        """An edit to pages of a packed dossier: say so, and what packing again will do."""
        notes = []
        for d, state in packing.packed_dossiers_of_pages(self._ctx.ws, page_ids):
            if not state.changed:
                continue
            if state.queued:
                notes.append(self.tr("Hồ sơ {code} đang chờ gửi đã bị sửa: đóng gói lại để thay "
                                     "gói trong hàng đợi.").format(code=d.display_code))
            elif state.sent:
                notes.append(self.tr("Hồ sơ {code} đã gửi đi; các trang vừa sửa chỉ đến nơi khi "
                                     "đóng gói và gửi bản {n}.").format(
                                         code=d.display_code, n=(state.version or 1) + 1))
            else:
                notes.append(self.tr("Hồ sơ {code} đã đóng gói trước khi sửa: đóng gói lại.")
                             .format(code=d.display_code))
        self.packed_warning.setText("\n".join(notes))
        self.packed_warning.setVisible(bool(notes))

    # Pages -----------------------------------------------------------------------

    def current_page(self) -> Page | None:
        return self.model.page(self.list.currentIndex().row())

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        ids = [p.id for r in rows if (p := self.model.page(r)) is not None]
        if not ids and (page := self.current_page()) is not None:
            ids = [page.id]
        return ids

    def _current_changed(self, *_args: object) -> None:
        self._show_current()

    def _show_current(self) -> None:
        page = self.current_page()
        if self.tabs.currentWidget() is self.review:
            if (page.id if page else None) != getattr(self.review._page, "id", None):
                self.review.show_page(page)
        elif (page.id if page else None) != self.viewer.page_id or page is None or page is not None:
            self.viewer.show_page(page)

    def select_page(self, page_id: int) -> None:
        row = self.model.row_of(page_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))

    def step(self, delta: int) -> None:
        row = self.list.currentIndex().row() + delta
        if 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row))

    def rotate(self, turns: int) -> None:
        ids = self.selected_ids()
        if ids:
            text = self.tr("Xoay {n} trang").format(n=len(ids))
            self._ctx.undo.push(RotateCommand(self._ctx.ws, ids, turns, text, self.reload))
            self.warn_if_packed(ids)

    def delete_selected(self) -> None:
        ids = [pid for pid in self.selected_ids()
               if not (p := queries.get_page(self._ctx.ws, pid)) or not p.deleted]
        if ids:
            text = self.tr("Xóa {n} trang").format(n=len(ids))
            self._ctx.undo.push(DeleteCommand(self._ctx.ws, ids, True, text, self.reload))
            self.warn_if_packed(ids)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            text = self.tr("Khôi phục {n} trang").format(n=len(ids))
            self._ctx.undo.push(DeleteCommand(self._ctx.ws, ids, False, text, self.reload))
            self.warn_if_packed(ids)

    def move_pages(self, page_ids: list[int], before: int | None) -> None:
        if self.batch_id is None or not page_ids:
            return
        text = self.tr("Dời {n} trang").format(n=len(page_ids))
        self._ctx.undo.push(MovePagesCommand(self._ctx.ws, self.batch_id, page_ids, before,
                                             text, self.reload))
        self.warn_if_packed(page_ids)

    def shift_selected(self, delta: int) -> None:
        """Keyboard reordering: move the selection one place left or right."""
        ids = self.selected_ids()
        pages = self.model.pages()
        if not ids or not pages:
            return
        rows = [self.model.row_of(i) for i in ids]
        if delta < 0:
            target = min(rows) - 1
            if target < 0:
                return
            before: int | None = pages[target].id
        else:
            target = max(rows) + 2
            before = pages[target].id if target < len(pages) else None
            if max(rows) >= len(pages) - 1:
                return
        self.move_pages(ids, before)

    # Use cases -------------------------------------------------------------------

    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn ảnh quét hoặc PDF"), str(Path.home()),
            self.tr("Ảnh và PDF (*.png *.jpg *.jpeg *.jfif *.tif *.tiff *.gif *.bmp *.webp *.heic *.heif *.pdf);;Mọi tệp (*)"))  # noqa: E501
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> object:
        op = actions.import_files(self._ctx.ops, paths, title=self.tr("Nhập và đọc chữ"))
        return self._follow_import(op)

    def _follow_import(self, op: object) -> object:
        state: dict[str, int | None] = {"batch": None}

        self.notices = []

        def on_item(event: object) -> None:
            already = getattr(event, "already_in", None)
            if already is not None:   # a file the workspace already had: say where it is
                self.notices.append(self.tr("{name}: đã nhập trong lô {n}").format(
                    name=Path(getattr(event, "item", "")).name, n=already))
            if state["batch"] is None:
                latest = queries.list_batches(self._ctx.ws)
                if latest:
                    state["batch"] = latest[-1].id
                    self.refresh_batches(select=latest[-1].id)
            self.schedule_reload()

        def done(result: actions.ImportDone) -> None:
            report = result.report
            if not report.page_ids:
                # The batch was dropped: say here what was refused and why.
                lines = [f"{Path(p.item).name}: {plain(p.reason, self._ctx.language).text}"
                         for p in report.problems[:6]]
                self.import_message.setText(
                    self.tr("Không nhập được tệp nào:") + "\n" + "\n".join(lines))
                self.import_message.show()
                self.refresh_batches()
                return
            self.import_message.hide()
            self.refresh_batches(select=report.batch_id)
            if result.dossier_id is not None:
                self.dossier_ready.emit(result.dossier_id)

        op.on_item(on_item).on_success(done).on_finally(self.schedule_reload)  # type: ignore[attr-defined]
        return op.start()  # type: ignore[attr-defined]

    def follow(self, op: object) -> object:
        """Show a batch op started elsewhere (sample, scan) as it goes."""
        return self._follow_import(op)

    def resume_processing(self) -> None:
        if self.batch_id is None:
            return
        self.resume_button.hide()
        (actions.process_batch(self._ctx.ops, self.batch_id, title=self.tr("Đọc chữ tiếp"))
         .on_item(lambda _e: self.schedule_reload())
         .on_finally(self.schedule_reload)
         .start())

    def assemble(self) -> object | None:
        pages = [p for p in self.model.pages() if not p.deleted]
        if not pages:
            return None
        # Every page goes into the dossier: a blank one becomes a flagged document.
        ids = [p.id for p in pages]
        op = actions.assemble(self._ctx.ops, ids, self.batch_id, title=self.tr("Lập hồ sơ"))
        op.on_success(self.dossier_ready.emit)
        return op.start()
