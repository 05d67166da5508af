"""From the sample dossier in the workspace to a verified record in the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import import_and_process
from dossier.packing import build_spec, pack_dossier, queue_package
from storage import DossierState, check_workspace
from storage import dossiers as dossier_store
from tests.workspaces import open_workspace

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.fixture(scope="module")
def sample_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "ws"
    with open_workspace(root) as ws:
        images = sorted(SAMPLE.glob("*.png"))
        report = import_and_process(ws, images, jobs=2)
        assert report.problems == [] and len(report.pages_added) == len(images)
    return root


def test_spec_carries_recorded_decisions(sample_workspace: Path) -> None:
    with open_workspace(sample_workspace) as ws:
        [dossier] = dossier_store.list_dossiers(ws)
        spec = build_spec(ws, dossier.id)
    assert spec.procedure_code == "1.001193"
    assert spec.procedure_name and "khai sinh" in spec.procedure_name
    assert spec.provisional_id == dossier.provisional_id
    assert [d.component_name for d in spec.documents][:2] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
    ]
    assert all(page.words for d in spec.documents for page in d.pages)
    assert "Tờ khai đăng ký khai sinh" in spec.components_present


def test_pack_is_verified_reproducible_and_queued_once(
    sample_workspace: Path, tmp_path: Path
) -> None:
    from records import verify_package

    with open_workspace(sample_workspace) as ws:
        [dossier] = dossier_store.list_dossiers(ws)
        first = pack_dossier(ws, dossier.id, out_dir=tmp_path / "a")
        second = pack_dossier(ws, dossier.id, out_dir=tmp_path / "b")
        assert first.name == f"{dossier.provisional_id}.zip"
        assert first.read_bytes() == second.read_bytes()
        assert verify_package(first).ok
        assert len(dossier_store.records_of(ws, dossier.id)) == 1

        queued = queue_package(ws, first, dossier.id)
        again = queue_package(ws, second, dossier.id)
        assert queued.job.id == again.job.id
        updated = dossier_store.get_dossier(ws, dossier.id)
        assert updated is not None and updated.state == DossierState.QUEUED
        assert check_workspace(ws).ok
