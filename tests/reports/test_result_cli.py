"""``sohoa result`` and ``sohoa reuse`` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dossier import import_paths
from dossier.results import create_result
from storage import Workspace
from storage import dossiers as dossier_store

REPO = Path(__file__).resolve().parents[2]
SCAN = REPO / "resources" / "sample_desk" / "ket-qua-giay-khai-sinh.png"


def _sohoa(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=300)


def test_set_confirm_pack_and_reuse(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    with Workspace.open(root) as ws:
        d = dossier_store.create_dossier(ws, code="000.00.12.H56-240830-0042",
                                         procedure_code="1.001193", received_date="2024-08-30")
        pages = import_paths(ws, [SCAN]).pages_added  # not read: the clerk types the fields
        result_id = create_result(ws, pages, dossier_id=d)
    shown = json.loads(_sohoa(root, "result", "show", str(result_id), "--json").stdout)
    assert shown["number_symbol"] is None and shown["result_code"] == "KQ.G15.000031"
    # Packing before the fields are confirmed is refused with one line.
    refused = _sohoa(root, "result", "pack", str(result_id))
    assert refused.returncode == 5 and "xác nhận" in refused.stderr
    bad = _sohoa(root, "result", "set", str(result_id), "--date", "31/02/2024")
    assert bad.returncode == 5 and "date_signed" in bad.stderr
    done = _sohoa(root, "result", "set", str(result_id), "--number", "148/GKS", "--date",
                  "03/09/2024", "--signer", "Triệu Hoàng Bình", "--holder-name",
                  "Nguyễn Ngọc Minh Khánh", "--holder-id", "046324911989", "--confirm")
    assert done.returncode == 0, done.stderr
    packed = _sohoa(root, "result", "pack", str(result_id), "--out", str(tmp_path / "out"))
    assert packed.returncode == 0, packed.stderr
    package = Path(packed.stdout.strip())
    assert package.name == "000.00.12.H56-240830-0042.KQ.zip" and package.is_file()
    verified = _sohoa(root, "verify", str(package))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    listed = json.loads(_sohoa(root, "result", "list", "--json").stdout)
    assert listed[0]["record_id"] is not None
    # The birth certificate is now on file for the child, without limit.
    found = json.loads(_sohoa(root, "reuse", "lookup", "046324911989", "--json").stdout)
    assert [(i["type_key"], i["valid_until"]) for i in found] == [("giay_khai_sinh", None)]
    outbox = json.loads(_sohoa(root, "outbox", "--json").stdout)
    assert [j["filename"] for j in outbox] == [package.name]
    report = json.loads(_sohoa(root, "report", "--json").stdout)
    assert (report["results_issued"], report["results_digitised"]) == (1, 1)
