"""Login, first run with its recovery key, the idle lock and the leader's audit view."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from desktop.audit_view import AuditView
from desktop.login import FirstRunDialog, IdleLock, LoginDialog, RecoveryKeyDialog
from desktop.main_window import AUDIT, REPORTS, MainWindow
from storage import Role, Workspace
from storage import users as user_store
from storage.audit import subject_key
from tests.workspaces import FAST_KDF, TEST_PASSWORD, TEST_USER, make_workspace


def test_login_dialog_refuses_a_wrong_password_then_opens(qtbot, tmp_path: Path) -> None:
    make_workspace(tmp_path / "ws")[0].close()
    dialog = LoginDialog(tmp_path / "ws", TEST_USER)
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong-password")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.workspace is None and dialog.error.text() == "admin: sai mật khẩu"
    assert dialog.password.text() == ""
    dialog.password.setText(TEST_PASSWORD)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.workspace is not None and dialog.workspace.account.name == TEST_USER
    dialog.workspace.close()


def test_first_run_creates_the_admin_and_shows_the_key_once(qtbot, tmp_path: Path,
                                                             monkeypatch) -> None:
    shown: list[str] = []

    def fake_exec(self: RecoveryKeyDialog) -> int:
        shown.append(self.key)
        ok = self.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
        assert not ok.isEnabled()  # not before the person says it is written down
        self.confirm.setChecked(True)
        assert ok.isEnabled()
        return 1

    monkeypatch.setattr(RecoveryKeyDialog, "exec", fake_exec)
    dialog = FirstRunDialog(tmp_path / "new")
    qtbot.addWidget(dialog)
    dialog.user.setText("quantri")
    dialog.password.setText("first-admin-1")
    dialog.again.setText("different-1")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.workspace is None and dialog.error.text()
    dialog.again.setText("first-admin-1")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.workspace is not None and dialog.workspace.account.role == Role.ADMIN
    dialog.workspace.close()
    assert shown and len(shown[0].replace("-", "")) == 52
    with Workspace.open_with_recovery(tmp_path / "new", shown[0]):
        pass


def test_idle_lock_hides_the_work_and_the_password_brings_it_back(qtbot, window, ctx) -> None:
    ws = ctx.ws
    ws.set_setting("security.idle_minutes", "0.001")
    lock = IdleLock(ws, lambda: window, parent=window)
    lock._check()
    assert not lock.locked  # 60 ms have not passed yet
    qtbot.wait(150)
    lock._check()
    assert lock.locked and not window.centralWidget().isVisible()
    dialog = lock.dialog
    dialog.password.setText("wrong-password")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert lock.locked and dialog.error.text()
    dialog.password.setText(TEST_PASSWORD)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert not lock.locked and window.centralWidget().isVisible()
    actions = [(e.action, e.outcome) for e in ws.audit.entries()]
    assert ("lock", "ok") in actions and ("unlock", "refused") in actions
    assert actions[-1] == ("unlock", "ok")


def test_leader_sees_the_log_filters_it_and_exports_csv(qtbot, ctx, tmp_path: Path) -> None:
    ws = ctx.ws
    user_store.add_user(ws, "lan", Role.CLERK, "clerk-password", kdf=FAST_KDF)
    ws.audit.record("search", user="lan", detail="'nguyen van an': 2 page(s)")
    ws.audit.record("view", user="lan", dossier=7, subject="001203004567")
    view = AuditView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    assert view.model.rowCount() >= 3
    view.user.setCurrentIndex(view.user.findData("lan"))
    view.refresh()
    rows = [view.model.entries[i] for i in range(view.model.rowCount())]
    assert {e.user for e in rows} == {"lan"} and len(rows) == 2
    view.user.setCurrentIndex(0)
    view.subject.setText("001 203 004 567")
    view.refresh()
    assert [e.action for e in view.model.entries] == ["view"]
    target = tmp_path / "log.csv"
    assert view.export_csv(target) == 1
    with open(target, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    # The log keeps the number's key, never the number (an erased citizen stays erased).
    assert lines[0]["user"] == "lan" and lines[0]["subject"] == subject_key("001203004567")
    assert "001203004567" not in target.read_text("utf-8-sig")
    view.verify()
    assert "nguyên vẹn" in view.status.text()


def test_the_audit_and_report_sections_are_there_for_leaders_only(
        qtbot, ctx, tmp_path: Path) -> None:
    user_store.add_user(ctx.ws, "lan", Role.CLERK, "clerk-password", kdf=FAST_KDF)
    admin_window = MainWindow(ctx)
    qtbot.addWidget(admin_window)
    assert admin_window.sidebar.count() == AUDIT + 1
    with Workspace.open(ctx.ws.root, "lan", "clerk-password") as clerk_ws:
        from dataclasses import replace

        clerk_window = MainWindow(replace(ctx, ws=clerk_ws))
        qtbot.addWidget(clerk_window)
        # Neither the figures nor the audit log: both are for leaders and admins.
        assert clerk_window.sidebar.count() == REPORTS and clerk_window.audit_view is None
        assert clerk_window.reports_view is None
        qtbot.wait(50)  # its start-up timers run while its workspace is open
        clerk_window.close()
    admin_window.close()


def test_login_lock_and_audit_screens_in_english(qtbot, ws, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import Application
    from desktop.login import UnlockDialog

    application = Application(QApplication.instance(), ws)
    try:
        application.build_window()
        application.switch_language("en")
        window = application.window
        qtbot.addWidget(window)
        assert window.sidebar.item(AUDIT).text() == "Audit log"
        assert window.audit_view.export_button.text() == "Export CSV…"
        login = LoginDialog(tmp_path, TEST_USER)
        qtbot.addWidget(login)
        assert login.windowTitle() == "Log in to Sohoa"
        assert login.form.labelForField(login.password).text() == "Password"
        unlock = UnlockDialog(ws)
        qtbot.addWidget(unlock)
        assert unlock.windowTitle() == "Sohoa is locked"
        key = RecoveryKeyDialog("ABCD-EFGH")
        qtbot.addWidget(key)
        assert key.confirm.text() == "I have printed or copied this key"
        assert window.settings_view.users_button.text() == "User accounts…"
        from desktop.users_dialog import UsersDialog

        users = UsersDialog(ws)
        qtbot.addWidget(users)
        assert users.windowTitle() == "User accounts" and users.role.itemText(0) == "Desk clerk"
    finally:
        application.set_language("vi")
        application.ops.wait(30000)


def test_the_log_names_each_action_in_plain_words(qtbot, ctx) -> None:
    """A leader reads "Xem hồ sơ", not "view"; the code stays in the tooltip."""
    from PySide6.QtCore import Qt

    from desktop.audit_view import ACTIONS, AuditModel
    from storage.audit import Outcome

    ws = ctx.ws
    ws.audit.record("view", dossier=7, subject="001203004567")
    ws.audit.record("pack", dossier=7, outcome=Outcome.REFUSED, detail="role leader")
    view = AuditView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    model = view.model
    shown = {model.data(model.index(r, 2)): model.data(model.index(r, 3))
             for r in range(model.rowCount())}
    assert shown["Xem hồ sơ"] == "được" and shown["Đóng gói hồ sơ"] == "bị từ chối"
    assert all(" — " not in str(v) for v in list(shown) + list(shown.values()))
    row = next(r for r in range(model.rowCount()) if model.entries[r].action == "view")
    assert model.data(model.index(row, 2), Qt.ToolTipRole).startswith("view")
    english = AuditModel(language="en")
    english.set_entries(list(reversed(model.entries)))  # it shows the newest first
    assert english.data(english.index(row, 2)) == "Dossier viewed"
    # Every action the code logs has a plain name.
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    logged = set()
    for path in root.glob("*/*.py"):
        if path.parts[-2] in ("tests", "benchmarks", "tools"):
            continue
        call = r'(?:\.log|audit\.record|_log)\(\s*(?:ws, )?"([a-z_]+(?:\.[a-z_]+)*)"'
        logged |= set(re.findall(call, path.read_text("utf-8")))
    assert logged and logged <= set(ACTIONS), sorted(logged - set(ACTIONS))
