"""Subject requests: find what names an ID number, export it readably, erase where allowed."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dossier.subjects import SubjectError, erase_subject, find_subject, subject_key
from storage import check_workspace, outbox
from storage import pages as page_store
from synth.workspaces import add_dossier
from tests.workspaces import open_workspace

OLD = "2025-01-02T08:00:00+00:00"
ID = "001203004567"
NAME = "Nguyễn Thị Hòa"


def sohoa(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), *args],
                          capture_output=True, text=True, timeout=300)


def build(root: Path, tmp_path: Path) -> dict[str, object]:
    rng = random.Random(5)
    with open_workspace(root) as ws:
        mine_sent = add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path, name=NAME,
                                id_number=ID)
        mine_waiting = add_dossier(ws, rng, delivered_at=None, scratch=tmp_path, name=NAME,
                                   id_number=ID)
        other = add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path)
        # A page of someone else's dossier that shows the number with spaces (a witness).
        page_store.update_page_text(ws, other.page_ids[1], "Người làm chứng: 001 203 004 567")
    return {"sent": mine_sent, "waiting": mine_waiting, "other": other}


def test_find_lists_dossiers_documents_pages_records(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    built = build(root, tmp_path)
    with open_workspace(root) as ws:
        report = find_subject(ws, "001 203 004 567")
        ids = {d.id for d in report.dossiers}
        assert ids == {built["sent"].dossier_id, built["waiting"].dossier_id,  # type: ignore
                       built["other"].dossier_id}  # type: ignore[attr-defined]
        assert report.names == [NAME]
        sent = next(d for d in report.dossiers if d.id == built["sent"].dossier_id)  # type: ignore
        assert sent.is_applicant and sent.delivered and sent.delivered_at == OLD
        assert len(sent.pages) == 3 and all(p.shows_id for p in sent.pages)
        assert sent.documents[0].names_id and sent.records[0].upload_state == "done"
        other = next(d for d in report.dossiers
                     if d.id == built["other"].dossier_id)  # type: ignore[attr-defined]
        assert not other.is_applicant
        assert [p.shows_id for p in other.pages] == [False, True, False]
        logged = ws.conn.execute("SELECT item, detail FROM audit WHERE action = "
                                 "'subject.request'").fetchall()
        assert logged[0][0] == subject_key(ID) and ID not in logged[0][1]
        assert find_subject(ws, "079999999999", log=False).empty
        with pytest.raises(SubjectError, match="12 digits"):
            find_subject(ws, "12345")


def test_cli_json_and_export(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    build(root, tmp_path)
    done = sohoa(root, "subject", ID, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["id_number"] == ID and len(data["dossiers"]) == 3
    done = sohoa(root, "subject", ID, "--export", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    package = Path(done.stdout.strip())
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        summary = archive.read("tom-tat.txt").decode()
    assert ID in summary and NAME in summary
    assert sum(1 for n in names if n.startswith("trang/")) == 3 + 3 + 3
    bad = sohoa(root, "subject", "12-34")
    assert bad.returncode == 1 and bad.stderr.startswith("12-34: ")


def test_erase_refuses_what_is_not_delivered_unless_overridden(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    built = build(root, tmp_path)
    refused = sohoa(root, "subject", ID, "--erase")
    assert refused.returncode == 1 and "not yet delivered" in refused.stderr
    with open_workspace(root) as ws:
        assert len(find_subject(ws, ID, log=False).dossiers) == 3  # nothing erased
        result = erase_subject(ws, ID, override_reason="người dân yêu cầu, đã rút hồ sơ")
        assert result.overridden and len(result.erased) == 3
        assert find_subject(ws, ID, log=False).empty
        assert check_workspace(ws).ok, check_workspace(ws).problems
        # The waiting package left the outbox unsent; the delivered ones stay recorded as sent.
        waiting = built["waiting"]
        assert not ws.blobs.has(waiting.package_sha)  # type: ignore[attr-defined]
        assert outbox.get_by_sha(ws, waiting.package_sha) is None  # type: ignore
        assert outbox.pending(ws) == []
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.conn.execute("VACUUM")
        data = (root / "sohoa.db").read_bytes()
        assert ID.encode() not in data and NAME.encode() not in data
        actions = [r[0] for r in ws.conn.execute(
            "SELECT action FROM audit WHERE item = ? ORDER BY id", (subject_key(ID),))]
        assert actions.index("subject.erase.refused") < actions.index("subject.erase")


def test_documents_on_file_are_listed_and_erased(tmp_path: Path) -> None:
    from dossier.reuse import add_item

    root = tmp_path / "ws"
    build(root, tmp_path)
    with open_workspace(root) as ws:
        add_item(ws, holder_id=ID, holder_name=NAME, type_key="giay_khai_sinh",
                 type_name="Giấy khai sinh", data=b"%PDF-1.7 on file", source="dossier:x",
                 valid_until=None)
        report = find_subject(ws, ID, log=False)
        assert [f.type_name for f in report.on_file] == ["Giấy khai sinh"]
        erase_subject(ws, ID, override_reason="yêu cầu của người dân")
        assert find_subject(ws, ID, log=False).empty
        assert check_workspace(ws).ok


def test_who_may_look_up_erase_and_override(tmp_path: Path) -> None:
    """A clerk may not look a person up; a leader may, and may erase what was delivered;
    only an admin may erase what the province has not confirmed. Each refusal is logged."""
    from storage import PermissionDenied, Role, Workspace
    from storage import users as user_store
    from tests.workspaces import FAST_KDF, login_env

    root = tmp_path / "ws"
    built = build(root, tmp_path)
    with open_workspace(root) as ws:
        user_store.add_user(ws, "lan", Role.CLERK, "clerk-password-1", kdf=FAST_KDF)
        user_store.add_user(ws, "hoa", Role.LEADER, "leader-password-1", kdf=FAST_KDF)

    with Workspace.open(root, "lan", "clerk-password-1") as ws:
        with pytest.raises(PermissionDenied, match="clerk may not"):
            find_subject(ws, ID)
        assert ws.audit.entries()[-1].outcome == "refused"

    with Workspace.open(root, "hoa", "leader-password-1") as ws:
        assert find_subject(ws, ID).dossiers
        with pytest.raises(PermissionDenied, match="leader may not"):
            erase_subject(ws, ID, override_reason="người dân yêu cầu")
        with pytest.raises(SubjectError):   # the waiting dossier is kept
            erase_subject(ws, ID)
        # Nothing was erased by the refused attempts.
        ids = {d.id for d in find_subject(ws, ID).dossiers}
        assert built["waiting"].dossier_id in ids  # type: ignore[attr-defined]
        assert built["sent"].dossier_id in ids  # type: ignore[attr-defined]

    # The command line says the same, in one line, and deletes nothing for a leader.
    env = {**login_env(), "SOHOA_USER": "hoa", "SOHOA_PASSWORD": "leader-password-1"}
    purge = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "purge"],
                           capture_output=True, text=True, timeout=300, env=env)
    assert purge.returncode != 0 and "leader may not" in purge.stderr
    dry = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "purge",
                          "--dry-run", "--json"], capture_output=True, text=True, timeout=300,
                         env=env)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["dry_run"] is True
    with open_workspace(root) as ws:
        assert check_workspace(ws).ok
