"""Cài đặt: workspace folder, scanner profiles, upload server and credentials, agency, language.

Workspace settings live in the workspace; the workspace folder and the language
are per computer (QSettings), since they are needed before a workspace is open.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.signing_settings import SigningSettings
from dossier.subjects import SUBJECT_ROLES
from storage.model import Role
from vntext.digitisation import MIN_DPI

PROFILES_KEY = "scanner.profiles"


@dataclass
class ScannerProfile:
    name: str
    device: str = ""             # none until a scanner is found and chosen
    source: str = "adf"          # flatbed | adf | duplex
    dpi: int = 300
    color: bool = True


def load_profiles(ctx: AppContext) -> list[ScannerProfile]:
    raw = ctx.ws.get_setting(PROFILES_KEY)
    try:
        rows = json.loads(raw) if raw else []
        profiles = [ScannerProfile(**row) for row in rows]
    except (ValueError, TypeError):
        profiles = []
    return profiles or [ScannerProfile("Khay nạp giấy, màu, 300 dpi")]


def app_settings() -> QSettings:
    return QSettings("Sohoa", "Sohoa")


class SettingsView(QWidget):
    language_changed = Signal(str)
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self._profiles = load_profiles(ctx)

        # Workspace.
        self.workspace = QLineEdit(str(ctx.ws.root), self)
        browse = QPushButton(self.tr("Chọn…"), self)
        browse.clicked.connect(self._browse)
        ws_row = QHBoxLayout()
        ws_row.addWidget(self.workspace, 1)
        ws_row.addWidget(browse)
        ws_box = QGroupBox(self.tr("Thư mục làm việc"), self)
        wl = QVBoxLayout(ws_box)
        wl.addLayout(ws_row)
        note = QLabel(self.tr("Đổi thư mục có hiệu lực khi mở lại Sohoa."), ws_box)
        note.setObjectName("subtitle")
        wl.addWidget(note)

        # Scanner profiles.
        self.profile_list = QListWidget(self)
        self.profile_list.setMaximumHeight(130)
        self.profile_list.currentRowChanged.connect(self._profile_chosen)
        self.p_name = QLineEdit(self)
        self.p_device = QComboBox(self)
        self.p_device.setMinimumWidth(240)
        self.find_button = QPushButton(self.tr("Tìm máy quét"), self)
        self.find_button.setToolTip(self.tr("Tìm máy quét cắm vào máy tính (USB) và máy quét "
                                            "trong mạng"))
        self.find_button.clicked.connect(self.find_scanners)
        self.scanner_note = QLabel(self)
        self.scanner_note.setWordWrap(True)
        self.scanner_note.setObjectName("subtitle")
        self.scanner_note.hide()   # shown with the outcome of a search
        self._found: list[tuple[str, str]] = []   # (device name, label) last found
        self.p_source = QComboBox(self)
        for key, label in (("flatbed", self.tr("Mặt kính")), ("adf", self.tr("Khay nạp giấy")),
                           ("duplex", self.tr("Khay nạp, hai mặt"))):
            self.p_source.addItem(label, key)
        self.p_dpi = QSpinBox(self)
        self.p_dpi.setRange(MIN_DPI, 1200)
        self.p_dpi.setSingleStep(100)
        self.p_dpi.setSuffix(" dpi")
        self.p_color = QComboBox(self)
        self.p_color.addItem(self.tr("Màu"), True)
        self.p_color.addItem(self.tr("Xám"), False)
        add = QPushButton(self.tr("Thêm cấu hình"), self)
        add.clicked.connect(self._add_profile)
        remove = QPushButton(self.tr("Xóa cấu hình"), self)
        remove.clicked.connect(self._remove_profile)
        scan_box = QGroupBox(self.tr("Cấu hình máy quét"), self)
        sl = QVBoxLayout(scan_box)
        sl.addWidget(self.profile_list)
        pf = QFormLayout()
        pf.addRow(self.tr("Tên:"), self.p_name)
        device_row = QHBoxLayout()
        device_row.addWidget(self.p_device, 1)
        device_row.addWidget(self.find_button)
        pf.addRow(self.tr("Máy quét:"), device_row)
        pf.addRow("", self.scanner_note)
        pf.addRow(self.tr("Nguồn giấy:"), self.p_source)
        pf.addRow(self.tr("Độ phân giải:"), self.p_dpi)
        pf.addRow(self.tr("Màu sắc:"), self.p_color)
        sl.addLayout(pf)
        dpi_note = QLabel(self.tr("Bản số hóa cần ít nhất 200 dpi (Nghị định 30/2020/NĐ-CP)."),
                          scan_box)
        dpi_note.setObjectName("subtitle")
        sl.addWidget(dpi_note)
        prow = QHBoxLayout()
        prow.addWidget(add)
        prow.addWidget(remove)
        prow.addStretch(1)
        sl.addLayout(prow)

        # Upload.
        self.endpoint = QLineEdit(ctx.ws.get_setting("upload.endpoint") or "", self)
        self.endpoint.setPlaceholderText("https://…/files/")
        self.auth = QComboBox(self)
        for key, label in (("none", self.tr("Không cần")), ("bearer", self.tr("Mã truy cập")),
                           ("basic", self.tr("Tên đăng nhập và mật khẩu"))):
            self.auth.addItem(label, key)
        self.auth.setCurrentIndex(max(0, self.auth.findData(
            ctx.ws.get_setting("upload.auth") or "none")))
        self.username = QLineEdit(ctx.ws.get_setting("upload.username") or "", self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(self.tr("để trống nếu không đổi"))
        up_box = QGroupBox(self.tr("Máy chủ nhận hồ sơ"), self)
        uf = QFormLayout(up_box)
        uf.addRow(self.tr("Địa chỉ:"), self.endpoint)
        uf.addRow(self.tr("Xác thực:"), self.auth)
        uf.addRow(self.tr("Tên đăng nhập:"), self.username)
        uf.addRow(self.tr("Mật khẩu / mã:"), self.secret)
        self.export_key = QLineEdit(ctx.ws.get_setting("export.recipients") or "", self)
        self.export_key.setPlaceholderText("age1…")
        self.export_key.setToolTip(self.tr(
            "Khóa công khai của tỉnh (age): các gói xuất ra USB được mã hóa bằng khóa này"))
        uf.addRow(self.tr("Khóa xuất USB:"), self.export_key)

        # Agency and language.
        self.agency = QLineEdit(ctx.ws.get_setting("agency_id") or "", self)
        self.agency.setPlaceholderText("000.00.06.H56")
        self.language = QComboBox(self)
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        current_lang = str(app_settings().value("language", "vi"))
        self.language.setCurrentIndex(max(0, self.language.findData(current_lang)))
        other = QGroupBox(self.tr("Cơ quan và ngôn ngữ"), self)
        of = QFormLayout(other)
        of.addRow(self.tr("Mã cơ quan tiếp nhận:"), self.agency)
        of.addRow(self.tr("Ngôn ngữ:"), self.language)

        self.save_button = QPushButton(self.tr("Lưu cài đặt (Ctrl+S)"), self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        title = QLabel(self.tr("Cài đặt"), self)
        title.setObjectName("title")
        content = QWidget(self)
        grid = QHBoxLayout(content)
        col1 = QVBoxLayout()
        col1.addWidget(ws_box)
        col1.addWidget(scan_box)
        col1.addStretch(1)
        col2 = QVBoxLayout()
        col2.addWidget(up_box)
        col2.addWidget(other)
        self.subject_button = QPushButton(self.tr("Yêu cầu về dữ liệu cá nhân…"), self)
        self.subject_button.setToolTip(self.tr(
            "Tra cứu, xuất hoặc xóa mọi dữ liệu về một người theo số định danh"))
        self.subject_button.clicked.connect(self.open_subject_requests)
        col2.addWidget(self.subject_button)
        self.users_button = QPushButton(self.tr("Tài khoản người dùng…"), self)
        self.users_button.setToolTip(self.tr("Thêm, khóa tài khoản, đặt lại mật khẩu (quản trị)"))
        self.users_button.clicked.connect(self.open_users)
        col2.addWidget(self.users_button)
        self.signing = SigningSettings(ctx, self)
        col2.addWidget(self.signing)
        col2.addStretch(1)
        grid.addLayout(col1, 1)
        grid.addLayout(col2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._fill_profiles()
        # The workspace's settings are the admin's; the folder and the language are this
        # computer's, for everyone.
        self.admin = ctx.ws.account.role == Role.ADMIN
        for widget in (scan_box, up_box, self.agency, self.signing):
            widget.setEnabled(self.admin)
        self.subject_button.setVisible(ctx.ws.account.role in SUBJECT_ROLES)
        self.users_button.setVisible(self.admin)
        if not self.admin:
            self.message.setText(self.tr(
                "Chỉ quản trị viên đổi được cài đặt của thư mục làm việc; ở đây chỉ đổi được "
                "thư mục làm việc và ngôn ngữ của máy này."))

    def first_field(self) -> QWidget:
        return self.workspace

    # Scanner profiles ----------------------------------------------------------------

    def _fill_profiles(self, select: int = 0) -> None:
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for p in self._profiles:
            self.profile_list.addItem(p.name)
        self.profile_list.blockSignals(False)
        self.profile_list.setCurrentRow(min(select, len(self._profiles) - 1))
        self._profile_chosen(self.profile_list.currentRow())

    def _profile_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._profiles):
            return
        p = self._profiles[row]
        self._editing = row
        self.p_name.setText(p.name)
        self._fill_devices(p.device)
        self.p_source.setCurrentIndex(max(0, self.p_source.findData(p.source)))
        self.p_dpi.setValue(max(MIN_DPI, p.dpi))
        self.p_color.setCurrentIndex(0 if p.color else 1)

    def _store_profile_edits(self) -> None:
        row = getattr(self, "_editing", -1)
        if 0 <= row < len(self._profiles):
            self._profiles[row] = ScannerProfile(
                self.p_name.text().strip() or self.tr("Cấu hình {n}").format(n=row + 1),
                str(self.p_device.currentData() or ""), str(self.p_source.currentData()),
                max(MIN_DPI, self.p_dpi.value()), bool(self.p_color.currentData()))

    def _fill_devices(self, chosen: str) -> None:
        self.p_device.clear()
        self.p_device.addItem(self.tr("— chưa chọn máy quét —"), "")
        for name, label in self._found:
            self.p_device.addItem(f"{label} ({name})" if label else name, name)
        if chosen and self.p_device.findData(chosen) < 0:
            self.p_device.addItem(self.tr("{name} (lần tìm gần nhất không thấy)").format(
                name=chosen), chosen)
        self.p_device.setCurrentIndex(max(0, self.p_device.findData(chosen)))

    def find_scanners(self) -> object:
        """Look for scanners in the background; the list and a plain sentence follow."""
        from desktop import actions

        ws = self._ctx.ws
        addresses = tuple(a.strip() for a in (ws.get_setting(actions.ESCL_SETTING) or "")
                          .split(",") if a.strip())
        self.find_button.setEnabled(False)
        self.scanner_note.setText(self.tr("Đang tìm máy quét…"))
        self.scanner_note.show()
        op = actions.find_scanners(self._ctx.ops, addresses=addresses,
                                   include_test=ws.get_setting(actions.TEST_DEVICE_SETTING) == "1")
        op.on_success(self._scanners_found).on_finally(
            lambda: self.find_button.setEnabled(True))
        return op.start()

    def _scanners_found(self, devices: list[object]) -> None:
        self._found = [(str(getattr(d, "name", "")), str(getattr(d, "label", "")))
                       for d in devices]
        current = str(self.p_device.currentData() or "")
        if not current and self._found:
            current = self._found[0][0]
        self._fill_devices(current)
        self._store_profile_edits()
        if not self._found:
            self.scanner_note.setText(self.tr(
                "Không tìm thấy máy quét nào. Hãy cắm cáp và bật máy quét (máy quét mạng: "
                "nối cùng mạng), rồi bấm Tìm máy quét lần nữa. Vẫn nhập được tệp ảnh, PDF."))
        else:
            self.scanner_note.setText(self.tr("Tìm thấy {n} máy quét.").format(
                n=len(self._found)))

    def _add_profile(self) -> None:
        self._store_profile_edits()
        self._profiles.append(ScannerProfile(self.tr("Cấu hình mới")))
        self._fill_profiles(len(self._profiles) - 1)

    def _remove_profile(self) -> None:
        row = self.profile_list.currentRow()
        if len(self._profiles) > 1 and 0 <= row < len(self._profiles):
            del self._profiles[row]
            self._editing = -1
            self._fill_profiles(0)

    def current_profile(self) -> ScannerProfile:
        self._store_profile_edits()
        row = max(0, self.profile_list.currentRow())
        return self._profiles[row]

    def open_users(self) -> None:
        from desktop.users_dialog import UsersDialog

        UsersDialog(self._ctx.ws, self).exec()

    def open_subject_requests(self) -> None:
        from desktop.subject_view import SubjectDialog

        SubjectDialog(self._ctx, self).exec()

    # Saving --------------------------------------------------------------------------

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục làm việc"),
                                                  self.workspace.text())
        if folder:
            self.workspace.setText(folder)

    def save(self) -> None:
        notes = self._save_workspace_settings() if self.admin else []
        settings = app_settings()
        ws = self._ctx.ws
        if self.workspace.text().strip() != str(ws.root):
            settings.setValue("workspace", self.workspace.text().strip())
            notes.append(self.tr("Thư mục làm việc mới dùng từ lần mở sau."))
        if not self.admin:
            notes.append(self.tr("Đã lưu thư mục làm việc và ngôn ngữ của máy này."))
        self.message.setText(" ".join(notes))
        self.saved.emit()
        lang = str(self.language.currentData())
        if lang != str(settings.value("language", "vi")):
            settings.setValue("language", lang)
            self.language_changed.emit(lang)

    def _save_workspace_settings(self) -> list[str]:
        ws = self._ctx.ws
        ws.require(Role.ADMIN, action="setting.change")
        self._store_profile_edits()
        ws.set_setting(PROFILES_KEY, json.dumps([asdict(p) for p in self._profiles],
                                                ensure_ascii=False))
        ws.set_setting("agency_id", self.agency.text().strip())
        notes = [self.tr("Đã lưu cài đặt.")]
        endpoint = self.endpoint.text().strip()
        endpoint_ok = True
        if endpoint:
            from upload import ConfigError, check_endpoint

            try:
                check_endpoint(endpoint)
            except ConfigError as e:
                # A password typed into the address is never saved, and the field is
                # cleared so that it does not linger on screen either.
                endpoint_ok = False
                self.endpoint.setText(ws.get_setting("upload.endpoint") or "")
                notes = [str(e)]
        if endpoint_ok:
            ws.set_setting("upload.endpoint", endpoint)
        export_key = self.export_key.text().strip()
        from upload import ConfigError
        from upload.export import RECIPIENTS_SETTING, parse_recipients

        try:
            parse_recipients(export_key)
            ws.set_setting(RECIPIENTS_SETTING, export_key)
        except ConfigError as e:  # shown beside the other notes; the old key stays
            notes.append(str(e))
        ws.set_setting("upload.auth", str(self.auth.currentData()))
        ws.set_setting("upload.username", self.username.text().strip())
        self.signing.save()
        secret = self.secret.text()
        if secret and endpoint_ok:
            try:
                from upload import store_secret

                store_secret(self.endpoint.text().strip(), self.username.text().strip() or None,
                             secret)
                notes.append(self.tr("Mật khẩu đã cất vào kho khóa của máy."))
            except Exception as e:  # shown to the clerk; the secret is never written elsewhere
                notes.append(str(e))
            self.secret.clear()
        self._fill_profiles(self.profile_list.currentRow())
        return notes
