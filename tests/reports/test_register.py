"""The desk's register: CSV and XLSX exports read without asking, other layouts mapped once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from dossier.register import (
    Field,
    RegisterError,
    WorkKind,
    import_register,
    parse_moment,
    worklist,
)
from storage import Workspace
from storage import dossiers as dossier_store

REPO = Path(__file__).resolve().parents[2]

CSV_USUAL = (
    "Mã hồ sơ,Mã thủ tục,Tên thủ tục,Chủ hồ sơ,Ngày tiếp nhận,Ngày trả kết quả,Trạng thái\n"
    "000.00.06.H56-251003-0001,1.001193,Đăng ký khai sinh,Nguyễn Văn An,03/10/2025 08:15,"
    "04/10/2025,Đã trả kết quả\n"
    "000.00.06.H56-251003-0002,1.000894,Đăng ký kết hôn,Trần Thị Bình,03/10/2025,,"
    "Đang xử lý\n"
    "000.00.06.H56-251105-0001,2.000815,,Lê Văn Cường,2025-11-05,,Chưa trả kết quả\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    if encoding == "cp1258":
        # Windows-1258 stores tone marks as combining characters after the base letter.
        shapes = {"\u0302", "\u0306", "\u031b"}
        out: list[str] = []
        for ch in unicodedata.normalize("NFD", text):
            if unicodedata.combining(ch) and out:
                out[-1] += ch
            else:
                out.append(ch)
        for i, cluster in enumerate(out):
            base = cluster[0] + "".join(c for c in cluster[1:] if c in shapes)
            tones = "".join(c for c in cluster[1:] if c not in shapes)
            out[i] = unicodedata.normalize("NFC", base) + tones
        text = "".join(out)
    path.write_bytes(text.encode(encoding))
    return path


def test_usual_headings_are_recognised(workspace: Workspace, tmp_path: Path) -> None:
    result = import_register(workspace, _write(tmp_path / "so.csv", CSV_USUAL))
    assert (result.added, result.updated, result.problems) == (3, 0, ())
    assert result.columns[Field.CODE] == "Mã hồ sơ"
    assert result.columns[Field.RECEIVED] == "Ngày tiếp nhận"
    rows = {r["dossier_code"]: r for r in workspace.conn.execute("SELECT * FROM register_entry")}
    first = rows["000.00.06.H56-251003-0001"]
    assert first["received_at"] == "2025-10-03T08:15:00"
    assert first["result_issued_at"] == "2025-10-04"
    assert first["applicant_name"] == "Nguyễn Văn An"
    # The procedure name missing from the row comes from the catalogue.
    third = rows["000.00.06.H56-251105-0001"]
    assert third["procedure_code"] == "2.000815"
    assert third["procedure_name"] and "chứng thực" in third["procedure_name"].lower()


def test_reimport_updates_rows_instead_of_duplicating(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    path = _write(tmp_path / "so.csv", CSV_USUAL)
    import_register(workspace, path)
    again = import_register(workspace, path)
    assert (again.added, again.updated) == (0, 3)
    assert workspace.conn.execute("SELECT COUNT(*) FROM register_entry").fetchone()[0] == 3


def test_semicolon_windows_code_page_and_title_rows(workspace: Workspace, tmp_path: Path) -> None:
    text = ("DANH SÁCH HỒ SƠ TIẾP NHẬN;;;\n"
            "Từ ngày 01/10/2025 đến ngày 31/10/2025;;;\n"
            ";;;\n"
            "STT;Số hồ sơ;Thủ tục hành chính;Ngày nhận\n"
            "1;000.00.06.H56-251001-0007;1.001193 - Đăng ký khai sinh;01/10/2025\n")
    result = import_register(workspace, _write(tmp_path / "so.csv", text, "cp1258"))
    assert result.added == 1 and not result.problems
    row = workspace.conn.execute("SELECT * FROM register_entry").fetchone()
    assert row["procedure_code"] == "1.001193"
    assert row["procedure_name"] == "Đăng ký khai sinh"
    assert row["received_at"] == "2025-10-01"


def test_xlsx_with_real_dates(workspace: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Báo cáo hồ sơ"])
    sheet.append(["Mã hồ sơ", "Mã TTHC", "Chủ hồ sơ", "Thời gian tiếp nhận"])
    sheet.append(["000.00.06.H56-251002-0003", "1.000656", "Phạm Văn Dũng",
                  dt.datetime(2025, 10, 2, 14, 30)])
    sheet.append(["000.00.06.H56-251002-0004", "1.000656", "Võ Thị Em", dt.date(2025, 10, 2)])
    book.save(tmp_path / "so.xlsx")
    result = import_register(workspace, tmp_path / "so.xlsx")
    assert result.added == 2
    moments = [r[0] for r in workspace.conn.execute(
        "SELECT received_at FROM register_entry ORDER BY dossier_code")]
    assert moments == ["2025-10-02T14:30:00", "2025-10-02"]


def test_bad_rows_are_named_and_the_rest_imported(workspace: Workspace, tmp_path: Path) -> None:
    text = ("Mã hồ sơ,Ngày tiếp nhận\n"
            "000.00.06.H56-251003-0001,03/10/2025\n"
            ",04/10/2025\n"
            "000.00.06.H56-251003-0003,hôm qua\n"
            "000.00.06.H56-251003-0004,31/02/2025\n"
            "000.00.06.H56-251003-0005,\n")
    result = import_register(workspace, _write(tmp_path / "so.csv", text))
    assert result.added == 2
    assert [p.row for p in result.problems] == [3, 4, 5]
    assert "000.00.06.H56-251003-0003" in result.problems[1].reason
    # A code carries its receipt date when the column is empty.
    row = workspace.conn.execute("SELECT received_at FROM register_entry WHERE dossier_code = ?",
                                 ("000.00.06.H56-251003-0005",)).fetchone()
    assert row[0] == "2025-10-03"


def test_unknown_layout_is_mapped_once_and_remembered(workspace: Workspace,
                                                       tmp_path: Path) -> None:
    text = ("Biên nhận,Người đứng đơn,Nhận lúc\n"
            "000.00.06.H56-251003-0001,Nguyễn Văn An,03/10/2025\n")
    path = _write(tmp_path / "other.csv", text)
    with pytest.raises(RegisterError, match="Mã hồ sơ"):
        import_register(workspace, path)
    first = import_register(workspace, path, {Field.CODE: "Biên nhận",
                                              Field.RECEIVED: "Nhận lúc"})
    assert first.added == 1
    second = import_register(workspace, _write(tmp_path / "next.csv",
                                               text.replace("0001", "0002")))
    assert second.added == 1 and second.columns[Field.RECEIVED] == "Nhận lúc"


def test_not_a_register_file(workspace: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "so.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(RegisterError, match="XLSX"):
        import_register(workspace, bad)
    with pytest.raises(RegisterError, match="CSV"):
        import_register(workspace, _write(tmp_path / "so.doc", "x"))


def test_parse_moment_forms() -> None:
    assert parse_moment("3/10/2025") == "2025-10-03"
    assert parse_moment("03-10-2025 7h05") == "2025-10-03T07:05:00"
    assert parse_moment("08:15 03/10/2025") == "2025-10-03T08:15:00"
    assert parse_moment(45933.5) == "2025-10-03T12:00:00"
    assert parse_moment("") is None
    with pytest.raises(ValueError):
        parse_moment("soon")


def test_worklist_lists_what_is_not_digitised(workspace: Workspace, tmp_path: Path) -> None:
    import_register(workspace, _write(tmp_path / "so.csv", CSV_USUAL))
    digitised = dossier_store.create_dossier(workspace, code="000.00.06.H56-251003-0002")
    dossier_store.add_record(workspace, digitised, "a" * 64, "x.zip", "compact", 10)
    items = worklist(workspace)
    not_digitised = [i.dossier_code for i in items if i.kind is WorkKind.NOT_DIGITISED]
    assert not_digitised == ["000.00.06.H56-251003-0001", "000.00.06.H56-251105-0001"]
    results = [i.dossier_code for i in items if i.kind is WorkKind.RESULT_NOT_DIGITISED]
    assert results == ["000.00.06.H56-251003-0001"]


def _sohoa(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "--workspace", str(ws), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_cli_register_import_and_worklist(tmp_path: Path) -> None:
    path = _write(tmp_path / "so.csv", CSV_USUAL + ",05/11/2025\n")
    done = _sohoa(tmp_path / "ws", "register", "import", str(path))
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [f"{path}:5: thiếu mã hồ sơ — no dossier code"]
    assert "3" in done.stdout
    listed = _sohoa(tmp_path / "ws", "register", "worklist", "--json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert {i["kind"] for i in items} == {"not_digitised", "result_not_digitised"}
    mapped = _sohoa(tmp_path / "ws", "register", "import", "--map", "nonsense=X", str(path))
    assert mapped.returncode == 2 and "nonsense" in mapped.stderr
