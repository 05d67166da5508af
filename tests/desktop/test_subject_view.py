"""The subject-request dialog: find by ID number, export for the person, erase with override."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from storage import Workspace
from synth.workspaces import add_dossier

ID = "036185000123"


def test_find_export_and_erase(ctx: object, ws: Workspace, tmp_path: Path, qtbot: object,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    from desktop.subject_view import SubjectDialog

    rng = random.Random(3)
    add_dossier(ws, rng, delivered_at="2025-01-01T00:00:00+00:00", scratch=tmp_path,
                name="Lê Văn Thủy", id_number=ID)
    add_dossier(ws, rng, delivered_at=None, scratch=tmp_path, name="Lê Văn Thủy", id_number=ID)
    dialog = SubjectDialog(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.number.setText(ID)
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 2,  # type: ignore
                    timeout=20000)
    assert "Lê Văn Thủy" in dialog.summary.text()
    assert dialog.export_button.isEnabled()

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    dialog.export_button.click()
    # Written under a temporary name, then renamed: wait for the zip and the message.
    qtbot.waitUntil(lambda: "Đã xuất" in dialog.summary.text(), timeout=20000)  # type: ignore
    with zipfile.ZipFile(next(out.glob("*.zip"))) as archive:
        assert ID in archive.read("tom-tat.txt").decode()

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("người dân rút hồ sơ", True))
    dialog.erase_button.click()
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 0  # type: ignore
                    and "Không có dữ liệu" in dialog.summary.text(), timeout=30000)
    assert ws.conn.execute("SELECT count(*) FROM dossier WHERE applicant_id = ?",
                           (ID,)).fetchone()[0] == 0


def test_settings_button_opens_the_dialog(ctx: object, qtbot: object,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.settings_view import SettingsView
    from desktop.subject_view import SubjectDialog

    opened = []
    monkeypatch.setattr(SubjectDialog, "exec", lambda self: opened.append(self) or 0)
    view = SettingsView(ctx)  # type: ignore[arg-type]
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.subject_button.click()
    assert len(opened) == 1


def test_a_leader_is_told_plainly_that_only_an_admin_may_override(
        qtbot: object, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from desktop.context import AppContext
    from desktop.images import ThumbnailCache
    from desktop.ops import Operations
    from desktop.subject_view import SubjectDialog
    from storage import Role
    from storage import users as user_store
    from tests.workspaces import FAST_KDF

    rng = random.Random(4)
    add_dossier(ws, rng, delivered_at=None, scratch=tmp_path, name="Lê Văn Thủy", id_number=ID)
    user_store.add_user(ws, "hoa", Role.LEADER, "leader-password-1", kdf=FAST_KDF)
    leader = Workspace.open(ws.root, "hoa", "leader-password-1")
    ops = Operations(leader)
    try:
        ctx = AppContext(leader, ops, ThumbnailCache(ops), QUndoStack())
        dialog = SubjectDialog(ctx)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        dialog.number.setText(ID)
        dialog.find_button.click()
        qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1,  # type: ignore
                        timeout=20000)
        asked: list[object] = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(QInputDialog, "getText",
                            lambda *a, **k: asked.append(a) or ("lý do", True))
        dialog.erase_button.click()
        qtbot.waitUntil(lambda: "chưa gửi tỉnh" in dialog.summary.text(),  # type: ignore
                        timeout=30000)
        assert not asked                           # no override offered to a leader
        assert " — " not in dialog.summary.text()  # one language
        assert dialog.tree.topLevelItemCount() == 1
    finally:
        ops.cancel_all()
        ops.wait(60000)
        leader.close()
