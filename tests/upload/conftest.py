"""Fixtures for upload tests: the official tus server on 127.0.0.1, packages, workspaces."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from faultproxy import FaultProxy

from storage import Workspace
from tests.workspaces import open_workspace

SERVER_DIR = Path(__file__).parent / "tus-server"


def ensure_tus_server_installed() -> None:
    """Install @tus/server and @tus/file-store (pinned) when node_modules is missing."""
    if (SERVER_DIR / "node_modules" / "@tus" / "server").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.fail("Node.js and npm are needed to run the official tus server for these tests "
                    "(install Node >= 20.19 with npm)", pytrace=False)
    command = "ci" if (SERVER_DIR / "package-lock.json").exists() else "install"
    done = subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=SERVER_DIR,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"npm {command} failed in {SERVER_DIR}:\n{done.stderr[-2000:]}",
                    pytrace=False)


@dataclass
class TusServer:
    process: subprocess.Popen[str]
    port: int
    data_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/files"

    def ledger(self) -> list[dict[str, object]]:
        path = self.data_dir / "finished.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def delivered(self) -> dict[str, int]:
        """sha256 → how many times an upload with that sha finished and verified."""
        counts: dict[str, int] = {}
        for entry in self.ledger():
            if entry.get("ok"):
                sha = str(entry["sha256"])
                counts[sha] = counts.get(sha, 0) + 1
        return counts

    def stored_sha(self, upload_id: str) -> str:
        digest = hashlib.sha256()
        with open(self.data_dir / "files" / upload_id, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    def upload_info(self, upload_id: str) -> dict[str, object]:
        info: dict[str, object] = json.loads(
            (self.data_dir / "files" / f"{upload_id}.json").read_text())
        return info

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_tus_server(data_dir: Path, **env: str) -> TusServer:
    ensure_tus_server_installed()
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ, TUS_DATA_DIR=str(data_dir), TUS_PORT="0", **env)
    process = subprocess.Popen(["node", "server.js"], cwd=SERVER_DIR, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("LISTENING "):
        process.kill()
        err = process.stderr.read() if process.stderr else ""
        raise RuntimeError(f"tus server did not start: {line!r} {err[-2000:]}")
    return TusServer(process, int(line.split()[1]), data_dir)


@pytest.fixture
def tus_server(tmp_path: Path) -> Iterator[TusServer]:
    server = start_tus_server(tmp_path / "server")
    yield server
    server.stop()


@pytest.fixture
def proxy(tus_server: TusServer) -> Iterator[FaultProxy]:
    with FaultProxy(tus_server.port) as p:
        yield p


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


def make_package(path: Path, size: int, seed: int = 0, dossier: str | None = None,
                 procedure: str = "1.001193") -> Path:
    """A zip shaped like a record package: bag-info.txt and an incompressible payload."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    dossier = dossier or f"000.00.12.H56-251103-{seed:04d}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("bag-info.txt", f"Dossier-Code: {dossier}\nProcedure-Code: {procedure}\n"
                                         "Package-Format-Version: 1.0\n")
        archive.writestr("data/scan.bin", rng.randbytes(size))
    return path


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
