"""A link that leaks nothing: the client keeps to the endpoint's origin; no credentials in URLs.

The tests' own tus server is told to answer with a foreign ``Location`` or to
redirect; a second loopback server, the "catcher", records anything that
reaches it. It must record nothing.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import TusServer, file_sha, make_package, start_tus_server

import upload
from storage import UploadState, Workspace, outbox
from upload import ConfigError, Credentials, Timeouts, Uploader, UploadOptions
from upload.credentials import AuthKind
from upload.tus import TusClient, check_endpoint, shown_url

TOKEN = "tok-3f9a-never-leak"


class Catcher:
    """A loopback HTTP server that answers 201/204 to anything and remembers every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str], int]] = []
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                catcher.requests.append((self.command, self.path, dict(self.headers), len(body)))
                self.send_response(204)
                self.send_header("Tus-Resumable", "1.0.0")
                self.send_header("Upload-Offset", str(len(body)))
                self.end_headers()

            do_GET = do_POST = do_PATCH = do_HEAD = do_OPTIONS = do_DELETE = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def catcher() -> Iterator[Catcher]:
    c = Catcher()
    yield c
    c.close()


def options(url: str) -> UploadOptions:
    return UploadOptions(endpoint=url, timeouts=Timeouts(2, 3, 3), backoff_base=0.05,
                         backoff_cap=0.2, retries=2)


def bearer() -> Credentials:
    return Credentials(AuthKind.BEARER, None, TOKEN)


def test_foreign_location_fails_the_job_and_nothing_goes_there(
        ws: Workspace, tmp_path: Path, catcher: Catcher) -> None:
    server = start_tus_server(tmp_path / "srv", TUS_TOKEN=TOKEN,
                              TUS_LOCATION_BASE=catcher.base)
    try:
        job = upload.queue_package(ws, make_package(tmp_path / "p.zip", 50_000)).job
        result = Uploader(ws, options(server.url), credentials=bearer()).run()
        assert result.failed == (job.id,) and result.done == ()
        failed = outbox.get(ws, job.id)
        assert failed.state == UploadState.FAILED
        assert failed.last_error and "another address" in failed.last_error
        assert f"127.0.0.1:{catcher.port}" in failed.last_error
        assert catcher.requests == []          # neither the token nor a byte went there
        assert server.delivered() == {}
    finally:
        server.stop()


def test_location_on_another_port_of_the_same_host_is_foreign(
        ws: Workspace, tmp_path: Path, catcher: Catcher) -> None:
    # Same scheme and host, another port: still another server.
    server = start_tus_server(tmp_path / "srv",
                              TUS_LOCATION_BASE=f"http://localhost:{catcher.port}")
    try:
        with TusClient(server.url, headers=bearer().headers()) as client, \
                pytest.raises(upload.PermanentError, match="nothing was sent"):
            client.create(10, {"filename": "a.zip", "sha256": "0" * 64})
        assert catcher.requests == []
    finally:
        server.stop()


def test_redirect_to_another_server_fails_and_nothing_goes_there(
        ws: Workspace, tmp_path: Path, catcher: Catcher) -> None:
    server = start_tus_server(tmp_path / "srv", TUS_TOKEN=TOKEN, TUS_REDIRECT_PATH="/files",
                              TUS_REDIRECT_TO=f"{catcher.base}/files")
    try:
        job = upload.queue_package(ws, make_package(tmp_path / "p.zip", 50_000)).job
        result = Uploader(ws, options(server.url), credentials=bearer()).run()
        assert result.failed == (job.id,)
        error = outbox.get(ws, job.id).last_error or ""
        assert "another address" in error and "redirect" in error
        assert catcher.requests == []
    finally:
        server.stop()


def test_redirect_within_the_server_is_followed(ws: Workspace, tmp_path: Path) -> None:
    server = start_tus_server(tmp_path / "srv", TUS_TOKEN=TOKEN, TUS_REDIRECT_PATH="/old",
                              TUS_REDIRECT_TO="")
    try:
        package = make_package(tmp_path / "p.zip", 80_000)
        job = upload.queue_package(ws, package).job
        old_url = server.url.replace("/files", "/old/files")
        result = Uploader(ws, options(old_url), credentials=bearer()).run()
        assert result.done == (job.id,)
        assert server.delivered() == {file_sha(package): 1}
    finally:
        server.stop()


def test_https_endpoint_never_follows_a_location_to_http(tmp_path: Path) -> None:
    client = TusClient("https://tinh.example.vn/files", headers=bearer().headers())
    with client, pytest.raises(upload.PermanentError, match="another address"):
        client.check_url("http://tinh.example.vn/files/abc", "Location")
    with client, pytest.raises(upload.PermanentError):
        client.check_url("https://tinh.example.vn:8443/files/abc", "Location")
    with client, pytest.raises(upload.PermanentError):
        client.check_url("https://u:p@tinh.example.vn/files/abc", "Location")
    # Default port written out, or the host in capitals, is the same origin.
    assert client.check_url("https://TINH.example.vn:443/files/abc", "Location")


@pytest.mark.parametrize("url", [
    "http://clerk:P4ss@tinh.example.vn/files",
    "https://clerk:P4ss@tinh.example.vn/files",
    "https://clerk@tinh.example.vn/files",
    "https://:P4ss@127.0.0.1:1080/files",
])
def test_credentials_in_the_endpoint_are_refused_and_never_repeated(url: str) -> None:
    with pytest.raises(ConfigError, match="user name or password") as info:
        check_endpoint(url)
    assert "P4ss" not in str(info.value) and "clerk" not in str(info.value)
    with pytest.raises(ConfigError):
        TusClient(url)
    assert "P4ss" not in shown_url(url)


def test_credentials_in_the_endpoint_are_never_stored(ws: Workspace, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    upload.queue_package(ws, make_package(tmp_path / "p.zip", 10_000))
    ws.close()
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(root), "upload",
         "--endpoint", "http://clerk:P4ss-w0rd@127.0.0.1:9/files", "--retries", "1"],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "user name or password" in done.stderr and "P4ss-w0rd" not in done.stderr
    for path in root.glob("sohoa.db*"):
        assert b"P4ss-w0rd" not in path.read_bytes(), path.name
    with Workspace.open(root) as again:
        assert all(j.endpoint is None for j in outbox.list_jobs(again))
        # A setting written by hand (or by an older Sohoa) is refused too, unrepeated.
        again.set_setting("upload.endpoint", "https://clerk:P4ss-w0rd@tinh.example.vn/files")
        with pytest.raises(ConfigError) as info:
            upload.load_options(again)
        assert "P4ss-w0rd" not in str(info.value)


def test_token_never_sent_over_plain_http_to_another_machine() -> None:
    with pytest.raises(ConfigError, match="https"):
        TusClient("http://tinh.example.vn/files", headers=bearer().headers())
    with pytest.raises(ConfigError, match="https"):
        TusClient("http://10.0.0.5:1080/files", auth=Credentials(
            AuthKind.BASIC, "clerk", "x").auth())


def test_a_saved_upload_url_on_another_origin_is_never_resumed(
        ws: Workspace, tmp_path: Path, tus_server: TusServer, catcher: Catcher) -> None:
    package = make_package(tmp_path / "p.zip", 30_000)
    job = upload.queue_package(ws, package).job
    # As an older Sohoa would have saved it after a hostile Location.
    outbox.start_upload(ws, job.id, tus_server.url, f"{catcher.base}/files/x")
    result = Uploader(ws, options(tus_server.url)).run()
    assert result.done == (job.id,)
    assert catcher.requests == []
    assert tus_server.delivered() == {file_sha(package): 1}
