"""Hàng đợi gửi: every package on its way to the provincial server, and the controls to send it.

The table is re-read from the workspace once a second while visible; rates come
from the uploader's events (or from the change in bytes between two reads).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import actions
from desktop.context import AppContext
from desktop.messages import plain
from desktop.models import ObjectRole, OutboxModel, ProgressRole
from desktop.ops import BackgroundOp
from desktop.signature_state import signature_text
from dossier import queries
from storage.model import OutboxJob, UploadState


class ProgressDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        fraction = index.data(ProgressRole)
        if fraction is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 6, -4, -6)
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = int(float(fraction) * 1000)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole))
        bar.textVisible = True
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar,
                                         painter)


class OutboxView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self._ctx = ctx
        self._op: BackgroundOp | None = None
        self._control: object | None = None
        self._rates: dict[int, float] = {}
        self._rates_from_events: set[int] = set()
        self._last: dict[int, tuple[float, int]] = {}
        self.model = OutboxModel(self, language=ctx.language)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(2, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((260, 130, 220, 90, 80, 160)):  # fits 1280 wide
            self.table.setColumnWidth(col, width)
        self.summary = QLabel(self)
        self.summary.setObjectName("subtitle")
        self.send_button = QPushButton(self.tr("Gửi ngay"), self)
        self.send_button.setObjectName("primary")
        self.pause_button = QPushButton(self.tr("Tạm dừng"), self)
        self.resume_button = QPushButton(self.tr("Tiếp tục"), self)
        self.retry_button = QPushButton(self.tr("Thử lại mục lỗi"), self)
        self.send_button.clicked.connect(self.send)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.retry_button.clicked.connect(self.retry)
        self.export_button = QPushButton(self.tr("Xuất ra USB…"), self)
        self.export_button.setToolTip(self.tr(
            "Mã hóa các gói đang chờ bằng khóa của tỉnh (hoặc mật khẩu) và chép ra USB"))
        self.export_button.clicked.connect(self.export)
        self.timestamp_button = QPushButton(self.tr("Thêm dấu thời gian"), self)
        self.timestamp_button.setToolTip(self.tr(
            "Thêm dấu thời gian cho các gói đã ký số khi máy chủ dấu thời gian chưa trả lời"))
        self.timestamp_button.clicked.connect(self.add_timestamps)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        title = QLabel(self.tr("Hàng đợi gửi"), self)
        title.setObjectName("title")
        buttons = QHBoxLayout()
        for b in (self.send_button, self.pause_button, self.resume_button, self.retry_button,
                  self.export_button, self.timestamp_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self._update_buttons()

    def showEvent(self, event: object) -> None:
        self.refresh()
        self.timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        self.timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        if self._ctx.ws.closed:
            self.timer.stop()
            return
        jobs = queries.outbox_jobs(self._ctx.ws)
        now = time.monotonic()
        for job in jobs:
            before = self._last.get(job.id)
            if before and job.id not in self._rates_from_events and now > before[0]:
                delta = job.offset - before[1]
                if delta >= 0:
                    self._rates[job.id] = delta / (now - before[0])
            self._last[job.id] = (now, job.offset)
        self.model.paused = self.paused
        self.model.set_jobs(jobs, self._rates,
                            {j.id: (signature_text(self, self._ctx.ws, j.package_sha256,
                                                   short=True),
                                    signature_text(self, self._ctx.ws, j.package_sha256))
                             for j in jobs})
        c = queries.outbox_counts(self._ctx.ws)
        self.summary.setText(self.tr("{q} đang chờ · {u} đang gửi · {d} đã gửi · {f} lỗi").format(
            q=c.queued, u=c.uploading, d=c.done + c.exported, f=c.failed))
        self._update_buttons()

    @property
    def paused(self) -> bool:
        return bool(self._op is not None and getattr(self._control, "paused", False))

    def _update_buttons(self) -> None:
        running = self._op is not None
        paused = self.paused
        server = bool((self._ctx.ws.get_setting("upload.endpoint") or "").strip())
        self.send_button.setEnabled(not running and server)
        self.send_button.setToolTip(
            "" if server else self.tr("Chưa đặt máy chủ nhận hồ sơ: vào Cài đặt (Ctrl+5)."))
        self.pause_button.setEnabled(running and not paused)
        self.resume_button.setEnabled(running and paused)
        failed = any(j.state == UploadState.FAILED for j in self._jobs())
        self.retry_button.setEnabled(failed)
        waiting = any(j.state in (UploadState.QUEUED, UploadState.UPLOADING)
                      for j in self._jobs())
        self.export_button.setEnabled(waiting and not running)
        tsa = bool((self._ctx.ws.get_setting("signing.tsa_url") or "").strip())
        self.timestamp_button.setVisible(tsa)
        self.timestamp_button.setEnabled(waiting and not running and tsa)

    def _jobs(self) -> list[OutboxJob]:
        return [self.model.index(r, 0).data(ObjectRole) for r in range(self.model.rowCount())]

    def send(self) -> None:
        import upload

        self._control = upload.TransferControl()
        self._rates_from_events = set()
        self._op = actions.upload_now(self._ctx.ops, self._control, title=self.tr("Gửi hồ sơ"))
        self._op.on_item(self._event).on_success(self._finished).on_failure(self._failed)
        self._op.on_finally(self._ended)
        self._op.start()
        self.message.setText(self.tr("Đang gửi…"))
        self._update_buttons()

    def _event(self, event: object) -> None:
        job_id = getattr(event, "job_id", None)
        if job_id is not None:
            self._rates[job_id] = float(getattr(event, "rate", 0.0))
            self._rates_from_events.add(job_id)
        message = getattr(event, "message", None)
        if message and not self.paused:
            said = plain(message, self._ctx.language)
            self.message.setText(f"{getattr(event, 'filename', '')}: {said.text}")
            self.message.setToolTip(said.detail or "")

    def _finished(self, result: object) -> None:
        reason = getattr(result, "stop_reason", None)
        text = (plain(reason.message(), self._ctx.language).text
                if reason is not None and hasattr(reason, "message") else "")
        self.message.setText(self.tr("Xong lượt gửi: {msg}").format(msg=text))

    def _failed(self, error: Exception) -> None:
        said = plain(error, self._ctx.language)
        self.message.setText(said.text)
        self.message.setToolTip(said.detail or "")
        self.message.setObjectName("error")

    def _ended(self) -> None:
        self._op = None
        self._rates.clear()
        self.refresh()

    def pause(self) -> None:
        if self._control is not None:
            self._control.pause()  # type: ignore[attr-defined]
            self.message.setText(self.tr("Đã tạm dừng; phần đã gửi được giữ lại."))
        self._mark_paused()

    def resume(self) -> None:
        if self._control is not None:
            self._control.resume()  # type: ignore[attr-defined]
            self.message.setText(self.tr("Đang gửi tiếp…"))
        self._mark_paused()

    def _mark_paused(self) -> None:
        # The status bar reads it from the operation: a still bar while paused.
        if self._op is not None:
            self._op.paused = self.paused  # type: ignore[attr-defined]
            self._ctx.ops.changed.emit()
        self.refresh()

    def add_timestamps(self) -> BackgroundOp:
        op = actions.timestamp_outbox(self._ctx.ops, title=self.tr("Thêm dấu thời gian"))
        op.on_success(self._timestamped).on_failure(self._failed).on_finally(self.refresh)
        self.message.setText(self.tr("Đang thêm dấu thời gian…"))
        return op.start()

    def _timestamped(self, result: object) -> None:
        done = [u for u in (result or []) if getattr(u, "replaced", False)]  # type: ignore[attr-defined]
        if done:
            self.message.setText(self.tr("Đã thêm dấu thời gian cho {n} gói.").format(
                n=len(done)))
        else:
            self.message.setText(self.tr("Không có gói nào cần thêm dấu thời gian."))

    def retry(self) -> None:
        for job in self._jobs():
            if getattr(job, "state", None) == UploadState.FAILED:
                actions.retry_job(self._ctx.ops, job.id,
                                  title=self.tr("Thử lại")).on_finally(self.refresh).start()

    def export(self) -> None:
        from upload.export import MIN_PASSPHRASE, needs_passphrase

        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn ổ USB để xuất"))
        if not folder:
            return
        passphrase: str | None = None
        if needs_passphrase(self._ctx.ws):
            passphrase = self._ask_passphrase(MIN_PASSPHRASE)
            if passphrase is None:
                return
        op = actions.export_outbox(self._ctx.ops, folder, passphrase,
                                   title=self.tr("Xuất ra USB"))
        op.on_success(self._exported).on_failure(self._failed).on_finally(self.refresh)
        op.start()
        self.message.setText(self.tr("Đang mã hóa và chép ra USB…"))

    def _ask_passphrase(self, minimum: int) -> str | None:
        """Asked twice; the passphrase is never stored, only used for this export."""
        prompt = self.tr("Chưa có khóa công khai của tỉnh. Đặt mật khẩu cho bản xuất "
                         "(ít nhất {n} ký tự) và báo cho huyện bằng cách khác (gọi điện):"
                         ).format(n=minimum)
        first, ok = QInputDialog.getText(self, self.tr("Mật khẩu xuất"), prompt,
                                         QLineEdit.EchoMode.Password)
        if not ok or not first:
            return None
        again, ok = QInputDialog.getText(self, self.tr("Mật khẩu xuất"),
                                         self.tr("Nhập lại mật khẩu:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again != first:
            self.message.setText(self.tr("Hai mật khẩu khác nhau; chưa xuất gì."))
            return None
        return first

    def _exported(self, result: object) -> None:
        count = len(getattr(result, "packages", ()))
        sealing = str(getattr(result, "sealing", ""))
        if sealing == "none":
            text = self.tr("Đã chép {n} gói ra USB, KHÔNG mã hóa (theo cài đặt).")
        else:
            text = self.tr("Đã mã hóa và chép {n} gói ra USB.")
        self.message.setText(text.format(n=count))
