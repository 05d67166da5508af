"""The first screen of an empty workspace: open the sample dossier, import files, or scan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomeView(QWidget):
    sample_requested = Signal()
    import_requested = Signal()
    scan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        title = QLabel(self.tr("Chào mừng đến với Sohoa"), self)
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr(
            "Sohoa số hóa hồ sơ tại bộ phận một cửa: quét hoặc nhập giấy tờ, máy đọc chữ, "
            "nhận ra thủ tục và từng thành phần hồ sơ, rồi đóng gói và gửi lên hệ thống "
            "của tỉnh.\n\nChưa có máy quét? Hãy mở hồ sơ mẫu để đi thử toàn bộ các bước."), self)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(720)
        font = text.font()
        font.setPointSize(13)
        text.setFont(font)
        self.sample_button = QPushButton(self.tr("Mở hồ sơ mẫu"), self)
        self.sample_button.setObjectName("primary")
        self.import_button = QPushButton(self.tr("Nhập tệp… (Ctrl+O)"), self)
        self.scan_button = QPushButton(self.tr("Quét (F5)"), self)
        for b in (self.sample_button, self.import_button, self.scan_button):
            b.setProperty("class", "big")
            f = b.font()
            f.setPointSize(14)
            b.setFont(f)
            b.setMinimumHeight(52)
            b.setMinimumWidth(200)
        self.sample_button.clicked.connect(self.sample_requested.emit)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.scan_button.clicked.connect(self.scan_requested.emit)
        self.status = QLabel(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setObjectName("subtitle")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.sample_button, self.import_button, self.scan_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(16)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(28)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(self.status)
        layout.addStretch(3)
