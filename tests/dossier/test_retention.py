"""Retention purge: confirmed deliveries past retention.days go; shared blobs stay; crash-safe."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier.retention import empty_trash, purge
from storage import UploadState, Workspace, check_workspace, outbox
from synth.workspaces import add_dossier

OLD = "2025-01-02T08:00:00+00:00"


def recent() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def sohoa(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), *args],
                          capture_output=True, text=True, timeout=300)


def blob_count(ws: Workspace) -> int:
    return sum(1 for _ in ws.blobs)


def test_purge_deletes_only_confirmed_old_deliveries(tmp_path: Path) -> None:
    rng = random.Random(1)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.set_setting("retention.days", "30")
        old = add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path)
        shared = ws.conn.execute("SELECT source_sha FROM page WHERE id = ?",
                                 (old.page_ids[0],)).fetchone()[0]
        # Another dossier, not delivered, uses the same original file.
        kept = add_dossier(ws, rng, delivered_at=None, scratch=tmp_path, shared_original=shared)
        fresh = add_dossier(ws, rng, delivered_at=recent(), scratch=tmp_path)
        exported = add_dossier(ws, rng, delivered_at=None, scratch=tmp_path)
        outbox.mark_exported(ws, [exported.job_id], str(tmp_path / "usb"))
        before = blob_count(ws)

        report = purge(ws)
        assert [d.dossier_id for d in report.dossiers] == [old.dossier_id]
        assert report.dossiers[0].pages == 3 and report.dossiers[0].documents == 1
        assert check_workspace(ws).ok, check_workspace(ws).problems
        # Its pages, text and package are gone; the shared original stays.
        assert ws.blobs.has(shared)
        assert not ws.blobs.has(old.package_sha)
        assert blob_count(ws) == before - report.blobs_deleted
        assert report.blobs_deleted == 2 + 3 + 1  # own originals, words blobs, package
        for built in (old,):
            for pid in built.page_ids:
                assert ws.conn.execute("SELECT 1 FROM page WHERE id = ?", (pid,)).fetchone() \
                    is None
        row = ws.conn.execute("SELECT * FROM dossier WHERE id = ?", (old.dossier_id,)).fetchone()
        assert row["applicant_name"] is None and row["applicant_id"] is None
        assert row["code"] == old.code and row["procedure_code"] == "1.001193"
        assert row["purged_at"]
        kept_row = ws.conn.execute("SELECT applicant_name FROM dossier WHERE id = ?",
                                   (kept.dossier_id,)).fetchone()
        assert kept_row[0] == kept.name
        for other in (kept, fresh, exported):
            assert ws.blobs.has(other.package_sha)
        # No trace of the person in what is left of the database.
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.conn.execute("VACUUM")
        data = (ws.root / "sohoa.db").read_bytes()
        assert old.id_number.encode() not in data and old.name.encode() not in data
        assert ws.conn.execute("SELECT count(*) FROM event WHERE action = 'retention.purge'"
                               ).fetchone()[0] == 1
        # Nothing is deleted twice.
        again = purge(ws)
        assert again.dossiers == [] and again.blobs_deleted == 0
        assert outbox.get(ws, old.job_id).state == UploadState.DONE


def test_dry_run_changes_nothing_and_json(tmp_path: Path) -> None:
    rng = random.Random(2)
    root = tmp_path / "ws"
    with Workspace.open(root) as ws:
        ws.set_setting("retention.days", "0")
        built = [add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path) for _ in range(3)]
        before = blob_count(ws)
    done = sohoa(root, "purge", "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["dry_run"] is True and report["dossiers"] == 3
    assert {d["code"] for d in report["purged"]} == {b.code for b in built}
    with Workspace.open(root) as ws:
        assert blob_count(ws) == before
        assert ws.conn.execute("SELECT count(*) FROM page").fetchone()[0] == 9
    done = sohoa(root, "purge", "--json")
    assert json.loads(done.stdout)["blobs_deleted"] == report["blobs_deleted"]
    with Workspace.open(root) as ws:
        assert ws.conn.execute("SELECT count(*) FROM page").fetchone()[0] == 0
        assert check_workspace(ws).ok


def test_a_crash_after_the_commit_is_finished_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.set_setting("retention.days", "0")
        add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path)
        import dossier.retention as retention

        calls = []

        def crash(ws: Workspace) -> tuple[int, int]:
            calls.append(1)
            if len(calls) == 1:  # the leftovers of earlier runs: none
                return empty_trash(ws)
            raise KeyboardInterrupt  # killed between the commit and the unlinking

        monkeypatch.setattr(retention, "empty_trash", crash)
        with pytest.raises(KeyboardInterrupt):
            purge(ws)
        waiting = ws.conn.execute("SELECT count(*) FROM blob_trash").fetchone()[0]
        assert waiting > 0
        monkeypatch.setattr(retention, "empty_trash", empty_trash)
        report = purge(ws)
        assert report.leftovers_finished == waiting
        assert ws.conn.execute("SELECT count(*) FROM blob_trash").fetchone()[0] == 0
        assert check_workspace(ws).ok
        assert blob_count(ws) == 0


def test_kill_9_during_purge_then_rerun(tmp_path: Path) -> None:
    rng = random.Random(4)
    root = tmp_path / "ws"
    with Workspace.open(root) as ws:
        ws.set_setting("retention.days", "0")
        delivered = [add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path, pages=2)
                     for _ in range(60)]
        waiting = [add_dossier(ws, rng, delivered_at=None, scratch=tmp_path, pages=2)
                   for _ in range(5)]
    for delay in (0.8, 1.2, 1.6):
        proc = subprocess.Popen([sys.executable, "-m", "cli", "--workspace", str(root), "purge"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with Workspace.open(root) as ws:
            assert check_workspace(ws).ok
    assert sohoa(root, "purge").returncode == 0
    with Workspace.open(root) as ws:
        assert check_workspace(ws).ok
        purged = ws.conn.execute("SELECT count(*) FROM purged_dossier").fetchone()[0]
        assert purged == len(delivered)
        for w in waiting:
            assert ws.blobs.has(w.package_sha)
            assert len(w.page_ids) == ws.conn.execute(
                "SELECT count(*) FROM page p JOIN document_page dp ON dp.page_id = p.id "
                "JOIN document d ON d.id = dp.document_id WHERE d.dossier_id = ?",
                (w.dossier_id,)).fetchone()[0]
        assert ws.conn.execute("SELECT count(*) FROM blob_trash").fetchone()[0] == 0


def test_documents_on_file_outlive_the_purge_and_results_lose_their_holder(
        tmp_path: Path) -> None:
    from dossier.reuse import add_item

    rng = random.Random(6)
    with Workspace.open(tmp_path / "ws") as ws:
        ws.set_setting("retention.days", "0")
        built = add_dossier(ws, rng, delivered_at=OLD, scratch=tmp_path)
        image = ws.conn.execute("SELECT image_sha FROM page WHERE id = ?",
                                (built.page_ids[0],)).fetchone()[0]
        item = add_item(ws, holder_id=built.id_number, holder_name=built.name,
                        type_key="giay_khai_sinh", type_name="Giấy khai sinh",
                        data=ws.blobs.read(image), source=f"dossier:{built.code}",
                        valid_until=None)
        assert item is not None
        ws.conn.execute(
            "INSERT INTO result (dossier_id, dossier_code, result_code, holder_name, holder_id, "
            "created_at, updated_at) VALUES (?, ?, 'KQ.G15.000031', ?, ?, ?, ?)",
            (built.dossier_id, built.code, built.name, built.id_number, OLD, OLD))
        purge(ws)
        assert ws.blobs.has(image)  # still on file for reuse
        assert check_workspace(ws).ok, check_workspace(ws).problems
        row = ws.conn.execute("SELECT result_code, holder_name, holder_id FROM result").fetchone()
        assert row[0] == "KQ.G15.000031" and row[1] is None and row[2] is None
