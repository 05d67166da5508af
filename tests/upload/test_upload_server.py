"""Uploads to the real @tus/server through a hostile proxy: every package arrives once, intact."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import TusServer, file_sha, make_package, start_tus_server
from faultproxy import Fault, FaultProxy

import upload
from storage import UploadState, Workspace, outbox
from tests.workspaces import open_workspace
from upload import (
    AddOutcome,
    EventKind,
    StopReason,
    Timeouts,
    TransferControl,
    Uploader,
    UploadEvent,
    UploadOptions,
)
from upload.errors import OffsetConflict, PermanentError, UploadGone
from upload.tus import TusClient

FAST = dict(backoff_base=0.05, backoff_cap=0.2)


def options(url: str, **kw: object) -> UploadOptions:
    values: dict[str, object] = {**FAST, "timeouts": Timeouts(2, 3, 3)}
    values.update(kw)
    return UploadOptions(endpoint=url, **values)  # type: ignore[arg-type]


def assert_delivered_once(server: TusServer, packages: list[Path]) -> None:
    delivered = server.delivered()
    for package in packages:
        assert delivered.get(file_sha(package)) == 1, package
    assert not any(e.get("duplicate") for e in server.ledger())
    for entry in server.ledger():
        if entry.get("ok"):
            assert server.stored_sha(str(entry["id"])) == entry["sha256"]


def stop_when_confirmed(root: Path, job_id: int, control: TransferControl) -> None:
    """Stop the uploader once the server has confirmed some bytes (seen in the database)."""
    with open_workspace(root) as other:
        while outbox.get(other, job_id).offset == 0:
            time.sleep(0.02)
    control.stop()


def test_clean_upload_delivers_with_metadata(ws: Workspace, tus_server: TusServer,
                                             tmp_path: Path) -> None:
    packages = [make_package(tmp_path / f"p{i}.zip", 400_000 + i, seed=i) for i in range(3)]
    for p in packages:
        assert upload.queue_package(ws, p).outcome == AddOutcome.QUEUED
    events: list[UploadEvent] = []
    result = Uploader(ws, options(tus_server.url), on_event=events.append).run()
    assert result.stop_reason == StopReason.EMPTY and len(result.done) == 3
    assert_delivered_once(tus_server, packages)
    jobs = outbox.list_jobs(ws)
    assert all(j.state == UploadState.DONE and j.offset == j.size for j in jobs)
    # Metadata reached the server, decoded from base64.
    entry = tus_server.ledger()[0]
    meta = tus_server.upload_info(str(entry["id"]))["metadata"]
    assert isinstance(meta, dict)
    assert meta["procedure_code"] == "1.001193"
    assert meta["dossier_code"].startswith("000.00.12.H56-251103-")
    assert meta["package_format_version"] == "1.0"
    assert {e.kind for e in events} >= {EventKind.STARTED, EventKind.DONE}


def test_package_is_queued_once_and_never_resent(ws: Workspace, tus_server: TusServer,
                                                 tmp_path: Path) -> None:
    package = make_package(tmp_path / "a.zip", 100_000)
    copy = tmp_path / "renamed.zip"
    copy.write_bytes(package.read_bytes())
    assert upload.queue_package(ws, package).outcome == AddOutcome.QUEUED
    assert upload.queue_package(ws, package).outcome == AddOutcome.ALREADY
    assert upload.queue_package(ws, copy).outcome == AddOutcome.ALREADY
    assert len(outbox.list_jobs(ws)) == 1
    original = package.read_bytes()
    # The outbox keeps its own copy: the USB stick may be gone by now.
    package.unlink()
    copy.unlink()
    Uploader(ws, options(tus_server.url)).run()
    (tmp_path / "again.zip").write_bytes(original)  # the same record, found again later
    assert upload.queue_package(ws, tmp_path / "again.zip").outcome == AddOutcome.ALREADY
    result = Uploader(ws, options(tus_server.url)).run()
    assert result.done == () and result.bytes_sent == 0
    assert list(tus_server.delivered().values()) == [1]


def test_cuts_503s_and_hangs_still_deliver_exactly_once(ws: Workspace, tus_server: TusServer,
                                                       proxy: FaultProxy,
                                                       tmp_path: Path) -> None:
    packages = [make_package(tmp_path / f"p{i}.zip", 700_000, seed=10 + i) for i in range(3)]
    for p in packages:
        upload.queue_package(ws, p)
    proxy.script.extend([
        Fault(cut_after=300_000),     # cut mid-PATCH
        Fault(status_503=True),
        Fault(hang=True),             # timeouts must free us
        Fault(cut_after=150),         # cut inside the headers
        Fault(cut_after=500_000),
    ])
    proxy.cut_probability = 0.2
    proxy.cut_max_bytes = 400_000
    result = Uploader(ws, options(proxy.url, first_chunk=256 * 1024, retries=20)).run()
    assert result.remaining == 0 and len(result.done) == 3
    assert proxy.cuts >= 2
    assert_delivered_once(tus_server, packages)
    payload = sum(p.stat().st_size for p in packages)
    # Partial PATCHes are kept by the server, so cuts cost little.
    assert proxy.bytes_up < 1.5 * payload


def test_server_that_lost_the_upload_gets_a_fresh_one(ws: Workspace, tus_server: TusServer,
                                                      tmp_path: Path) -> None:
    package = make_package(tmp_path / "p.zip", 900_000, seed=3)
    job = upload.queue_package(ws, package).job
    control = TransferControl()
    with FaultProxy(tus_server.port, rate=400_000) as slow:
        stopper = threading.Thread(target=stop_when_confirmed, args=(ws.root, job.id, control))
        stopper.start()
        result = Uploader(ws, options(slow.url, first_chunk=128 * 1024),
                          control=control).run()
        stopper.join()
        assert result.stop_reason == StopReason.STOPPED
        partial = outbox.get(ws, job.id)
        assert partial.state == UploadState.UPLOADING and partial.upload_url
        assert 0 < partial.offset < partial.size
        # The province's server dropped it (expiry, restore from backup): 404 on HEAD.
        assert TusClient(slow.url).terminate(partial.upload_url)
        result = Uploader(ws, options(slow.url)).run()
    assert result.done == (job.id,)
    assert outbox.get(ws, job.id).upload_url != partial.upload_url
    assert_delivered_once(tus_server, [package])


def test_tus_client_classifies_conflict_gone_and_rejection(tus_server: TusServer) -> None:
    client = TusClient(tus_server.url)
    url = client.create(10, {"filename": "x.zip", "sha256": "0" * 64})
    assert client.head(url).offset == 0
    with pytest.raises(OffsetConflict):
        client.patch(url, 5, 5, [b"12345"])
    assert client.patch(url, 0, 4, [b"1234"]) == 4
    assert client.terminate(url)
    with pytest.raises(UploadGone):
        client.head(url)
    with pytest.raises(PermanentError) as info:
        client.create(10, {"filename": "x.zip", "sha256": "not-a-sha"})
    assert info.value.status == 400
    client.close()


def test_a_rotted_stored_copy_fails_before_a_byte_is_sent(ws: Workspace, tus_server: TusServer,
                                                          tmp_path: Path) -> None:
    package = make_package(tmp_path / "p.zip", 50_000, seed=4)
    job = upload.queue_package(ws, package).job
    blob = ws.blobs.path(job.package_sha256)
    data = bytearray(blob.read_bytes())
    data[-100] ^= 0xFF  # the stored (encrypted) copy rotted on disk
    blob.write_bytes(bytes(data))
    result = Uploader(ws, options(tus_server.url)).run()
    assert result.failed == (job.id,)
    failed = outbox.get(ws, job.id)
    assert failed.state == UploadState.FAILED
    assert "damaged" in (failed.last_error or "")
    assert tus_server.delivered() == {}
    assert tus_server.ledger() == []  # authenticated at rest: nothing bad went on the wire


def test_bytes_corrupted_on_the_way_fail_after_sha256_mismatches(
        ws: Workspace, tus_server: TusServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    package = make_package(tmp_path / "p.zip", 50_000, seed=4)
    job = upload.queue_package(ws, package).job
    real_open = ws.blobs.open

    def flipping_open(sha: str) -> io.BytesIO:  # an injected fault: bad memory, a bad cable
        data = bytearray(real_open(sha).read())
        data[-100] ^= 0xFF
        return io.BytesIO(bytes(data))

    monkeypatch.setattr(ws.blobs, "open", flipping_open)
    monkeypatch.setattr(ws.blobs, "verify", lambda sha: True)
    result = Uploader(ws, options(tus_server.url)).run()
    assert result.failed == (job.id,)
    failed = outbox.get(ws, job.id)
    assert failed.state == UploadState.FAILED
    assert "sha256" in (failed.last_error or "")
    assert tus_server.delivered() == {}
    assert sum(1 for e in tus_server.ledger() if not e["ok"]) == 3


def test_too_large_is_a_permanent_failure_with_a_reason(ws: Workspace,
                                                        tmp_path: Path) -> None:
    server = start_tus_server(tmp_path / "small-server", TUS_MAX_SIZE="100000")
    try:
        package = make_package(tmp_path / "big.zip", 200_000)
        job = upload.queue_package(ws, package).job
        result = Uploader(ws, options(server.url)).run()
        assert result.failed == (job.id,)
        failed = outbox.get(ws, job.id)
        assert failed.state == UploadState.FAILED
        assert "quá lớn" in (failed.last_error or "") and "too large" in (failed.last_error or "")
        # Re-adding a failed package queues it again (e.g. after the server's limit is raised).
        assert upload.queue_package(ws, package).outcome == AddOutcome.REQUEUED
    finally:
        server.stop()


def test_pause_holds_and_resume_finishes(ws: Workspace, tus_server: TusServer,
                                         tmp_path: Path) -> None:
    with FaultProxy(tus_server.port, rate=1_000_000) as slow:
        package = make_package(tmp_path / "p.zip", 1_500_000, seed=5)
        job = upload.queue_package(ws, package).job
        control = TransferControl()
        uploader = Uploader(ws, options(slow.url, first_chunk=128 * 1024), control=control)
        results: list[upload.RunResult] = []
        thread = threading.Thread(target=lambda: results.append(uploader.run()))
        thread.start()
        other = open_workspace(ws.root)
        while outbox.get(other, job.id).offset == 0:
            time.sleep(0.05)
        control.pause()
        time.sleep(0.5)  # let the PATCH in flight end
        held = slow.bytes_up
        time.sleep(0.5)
        assert slow.bytes_up == held  # nothing moves while paused
        assert thread.is_alive()
        control.resume()
        thread.join(timeout=60)
        other.close()
    assert results and results[0].done == (job.id,)
    assert_delivered_once(tus_server, [package])


def test_outside_the_sending_window_nothing_is_sent(ws: Workspace, tus_server: TusServer,
                                                   tmp_path: Path) -> None:
    upload.queue_package(ws, make_package(tmp_path / "p.zip", 10_000))
    now = time.localtime()
    start = (now.tm_hour + 2) % 24
    window = upload.SendingWindow.parse(f"{start:02d}:00-{(start + 1) % 24:02d}:00")
    result = Uploader(ws, options(tus_server.url, window=window)).run()
    assert result.stop_reason == StopReason.WINDOW and result.remaining == 1
    assert tus_server.ledger() == []


def test_bearer_token_from_the_environment(ws: Workspace, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    server = start_tus_server(tmp_path / "auth-server", TUS_TOKEN="s3cret-token")
    try:
        package = make_package(tmp_path / "p.zip", 20_000)
        job = upload.queue_package(ws, package).job
        ws.set_setting("upload.auth", "bearer")
        monkeypatch.setenv("SOHOA_UPLOAD_SECRET", "wrong")
        creds = upload.load_credentials(ws, server.url)
        result = Uploader(ws, options(server.url), credentials=creds).run()
        assert result.failed == (job.id,)
        assert "401" in (outbox.get(ws, job.id).last_error or "")
        assert upload.queue_package(ws, package).outcome == AddOutcome.REQUEUED
        monkeypatch.setenv("SOHOA_UPLOAD_SECRET", "s3cret-token")
        creds = upload.load_credentials(ws, server.url)
        assert "s3cret" not in repr(creds)
        result = Uploader(ws, options(server.url), credentials=creds).run()
        assert result.done == (job.id,)
        # The secret is nowhere in the workspace database.
        assert b"s3cret-token" not in (ws.root / "sohoa.db").read_bytes()
    finally:
        server.stop()


def test_offline_run_ends_with_items_left(ws: Workspace, tmp_path: Path) -> None:
    upload.queue_package(ws, make_package(tmp_path / "p.zip", 10_000))
    with httpx.Client() as _:
        pass
    dead = FaultProxy(1)  # listens, then closes: nothing on the port afterwards
    port = dead.port
    dead.close()
    result = Uploader(ws, options(f"http://127.0.0.1:{port}/files", retries=3)).run()
    assert result.stop_reason == StopReason.RETRIES and result.remaining == 1
    job = outbox.list_jobs(ws)[0]
    assert job.state == UploadState.QUEUED and job.attempts == 3
    assert "không kết nối được" in (job.last_error or "") and job.next_attempt_at


def test_a_package_withdrawn_while_it_is_sent_stops_and_never_arrives(
        ws: Workspace, tus_server: TusServer, tmp_path: Path) -> None:
    """A re-pack takes the queued package out of the outbox while it is on the wire: the
    uploader stops sending it, the server never completes it, the newer one goes."""
    with FaultProxy(tus_server.port, rate=1_000_000) as slow:
        old = make_package(tmp_path / "old.zip", 2_000_000, seed=8)
        job = upload.queue_package(ws, old).job
        control = TransferControl()
        events: list[UploadEvent] = []
        uploader = Uploader(ws, options(slow.url, first_chunk=128 * 1024), control=control,
                            on_event=events.append)
        results: list[upload.RunResult] = []
        thread = threading.Thread(target=lambda: results.append(uploader.run()))
        thread.start()
        other = open_workspace(ws.root)
        try:
            while outbox.get(other, job.id).offset == 0:
                time.sleep(0.05)
            assert outbox.withdraw(other, job.id, "replaced by new.zip")
            new = make_package(tmp_path / "new.zip", 50_000, seed=9)
            newer = upload.queue_package(other, new).job
        finally:
            other.close()
        thread.join(timeout=120)
    assert not thread.is_alive()
    [result] = results
    assert result.done == (newer.id,) and result.failed == ()
    assert not [e for e in events if e.filename == "old.zip" and e.kind == EventKind.DONE]
    delivered = tus_server.delivered()
    assert file_sha(old) not in delivered and delivered.get(file_sha(new)) == 1
