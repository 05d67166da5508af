"""Sealed USB exports: age to the province's key, or a passphrase; plain only when allowed.

The receiving side opens them with the stock ``age`` tool, as docs/server-side.md says.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest
from conftest import file_sha, make_package

import upload
from storage import UploadState, Workspace, outbox
from upload import ConfigError
from upload.export import MANIFEST_NAME, Sealing, export_pending


def queued_workspace(root: Path, tmp_path: Path, n: int = 2) -> list[Path]:
    packages = [make_package(tmp_path / f"pkg{i}.zip", 30_000 + i, seed=i) for i in range(n)]
    with Workspace.open(root) as ws:
        for p in packages:
            upload.queue_package(ws, p)
    return packages


def age_decrypt(sealed: Path, out: Path, *, identity: Path | None = None,
                passphrase: str | None = None) -> None:
    """The one-line command of docs/server-side.md, or pyrage where ``age`` is not installed."""
    if shutil.which("age") and identity is not None:
        subprocess.run(["age", "-d", "-i", str(identity), "-o", str(out), str(sealed)],
                       check=True, capture_output=True, timeout=60)
        return
    data = sealed.read_bytes()
    if identity is not None:
        key = pyrage.x25519.Identity.from_str(identity.read_text().split()[-1])
        out.write_bytes(pyrage.decrypt(data, [key]))
    else:
        assert passphrase is not None
        out.write_bytes(pyrage.passphrase.decrypt(data, passphrase))


def test_sealed_to_the_province_key_opens_with_age(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    packages = queued_workspace(root, tmp_path)
    identity = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "province-key.txt"
    key_file.write_text(f"# public key: {identity.to_public()}\n{identity}\n")
    with Workspace.open(root) as ws:
        ws.set_setting("export.recipients", str(identity.to_public()))
        result = export_pending(ws, tmp_path / "usb")
        assert result.sealing == Sealing.RECIPIENTS
        assert {j.state for j in outbox.list_jobs(ws)} == {UploadState.EXPORTED}
    usb = tmp_path / "usb"
    manifest = json.loads((usb / MANIFEST_NAME).read_text())
    assert len(manifest["packages"]) == 2
    for entry, package in zip(sorted(manifest["packages"], key=lambda e: e["filename"]),
                              sorted(packages, key=lambda p: p.name), strict=True):
        sealed = usb / entry["file"]
        assert sealed.name.endswith(".zip.age") and entry["sealing"] == "age-x25519"
        raw = sealed.read_bytes()
        assert raw.startswith(b"age-encryption.org/v1") and b"Dossier-Code" not in raw
        assert file_sha(sealed) == entry["file_sha256"]
        opened = tmp_path / "opened.zip"
        age_decrypt(sealed, opened, identity=key_file)
        assert file_sha(opened) == entry["sha256"] == file_sha(package)
    # Nothing on the stick is readable without the key.
    assert not [p for p in usb.iterdir() if p.suffix == ".zip"]


def test_passphrase_when_no_key_is_configured(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    packages = queued_workspace(root, tmp_path, 1)
    env = dict(os.environ, SOHOA_EXPORT_PASSPHRASE="đi huyện 12 tháng 3")
    done = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "outbox",
                           "--export", str(tmp_path / "usb")],
                          capture_output=True, text=True, timeout=120, env=env,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "sealed with the passphrase" in done.stdout
    sealed = next((tmp_path / "usb").glob("*.age"))
    opened = tmp_path / "opened.zip"
    age_decrypt(sealed, opened, passphrase="đi huyện 12 tháng 3")
    assert file_sha(opened) == file_sha(packages[0])
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(sealed.read_bytes(), "another passphrase!")
    with Workspace.open(root) as ws:
        row = ws.conn.execute(
            "SELECT detail FROM event WHERE action = 'outbox.export.sealed'").fetchone()
        assert "age-scrypt" in row[0] and "đi huyện" not in row[0]
    assert b"\xc4\x91i huy" not in (root / "sohoa.db").read_bytes()


def test_no_key_no_passphrase_nothing_written(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    queued_workspace(root, tmp_path, 1)
    env = {k: v for k, v in os.environ.items() if k != "SOHOA_EXPORT_PASSPHRASE"}
    done = subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "outbox",
                           "--export", str(tmp_path / "usb")],
                          capture_output=True, text=True, timeout=120, env=env,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "no province public key" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
    with Workspace.open(root) as ws:
        assert {j.state for j in outbox.list_jobs(ws)} == {UploadState.QUEUED}
        with pytest.raises(ConfigError, match="at least"):
            export_pending(ws, tmp_path / "usb", passphrase="short")
        ws.set_setting("export.recipients", "age1notakey")
        with pytest.raises(ConfigError, match="not a valid public key"):
            export_pending(ws, tmp_path / "usb")
