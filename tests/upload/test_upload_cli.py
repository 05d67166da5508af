"""``sohoa upload`` and ``sohoa outbox`` as real processes, including kill -9 mid-upload."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TusServer, file_sha, make_package
from faultproxy import FaultProxy

import upload
from storage import UploadState, Workspace, outbox
from upload.errors import CredentialsError


def sohoa(workspace: Path, *args: str, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(workspace), *args],
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


def start_sohoa(workspace: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--workspace", str(workspace), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)


def confirmed_bytes(workspace: Path) -> int:
    if not (workspace / "sohoa.db").exists():
        return 0
    conn = sqlite3.connect(workspace / "sohoa.db", timeout=30)
    try:
        row = conn.execute("SELECT COALESCE(SUM(offset), 0) FROM upload_job").fetchone()
        return int(row[0])
    except sqlite3.OperationalError:  # the schema is still being created
        return 0
    finally:
        conn.close()


def test_kill_9_at_any_moment_then_resume_delivers_each_package_once(
        tmp_path: Path, tus_server: TusServer) -> None:
    workspace = tmp_path / "ws"
    packages = [make_package(tmp_path / f"p{i}.zip", 1_200_000, seed=20 + i) for i in range(3)]
    rng = random.Random(7)
    with FaultProxy(tus_server.port, rate=1_500_000) as slow:
        base = ("upload", "--endpoint", slow.url, "--quiet", "--timeout", "5")
        # The first run queues the packages and is killed once bytes are confirmed.
        process = start_sohoa(workspace, *base, *map(str, packages))
        deadline = time.monotonic() + 60
        while confirmed_bytes(workspace) == 0:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # Later runs are killed at random moments: mid-PATCH, between requests, at the end.
        for _ in range(4):
            process = start_sohoa(workspace, *base)
            time.sleep(rng.uniform(0.3, 1.2))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
        done = sohoa(workspace, *base)
    assert done.returncode == 0, done.stderr
    delivered = tus_server.delivered()
    for package in packages:
        assert delivered.get(file_sha(package)) == 1
    for entry in tus_server.ledger():
        assert entry["ok"] and not entry["duplicate"]
        assert tus_server.stored_sha(str(entry["id"])) == entry["sha256"]
    # A finished package is never sent again.
    again = sohoa(workspace, "upload", "--endpoint", tus_server.url, *map(str, packages))
    assert again.returncode == 0
    assert "already in the outbox" in again.stderr
    assert len(tus_server.ledger()) == 3


def test_link_down_exits_3_and_outbox_shows_the_error(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    package = make_package(tmp_path / "p.zip", 30_000)
    with Workspace.open(workspace) as ws:
        ws.set_setting("upload.backoff_seconds", "0.05")
    dead = FaultProxy(1)
    port = dead.port
    dead.close()
    result = sohoa(workspace, "upload", "--endpoint", f"http://127.0.0.1:{port}/files",
                   "--retries", "2", str(package))
    assert result.returncode == 3
    assert "remain" in result.stderr
    listing = sohoa(workspace, "outbox")
    assert listing.returncode == 0
    assert "queued" in listing.stdout and "p.zip" in listing.stdout
    assert "cannot reach the server" in listing.stdout
    data = json.loads(sohoa(workspace, "outbox", "--json").stdout)
    assert data[0]["state"] == "queued" and data[0]["attempts"] == 2
    assert data[0]["metadata"]["dossier_code"] == "000.00.12.H56-251103-0000"


def test_bad_package_is_reported_and_the_rest_sent(tmp_path: Path, tus_server: TusServer) -> None:
    workspace = tmp_path / "ws"
    good = make_package(tmp_path / "good.zip", 20_000)
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    result = sohoa(workspace, "upload", "--endpoint", tus_server.url, str(good), str(empty),
                   str(tmp_path / "missing.zip"))
    assert result.returncode == 1
    assert f"{empty}: tệp rỗng (0 byte) — empty file (0 bytes)" in result.stderr
    assert "missing.zip: không tìm thấy" in result.stderr
    assert list(tus_server.delivered()) == [file_sha(good)]


def test_export_for_sneaker_net(tmp_path: Path, tus_server: TusServer) -> None:
    workspace = tmp_path / "ws"
    packages = [make_package(tmp_path / f"p{i}.zip", 10_000, seed=i) for i in range(2)]
    with Workspace.open(workspace) as ws:
        for p in packages:
            upload.queue_package(ws, p)
        ws.set_setting("export.unencrypted", "allow")
    usb = tmp_path / "usb"
    result = sohoa(workspace, "outbox", "--export", str(usb))
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stdout
    manifest = json.loads((usb / "sohoa-outbox-manifest.json").read_text())
    assert {e["sha256"] for e in manifest["packages"]} == {file_sha(p) for p in packages}
    for entry in manifest["packages"]:
        assert file_sha(usb / entry["file"]) == entry["sha256"]
        assert entry["sealing"] == "none"
    with Workspace.open(workspace) as ws:
        logged = ws.conn.execute(
            "SELECT count(*) FROM event WHERE action = 'outbox.export.unencrypted'").fetchone()
        assert logged[0] == 1
    with Workspace.open(workspace) as ws:
        assert {j.state for j in outbox.list_jobs(ws)} == {UploadState.EXPORTED}
    # Exported packages are carried by hand: the next upload sends nothing.
    sent = sohoa(workspace, "upload", "--endpoint", tus_server.url)
    assert sent.returncode == 0 and tus_server.ledger() == []


def test_credentials_file_must_be_private_and_outside_the_workspace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOHOA_UPLOAD_SECRET", raising=False)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.set_setting("upload.auth", "bearer")
        secret = tmp_path / "secret.txt"
        secret.write_text("tok-123\n")
        secret.chmod(0o644)
        ws.set_setting("upload.credentials_file", str(secret))
        with pytest.raises(CredentialsError, match="0600"):
            upload.load_credentials(ws, "https://upload.example.vn/files")
        secret.chmod(0o600)
        assert upload.load_credentials(ws, "https://upload.example.vn/files").secret == "tok-123"
        inside = ws.root / "secret.txt"
        inside.write_text("tok\n")
        inside.chmod(0o600)
        ws.set_setting("upload.credentials_file", str(inside))
        with pytest.raises(CredentialsError, match="workspace"):
            upload.load_credentials(ws, "https://upload.example.vn/files")
