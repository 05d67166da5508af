"""The bundled sample: its dossier gets its code, the register and a result to confirm."""

from __future__ import annotations

from pathlib import Path

from dossier import import_and_process
from dossier.register import WorkKind, worklist
from dossier.reports import build_report
from dossier.results import list_results
from dossier.sample import SAMPLE_CODE, attach_sample_desk
from storage import Workspace
from storage import dossiers as dossier_store

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_sample_desk_fills_every_screen(workspace: Workspace) -> None:
    images = sorted((RESOURCES / "sample").glob("*.png"))
    import_and_process(workspace, images, jobs=2)
    [dossier] = dossier_store.list_dossiers(workspace)
    desk = attach_sample_desk(workspace, dossier.id, RESOURCES / "sample_desk", jobs=2)
    assert desk.registered == 8 and desk.result_id is not None
    stored = dossier_store.get_dossier(workspace, dossier.id)
    assert stored is not None and stored.code == SAMPLE_CODE
    [result] = list_results(workspace, dossier.id)
    # What the sample's result page says, proposed for the clerk to confirm.
    assert (result.number_symbol, result.date_signed, result.signer) == (
        "148/GKS", "2024-09-03", "Triệu Hoàng Bình")
    assert result.result_code == "KQ.G15.000031" and not result.confirmed
    items = worklist(workspace)
    assert any(i.kind is WorkKind.RESULT_NOT_DIGITISED and i.dossier_code == SAMPLE_CODE
               and i.result_id == result.id for i in items)
    report = build_report(workspace)
    assert report.total.received == 8 and report.total.results_issued == 5
    assert [m.month for m in report.by_month] == ["2024-08", "2024-09"]
    # Opening the sample again adds nothing twice.
    again = attach_sample_desk(workspace, dossier.id, RESOURCES / "sample_desk", jobs=2)
    assert again.result_id is None and len(list_results(workspace)) == 1
