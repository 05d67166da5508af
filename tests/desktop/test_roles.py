"""Roles in the desktop: a leader only reads (reports, the audit log), an admin manages the
workspace's settings, and the use cases refuse what a role may not do, whatever the screen."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QUndoStack

from desktop.context import AppContext
from desktop.images import ThumbnailCache
from desktop.main_window import (
    AUDIT,
    DOSSIER,
    OUTBOX,
    REPORTS,
    RESULTS,
    SCAN,
    SEARCH,
    SETTINGS,
    WORKLIST,
    MainWindow,
)
from desktop.ops import Operations
from dossier import editing, import_paths
from dossier.assembly import assemble_batch
from dossier.packing import pack_and_queue
from storage import LoginError, PermissionDenied, Role, Workspace
from storage import users as user_store
from tests.desktop.conftest import text_pages
from tests.workspaces import FAST_KDF

WORK = (SCAN, DOSSIER, OUTBOX, SEARCH, WORKLIST, RESULTS)


@contextlib.contextmanager
def _window(qtbot, ws: Workspace) -> Iterator[MainWindow]:
    """The main window of the account logged in to ``ws``, with its own background work."""
    ops = Operations(ws)
    window = MainWindow(AppContext(ws, ops, ThumbnailCache(ops), QUndoStack()))
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)  # its start-up timers run while its workspace is open
    try:
        yield window
    finally:
        window.close()
        ops.cancel_all()
        ops.wait(60000)


@pytest.fixture
def leader_ws(ctx) -> Iterator[Workspace]:
    user_store.add_user(ctx.ws, "hoa", Role.LEADER, "leader-password", kdf=FAST_KDF)
    with Workspace.open(ctx.ws.root, "hoa", "leader-password") as ws:
        yield ws


def _shortcuts(window: MainWindow) -> set[str]:
    return {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}


def test_a_leader_sees_reports_and_the_log_and_nothing_that_changes_dossiers(
        qtbot, ctx, leader_ws: Workspace) -> None:
    with _window(qtbot, leader_ws) as window:
        hidden = {i for i in range(window.sidebar.count()) if window.sidebar.item(i).isHidden()}
        assert hidden == set(WORK)
        assert window.stack.currentWidget() is window.reports_view
        for section in WORK:  # neither a click nor Ctrl+N opens them
            window.go(section)
            assert window.stack.currentWidget() is window.reports_view
        window.go(AUDIT)
        assert window.stack.currentWidget() is window.audit_view
        # No import (Ctrl+O), scan (F5) or search (Ctrl+F) keys, and the slots do nothing.
        keys = _shortcuts(window)
        assert not {"Ctrl+O", "F5", QKeySequence(QKeySequence.StandardKey.Find).toString(),
                    f"Ctrl+{SCAN + 1}"} & keys
        assert {f"Ctrl+{REPORTS + 1}", f"Ctrl+{AUDIT + 1}"} <= keys
        window.import_anywhere()
        window.scan()
        assert window.stack.currentWidget() is window.audit_view
        assert not window.ctx.ops.visible()
        # The workspace's settings are read-only; the computer's language is not.
        view = window.settings_view
        assert not view.agency.isEnabled() and not view.signing.isEnabled()
        assert view.language.isEnabled() and view.subject_button.isVisibleTo(view)
        view.agency.setText("H99.99")
        view.save()
        assert leader_ws.get_setting("agency_id") != "H99.99"
        window.go(SETTINGS)
        assert window.stack.currentWidget() is view


def test_the_use_cases_refuse_a_leader_and_log_it(ctx, leader_ws: Workspace,
                                                  tmp_path: Path) -> None:
    pages = text_pages(tmp_path / "in", ["Tờ khai đăng ký khai sinh"])
    report = import_paths(ctx.ws, pages)  # the admin imports; the leader then tries
    page_id = report.pages_added[0]
    (dossier_id,) = assemble_batch(ctx.ws, report.batch_id)
    with pytest.raises(PermissionDenied, match="leader may not do import"):
        import_paths(leader_ws, pages)
    with pytest.raises(PermissionDenied, match="leader may not do edit"):
        editing.rotate_page(leader_ws, page_id, 1)
    with pytest.raises(PermissionDenied, match="leader may not do pack"):
        pack_and_queue(leader_ws, dossier_id)
    refused = [(e.user, e.action) for e in ctx.ws.audit.entries() if e.outcome == "refused"]
    assert {("hoa", "import"), ("hoa", "edit"), ("hoa", "pack")} <= set(refused)
    assert ctx.ws.conn.execute("SELECT COUNT(*) FROM record").fetchone()[0] == 0
    assert ctx.ws.conn.execute("SELECT rotation FROM page WHERE id = ?",
                               (page_id,)).fetchone()[0] == 0


def test_a_clerk_works_but_leaves_the_settings_to_the_admin(qtbot, ctx) -> None:
    user_store.add_user(ctx.ws, "lan", Role.CLERK, "clerk-password", kdf=FAST_KDF)
    with _window(qtbot, ctx.ws) as admin_window:
        assert all(not admin_window.sidebar.item(i).isHidden()
                   for i in range(admin_window.sidebar.count()))
        assert admin_window.settings_view.agency.isEnabled()
        assert admin_window.settings_view.users_button.isVisibleTo(admin_window.settings_view)
        admin_window.settings_view.agency.setText("H01.02")
        admin_window.settings_view.save()
        assert ctx.ws.get_setting("agency_id") == "H01.02"
    with Workspace.open(ctx.ws.root, "lan", "clerk-password") as clerk_ws, \
            _window(qtbot, clerk_ws) as window:
        shown = {i for i in range(window.sidebar.count())
                 if not window.sidebar.item(i).isHidden()}
        assert set(WORK) <= shown and SETTINGS in shown and window.audit_view is None
        assert {"Ctrl+O", "F5"} <= _shortcuts(window)
        view = window.settings_view
        assert not view.agency.isEnabled() and not view.subject_button.isVisibleTo(view)
        assert not view.users_button.isVisibleTo(view)
        view.agency.setText("H77.77")
        view.save()
        assert clerk_ws.get_setting("agency_id") == "H01.02"
        # The use case refuses too, whatever the screen shows.
        with pytest.raises(PermissionDenied):
            view._save_workspace_settings()


def test_the_admin_manages_accounts_in_the_desktop(qtbot, ctx) -> None:
    from desktop.users_dialog import UsersDialog

    dialog = UsersDialog(ctx.ws)
    qtbot.addWidget(dialog)
    dialog.name.setText("lan")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CLERK))
    dialog.password.setText("clerk-password-1")
    dialog.again.setText("clerk-password-2")
    dialog.add()
    assert "không giống" in dialog.message.text() and dialog.list.count() == 1
    dialog.again.setText("clerk-password-1")
    dialog.add()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "admin — Quản trị", "lan — Cán bộ một cửa"]
    with Workspace.open(ctx.ws.root, "lan", "clerk-password-1") as clerk_ws:
        assert clerk_ws.account.role == Role.CLERK
        # A clerk neither sees the accounts button nor gets past the storage's check.
        with pytest.raises(PermissionDenied):
            user_store.add_user(clerk_ws, "mai", Role.ADMIN, "sneaky-password", kdf=FAST_KDF)
    dialog.list.setCurrentRow(1)
    dialog.password.setText("new-clerk-password")
    dialog.again.setText("new-clerk-password")
    dialog.set_password()
    Workspace.open(ctx.ws.root, "lan", "new-clerk-password").close()
    dialog.list.setCurrentRow(1)
    dialog.disable()
    assert dialog.list.item(1).text() == "lan — Cán bộ một cửa (đã khóa)"
    with pytest.raises(LoginError):
        Workspace.open(ctx.ws.root, "lan", "new-clerk-password")
    dialog.list.setCurrentRow(0)
    dialog.disable()  # the last admin stays
    assert "admin" in dialog.message.text() and "(đã khóa)" not in dialog.list.item(0).text()
    actions = [(e.action, e.item) for e in ctx.ws.audit.entries()]
    assert {("user.add", "user:lan"), ("user.reset", "user:lan"),
            ("user.disable", "user:lan")} <= set(actions)
    assert ("user.add", None) in [(e.action, e.item) for e in ctx.ws.audit.entries()
                                  if e.outcome == "refused"]
