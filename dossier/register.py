"""The desk's register: the one-stop system's list of received dossiers, imported from CSV/XLSX,
matched by dossier code to what was digitised, and the worklist of what is still to do.

The usual headings (Mã hồ sơ, Mã thủ tục, Tên thủ tục, Chủ hồ sơ, Ngày tiếp nhận, Ngày trả kết
quả, Trạng thái) are recognised without asking; another layout is mapped once and remembered.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import DossierError
from failures import ExitCode
from storage import Workspace, now_iso, transaction
from storage.reports import date_from_code, status_says_issued
from vntext import fold, nfc

#: Setting holding headings mapped by hand: JSON {folded heading: field}.
HEADINGS_SETTING = "register.headings"

# How far down a sheet the heading row may be (exports often start with a title block).
_HEADER_SEARCH_ROWS = 25


class Field(enum.StrEnum):
    CODE = "code"
    PROCEDURE_CODE = "procedure_code"
    PROCEDURE_NAME = "procedure_name"
    APPLICANT = "applicant"
    RECEIVED = "received"
    RESULT = "result"
    STATUS = "status"


# Folded headings seen in provincial one-stop exports, per field. Matched whole, after
# removing punctuation; the first field whose list holds the heading wins.
_KNOWN: dict[Field, tuple[str, ...]] = {
    Field.CODE: ("ma ho so", "so ho so", "ma hs", "so ho so tiep nhan", "ma so ho so",
                 "so bien nhan", "ma bien nhan"),
    Field.PROCEDURE_CODE: ("ma thu tuc", "ma tthc", "ma thu tuc hanh chinh", "ma dvc"),
    Field.PROCEDURE_NAME: ("ten thu tuc", "thu tuc", "ten tthc", "thu tuc hanh chinh",
                           "ten thu tuc hanh chinh", "ten dich vu cong"),
    Field.APPLICANT: ("chu ho so", "nguoi nop", "nguoi nop ho so", "ten cong dan",
                      "ho ten", "ho va ten", "nguoi dung ten", "ten chu ho so",
                      "to chuc ca nhan", "ca nhan to chuc"),
    Field.RECEIVED: ("ngay tiep nhan", "ngay nhan", "thoi gian tiep nhan", "ngay nop",
                     "ngay nhan ho so", "ngay tiep nhan ho so", "thoi diem tiep nhan"),
    Field.RESULT: ("ngay tra ket qua", "ngay co ket qua", "ngay tra kq", "ngay hoan thanh",
                   "ngay giai quyet", "ngay tra", "thoi gian tra ket qua", "ngay ky ket qua",
                   "ngay ban hanh ket qua"),
    Field.STATUS: ("trang thai", "tinh trang", "trang thai ho so", "tinh trang ho so",
                   "ket qua xu ly"),
}

_FIELD_NAMES = {
    Field.CODE: "Mã hồ sơ", Field.PROCEDURE_CODE: "Mã thủ tục",
    Field.PROCEDURE_NAME: "Tên thủ tục", Field.APPLICANT: "Chủ hồ sơ",
    Field.RECEIVED: "Ngày tiếp nhận", Field.RESULT: "Ngày trả kết quả",
    Field.STATUS: "Trạng thái",
}

_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")


@dataclass(frozen=True)
class RegisterRow:
    """One received dossier as the register states it; unknown values are None."""

    dossier_code: str
    procedure_code: str | None
    procedure_name: str | None
    applicant_name: str | None
    received_at: str | None  # YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (local time)
    result_issued_at: str | None
    status: str | None

    @property
    def result_issued(self) -> bool:
        return bool(self.result_issued_at) or status_says_issued(self.status)


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based row number in the sheet
    reason: str


@dataclass(frozen=True)
class RegisterImport:
    path: Path
    columns: Mapping[Field, str]  # field -> heading as written in the file
    added: int
    updated: int
    problems: tuple[RowProblem, ...]

    @property
    def imported(self) -> int:
        return self.added + self.updated


class RegisterError(DossierError):
    """The file cannot be read as a register at all (nothing imported)."""

    exit_code = ExitCode.SOME_FAILED


def _heading_key(text: object) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(text or ""))).split())


def parse_field(name: str) -> Field:
    """A field from its key (``code``) or its Vietnamese heading (``Mã hồ sơ``)."""
    key = _heading_key(name).replace(" ", "_")
    for f in Field:
        if key == f.value or _heading_key(_FIELD_NAMES[f]) == _heading_key(name):
            return f
    known = ", ".join(f"{f.value} ({_FIELD_NAMES[f]})" for f in Field)
    raise RegisterError(f"{name}: không phải cột của sổ — not a register field (one of {known})")


def remembered_headings(ws: Workspace) -> dict[str, Field]:
    raw = ws.get_setting(HEADINGS_SETTING)
    if not raw:
        return {}
    try:
        loaded = json.loads(raw)
        return {str(k): Field(v) for k, v in loaded.items()}
    except (ValueError, TypeError):
        return {}


def remember_headings(ws: Workspace, mapping: Mapping[Field, str]) -> None:
    """Remember headings mapped by hand, so the next file of that layout needs no mapping."""
    known = remembered_headings(ws)
    for field_, heading in mapping.items():
        known[_heading_key(heading)] = field_
    ws.set_setting(HEADINGS_SETTING, json.dumps({k: v.value for k, v in sorted(known.items())},
                                                ensure_ascii=False))


def _match_columns(header: Sequence[object], extra: Mapping[str, Field]) -> dict[Field, int]:
    found: dict[Field, int] = {}
    for index, cell in enumerate(header):
        key = _heading_key(cell)
        if not key:
            continue
        field_ = extra.get(key)
        if field_ is None:
            field_ = next((f for f, names in _KNOWN.items() if key in names), None)
        if field_ is None:
            # "Mã hồ sơ (*)" / "Ngày tiếp nhận hồ sơ trực tuyến": a known heading plus words.
            field_ = next((f for f, names in _KNOWN.items()
                           if any(key.startswith(n + " ") for n in names if len(n) > 8)), None)
        if field_ is not None and field_ not in found:
            found[field_] = index
    return found


def _read_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        if suffix in (".csv", ".txt", ".tsv"):
            return _read_csv(path.read_bytes())
    except OSError as e:
        raise RegisterError(f"{path}: không đọc được tệp — cannot read the file ({e.strerror})"
                            ) from e
    raise RegisterError(f"{path}: chỉ nhận tệp CSV hoặc XLSX — only CSV or XLSX files")


def _read_xlsx(path: Path) -> list[list[object]]:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise RegisterError(f"{path}: không phải tệp XLSX đọc được — not a readable XLSX file "
                            f"({e})") from e
    try:
        # The sheet with the most rows: exports sometimes put a cover sheet first.
        best: list[list[object]] = []
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            if len(rows) > len(best):
                best = rows
        return best
    finally:
        book.close()


def _read_csv(data: bytes) -> list[list[object]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Old Windows exports: the Vietnamese code page.
            text = data.decode("cp1258", errors="replace")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _find_header(rows: Sequence[Sequence[object]],
                 extra: Mapping[str, Field]) -> tuple[int, dict[Field, int]] | None:
    best: tuple[int, dict[Field, int]] | None = None
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        found = _match_columns(row, extra)
        if Field.CODE in found and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(nfc(str(value)).split())
    return text or None


_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_HMS_FIRST = re.compile(
    r"^(\d{1,2})[:h](\d{2})(?::(\d{2}))?[ ,]+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_moment(value: object) -> str | None:
    """A date or date-time as the register gives it -> ``YYYY-MM-DD[THH:MM:SS]``.

    Raises ValueError for a value that is there but is no date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time()
                else value.replace(microsecond=0, tzinfo=None).isoformat())
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An Excel serial day number that openpyxl did not type as a date.
        if 20000 < value < 80000:
            moment = dt.datetime(1899, 12, 30) + dt.timedelta(days=float(value))
            return parse_moment(moment.replace(microsecond=0))
        raise ValueError(str(value))
    text = str(value).strip()
    if not text:
        return None
    parts: tuple[str | None, ...]
    if m := _DMY.match(text):
        d, mo, y, hh, mm, ss = m.groups()
        parts = (y, mo, d, hh, mm, ss)
    elif m := _YMD.match(text):
        parts = m.groups()
    elif m := _HMS_FIRST.match(text):
        hh, mm, ss, d, mo, y = m.groups()
        parts = (y, mo, d, hh, mm, ss)
    else:
        raise ValueError(text)
    y, mo, d, hh, mm, ss = parts
    day = dt.date(int(y or 0), int(mo or 0), int(d or 0))
    if hh is None:
        return day.isoformat()
    return dt.datetime(day.year, day.month, day.day, int(hh), int(mm or 0),
                       int(ss or 0)).isoformat()


def read_register(path: Path, extra: Mapping[str, Field] | None = None
                  ) -> tuple[dict[Field, str], list[RegisterRow], list[RowProblem]]:
    """Read a register file: the columns found, the rows that make sense, and the others."""
    path = Path(path)
    rows = _read_rows(path)
    header = _find_header(rows, extra or {})
    if header is None:
        raise RegisterError(
            f"{path}: không thấy cột \"Mã hồ sơ\" — no dossier-code column found; map it once "
            "with --map code=\"HEADING\"")
    header_index, columns = header
    names = {f: str(rows[header_index][i]).strip() for f, i in columns.items()}
    out: list[RegisterRow] = []
    problems: list[RowProblem] = []

    def cell(row: Sequence[object], field_: Field) -> object:
        i = columns.get(field_)
        return row[i] if i is not None and i < len(row) else None

    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(_text(v) for v in row):
            continue
        code = _text(cell(row, Field.CODE))
        if not code:
            problems.append(RowProblem(number, "thiếu mã hồ sơ — no dossier code"))
            continue
        code = code.replace(" ", "")
        try:
            received = parse_moment(cell(row, Field.RECEIVED))
        except ValueError as e:
            problems.append(RowProblem(
                number, f"{code}: ngày tiếp nhận không đọc được ({e}) — unreadable receipt date"))
            continue
        try:
            issued = parse_moment(cell(row, Field.RESULT))
        except ValueError as e:
            problems.append(RowProblem(
                number, f"{code}: ngày trả kết quả không đọc được ({e}) — unreadable result date"))
            continue
        procedure_code = _text(cell(row, Field.PROCEDURE_CODE))
        procedure_name = _text(cell(row, Field.PROCEDURE_NAME))
        if procedure_code and not _PROCEDURE_CODE.match(procedure_code):
            # Some exports put "1.001193 - Đăng ký khai sinh" in one column.
            m = re.match(r"^(\d\.\d{6})\b[\s:–-]*(.*)$", procedure_code)
            if m:
                procedure_code, rest = m.group(1), m.group(2).strip()
                procedure_name = procedure_name or rest or None
        if procedure_name and not procedure_code:
            m = re.match(r"^(\d\.\d{6})\b[\s:–-]*(.*)$", procedure_name)
            if m:
                procedure_code, procedure_name = m.group(1), m.group(2).strip() or None
        out.append(RegisterRow(
            dossier_code=code,
            procedure_code=procedure_code,
            procedure_name=procedure_name,
            applicant_name=_text(cell(row, Field.APPLICANT)),
            received_at=received or date_from_code(code),
            result_issued_at=issued,
            status=_text(cell(row, Field.STATUS)),
        ))
    return names, out, problems


def import_register(ws: Workspace, path: Path,
                    mapping: Mapping[Field, str] | None = None) -> RegisterImport:
    """Import a register file; rows already known (same dossier code) are updated.

    ``mapping`` names headings of a layout not recognised (field -> heading); it is remembered.
    Bad rows are reported on the result and the rest imported.
    """
    path = Path(path)
    if mapping:
        remember_headings(ws, mapping)
    columns, rows, problems = read_register(path, remembered_headings(ws))
    catalogue_names = _procedure_names()
    added = updated = 0
    stamp = now_iso()
    with transaction(ws.conn):
        for row in rows:
            name = row.procedure_name or catalogue_names.get(row.procedure_code or "")
            code = row.procedure_code or _procedure_by_name(row.procedure_name)
            existing = ws.conn.execute("SELECT id FROM register_entry WHERE dossier_code = ?",
                                       (row.dossier_code,)).fetchone()
            values = (code, name, row.applicant_name, row.received_at, row.result_issued_at,
                      row.status, path.name, stamp)
            if existing:
                ws.conn.execute(
                    "UPDATE register_entry SET procedure_code = COALESCE(?, procedure_code), "
                    "procedure_name = COALESCE(?, procedure_name), "
                    "applicant_name = COALESCE(?, applicant_name), "
                    "received_at = COALESCE(?, received_at), "
                    "result_issued_at = COALESCE(?, result_issued_at), "
                    "status = COALESCE(?, status), source_file = ?, imported_at = ? "
                    "WHERE id = ?", (*values, existing[0]))
                updated += 1
            else:
                ws.conn.execute(
                    "INSERT INTO register_entry (procedure_code, procedure_name, applicant_name, "
                    "received_at, result_issued_at, status, source_file, imported_at, "
                    "dossier_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, row.dossier_code))
                added += 1
        # Only counts go to the log: the rows hold citizens' names.
        ws.log("register.import", path.name,
               f"{added} added, {updated} updated, {len(problems)} rejected")
    return RegisterImport(path, columns, added, updated, tuple(problems))


def _procedure_names() -> dict[str, str]:
    from dossier.reports import _catalogue_names

    return _catalogue_names()


@functools.lru_cache(maxsize=2048)
def _procedure_by_name(name: str | None) -> str | None:
    if not name:
        return None
    from dossier.assembly import catalogue

    found = catalogue().search(name, limit=1)
    if found and fold(found[0].name).endswith(fold(name).removeprefix("thu tuc ")):
        return found[0].code
    return None


# The worklist ----------------------------------------------------------------------------


class WorkKind(enum.StrEnum):
    NOT_DIGITISED = "not_digitised"  # received, no record packed yet
    RESULT_NOT_DIGITISED = "result_not_digitised"  # result issued, not digitised


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    dossier_code: str
    procedure_code: str | None
    procedure_name: str | None
    applicant_name: str | None
    received_at: str | None
    dossier_id: int | None  # the workspace dossier of that code, if one exists
    result_id: int | None  # the workspace result waiting to be packed, if any


def worklist(ws: Workspace) -> list[WorkItem]:
    """What the desk still has to do: received dossiers not digitised, results not digitised.

    Oldest receipt first (the ones most overdue).
    """
    items: list[WorkItem] = []
    digitised = _digitised_codes(ws)
    for r in ws.conn.execute(
            "SELECT r.*, d.id AS dossier_id FROM register_entry r "
            "LEFT JOIN dossier d ON d.code = r.dossier_code "
            "ORDER BY r.received_at, r.dossier_code"):
        if r["dossier_code"] not in digitised:
            items.append(WorkItem(WorkKind.NOT_DIGITISED, r["dossier_code"], r["procedure_code"],
                                  r["procedure_name"], r["applicant_name"], r["received_at"],
                                  r["dossier_id"], None))
    done_results = _results_digitised_codes(ws)
    pending = _pending_results(ws)
    seen: set[str] = set()
    for r in ws.conn.execute(
            "SELECT r.*, d.id AS dossier_id FROM register_entry r "
            "LEFT JOIN dossier d ON d.code = r.dossier_code ORDER BY r.received_at"):
        issued = bool(r["result_issued_at"]) or status_says_issued(r["status"])
        code = r["dossier_code"]
        if (issued or code in pending) and code not in done_results:
            seen.add(code)
            items.append(WorkItem(WorkKind.RESULT_NOT_DIGITISED, code, r["procedure_code"],
                                  r["procedure_name"], r["applicant_name"], r["received_at"],
                                  r["dossier_id"], pending.get(code)))
    # Results scanned for dossiers the register does not list, still unpacked.
    for code, result_id in pending.items():
        if code in seen or code in done_results:
            continue
        row = ws.conn.execute(
            "SELECT d.id, d.procedure_code, d.applicant_name, d.received_date FROM dossier d "
            "WHERE d.code = ? OR d.provisional_id = ?", (code, code)).fetchone()
        items.append(WorkItem(WorkKind.RESULT_NOT_DIGITISED, code,
                              row["procedure_code"] if row else None, None,
                              row["applicant_name"] if row else None,
                              row["received_date"] if row else None,
                              row["id"] if row else None, result_id))
    return items


def _digitised_codes(ws: Workspace) -> set[str]:
    return {r[0] for r in ws.conn.execute(
        "SELECT DISTINCT d.code FROM dossier d JOIN record k ON k.dossier_id = d.id "
        "AND k.kind = 'dossier' WHERE d.code IS NOT NULL")}


def _results_digitised_codes(ws: Workspace) -> set[str]:
    return {r[0] for r in ws.conn.execute(
        "SELECT DISTINCT COALESCE(s.dossier_code, d.code, d.provisional_id) FROM result s "
        "LEFT JOIN dossier d ON d.id = s.dossier_id WHERE s.record_id IS NOT NULL")
        if r[0]}


def _pending_results(ws: Workspace) -> dict[str, int]:
    return {r[0]: int(r[1]) for r in ws.conn.execute(
        "SELECT COALESCE(s.dossier_code, d.code, d.provisional_id), s.id FROM result s "
        "LEFT JOIN dossier d ON d.id = s.dossier_id WHERE s.record_id IS NULL") if r[0]}


def register_size(ws: Workspace) -> int:
    """How many dossiers the imported reception register lists."""
    return int(ws.conn.execute("SELECT COUNT(*) FROM register_entry").fetchone()[0])


def register_entries(ws: Workspace) -> Iterable[RegisterRow]:
    for r in ws.conn.execute("SELECT * FROM register_entry ORDER BY received_at, dossier_code"):
        yield RegisterRow(r["dossier_code"], r["procedure_code"], r["procedure_name"],
                          r["applicant_name"], r["received_at"], r["result_issued_at"],
                          r["status"])


def headings_of(path: Path) -> list[str]:
    """The likely heading row of a register file (the first row with the most text cells),
    offered to the clerk to map a layout that is not recognised."""
    rows = _read_rows(Path(path))
    best: list[str] = []
    for row in rows[:_HEADER_SEARCH_ROWS]:
        cells = [t for t in (_text(v) for v in row) if t]
        if len(cells) > len(best):
            best = cells
    return best


FIELD_NAMES: Mapping[Field, str] = _FIELD_NAMES
