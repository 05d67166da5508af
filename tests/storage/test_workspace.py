from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import Workspace, check_workspace, migrations, schema_version
from storage import pages as page_store
from storage.database import connect, migrate
from storage.files import atomic_write
from tests.workspaces import open_workspace


def test_database_settings_are_crash_safe(workspace: Workspace) -> None:
    conn = workspace.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_tables_exist(workspace: Workspace) -> None:
    names = {r[0] for r in workspace.conn.execute("SELECT name FROM sqlite_master")}
    for table in (
        "batch",
        "page",
        "document",
        "dossier",
        "record",
        "upload_job",
        "event",
        "page_fts",
    ):
        assert table in names


@pytest.mark.parametrize("start", [m.version for m in migrations()])
def test_migrates_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    conn = connect(tmp_path / "db.sqlite")
    migrate(conn, target=start)
    assert schema_version(conn) == start
    page_count_before = conn.execute("SELECT COUNT(*) FROM batch").fetchone()[0]
    final = migrate(conn)
    assert final == migrations()[-1].version
    assert conn.execute("SELECT COUNT(*) FROM batch").fetchone()[0] == page_count_before
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migration_from_empty_database_matches_fresh_workspace(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.sqlite")
    migrate(conn)
    fresh = open_workspace(tmp_path / "ws")
    schema = lambda c: sorted(  # noqa: E731
        r[0] for r in c.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
    )
    assert schema(conn) == schema(fresh.conn)
    fresh.close()


def test_failed_migration_leaves_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.database as database

    real = database.migrations()
    broken = [
        *real,
        database.Migration(
            real[-1].version + 1,
            "9999_broken.sql",
            "CREATE TABLE ok_part (x);\nCREATE TABLE batch (x);",
        ),
    ]
    monkeypatch.setattr(database, "migrations", lambda: broken)
    conn = connect(tmp_path / "db.sqlite")
    with pytest.raises(sqlite3.OperationalError):
        database.migrate(conn)
    assert schema_version(conn) == real[-1].version
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "ok_part" not in tables


def test_newer_workspace_is_refused(tmp_path: Path) -> None:
    from storage import StorageError

    conn = connect(tmp_path / "db.sqlite")
    migrate(conn)
    conn.execute("PRAGMA user_version = 9999")
    with pytest.raises(StorageError, match="newer"):
        migrate(conn)


def test_blob_store_is_content_addressed_and_atomic(workspace: Workspace) -> None:
    sha = workspace.blobs.put_bytes(b"hello")
    assert sha == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert workspace.blobs.read(sha) == b"hello"
    assert workspace.blobs.put_bytes(b"hello") == sha
    assert list(workspace.blobs.tmp.iterdir()) == []
    assert list(workspace.blobs) == [workspace.blobs.name(sha)] != [sha]  # keyed name


def test_atomic_write_keeps_old_content_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    atomic_write(target, b"old")

    class Boom(Exception):
        pass

    from storage.files import atomic_writer

    with pytest.raises(Boom), atomic_writer(target) as handle:
        handle.write(b"half")
        raise Boom
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_check_finds_damaged_and_missing_blobs(workspace: Workspace) -> None:
    batch = page_store.create_batch(workspace)
    sha = workspace.blobs.put_bytes(b"page image")
    page_store.add_pages(
        workspace, batch, [page_store.NewPage(sha, 0, sha, "a.png", "image/png", 10, 10, 300)]
    )
    assert check_workspace(workspace).ok
    workspace.blobs.path(sha).write_bytes(b"tampered")
    report = check_workspace(workspace)
    assert not report.ok
    assert any("does not match" in p for p in report.problems)
    workspace.blobs.path(sha).unlink()
    report = check_workspace(workspace)
    assert any("missing" in p and "page 1" in p for p in report.problems)


def test_audit_log_records_actor(workspace: Workspace) -> None:
    page_store.create_batch(workspace)
    entry = workspace.audit.entries()[-1]
    assert entry.action == "batch.create"
    assert entry.user == workspace.account.name == "admin"  # the login, not the OS account


def test_temporary_file_of_a_live_writer_is_kept(tmp_path: Path) -> None:
    from storage.files import atomic_writer

    ws = open_workspace(tmp_path / "ws")
    (ws.blobs.root / "aa").mkdir()
    with atomic_writer(ws.blobs.root / "aa" / "blob", tmp_dir=ws.blobs.tmp) as handle:
        handle.write(b"being written")
        # A second process opens the same workspace meanwhile.
        other = open_workspace(tmp_path / "ws")
        assert len(list(ws.blobs.tmp.iterdir())) == 1
        other.close()
    assert (ws.blobs.root / "aa" / "blob").read_bytes() == b"being written"
    ws.close()


def test_leftover_temporary_files_are_removed_on_open(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "ws")
    (ws.blobs.tmp / ".tmp-abc.part").write_bytes(b"half a blob")
    ws.close()
    ws = open_workspace(tmp_path / "ws")
    assert list(ws.blobs.tmp.iterdir()) == []
    ws.close()
