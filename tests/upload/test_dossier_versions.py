"""One dossier, one upload: packing asks for a reason when components are missing, replaces a
package that was not sent, and makes the next version once one was — library and CLI."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.main import main
from dossier import import_and_process
from dossier.packing import MissingComponents, PackOutcome, pack_and_queue, pack_state
from storage import Workspace, outbox
from storage import dossiers as dossier_store
from tests.workspaces import open_workspace

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "ws"
    with open_workspace(root) as ws:
        report = import_and_process(ws, sorted(SAMPLE.glob("*.png")), jobs=2)
        assert report.problems == []
    return root


@pytest.fixture
def sample_ws(sample_root: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of the read and assembled sample workspace, for this test alone."""
    root = tmp_path / "ws"
    shutil.copytree(sample_root, root)
    with open_workspace(root) as ws:
        yield ws


def _dossier_id(ws: Workspace) -> int:
    [dossier] = dossier_store.list_dossiers(ws)
    return dossier.id


def _drop_component(ws: Workspace, dossier_id: int, name: str) -> None:
    doc = next(d for d in dossier_store.documents_of(ws, dossier_id) if d.type_name == name)
    dossier_store.delete_document(ws, doc.id)


def _manifest(path: object) -> dict[str, object]:
    """The manifest of a package: a file, or a blob opened through the encrypted store."""
    with zipfile.ZipFile(path) as archive:  # type: ignore[call-overload]
        name = next(n for n in archive.namelist() if n.endswith("/data/manifest.json"))
        return json.loads(archive.read(name))  # type: ignore[no-any-return]


def _outbox_json(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--workspace", str(ws.root), "outbox", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_missing_components_are_refused_without_a_reason(
        sample_ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = sample_ws
    dossier_id = _dossier_id(ws)
    _drop_component(ws, dossier_id, "Giấy chứng sinh")
    with pytest.raises(MissingComponents) as refused:
        pack_and_queue(ws, dossier_id)
    assert refused.value.missing == ("Giấy chứng sinh",)
    assert outbox.list_jobs(ws) == []

    capsys.readouterr()
    code = main(["--workspace", str(ws.root), "pack", "--dossier", str(dossier_id)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Giấy chứng sinh" in err and outbox.list_jobs(ws) == []

    reason = "Công dân bổ sung giấy chứng sinh sau"
    code = main(["--workspace", str(ws.root), "pack", "--dossier", str(dossier_id),
                 "--out", str(tmp_path / "out"), "--allow-missing", reason])
    out = capsys.readouterr().out.split()
    assert code == 0 and len(out) == 1
    manifest = _manifest(Path(out[0]))["dossier"]
    assert manifest["components_missing"] == ["Giấy chứng sinh"]  # type: ignore[index]
    assert manifest["missing_reason"] == reason  # type: ignore[index]
    assert manifest["version"] == 1 and manifest["supersedes"] is None  # type: ignore[index]
    logged = [r["detail"] for r in ws.conn.execute(
        "SELECT detail FROM audit WHERE action = 'record.missing_components'")]
    assert len(logged) == 1 and reason in logged[0] and "Giấy chứng sinh" in logged[0]
    [row] = _outbox_json(ws, capsys)
    assert row["dossier_id"] == dossier_id and row["version"] == 1
    assert row["state"] == "queued" and row["package"] == Path(out[0]).name


def test_packing_again_before_sending_replaces_the_queued_package(
        sample_ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    ws = sample_ws
    dossier_id = _dossier_id(ws)
    first = pack_and_queue(ws, dossier_id)
    assert first.outcome == PackOutcome.QUEUED and first.version == 1
    again = pack_and_queue(ws, dossier_id)
    assert again.outcome == PackOutcome.UNCHANGED
    assert len(outbox.list_jobs(ws)) == 1
    assert not pack_state(ws, dossier_id).changed

    # An edit after packing marks the dossier changed; packing again replaces the package.
    dossier_store.update_dossier(ws, dossier_id, applicant_name="Nguyễn Thị Bình")
    state = pack_state(ws, dossier_id)
    assert state.changed and state.queued and not state.sent

    capsys.readouterr()
    assert main(["--workspace", str(ws.root), "pack", "--dossier", str(dossier_id)]) == 0
    assert "replaced" in capsys.readouterr().err
    [row] = _outbox_json(ws, capsys)
    assert row["version"] == 1 and row["state"] == "queued"
    [job] = outbox.list_jobs(ws)
    assert job.package_sha256 != first.sha256
    assert len(dossier_store.records_of(ws, dossier_id)) == 1
    assert not pack_state(ws, dossier_id).changed


def test_after_sending_a_new_pack_is_the_next_version(
        sample_ws: Workspace, tus_server: object, capsys: pytest.CaptureFixture[str]) -> None:
    ws = sample_ws
    dossier_id = _dossier_id(ws)
    first = pack_and_queue(ws, dossier_id)
    ws.set_setting("upload.endpoint", tus_server.url)  # type: ignore[attr-defined]
    assert main(["--workspace", str(ws.root), "upload", "--quiet", "--max-time", "60"]) == 0
    assert pack_and_queue(ws, dossier_id).outcome == PackOutcome.ALREADY_SENT
    assert len(outbox.list_jobs(ws)) == 1

    dossier_store.update_dossier(ws, dossier_id, code="000.00.06.H56-231027-0361")
    assert pack_state(ws, dossier_id).changed
    second = pack_and_queue(ws, dossier_id)
    assert second.outcome == PackOutcome.QUEUED
    assert second.version == 2 and second.supersedes == first.package_name
    assert second.package_name == "000.00.06.H56-231027-0361.v2.zip"
    manifest = _manifest(ws.blobs.open(second.sha256))["dossier"]
    assert manifest["version"] == 2  # type: ignore[index]
    assert manifest["supersedes"] == first.package_name  # type: ignore[index]

    rows = _outbox_json(ws, capsys)
    assert [(r["version"], r["state"]) for r in rows] == [(1, "done"), (2, "queued")]
    assert all(r["dossier_id"] == dossier_id for r in rows)
    assert rows[1]["dossier"] == "000.00.06.H56-231027-0361"
    assert set(rows[0]) >= {"package", "dossier", "version", "state", "size", "bytes_sent",
                            "attempts", "last_error"}
