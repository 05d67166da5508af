"""Results end to end: a scanned result's fields proposed by OCR, confirmed, packed as its own
record linked to the dossier's; put on file for the citizen and reused in the next dossier."""

from __future__ import annotations

import datetime as dt
import json
import random
import zipfile
from pathlib import Path

import pytest

from dossier import import_paths
from dossier.errors import DossierError
from dossier.packing import pack_dossier
from dossier.reports import build_report
from dossier.results import add_result_files, get_result, pack_result, update_result
from dossier.reuse import lookup, offers, reuse
from records import verify_package
from storage import Workspace
from storage import dossiers as dossier_store
from synth.results import make_result

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


def _manifest(package: Path) -> dict[str, object]:
    with zipfile.ZipFile(package) as z:
        name = next(n for n in z.namelist() if n.endswith("data/manifest.json"))
        loaded: dict[str, object] = json.loads(z.read(name))
        return loaded


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("result")
    truth = make_result(random.Random(7), "marital_status", font="times")
    path = folder / "ket-qua.png"
    truth.image.save(path, dpi=(300, 300))
    return path, truth


def test_result_from_scan_to_record_and_reuse(workspace: Workspace, tmp_path: Path,
                                              issued: tuple[Path, object]) -> None:
    from synth.results import SynthResult

    path, truth = issued
    assert isinstance(truth, SynthResult)
    ws = workspace
    first = dossier_store.create_dossier(ws, code="000.00.06.H56-251003-0001",
                                         procedure_code="1.004873", received_date="2025-10-03")
    dossier_store.update_dossier(ws, first, applicant_id=truth.holder_id,
                                 applicant_name=truth.holder_name)
    pages = import_paths(ws, [SAMPLE / "03-can-cuoc.png"])
    dossier_store.add_document(ws, first, pages.pages_added, type_key="to_khai_xac_nhan_hon_nhan",
                               type_name="Tờ khai cấp Giấy xác nhận tình trạng hôn nhân")
    dossier_package = pack_dossier(ws, first, out_dir=tmp_path / "out")

    result_id, problems = add_result_files(ws, [path], dossier_id=first, jobs=1)
    assert problems == []
    proposed = get_result(ws, result_id)
    # OCR proposes; nothing is confirmed until the clerk says so.
    assert proposed.number_symbol == truth.number_symbol
    assert proposed.date_signed == truth.date_signed.isoformat()
    assert proposed.signer == truth.signer
    assert proposed.result_code == "KQ.G15.000038"
    assert proposed.holder_id == truth.holder_id
    assert not proposed.confirmed
    with pytest.raises(DossierError, match="xác nhận"):
        pack_result(ws, result_id)

    confirmed = update_result(ws, result_id, confirm=True, agency="Ủy ban nhân dân xã An Bình",
                              date_signed=truth.date_signed.strftime("%d/%m/%Y"))
    assert confirmed.confirmed and confirmed.date_signed == truth.date_signed.isoformat()
    package = pack_result(ws, result_id, out_dir=tmp_path / "out")
    assert package.name == "000.00.06.H56-251003-0001.KQ.zip"
    assert verify_package(package).ok
    manifest = _manifest(package)
    result = manifest["result"]
    assert isinstance(result, dict)
    assert result["number_symbol"] == truth.number_symbol
    assert result["resolves"]["record"] == dossier_package.name
    assert get_result(ws, result_id).packed
    with pytest.raises(DossierError, match="đóng gói"):
        update_result(ws, result_id, signer="Someone Else")

    # On file for the citizen, valid six months from the date signed.
    [item] = lookup(ws, truth.holder_id, on=truth.date_signed)
    assert item.type_key == "giay_xac_nhan_hon_nhan"
    assert item.valid_until == truth.valid_until.isoformat() if truth.valid_until else False
    later = truth.valid_until + dt.timedelta(days=1) if truth.valid_until else None
    assert lookup(ws, truth.holder_id, on=later) == []

    # The citizen comes back to register the marriage: the confirmation is offered.
    second = dossier_store.create_dossier(ws, code="000.00.06.H56-251020-0002",
                                          procedure_code="1.000894", received_date="2025-10-20")
    dossier_store.update_dossier(ws, second, applicant_id=truth.holder_id)
    more = import_paths(ws, [SAMPLE / "01-to-khai-khai-sinh.png"])
    dossier_store.add_document(ws, second, more.pages_added, type_key="to_khai_ket_hon",
                               type_name="Tờ khai đăng ký kết hôn")
    [offer] = offers(ws, second, on=truth.date_signed)
    assert offer.component_key == "giay_xac_nhan_hon_nhan"
    assert offers(ws, second, on=later) == []
    from dossier.checklist import Mark, dossier_checklist

    def marks(name: str) -> set[Mark]:
        check = dossier_checklist(ws, second)
        assert check is not None
        return {line.mark for line in check.lines if line.name == name}

    confirmation = "Giấy xác nhận tình trạng hôn nhân"
    assert marks(confirmation) == {Mark.OPTIONAL_ABSENT}
    reuse(ws, second, offer.item.id, on=truth.date_signed)
    assert offers(ws, second, on=truth.date_signed) == []
    # Reused, it counts as present in the checklist the screen, the dossier list and
    # packing share.
    assert marks(confirmation) == {Mark.OPTIONAL_PRESENT}
    second_package = pack_dossier(ws, second, out_dir=tmp_path / "out")
    assert verify_package(second_package).ok
    reused = _manifest(second_package)["reused"]
    assert isinstance(reused, list) and reused[0]["sha256"] == item.blob_sha
    dossier = _manifest(second_package)["dossier"]
    assert isinstance(dossier, dict)
    assert "Giấy xác nhận tình trạng hôn nhân" in dossier["components_present"]

    t = build_report(ws).total
    assert (t.results_issued, t.results_digitised) == (1, 1)
    assert (t.components, t.components_reused) == (3, 1)


def test_result_needs_its_dossier(workspace: Workspace, issued: tuple[Path, object]) -> None:
    from dossier.results import create_result

    with pytest.raises(DossierError, match="dossier"):
        create_result(workspace, [])
    # A code only the register knows gets its workspace dossier.
    rid = create_result(workspace, [], dossier_code="000.00.06.H56-251104-0003")
    made = get_result(workspace, rid)
    assert made.dossier_id is not None
    stored = dossier_store.get_dossier(workspace, made.dossier_id)
    assert stored is not None and stored.received_date == "2025-11-04"
    with pytest.raises(DossierError, match="KQ"):
        update_result(workspace, rid, result_code="G15")
    with pytest.raises(DossierError, match="12"):
        update_result(workspace, rid, holder_id="12345")


def test_forget_holder_for_retention_and_subject_requests(workspace: Workspace) -> None:
    from dossier.reuse import add_item, forget_holder, holder_items
    from storage import check_workspace

    ws = workspace
    kept = add_item(ws, holder_id="001 203 004 567", holder_name="A", type_key="can_cuoc",
                    type_name="Căn cước", data=b"card", source="dossier:x", valid_until=None)
    other = add_item(ws, holder_id="002203004568", holder_name="B", type_key="can_cuoc",
                     type_name="Căn cước", data=b"other", source="dossier:y",
                     valid_until="2001-01-01")
    assert kept and other
    assert add_item(ws, holder_id="12345", holder_name="C", type_key="can_cuoc",
                    type_name="Căn cước", data=b"bad", source="x", valid_until=None) is None
    # A subject request sees expired documents too; lookups do not.
    assert [i.id for i in holder_items(ws, "002203004568")] == [other]
    assert lookup(ws, "002203004568") == []
    assert check_workspace(ws).ok
    sha = holder_items(ws, "001203004567")[0].blob_sha
    assert forget_holder(ws, "001203004567") == 1
    assert holder_items(ws, "001203004567") == [] and not ws.blobs.has(sha)
    assert [i.id for i in holder_items(ws, "002203004568")] == [other]
    assert check_workspace(ws).ok
