"""The main window: sidebar sections, the screens, and a status bar with link and background work.

It wires screens together; the work itself is in the screens and in actions.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QWidget,
)

from desktop import actions
from desktop.audit_view import VIEW_ROLES as AUDIT_ROLES
from desktop.audit_view import AuditView
from desktop.context import AppContext
from desktop.dossier_view import DossierView
from desktop.keys import EnterPressesButtons
from desktop.messages import plain
from desktop.outbox_view import OutboxView
from desktop.reports_view import ReportsView
from desktop.results_view import ResultsView
from desktop.scan_view import ScanView
from desktop.search_view import SearchView
from desktop.settings_view import SettingsView, load_profiles
from desktop.welcome import WelcomeView
from desktop.worklist_view import WorklistView
from dossier import queries
from dossier.reports import REPORT_ROLES
from dossier.scanning import is_test_device
from storage.model import Role

SCAN, DOSSIER, OUTBOX, SEARCH, SETTINGS, WORKLIST, RESULTS, REPORTS, AUDIT = range(9)
#: What a leader (read-only) sees: the reports, the audit log, and the settings to read.
LEADER_SECTIONS = frozenset({SETTINGS, REPORTS, AUDIT})


def sections_for(role: Role) -> frozenset[int]:
    """The sidebar sections an account's role may open."""
    if role == Role.LEADER:
        return LEADER_SECTIONS
    every = frozenset(range(AUDIT + 1))
    if role not in REPORT_ROLES:  # the figures, like the audit log, are for leaders and admins
        every -= {REPORTS}
    return every if role in AUDIT_ROLES else every - {AUDIT}


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        # A leader only reads: the screens that scan, import, edit, pack or send are not
        # there for one, and the use cases refuse them as well (Workspace.require_work).
        self.sections = sections_for(ctx.ws.account.role)
        self.works = ctx.ws.account.role != Role.LEADER
        self.setWindowTitle(self.tr("Sohoa — Số hóa hồ sơ một cửa"))
        self._fit_to_screen()
        self.welcome = WelcomeView(self)
        self.scan_view = ScanView(ctx, self)
        self.dossier_view = DossierView(ctx, self)
        self.outbox_view = OutboxView(ctx, self)
        self.search_view = SearchView(ctx, self)
        self.settings_view = SettingsView(ctx, self)
        self.worklist_view = WorklistView(ctx, self)
        self.results_view = ResultsView(ctx, self)
        # The figures and the audit log are for leaders and admins only.
        self.reports_view = (ReportsView(ctx, self) if ctx.ws.account.role in REPORT_ROLES
                             else None)
        self.audit_view = (AuditView(ctx, self) if ctx.ws.account.role in AUDIT_ROLES
                           else None)
        self.stack = QStackedWidget(self)
        for w in (self.scan_view, self.dossier_view, self.outbox_view, self.search_view,
                  self.settings_view, self.welcome, self.worklist_view, self.results_view,
                  self.reports_view, self.audit_view):
            if w is not None:
                self.stack.addWidget(w)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setIconSize(QSize(22, 22))
        style = self.style()
        icons: tuple[QStyle.StandardPixmap, ...]
        icons = (QStyle.StandardPixmap.SP_DialogOpenButton, QStyle.StandardPixmap.SP_DirIcon,
                 QStyle.StandardPixmap.SP_ArrowUp, QStyle.StandardPixmap.SP_FileDialogContentsView,
                 QStyle.StandardPixmap.SP_FileDialogDetailedView,
                 QStyle.StandardPixmap.SP_FileDialogListView,
                 QStyle.StandardPixmap.SP_DialogApplyButton,
                 QStyle.StandardPixmap.SP_FileDialogInfoView)
        names: tuple[str, ...] = (self.tr("Quét / Nhập"), self.tr("Hồ sơ"), self.tr("Hàng đợi gửi"),
                 self.tr("Tìm kiếm"), self.tr("Cài đặt"), self.tr("Việc cần làm"),
                 self.tr("Kết quả"))
        icons, last_icon = icons[:-1], icons[-1]
        if self.reports_view is not None:
            names += (self.tr("Báo cáo"),)
            icons += (last_icon,)
        if self.audit_view is not None:
            names += (self.tr("Nhật ký"),)
            icons += (QStyle.StandardPixmap.SP_FileDialogInfoView,)
        for i, (name, icon) in enumerate(zip(names, icons, strict=True)):
            item = QListWidgetItem(style.standardIcon(icon), name)
            item.setToolTip(f"{name} (Ctrl+{i + 1})")
            self.sidebar.addItem(item)
            item.setHidden(i not in self.sections)
        self.sidebar.currentRowChanged.connect(self.show_section)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Status bar: link state on the left, background work on the right.
        self.link_label = QLabel(self)
        self.link_state: actions.LinkState | None = None
        self.error_box: QMessageBox | None = None
        self.no_scanner_box: QMessageBox | None = None
        self.outbox_label = QLabel(self)
        self.work_label = QLabel(self)
        self.work_bar = QProgressBar(self)
        self.work_bar.setFixedWidth(220)
        self.work_bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Dừng"), self)
        self.cancel_button.setToolTip(self.tr("Dừng việc đang chạy (phần đã xong được giữ lại)"))
        self.cancel_button.clicked.connect(self.ctx.ops.cancel_all)
        bar = self.statusBar()
        bar.addWidget(self.link_label)
        bar.addWidget(self.outbox_label)
        bar.addPermanentWidget(self.work_label)
        bar.addPermanentWidget(self.work_bar)
        bar.addPermanentWidget(self.cancel_button)
        self._update_work()

        self._wire()
        self._build_actions()
        self._enter_filter = EnterPressesButtons(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._enter_filter)
        self.link_timer = QTimer(self)
        self.link_timer.setInterval(30000)
        self.link_timer.timeout.connect(self.check_link)
        self.link_timer.start()
        QTimer.singleShot(0, self.check_link)
        self.start_up()
        # After the window is up, so that opening never waits on the purge. A child
        # timer, not singleShot: a window closed before it fires takes the timer along.
        self.purge_timer = QTimer(self)
        self.purge_timer.setSingleShot(True)
        self.purge_timer.setInterval(1500)
        self.purge_timer.timeout.connect(self.purge_expired)
        self.purge_timer.start()

    def _fit_to_screen(self) -> None:
        # Laptops at the desk are often 1366×768: open within the screen, not beyond it.
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1366, 800
        if area is not None and area.width() > 0:
            width, height = min(width, area.width()), min(height, area.height() - 30)
        self.resize(width, height)

    # Wiring ------------------------------------------------------------------------

    def _wire(self) -> None:
        ops = self.ctx.ops
        ops.changed.connect(self._update_work)
        ops.failed.connect(self.show_error)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.import_requested.connect(self.scan_view.import_dialog)
        self.welcome.scan_requested.connect(self.scan)
        self.scan_view.scan_requested.connect(self.scan)
        self.scan_view.dossier_ready.connect(self.open_dossier)
        self.dossier_view.packed.connect(lambda _d: self._update_outbox())
        self.search_view.open_page.connect(self.open_page)
        self.settings_view.language_changed.connect(self.language_changed.emit)
        self.settings_view.saved.connect(self.check_link)
        self.settings_view.saved.connect(self.outbox_view.refresh)
        self.worklist_view.open_dossier.connect(self.open_dossier)
        self.worklist_view.result_requested.connect(self.digitise_result)
        self.results_view.packed.connect(lambda _r: self._update_outbox())

    def _build_actions(self) -> None:
        undo = self.ctx.undo.createUndoAction(self, self.tr("Hoàn tác"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo.createRedoAction(self, self.tr("Làm lại"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addAction(undo)
        self.addAction(redo)
        self.scan_view.toolbar.addSeparator()
        self.scan_view.toolbar.addAction(undo)
        self.scan_view.toolbar.addAction(redo)
        for i in range(self.sidebar.count()):
            if i not in self.sections:
                continue
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _c=False, i=i: self.sidebar.setCurrentRow(i))
            self.addAction(act)
        if SEARCH in self.sections:
            find = QAction(self)
            find.setShortcut(QKeySequence.StandardKey.Find)
            find.triggered.connect(self.focus_search)
            self.addAction(find)
        # Import and scan work from every screen (for those who do the work); Ctrl+Q
        # closes the window.
        keys = [("Ctrl+O", self.import_anywhere), ("F5", self.scan)] if self.works else []
        for key, slot in (*keys, ("Ctrl+Q", self.close)):
            act = QAction(self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

    # Start-up and crash recovery -------------------------------------------------

    def start_up(self) -> None:
        ws = self.ctx.ws
        if not self.works:  # the next clerk's login finishes what was interrupted
            self.go(REPORTS)
            return
        if queries.unfinished_batches(ws):
            self.resume_interrupted()
        batches = queries.list_batches(ws)
        unfinished = queries.unfinished_batch_ids(ws)
        if not batches:
            self.go(SCAN)
            return
        last = ws.get_setting("ui.last_batch")
        select = unfinished[-1] if unfinished else (int(last) if last else None)
        self.scan_view.refresh_batches(select=select)
        last_dossier = ws.get_setting("ui.last_dossier")
        self.dossier_view.refresh(int(last_dossier) if last_dossier else None)
        section = int(ws.get_setting("ui.section") or SCAN)
        if section not in self.sections:  # a section this account's role does not have
            section = SCAN
        self.go(SCAN if unfinished else section)
        self._update_outbox()

    def resume_interrupted(self) -> None:
        """Finish, in the background, what a crash or kill left half done."""
        op = actions.resume_interrupted(self.ctx.ops, title=self.tr("Hoàn tất lô bị gián đoạn"))
        op.on_item(lambda _e: self.scan_view.schedule_reload())

        def resumed(_result: object) -> None:
            self.scan_view.refresh_batches(select=self.scan_view.batch_id)
            self.dossier_view.refresh()

        op.on_success(resumed)
        op.start()

    def purge_expired(self) -> None:
        if not self.works:
            return
        actions.purge_expired(self.ctx.ops).on_success(self._purged).on_failure(
            self._purge_failed).start()

    def _purged(self, report: object) -> None:
        count = len(getattr(report, "dossiers", ()))
        if count:
            self.statusBar().showMessage(self.tr(
                "Đã xóa bản sao tại máy của {n} hồ sơ đã gửi quá thời hạn lưu giữ").format(
                n=count), 15000)
            self.dossier_view.refresh(None)

    def _purge_failed(self, error: Exception) -> None:
        self.statusBar().showMessage(self.tr("Chưa xóa được bản sao hết hạn: {e}").format(
            e=error), 15000)

    def go(self, section: int) -> None:
        """Show a section (also when the sidebar already has it selected)."""
        if self.sidebar.currentRow() == section:
            self.show_section(section)
        else:
            self.sidebar.setCurrentRow(section)

    def show_section(self, index: int) -> None:
        if index < 0 or index not in self.sections:
            return
        self.ctx.ws.set_setting("ui.section", str(index))
        if index == SCAN and not queries.list_batches(self.ctx.ws):
            self.stack.setCurrentWidget(self.welcome)
            self.welcome.sample_button.setFocus()
            return
        widget = (self.scan_view, self.dossier_view, self.outbox_view, self.search_view,
                  self.settings_view, self.worklist_view, self.results_view,
                  self.reports_view, self.audit_view)[index]
        if widget is None:
            return
        if widget is self.audit_view:
            self.audit_view.refresh()
        if widget is self.scan_view and self.scan_view.batch_id is None:
            self.scan_view.refresh_batches()
        if widget is self.dossier_view:
            self.dossier_view.refresh()
        self.stack.setCurrentWidget(widget)
        # Each section's first field takes the keys.
        first = {SCAN: self.scan_view.list, DOSSIER: self.dossier_view.docs,
                 OUTBOX: self.outbox_view.table, SEARCH: self.search_view.query,
                 SETTINGS: self.settings_view.first_field()}.get(index, widget)
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # User actions ------------------------------------------------------------------

    def open_sample(self) -> None:
        self.welcome.sample_button.setEnabled(False)
        self.welcome.status.setText(self.tr("Đang nhập và đọc chữ hồ sơ mẫu…"))
        op = actions.open_sample(self.ctx.ops, title=self.tr("Mở hồ sơ mẫu"))
        op.on_item(lambda _e: self._sample_progress())
        op.on_finally(lambda: self.welcome.sample_button.setEnabled(True))
        self.scan_view.follow(op)

    def _sample_progress(self) -> None:
        if self.stack.currentWidget() is self.welcome and queries.list_batches(self.ctx.ws):
            self.stack.setCurrentWidget(self.scan_view)

    def import_anywhere(self) -> None:
        if not self.works:
            return
        self.go(SCAN)
        self.scan_view.import_dialog()

    def scan(self) -> None:
        """F5: scan with the first profile's scanner; with none chosen, look for one first
        and say so plainly when there is none (never the virtual test device unasked)."""
        if not self.works:
            return
        profile = load_profiles(self.ctx)[0]
        self.go(SCAN)
        allow_test = self.ctx.ws.get_setting(actions.TEST_DEVICE_SETTING) == "1"
        if profile.device and (allow_test or not is_test_device(profile.device)):
            self._scan_with(profile.device)
            return
        self.statusBar().showMessage(self.tr("Đang tìm máy quét…"), 10000)
        addresses = tuple(a.strip() for a in (self.ctx.ws.get_setting(actions.ESCL_SETTING)
                                              or "").split(",") if a.strip())
        op = actions.find_scanners(self.ctx.ops, include_test=allow_test, addresses=addresses)
        op.on_success(self._scan_found).start()

    def _scan_found(self, devices: list[object]) -> None:
        if not devices:
            self.no_scanner_box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Không có máy quét"),
                self.tr("Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét, rồi bấm "
                        "Quét (F5) lần nữa. Vẫn nhập được tệp ảnh hoặc PDF (Ctrl+O)."),
                QMessageBox.StandardButton.Ok, self)
            self.no_scanner_box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.no_scanner_box.open()
            self.statusBar().showMessage(self.tr("Không tìm thấy máy quét nào."), 15000)
            return
        self._scan_with(str(getattr(devices[0], "name", "")))

    def _scan_with(self, device: str) -> None:
        profile = load_profiles(self.ctx)[0]
        op = actions.scan(self.ctx.ops, device, profile.source, profile.dpi,
                          profile.color, title=self.tr("Quét giấy tờ"))
        self.scan_view.follow(op)

    def open_dossier(self, dossier_id: int) -> None:
        self.go(DOSSIER)
        self.dossier_view.refresh(dossier_id)

    def digitise_result(self, dossier_code: str) -> None:
        self.go(RESULTS)
        self.results_view.for_dossier(dossier_code)

    def open_page(self, page_id: int) -> None:
        page = queries.get_page(self.ctx.ws, page_id)
        if page is None:
            return
        self.go(SCAN)
        self.scan_view.refresh_batches(select=page.batch_id)
        self.scan_view.select_page(page_id)

    def focus_search(self) -> None:
        self.go(SEARCH)
        self.search_view.query.setFocus()
        self.search_view.query.selectAll()

    # Status bar ----------------------------------------------------------------------

    def _update_work(self) -> None:
        visible = self.ctx.ops.visible()
        if not visible:
            self.work_label.setText(self.tr("Sẵn sàng"))
            self.work_bar.hide()
            self.cancel_button.hide()
            return
        op = visible[0]
        done, total, _text = op.state
        more = f" (+{len(visible) - 1})" if len(visible) > 1 else ""
        self.work_bar.show()
        self.cancel_button.setVisible(op.cancellable)
        if getattr(op, "paused", False):
            # Paused work does not move: a still bar, and the words say so.
            self.work_label.setText(self.tr("{title}: tạm dừng").format(title=op.title) + more)
            self.work_bar.setRange(0, 1)
            self.work_bar.setValue(0)
            self.work_bar.setFormat(self.tr("Tạm dừng"))
            return
        self.work_label.setText(f"{op.title}{more}")
        self.work_bar.setRange(0, max(total, 1) if total else 0)
        self.work_bar.setValue(done)
        self.work_bar.setFormat(f"{done}/{total}" if total else "")

    def _update_outbox(self) -> None:
        c = queries.outbox_counts(self.ctx.ws)
        self.outbox_label.setText(self.tr("Chờ gửi: {n}").format(n=c.pending)
                                  + (self.tr(" · lỗi: {n}").format(n=c.failed) if c.failed else ""))

    def check_link(self) -> None:
        if self.ctx.ws.closed:   # the window outlived its workspace: nothing to look at
            self.link_timer.stop()
            return
        endpoint = self.ctx.ws.get_setting("upload.endpoint")
        self._update_outbox()
        actions.check_connectivity(self.ctx.ops, endpoint).on_success(self._show_link).start()

    def _alive(self) -> bool:
        # A window replaced by a language switch may still get answers to its questions.
        return shiboken6.isValid(self) and shiboken6.isValid(self.link_label)

    def _show_link(self, state: actions.LinkState) -> None:
        if not self._alive():
            return
        self.link_state = state
        text = {
            actions.LinkState.NOT_SET: "○ " + self.tr("Chưa đặt máy chủ nhận hồ sơ"),
            actions.LinkState.ONLINE: "● " + self.tr("Kết nối được máy chủ nhận hồ sơ"),
            actions.LinkState.REFUSED: "○ " + self.tr(
                "Máy chủ nhận hồ sơ không nhận kết nối; hồ sơ vẫn chờ trong hàng đợi"),
            actions.LinkState.OFFLINE: "○ " + self.tr(
                "Mất mạng; hồ sơ vẫn chờ trong hàng đợi"),
        }[state]
        self.link_label.setText(text)

    def show_error(self, title: str, error: object) -> None:
        """Every failed background action ends up here, in words; details behind a button."""
        message = plain(error, self.ctx.language)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message.text,
                          QMessageBox.StandardButton.Ok, self)
        if message.detail:
            box.setDetailedText(message.detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
        self.statusBar().showMessage(f"{title}: {message.text}", 15000)

    def closeEvent(self, event: object) -> None:
        self.link_timer.stop()
        self.purge_timer.stop()
        self.scan_view._reload_timer.stop()
        self.outbox_view.timer.stop()
        self.scan_view.review._flush_draft()
        self.ctx.learner.stop()  # a retraining not begun is left for the next confirmation
        self.ctx.ops.cancel_all()
        self.ctx.ops.wait(20000)
        self.ctx.learner.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._enter_filter)
        super().closeEvent(event)  # type: ignore[arg-type]
