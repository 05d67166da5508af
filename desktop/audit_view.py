"""The audit log for leaders and admins: filter by person, date, dossier or citizen ID;
check the chain; export what is shown as CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from dossier import audit_log
from dossier.accounts import list_users
from storage.model import AuditEntry, Role

#: The newest entries shown at once (filters narrow it down further).
SHOWN = 5000
VIEW_ROLES = (Role.LEADER, Role.ADMIN)



#: What each logged action is called in the log a leader reads ("vi — en"; the code
#: itself is in the row's tooltip). An action not listed shows its code.
ACTIONS = {
    "audit.export": "Xuất nhật ký — Log exported",
    "audit.verify": "Kiểm tra nhật ký — Log checked",
    "audit.view": "Xem nhật ký — Log viewed",
    "batch.create": "Tạo lô — Batch created",
    "batch.drop": "Bỏ lô trống — Empty batch dropped",
    "batch.drop_empty": "Bỏ lô trống — Empty batch dropped",
    "capture.code_taken": "Mã hồ sơ đã có — Dossier code already taken",
    "batch.plan": "Đổi cách xử lý lô — Batch plan changed",
    "document.create": "Tạo giấy tờ — Document created",
    "document.delete": "Xóa giấy tờ — Document deleted",
    "document.fields": "Sửa thông tin giấy tờ — Document fields edited",
    "document.type": "Đổi loại giấy tờ — Document type changed",
    "document.pages": "Đổi trang của giấy tờ — Document pages changed",
    "document.replace": "Thay giấy tờ — Document replaced",
    "dossier.create": "Tạo hồ sơ — Dossier created",
    "dossier.update": "Sửa hồ sơ — Dossier edited",
    "edit": "Sửa hồ sơ, giấy tờ hoặc trang — Dossier, document or page edited",
    "export": "Xuất ra USB — Exported to USB",
    "import": "Nhập tệp — Files imported",
    "import.reject": "Từ chối tệp — File refused",
    "lock": "Khóa màn hình — Screen locked",
    "login": "Đăng nhập — Login",
    "login.recovery": "Đăng nhập bằng mã khôi phục — Login with the recovery key",
    "outbox.export": "Xuất ra USB — Exported to USB",
    "outbox.export.sealed": "Xuất ra USB (mã hóa) — Exported to USB (sealed)",
    "outbox.export.unencrypted": "Xuất ra USB không mã hóa — Exported to USB unencrypted",
    "outbox.queue": "Đưa vào hàng đợi gửi — Queued for sending",
    "outbox.withdraw": "Rút khỏi hàng đợi — Withdrawn from the queue",
    "pack": "Đóng gói hồ sơ — Dossier packed",
    "page.delete": "Xóa trang — Page deleted",
    "page.fail": "Không đọc được trang — Page could not be read",
    "page.edit_text": "Soát chữ của trang — Page text corrected",
    "page.import": "Nhập trang — Page imported",
    "page.reorder": "Đổi thứ tự trang — Pages reordered",
    "page.restore": "Khôi phục trang — Page restored",
    "page.rotate": "Xoay trang — Page rotated",
    "purge": "Xóa theo thời hạn lưu — Retention purge",
    "record.create": "Tạo gói hồ sơ — Record created",
    "record.missing_components": "Đóng gói khi thiếu giấy tờ — Packed with papers missing",
    "record.replace": "Thay gói hồ sơ — Record replaced",
    "register.import": "Nhập sổ tiếp nhận — Register imported",
    "report": "Xem báo cáo — Report viewed",
    "report.export": "Xuất báo cáo — Report exported",
    "report.view": "Xem báo cáo — Report viewed",
    "result.create": "Tạo kết quả — Result created",
    "result.pack": "Đóng gói kết quả — Result packed",
    "result.update": "Sửa kết quả — Result edited",
    "retention.purge": "Xóa theo thời hạn lưu — Retention purge",
    "reuse.add": "Lưu giấy tờ để tái sử dụng — Kept for reuse",
    "reuse.forget": "Bỏ giấy tờ tái sử dụng — Reuse entry removed",
    "reuse.lookup": "Tra giấy tờ còn hạn theo số định danh — Documents on file looked up",
    "reuse.undo": "Bỏ tái sử dụng — Reuse undone",
    "reuse.use": "Tái sử dụng giấy tờ — Document reused",
    "scan": "Quét giấy tờ — Papers scanned",
    "search": "Tìm kiếm — Search",
    "setting.change": "Đổi cài đặt — Setting changed",
    "subject": "Tra cứu dữ liệu cá nhân — Personal data looked up",
    "subject.request": "Tra cứu dữ liệu cá nhân — Personal data looked up",
    "subject.erase": "Xóa dữ liệu theo yêu cầu — Erased on request",
    "subject.erase.override": "Xóa hồ sơ chưa gửi (quản trị) — Erased before delivery (admin)",
    "subject.erase.refused": "Từ chối xóa theo yêu cầu — Erasure refused",
    "subject.export": "Xuất dữ liệu cá nhân — Personal data exported",
    "timestamp": "Thêm dấu thời gian — Timestamp added",
    "unlock": "Mở khóa màn hình — Screen unlocked",
    "upload": "Gửi hồ sơ — Records sent",
    "user.add": "Thêm người dùng — User added",
    "user.disable": "Khóa người dùng — User disabled",
    "user.passwd": "Đổi mật khẩu — Password changed",
    "user.reset": "Đặt lại mật khẩu — Password reset",
    "view": "Xem hồ sơ — Dossier viewed",
    "watch": "Theo dõi thư mục quét — Scan folder watched",
    "workspace.create": "Tạo thư mục làm việc — Workspace created",
    "workspace.encrypt": "Mã hóa thư mục làm việc — Workspace encrypted",
}
OUTCOMES = {"ok": "được — ok", "refused": "bị từ chối — refused", "failed": "lỗi — failed"}


def _in(text: str, language: str) -> str:
    vietnamese, _, english = text.partition(" — ")
    return english if language.startswith("en") and english else vietnamese


def action_label(action: str, language: str = "vi") -> str:
    """The plain name of a logged action in the interface's language."""
    return _in(ACTIONS[action], language) if action in ACTIONS else action

class AuditModel(QAbstractTableModel):
    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None, language: str = "vi") -> None:
        super().__init__(parent)
        self.language = language
        self.entries: list[AuditEntry] = []
        self.headers = [self.tr("Thời gian"), self.tr("Người dùng"), self.tr("Thao tác"),
                        self.tr("Kết quả"), self.tr("Hồ sơ"), self.tr("Chi tiết")]

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self.entries = list(reversed(entries))  # newest first
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        if role == self.EntryRole:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            local = dt.datetime.fromisoformat(e.at).astimezone().strftime("%d/%m/%Y %H:%M:%S")
            detail = " · ".join(x for x in (e.item, e.subject, e.detail) if x)
            outcome = _in(OUTCOMES[e.outcome], self.language) if e.outcome in OUTCOMES \
                else e.outcome
            return (local, e.user, action_label(e.action, self.language), outcome,
                    e.dossier or "", detail)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = " · ".join(x for x in (e.item, e.subject, e.detail) if x)
            return f"{e.action}\n{detail}" if index.column() in (2, 5) else None
        if role == Qt.ItemDataRole.ForegroundRole and e.outcome != "ok":
            from PySide6.QtGui import QColor

            return QColor("#b00020")
        return None


class AuditView(QWidget):
    """Read-only: nothing here changes the log, and every look at it is itself an entry."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Nhật ký truy cập dữ liệu cá nhân"))
        title.setProperty("class", "title")
        layout.addWidget(title)

        filters = QHBoxLayout()
        self.user = QComboBox()
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText(self.tr("Mã hồ sơ"))
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("Số định danh công dân"))
        for label, widget in ((self.tr("Người dùng"), self.user), (self.tr("Từ"), self.since),
                              (self.tr("Đến"), self.until), (None, self.dossier),
                              (None, self.subject)):
            if label:
                filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        self.apply_button = QPushButton(self.tr("Lọc"))
        self.apply_button.clicked.connect(self.refresh)
        filters.addWidget(self.apply_button)
        layout.addLayout(filters)

        self.model = AuditModel(self, language=ctx.language)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((150, 90, 220, 90, 110)):  # the time is read whole
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.verify_button = QPushButton(self.tr("Kiểm tra tính toàn vẹn"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("Xuất CSV…"))
        self.export_button.clicked.connect(self.export_dialog)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._load_users()

    def _load_users(self) -> None:
        self.user.clear()
        self.user.addItem(self.tr("Tất cả"), None)
        for account in list_users(self._ctx.ws):
            self.user.addItem(account.name, account.name)

    def filters(self) -> dict[str, str | None]:
        until = self.until.date().addDays(1).toString("yyyy-MM-dd")
        return {
            "user": self.user.currentData(),
            "since": self.since.date().toString("yyyy-MM-dd"),
            "until": until,
            "dossier": self.dossier.text().strip() or None,
            "subject": "".join(ch for ch in self.subject.text() if ch.isdigit()) or None,
        }

    def refresh(self) -> None:
        ws = self._ctx.ws
        wanted = self.filters()
        entries = audit_log.entries(ws, limit=SHOWN, **wanted)
        self.model.set_entries(entries)
        self.status.setText(self.tr("{0} mục").format(len(entries)))

    def verify(self) -> None:
        report = audit_log.verify_chain(self._ctx.ws)
        if report.ok:
            self.status.setText(self.tr("Nhật ký nguyên vẹn: {0} mục, không mục nào bị sửa "
                                        "hay xóa.").format(report.entries))
        else:
            self.status.setText(self.tr("Nhật ký đã bị can thiệp, từ mục số {0}. Chi tiết: "
                                        "{1}").format(report.first_broken, report.reason))

    def export_csv(self, target: Path) -> int:
        entries = list(reversed(self.model.entries))
        return audit_log.export_csv(self._ctx.ws, entries, target)

    def export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất nhật ký"),
                                              "nhat-ky.csv", "CSV (*.csv)")
        if name:
            count = self.export_csv(Path(name))
            self.status.setText(self.tr("Đã xuất {0} mục ra {1}").format(count, name))
