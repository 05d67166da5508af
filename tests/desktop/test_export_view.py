"""Outbox → Xuất ra USB: sealed with a passphrase asked twice when the province has no key."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyrage
import pytest

import upload
from storage import UploadState, Workspace
from storage import outbox as outbox_store


def _package(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bag-info.txt", "Dossier-Code: 000.00.12.H56-251103-0001\n")
        archive.writestr("data/scan.bin", b"\x01" * 5000)
    return path


def test_export_button_seals_with_the_passphrase(ctx: object, ws: Workspace, tmp_path: Path,
                                                 qtbot: object,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from desktop.outbox_view import OutboxView

    package = _package(tmp_path / "p.zip")
    upload.queue_package(ws, package)
    usb = tmp_path / "usb"
    usb.mkdir()
    answers = iter([("mật khẩu huyện 2026", True), ("mật khẩu huyện 2026", True)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.refresh()
    assert view.export_button.isEnabled()
    view.export_button.click()
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: outbox_store.list_jobs(ws)[0].state == UploadState.EXPORTED, timeout=30000)
    qtbot.waitUntil(lambda: "USB" in view.message.text(), timeout=10000)  # type: ignore[attr-defined]
    sealed = next(usb.glob("*.age"))
    opened = pyrage.passphrase.decrypt(sealed.read_bytes(), "mật khẩu huyện 2026")
    assert opened == package.read_bytes()


def test_mismatched_passphrases_export_nothing(ctx: object, ws: Workspace, tmp_path: Path,
                                               qtbot: object,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from desktop.outbox_view import OutboxView

    upload.queue_package(ws, _package(tmp_path / "p.zip"))
    usb = tmp_path / "usb"
    usb.mkdir()
    answers = iter([("mật khẩu huyện 2026", True), ("mật khẩu khác 2026", True)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    view = OutboxView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.refresh()
    view.export_button.click()
    assert "khác nhau" in view.message.text()
    assert list(usb.iterdir()) == []
    assert outbox_store.list_jobs(ws)[0].state == UploadState.QUEUED
