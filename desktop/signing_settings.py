"""Ký số settings: where the signing key is (a PKCS#11 token or a PKCS#12 file), the stamp,
the timestamp server, and the province's trust anchors installed from a file.

The PIN is not a setting: it is asked for each time records are signed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.context import AppContext
from dossier import signing as settings


class SigningSettings(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ký số"), parent)
        self._ctx = ctx
        ws = ctx.ws

        def value(key: str) -> str:
            return ws.get_setting(key) or ""

        self.enabled = QCheckBox(self.tr("Ký số mọi hồ sơ khi đóng gói"), self)
        self.enabled.setChecked(value(settings.ENABLED) in ("on", "1", "true", "yes"))
        self.source = QComboBox(self)
        self.source.addItem(self.tr("Token USB (PKCS#11)"), "pkcs11")
        self.source.addItem(self.tr("Tệp chứng thư (PKCS#12)"), "pkcs12")
        self.source.setCurrentIndex(max(0, self.source.findData(value(settings.SOURCE)
                                                                or "pkcs11")))
        self.lib = QLineEdit(value(settings.PKCS11_LIB), self)
        self.lib.setPlaceholderText(self.tr("thư viện của token, ví dụ …/libsofthsm2.so"))
        self.token = QLineEdit(value(settings.TOKEN), self)
        self.key = QLineEdit(value(settings.KEY), self)
        self.p12 = QLineEdit(value(settings.PKCS12), self)
        p12_browse = QPushButton(self.tr("Chọn…"), self)
        p12_browse.clicked.connect(self._browse_p12)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12, 1)
        p12_row.addWidget(p12_browse)
        self.stamp = QComboBox(self)
        self.stamp.addItem(self.tr("Dấu \"Đã số hóa\" trên trang đầu"), "visible")
        self.stamp.addItem(self.tr("Chữ ký ẩn"), "invisible")
        self.stamp.setCurrentIndex(max(0, self.stamp.findData(value(settings.STAMP)
                                                              or "visible")))
        self.agency_name = QLineEdit(value(settings.AGENCY_NAME), self)
        self.agency_name.setPlaceholderText(self.tr("ví dụ: UBND xã …"))
        self.tsa = QLineEdit(value(settings.TSA_URL), self)
        self.tsa.setPlaceholderText("http://…/tsa")
        self.revocation = QCheckBox(self.tr("Nhúng dữ liệu thu hồi chứng thư (PAdES B-LT)"),
                                    self)
        self.revocation.setChecked(value(settings.REVOCATION) in ("on", "1", "true", "yes"))
        self.trust_state = QLabel(self)
        self.trust_state.setWordWrap(True)
        install = QPushButton(self.tr("Cài chứng thư gốc tin cậy…"), self)
        install.clicked.connect(self._install_trust)
        trust_row = QHBoxLayout()
        trust_row.addWidget(self.trust_state, 1)
        trust_row.addWidget(install)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(self.tr("Khóa ký:"), self.source)
        form.addRow(self.tr("Thư viện token:"), self.lib)
        form.addRow(self.tr("Tên token:"), self.token)
        form.addRow(self.tr("Tên khóa:"), self.key)
        form.addRow(self.tr("Tệp PKCS#12:"), p12_row)
        form.addRow(self.tr("Hình thức:"), self.stamp)
        form.addRow(self.tr("Tên cơ quan trên dấu:"), self.agency_name)
        form.addRow(self.tr("Máy chủ dấu thời gian:"), self.tsa)
        form.addRow(self.revocation)
        form.addRow(self.tr("Chứng thư gốc:"), trust_row)
        form.addRow(self.message)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        self._show_trust()

    def _source_changed(self) -> None:
        token = self.source.currentData() == "pkcs11"
        for widget in (self.lib, self.token, self.key):
            widget.setEnabled(token)
        self.p12.setEnabled(not token)

    def _show_trust(self) -> None:
        path = self._ctx.ws.get_setting(settings.TRUST)
        self.trust_state.setText(self.tr("Đã cài") if path and Path(path).is_file()
                                 else self.tr("Chưa cài: chưa kiểm tra được chữ ký về gốc tin cậy"))

    def _browse_p12(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp chứng thư"),
                                              self.p12.text(),
                                              self.tr("Chứng thư (*.p12 *.pfx)"))
        if name:
            self.p12.setText(name)

    def _install_trust(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn chứng thư gốc tin cậy"), "",
                                              self.tr("Chứng thư (*.pem *.crt *.cer *.der)"))
        if name:
            self.install_trust(Path(name))

    def install_trust(self, path: Path) -> bool:
        from dossier import DossierError

        try:
            count = settings.install_trust_anchors(self._ctx.ws, path)
        except DossierError as e:
            self.message.setText(str(e))
            return False
        self.message.setText(self.tr("Đã cài {n} chứng thư gốc tin cậy.").format(n=count))
        self._show_trust()
        return True

    def save(self) -> None:
        ws = self._ctx.ws
        ws.set_setting(settings.ENABLED, "on" if self.enabled.isChecked() else "off")
        ws.set_setting(settings.SOURCE, str(self.source.currentData()))
        ws.set_setting(settings.PKCS11_LIB, self.lib.text().strip())
        ws.set_setting(settings.TOKEN, self.token.text().strip())
        ws.set_setting(settings.KEY, self.key.text().strip())
        ws.set_setting(settings.PKCS12, self.p12.text().strip())
        ws.set_setting(settings.STAMP, str(self.stamp.currentData()))
        ws.set_setting(settings.AGENCY_NAME, self.agency_name.text().strip())
        ws.set_setting(settings.TSA_URL, self.tsa.text().strip())
        ws.set_setting(settings.REVOCATION, "on" if self.revocation.isChecked() else "off")
