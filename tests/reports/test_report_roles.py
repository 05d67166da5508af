"""Who may read the figures and change the register, and the audit entries reading leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.register import import_register
from dossier.report_export import export_report
from dossier.reports import view_report
from storage import PermissionDenied, Role, Workspace
from storage import users as user_store
from tests.workspaces import FAST_KDF

REPO = Path(__file__).resolve().parents[2]
REGISTER = ("Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Ngày tiếp nhận\n"
            "000.00.06.H56-251003-0001,1.001193,A,03/10/2025\n")


@pytest.fixture
def accounts(workspace: Workspace) -> Workspace:
    user_store.add_user(workspace, "lan", Role.CLERK, "clerk-password", kdf=FAST_KDF)
    user_store.add_user(workspace, "hoa", Role.LEADER, "leader-password", kdf=FAST_KDF)
    return workspace


def _as(ws: Workspace, name: str, password: str) -> Workspace:
    return Workspace.open(ws.root, name, password)


def test_a_leader_reads_and_exports_the_report_and_both_are_logged(
        accounts: Workspace, tmp_path: Path) -> None:
    register = tmp_path / "so.csv"
    register.write_text(REGISTER, encoding="utf-8")
    import_register(accounts, register)
    accounts.close()
    with _as(accounts, "hoa", "leader-password") as ws:
        report = view_report(ws)
        assert report.total.received == 1
        out = export_report(ws, report, tmp_path / "bao-cao.xlsx", "xlsx")
        assert out.stat().st_size > 0
        entries = [e for e in ws.audit.entries(user="hoa") if e.action.startswith("report")]
    assert [(e.action, e.outcome) for e in entries] == [("report.view", "ok"),
                                                        ("report.export", "ok")]
    assert "1 received" in (entries[0].detail or "")
    assert entries[1].item == "bao-cao.xlsx"


def test_a_clerk_is_refused_the_report_and_the_refusal_is_logged(
        accounts: Workspace, tmp_path: Path) -> None:
    accounts.close()
    with _as(accounts, "lan", "clerk-password") as ws:
        with pytest.raises(PermissionDenied, match="report"):
            view_report(ws)
        refused = [e for e in ws.audit.entries(user="lan") if e.action == "report"]
    assert [e.outcome for e in refused] == ["refused"]


def _cli(root: Path, user: str, password: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SOHOA_USER=user, SOHOA_PASSWORD=password)
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), *args],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=300)


# No Qt here: a window an earlier desktop test left open may fire its 30 s link check while
# these commands run, and must not be blamed on this test.
@pytest.mark.qt_no_exception_capture
def test_cli_roles(accounts: Workspace, tmp_path: Path) -> None:
    root = accounts.root
    accounts.close()
    register = tmp_path / "so.csv"
    register.write_text(REGISTER, encoding="utf-8")
    # The desk imports the register; a leader (read-only) may not.
    refused = _cli(root, "hoa", "leader-password", "register", "import", str(register))
    assert refused.returncode == 4
    assert len(refused.stderr.strip().splitlines()) == 1 and "hoa" in refused.stderr
    done = _cli(root, "lan", "clerk-password", "register", "import", str(register))
    assert done.returncode == 0, done.stderr
    # The figures are for leaders and admins.
    clerk = _cli(root, "lan", "clerk-password", "report", "--json")
    assert clerk.returncode == 4 and clerk.stdout == ""
    assert len(clerk.stderr.strip().splitlines()) == 1 and "report" in clerk.stderr
    leader = _cli(root, "hoa", "leader-password", "report", "--json")
    assert leader.returncode == 0, leader.stderr
    assert '"received": 1' in leader.stdout
