"""Accounts, encryption at rest and the audit chain, on real encrypted workspaces."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from storage import LoginError, Role, Workspace, check_workspace
from storage import users as user_store
from storage.accounts import KeyFile
from storage.crypto import CHUNK, CryptoError
from tests.workspaces import FAST_KDF, TEST_PASSWORD, TEST_USER, make_workspace, open_workspace

REPO = Path(__file__).resolve().parents[2]


def test_wrong_password_is_refused_and_logged(tmp_path: Path) -> None:
    make_workspace(tmp_path / "ws")[0].close()
    with pytest.raises(LoginError, match="wrong password"):
        Workspace.open(tmp_path / "ws", TEST_USER, "not-the-password")
    with pytest.raises(LoginError, match="no such account"):
        Workspace.open(tmp_path / "ws", "mallory", "whatever-password")
    with open_workspace(tmp_path / "ws") as ws:
        refused = [e for e in ws.audit.entries() if e.action == "login" and e.outcome == "refused"]
        assert [(e.user, e.detail) for e in refused] == [
            (TEST_USER, "wrong password"), ("mallory", "unknown account")]
        assert ws.audit.entries()[-1].action == "login"
        assert ws.audit.entries()[-1].outcome == "ok"


def test_repeated_failures_slow_down_then_lock(tmp_path: Path) -> None:
    make_workspace(tmp_path / "ws")[0].close()
    for _ in range(3):
        with pytest.raises(LoginError, match="wrong password"):
            Workspace.open(tmp_path / "ws", TEST_USER, "guess-guess")
    # Now even the right password must wait.
    with pytest.raises(LoginError, match="try again in"):
        Workspace.open(tmp_path / "ws", TEST_USER, TEST_PASSWORD)
    keyfile = KeyFile.load(tmp_path / "ws")
    assert keyfile.wait_seconds(TEST_USER) > 0


def test_disabled_account_cannot_log_in(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "ws")[0] as ws:
        user_store.add_user(ws, "lan", Role.CLERK, "clerk-password", kdf=FAST_KDF)
    with Workspace.open(tmp_path / "ws", "lan", "clerk-password") as ws:
        assert ws.account.role == Role.CLERK
    with open_workspace(tmp_path / "ws") as ws:
        user_store.disable_user(ws, "lan")
    with pytest.raises(LoginError, match="disabled"):
        Workspace.open(tmp_path / "ws", "lan", "clerk-password")


def test_password_change_rewraps_the_key_only(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "ws")[0] as ws:
        sha = ws.blobs.put_bytes(b"page bytes")
        before = ws.blobs.path(sha).read_bytes()
        user_store.change_password(ws, TEST_USER, "a-new-password", kdf=FAST_KDF)
    with pytest.raises(LoginError):
        Workspace.open(tmp_path / "ws", TEST_USER, TEST_PASSWORD)
    with Workspace.open(tmp_path / "ws", TEST_USER, "a-new-password") as ws:
        assert ws.blobs.path(sha).read_bytes() == before  # not re-encrypted
        assert ws.blobs.read(sha) == b"page bytes"


def test_recovery_key_resets_a_forgotten_password(tmp_path: Path) -> None:
    ws, recovery = make_workspace(tmp_path / "ws")
    ws.close()
    with pytest.raises(LoginError):
        Workspace.open_with_recovery(tmp_path / "ws", "AAAA-" + recovery[5:])
    with Workspace.open_with_recovery(tmp_path / "ws", recovery.lower()) as ws:
        user_store.reset_user(ws, TEST_USER, "after-reset-1", kdf=FAST_KDF)
    with Workspace.open(tmp_path / "ws", TEST_USER, "after-reset-1") as ws:
        assert any(e.action == "user.reset" for e in ws.audit.entries())


def test_role_is_enforced(tmp_path: Path) -> None:
    from storage import PermissionDenied

    with make_workspace(tmp_path / "ws")[0] as ws:
        user_store.add_user(ws, "hoa", Role.LEADER, "leader-password", kdf=FAST_KDF)
    with Workspace.open(tmp_path / "ws", "hoa", "leader-password") as ws:
        with pytest.raises(PermissionDenied, match="leader may not"):
            ws.require(Role.CLERK, Role.ADMIN, action="import")
        assert ws.audit.entries()[-1].outcome == "refused"


# The audit chain ---------------------------------------------------------------


def test_edited_or_deleted_audit_entries_are_reported(workspace: Workspace) -> None:
    for n in range(5):
        workspace.audit.record("search", detail=f"query {n}")
    assert workspace.audit.verify().ok
    assert check_workspace(workspace).ok

    target = workspace.audit.entries()[3].id
    workspace.conn.execute("UPDATE audit SET detail = 'nothing to see' WHERE id = ?", (target,))
    report = workspace.audit.verify()
    assert not report.ok and report.first_broken == target
    assert f"audit entry {target}" in " ".join(check_workspace(workspace).problems)


def test_deleted_audit_entry_is_named(workspace: Workspace) -> None:
    for n in range(4):
        workspace.audit.record("view", dossier=n)
    ids = [e.id for e in workspace.audit.entries()]
    workspace.conn.execute("DELETE FROM audit WHERE id = ?", (ids[2],))
    report = workspace.audit.verify()
    assert (report.ok, report.first_broken) == (False, ids[2])
    # Dropping the newest entry shows too (AUTOINCREMENT remembers it).
    workspace.conn.execute("DELETE FROM audit WHERE id > ?", (ids[1],))
    report = workspace.audit.verify()
    assert (report.ok, report.first_broken) == (False, ids[1] + 1)


# Encryption at rest ---------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_blobs_round_trip_and_seek(workspace: Workspace, size: int) -> None:
    data = os.urandom(size)
    sha = workspace.blobs.put_bytes(data)
    assert workspace.blobs.read(sha) == data
    assert workspace.blobs.size(sha) == size
    with workspace.blobs.open(sha) as handle:
        handle.seek(size // 2)
        assert handle.read(CHUNK) == data[size // 2:size // 2 + CHUNK]
    assert size < 16 or data[:64] not in workspace.blobs.path(sha).read_bytes()


def test_a_flipped_byte_is_an_error_not_a_change(workspace: Workspace) -> None:
    data = os.urandom(2 * CHUNK + 100)
    sha = workspace.blobs.put_bytes(data)
    path = workspace.blobs.path(sha)
    raw = bytearray(path.read_bytes())
    raw[CHUNK + 40] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(CryptoError):
        workspace.blobs.read(sha)
    assert not workspace.blobs.verify(sha)
    # Cut at a chunk boundary: the missing last chunk is noticed too.
    path.write_bytes(bytes(raw[: 16 + CHUNK + 16]))
    with pytest.raises(CryptoError):
        workspace.blobs.read(sha)


def _page_with(text_lines: list[str], path: Path) -> Path:
    from synth import render_page

    render_page(text_lines, dpi=150).image.save(path, dpi=(150, 150))
    return path


NAME = "Nguyễn Thị Hồng Nhung"
ID_NUMBER = "001203004567"


def test_no_plaintext_anywhere_under_a_populated_workspace(tmp_path: Path) -> None:
    """Every byte under the workspace: no ID number, no name (NFC or NFD), no file magic."""
    from dossier import import_and_process
    from dossier.packing import pack_and_queue
    from storage import dossiers as dossier_store

    inbox = tmp_path / "in"
    inbox.mkdir()
    _page_with(["TỜ KHAI ĐĂNG KÝ KHAI SINH", f"Họ và tên: {NAME}",
                f"Số định danh cá nhân: {ID_NUMBER}"], inbox / "01.png")
    _page_with(["GIẤY CHỨNG SINH", f"Họ tên mẹ: {NAME}"], inbox / "02.png")
    (inbox / "03.jpg").write_bytes(_jpeg())
    root = tmp_path / "ws"
    with open_workspace(root) as ws:
        report = import_and_process(ws, [inbox], jobs=1)
        assert not report.problems
        # Import with processing assembles the batch: one dossier of these pages.
        (dossier_id,) = report.dossier_ids
        dossier_store.update_dossier(ws, dossier_id, applicant_name=NAME, applicant_id=ID_NUMBER)
        pack_and_queue(ws, dossier_id)
        text = " ".join(p.text or "" for p in __import__("storage").pages.list_pages(ws))
        assert ID_NUMBER in text.replace(" ", "")  # OCR did read it: the test means something

    needles = {
        "id number": ID_NUMBER.encode(),
        "name NFC": unicodedata.normalize("NFC", NAME).encode("utf-8"),
        "name NFD": unicodedata.normalize("NFD", NAME).encode("utf-8"),
        "name folded": b"Nguyen Thi Hong Nhung",
        "name folded lower": b"nguyen thi hong nhung",
        # Whole signatures, long enough that ciphertext does not hold them by chance
        # (a 3-byte JPEG marker turns up in a few megabytes of random bytes).
        "PNG": b"\x89PNG\r\n\x1a\n",
        "JPEG": b"\xff\xd8\xff\xe0\x00\x10JFIF",
        "PDF": b"%PDF-1.",
        "zip": b"PK\x03\x04\x14\x00",
        "SQLite header": b"SQLite format 3",
    }
    # A run of bytes from inside each source file, not only its first bytes.
    for source in sorted(inbox.iterdir()):
        body = source.read_bytes()
        needles[f"bytes of {source.name}"] = body[len(body) // 2: len(body) // 2 + 32]
    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) > 5
    for path in files:
        data = path.read_bytes()
        for what, needle in needles.items():
            assert needle not in data, f"{what} found in {path.relative_to(root)}"
        assert b"UTF-16" not in data
        assert ID_NUMBER.encode("utf-16-le") not in data


def _jpeg() -> bytes:
    from tests.dossier import samples

    return samples.jpeg_bytes("photo of an ID card")


def test_files_0600_and_folders_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        with open_workspace(tmp_path / "ws") as ws:
            ws.blobs.put_bytes(b"x" * 1000)
            ws.set_setting("retention.days", "30")
            ws.private_tmp()
    finally:
        os.umask(old)
    root = tmp_path / "ws"
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, f"{path}: {oct(mode)}"
        else:
            assert mode == 0o600, f"{path}: {oct(mode)}"


def test_leftovers_of_killed_runs_are_removed_at_start(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "ws") as ws:
        dead = ws.tmp / "p999999999"
        dead.mkdir()
        (dead / "page.png").write_bytes(b"\x89PNG half a page")
        staging = ws.root / "records" / ".staging-000.00.12.H56-251103-0042-abc"
        staging.mkdir(parents=True)
        (staging / "01.pdf").write_bytes(b"%PDF-1.7")
        mine = ws.private_tmp()
    with open_workspace(tmp_path / "ws") as ws:
        assert not dead.exists() and not staging.exists()
        # Our own pid's folder is ours to reuse; nothing else is left.
        assert [p.name for p in ws.tmp.iterdir()] in ([], [mine.name])


def test_temp_folder_follows_the_open_workspaces_whatever_order_they_close(
        tmp_path: Path) -> None:
    import tempfile

    before = (os.environ.get("TMPDIR"), tempfile.tempdir)
    first = open_workspace(tmp_path / "a")
    second = open_workspace(tmp_path / "b")
    try:
        a = first.use_private_tmp()
        b = second.use_private_tmp()
        assert tempfile.gettempdir() == str(b) and os.environ["TMPDIR"] == str(b)
        first.close()      # the older one closes first: the newer one keeps its folder
        assert tempfile.gettempdir() == str(b) and os.environ["TMPDIR"] == str(b)
        assert a != b
    finally:
        first.close()
        second.close()
    # None left open: the process has its own folder again, never a closed workspace's.
    assert (os.environ.get("TMPDIR"), tempfile.tempdir) == before


# Command line ------------------------------------------------------------------------


def _sohoa(*args: str, env: dict[str, str] | None = None,
           stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ)
    for key in ("SOHOA_USER", "SOHOA_PASSWORD", "SOHOA_NEW_PASSWORD", "SOHOA_RECOVERY_KEY"):
        full.pop(key, None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "cli", *args], env=full, cwd=REPO,
                          capture_output=True, text=True, timeout=120, stdin=stdin)


def test_cli_accounts_audit_and_settings(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    admin = {"SOHOA_USER": "quantri", "SOHOA_PASSWORD": "admin-password-1"}
    done = _sohoa("--workspace", ws, "init", "--admin", "quantri", env=admin)
    assert done.returncode == 0, done.stderr
    recovery = done.stdout.strip()
    assert len(recovery.replace("-", "")) == 52
    again = _sohoa("--workspace", ws, "init", "--admin", "quantri", env=admin)
    assert again.returncode == 4 and "already exists" in again.stderr

    # No password and no terminal: exit 4 and one line.
    nopw = _sohoa("--workspace", ws, "--user", "quantri", "search", "x")
    assert nopw.returncode == 4
    assert len(nopw.stderr.strip().splitlines()) == 1 and "SOHOA_PASSWORD" in nopw.stderr
    nouser = _sohoa("--workspace", ws, "search", "x", env={"SOHOA_PASSWORD": "x"})
    assert nouser.returncode == 4 and "--user" in nouser.stderr
    wrong = _sohoa("--workspace", ws, "check", env={**admin, "SOHOA_PASSWORD": "nope-nope"})
    assert wrong.returncode == 4 and "wrong password" in wrong.stderr

    added = _sohoa("--workspace", ws, "user", "add", "lan", "--role", "clerk",
                   env={**admin, "SOHOA_NEW_PASSWORD": "clerk-password-1"})
    assert added.returncode == 0, added.stderr
    _sohoa("--workspace", ws, "user", "add", "hoa", "--role", "leader",
           env={**admin, "SOHOA_NEW_PASSWORD": "leader-password-1"})
    listed = json.loads(_sohoa("--workspace", ws, "user", "list", "--json", env=admin).stdout)
    assert {(u["name"], u["role"]) for u in listed} == {
        ("quantri", "admin"), ("lan", "clerk"), ("hoa", "leader")}

    clerk = {"SOHOA_USER": "lan", "SOHOA_PASSWORD": "clerk-password-1"}
    leader = {"SOHOA_USER": "hoa", "SOHOA_PASSWORD": "leader-password-1"}
    assert _sohoa("--workspace", ws, "search", "khai sinh", env=clerk).returncode == 0
    looked = _sohoa("--workspace", ws, "search", "khai sinh", env=leader)  # page text: desk work
    assert looked.returncode == 4 and "leader may not" in looked.stderr
    denied = _sohoa("--workspace", ws, "audit", env=clerk)
    assert denied.returncode == 4 and "clerk may not" in denied.stderr
    assert _sohoa("--workspace", ws, "settings", "retention.days", "90", env=clerk).returncode == 4
    assert _sohoa("--workspace", ws, "settings", "retention.days", "90", env=admin).returncode == 0
    shown = _sohoa("--workspace", ws, "settings", "retention.days", env=clerk)
    assert shown.stdout.strip() == "90"

    log = json.loads(_sohoa("--workspace", ws, "audit", "--json", env=leader).stdout)
    assert {"at", "user", "action", "dossier", "detail", "outcome"} <= set(log[0])
    actions = [(e["user"], e["action"], e["outcome"]) for e in log]
    assert ("lan", "search", "ok") in actions
    assert ("lan", "audit.view", "refused") in actions
    assert ("quantri", "setting.change", "ok") in actions
    assert ("quantri", "login", "refused") in actions  # the wrong password above
    only_lan = json.loads(_sohoa("--workspace", ws, "audit", "--json", "--user", "lan",
                                 env=leader).stdout)
    assert only_lan and {e["user"] for e in only_lan} == {"lan"}

    # A citizen's entries, found by the number as a person types it; the log keeps a key.
    number = "079086001234"
    assert _sohoa("--workspace", ws, "search", number, env=clerk).returncode == 0
    assert _sohoa("--workspace", ws, "subject", number, env=leader).returncode == 0
    about = json.loads(_sohoa("--workspace", ws, "audit", "--json", "--subject",
                              "0790 8600 1234", env=leader).stdout)
    assert {("lan", "search"), ("hoa", "subject.request")} <= {
        (e["user"], e["action"]) for e in about}, about
    assert all(number not in json.dumps(e) for e in about)
    unrelated = json.loads(_sohoa("--workspace", ws, "audit", "--json", "--subject",
                                  "079086009999", env=leader).stdout)
    assert [e["action"] for e in unrelated] == []

    assert _sohoa("--workspace", ws, "audit", "verify", env=leader).returncode == 0

    assert _sohoa("--workspace", ws, "user", "disable", "lan", env=admin).returncode == 0
    gone = _sohoa("--workspace", ws, "search", "x", env=clerk)
    assert gone.returncode == 4 and "disabled" in gone.stderr

    reset = _sohoa("--workspace", ws, "user", "reset", "quantri",
                   env={"SOHOA_RECOVERY_KEY": recovery, "SOHOA_NEW_PASSWORD": "new-admin-pw-1"})
    assert reset.returncode == 0, reset.stderr
    assert _sohoa("--workspace", ws, "check", env={
        "SOHOA_USER": "quantri", "SOHOA_PASSWORD": "new-admin-pw-1"}).returncode == 0


def test_cli_audit_verify_names_the_broken_entry(tmp_path: Path) -> None:
    with make_workspace(tmp_path / "ws")[0] as ws:
        for n in range(3):
            ws.audit.record("view", dossier=n)
        victim = ws.audit.entries()[2].id
        ws.conn.execute("UPDATE audit SET user = 'someone else' WHERE id = ?", (victim,))
    env = {"SOHOA_USER": TEST_USER, "SOHOA_PASSWORD": TEST_PASSWORD}
    done = _sohoa("--workspace", str(tmp_path / "ws"), "audit", "verify", env=env)
    assert done.returncode == 1
    assert f"audit entry {victim}" in done.stdout
    check = _sohoa("--workspace", str(tmp_path / "ws"), "check", "--json", env=env)
    assert check.returncode == 1
    assert any(f"audit entry {victim}" in p for p in json.loads(check.stdout)["problems"])


def _pages(folder: Path, count: int) -> Path:
    from tests.dossier import samples

    folder.mkdir()
    for n in range(count):
        samples.write_png(folder / f"{n:02d}.png", f"Nguyen Van An {n} 00120300456{n % 10}",
                          dpi=150)
    return folder


def test_system_temp_folder_gets_no_page_data_from_a_processed_import(tmp_path: Path) -> None:
    from tests.workspaces import init_workspace

    root = init_workspace(tmp_path / "ws")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = {"SOHOA_USER": TEST_USER, "SOHOA_PASSWORD": TEST_PASSWORD, "TMPDIR": str(system_tmp)}
    done = _sohoa("--workspace", str(root), "import", "--jobs", "1",
                  str(_pages(tmp_path / "in", 2)), env=env)
    assert done.returncode == 0, done.stderr
    assert list(system_tmp.rglob("*")) == []
    with open_workspace(root) as ws:
        from storage import pages as page_store

        assert all(p.state == "processed" for p in page_store.list_pages(ws))


def test_system_temp_folder_stays_clean_after_a_kill_during_import(tmp_path: Path) -> None:
    import signal
    import time

    from tests.workspaces import init_workspace

    root = init_workspace(tmp_path / "ws")
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = dict(os.environ, SOHOA_USER=TEST_USER, SOHOA_PASSWORD=TEST_PASSWORD,
               TMPDIR=str(system_tmp))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "--workspace", str(root), "import", "--jobs", "1",
         str(_pages(tmp_path / "in", 8))], env=env, cwd=REPO, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    private = root / "tmp" / f"p{proc.pid}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if private.is_dir() and any(private.rglob("*")):
            break  # OCR is at work: its temporary files are there, not in $TMPDIR
        if _processed(root) >= 1:
            break  # OCR keeps pages in memory: kill it between pages then
        time.sleep(0.05)
    assert proc.poll() is None, "the import ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list(system_tmp.rglob("*")) == []
    with open_workspace(root) as ws:
        assert not private.exists()  # emptied at the next start
        # The killed batch is named as interrupted, and nothing else is wrong.
        problems = check_workspace(ws).problems
        assert all("interrupted" in str(problem) for problem in problems), problems


def _processed(root: Path) -> int:
    from storage.database import OperationalError
    from tests.workspaces import raw_connection

    try:
        conn = raw_connection(root)
    except Exception:
        return 0
    try:
        return int(conn.execute(
            "SELECT COUNT(*) FROM page WHERE state = 'processed'").fetchone()[0])
    except OperationalError:
        return 0
    finally:
        conn.close()
