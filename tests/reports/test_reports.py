"""The figures: what counts as received, digitised, issued, reused and delivered, per slice."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from dossier.register import import_register
from dossier.report_export import write_pdf, write_xlsx
from dossier.reports import JSON_KEYS, build_report
from storage import Workspace, sha256_file
from storage import dossiers as dossier_store
from storage import outbox as outbox_store

REPO = Path(__file__).resolve().parents[2]

REGISTER = (
    "Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả\n"
    "000.00.06.H56-251003-0001,1.001193,A,03/10/2025 08:00,04/10/2025\n"
    "000.00.06.H56-251003-0002,1.001193,B,03/10/2025,\n"
    "000.00.06.H56-251020-0001,1.000894,C,20/10/2025,21/10/2025\n"
    "000.00.06.H56-251104-0001,1.001193,D,04/11/2025,\n"
)


def _package(ws: Workspace, tmp: Path, dossier_id: int, name: str, kind: str = "dossier",
             result_id: int | None = None) -> int:
    """A record row with a real file behind it, queued in the outbox."""
    path = tmp / name
    path.write_bytes(name.encode() * 50)
    sha = sha256_file(path)
    ws.blobs.put_file(path, sha)
    record = dossier_store.add_record(ws, dossier_id, sha, name, "compact", path.stat().st_size)
    ws.conn.execute("UPDATE record SET kind = ?, result_id = ? WHERE id = ?",
                    (kind, result_id, record))
    outbox_store.add(ws, path)
    return record


def _pages(ws: Workspace, dossier_id: int, count: int) -> None:
    from dossier import import_paths
    from tests.dossier import samples

    folder = ws.root.parent / f"in-{dossier_id}"
    folder.mkdir()
    for i in range(count):
        samples.write_png(folder / f"{i:02d}.png", f"page {dossier_id} {i}")
    report = import_paths(ws, [folder])
    dossier_store.add_document(ws, dossier_id, report.pages_added, type_key="to_khai_khai_sinh")


@pytest.fixture
def populated(workspace: Workspace, tmp_path: Path) -> Workspace:
    ws = workspace
    register = tmp_path / "so.csv"
    register.write_text(REGISTER, encoding="utf-8")
    import_register(ws, register)
    # 0001: digitised (2 pages, 1 reused component), delivered at 2025-10-03 10:00 UTC
    # (17:00 in Vietnam, 9 hours after receipt at 08:00); its result scanned and packed.
    d1 = dossier_store.create_dossier(ws, code="000.00.06.H56-251003-0001",
                                      procedure_code="1.001193")
    _pages(ws, d1, 2)
    ws.conn.execute("INSERT INTO reuse_use (dossier_id, type_key, type_name, blob_sha, source, "
                    "used_at) VALUES (?, 'can_cuoc', 'Căn cước', ?, 'dossier:x', ?)",
                    (d1, "b" * 64, "2025-10-03T01:00:00+00:00"))
    _package(ws, tmp_path, d1, "d1.zip")
    job = outbox_store.get_by_sha(ws, sha256_file(tmp_path / "d1.zip"))
    assert job is not None
    outbox_store.mark_done(ws, job.id, job.size)
    ws.conn.execute("UPDATE upload_job SET finished_at = '2025-10-03T10:00:00+00:00' "
                    "WHERE id = ?", (job.id,))
    ws.conn.execute("INSERT INTO result (dossier_id, dossier_code, date_signed, created_at, "
                    "updated_at) VALUES (?, ?, '2025-10-04', 'x', 'x')",
                    (d1, "000.00.06.H56-251003-0001"))
    result_id = ws.conn.execute("SELECT MAX(id) FROM result").fetchone()[0]
    record = _package(ws, tmp_path, d1, "d1-KQ.zip", kind="result", result_id=result_id)
    ws.conn.execute("UPDATE result SET record_id = ? WHERE id = ?", (record, result_id))
    # 0002: in the workspace, not packed.
    dossier_store.create_dossier(ws, code="000.00.06.H56-251003-0002", procedure_code="1.001193")
    # A dossier the register does not list (received 2025-10-15), packed, still queued.
    d3 = dossier_store.create_dossier(ws, code="000.00.06.H56-251015-0009",
                                      procedure_code="1.000894", received_date="2025-10-15")
    _pages(ws, d3, 1)
    _package(ws, tmp_path, d3, "d3.zip")
    return ws


def test_totals(populated: Workspace) -> None:
    report = build_report(populated)
    t = report.total
    assert (t.received, t.digitised) == (5, 2)
    assert t.digitised_share == 0.4
    # Issued: 0001 (scanned and packed, and in the register) and 0020-0001 (register only).
    assert (t.results_issued, t.results_digitised, t.results_share) == (2, 1, 0.5)
    assert (t.components, t.components_reused) == (3, 1)
    assert t.reuse_share == round(1 / 3, 4)
    assert t.pages == 3
    assert t.median_hours_to_delivery == 9.0
    # Waiting: d3's package and the result's package.
    assert t.outbox == 2


def test_period_and_slices(populated: Workspace) -> None:
    october = build_report(populated, dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    assert october.total.received == 4
    assert [m.month for m in october.by_month] == ["2025-10"]
    everything = build_report(populated)
    months = {m.month: m.figures for m in everything.by_month}
    assert months["2025-10"].received == 4 and months["2025-11"].received == 1
    assert months["2025-10"].results_issued == 2
    procedures = {p.code: p.figures for p in everything.by_procedure}
    assert procedures["1.001193"].received == 3
    assert procedures["1.001193"].digitised == 1
    assert procedures["1.000894"].digitised == 1
    assert procedures["1.000894"].outbox == 1
    november = build_report(populated, dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    assert (november.total.received, november.total.digitised) == (1, 0)
    assert november.total.digitised_share == 0.0
    assert november.total.median_hours_to_delivery is None


def test_empty_workspace_has_unknown_shares(workspace: Workspace) -> None:
    data = build_report(workspace).to_json()
    assert tuple(data) == JSON_KEYS
    assert data["received"] == 0 and data["digitised_share"] is None
    assert data["by_procedure"] == [] and data["by_month"] == []


def test_xlsx_and_pdf(populated: Workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pdfa import check_pdfa

    report = build_report(populated)
    xlsx = write_xlsx(report, tmp_path / "out" / "bao-cao.xlsx", commune="Xã An Bình")
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Tổng hợp", "Theo thủ tục", "Theo tháng"]
    summary = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Hồ sơ tiếp nhận"] == 5
    assert summary["Tỷ lệ hồ sơ số hóa"] == 0.4
    months = list(book["Theo tháng"].iter_rows(values_only=True))
    assert months[1][:3] == ("2025-10", 4, 2)
    pdf = write_pdf(report, tmp_path / "bao-cao.pdf", commune="Xã An Bình")
    check = check_pdfa(pdf)
    assert check.ok, check
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) >= 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "40,0" in text and "1.001193" in text and "Tổng" in text


def test_cli_report_json_keys_and_files(populated: Workspace, tmp_path: Path) -> None:
    root = populated.root
    populated.close()
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(root), "report", "--json",
         "--from", "2025-10-01", "--to", "2025-10-31", "--xlsx", str(xlsx), "--pdf", str(pdf)],
        capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == list(JSON_KEYS)
    assert data["received"] == 4 and data["digitised"] == 2
    assert data["by_month"][0]["month"] == "2025-10"
    assert set(data["by_procedure"][0]) >= set(JSON_KEYS) - {"by_procedure", "by_month"}
    assert xlsx.stat().st_size > 0 and pdf.stat().st_size > 0
    bad = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(root), "report", "--from", "10/2025"],
        capture_output=True, text=True, cwd=REPO, timeout=120)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_purged_dossiers_still_count(populated: Workspace) -> None:
    from dossier.retention import purge_dossier
    from storage import check_workspace

    ws = populated
    d1 = ws.conn.execute("SELECT id FROM dossier WHERE code = ?",
                         ("000.00.06.H56-251003-0001",)).fetchone()[0]
    before = build_report(ws).total
    # The dossier (and its result's record) purged after delivery, as retention does.
    purge_dossier(ws, d1, "2025-10-03T10:00:00+00:00", "retention", False)
    after = build_report(ws).total
    assert (after.received, after.digitised, after.pages) == (
        before.received, before.digitised, before.pages)
    assert (after.results_issued, after.results_digitised) == (2, 1)
    assert after.median_hours_to_delivery == 9.0
    assert check_workspace(ws).ok
