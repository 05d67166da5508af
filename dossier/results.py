"""Results of procedures: scanned or imported, fields proposed by OCR and confirmed by the
clerk, packed as their own record linked to the record of the dossier they resolve.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.errors import DossierError, NotFound
from storage import Workspace, current_actor, now_iso, sha256_file, transaction
from storage import dossiers as dossier_store
from storage import pages as page_store
from vntext.idnumber import compact_id_number

if TYPE_CHECKING:
    from records import Signer

RESULT_CODE = re.compile(r"^KQ\.[A-Z0-9]+\.\d+$")
#: The fields a clerk confirms (and ``sohoa result set`` takes).
FIELDS = ("result_code", "type_name", "number_symbol", "date_signed", "agency", "signer",
          "summary", "valid_until", "holder_name", "holder_id", "dossier_code")


@dataclass(frozen=True)
class Result:
    id: int
    dossier_id: int | None
    dossier_code: str | None
    result_code: str | None
    type_name: str | None
    number_symbol: str | None
    date_signed: str | None
    agency: str | None
    signer: str | None
    summary: str | None
    valid_until: str | None  # None: without limit
    holder_name: str | None
    holder_id: str | None
    confirmed: bool
    proposed: dict[str, Any]
    record_id: int | None
    page_ids: tuple[int, ...]

    @property
    def packed(self) -> bool:
        return self.record_id is not None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["page_ids"] = list(self.page_ids)
        return out


def _row(ws: Workspace, row: Any) -> Result:
    pages = tuple(r[0] for r in ws.conn.execute(
        "SELECT page_id FROM result_page WHERE result_id = ? ORDER BY seq", (row["id"],)))
    return Result(row["id"], row["dossier_id"], row["dossier_code"], row["result_code"],
                  row["type_name"], row["number_symbol"], row["date_signed"], row["agency"],
                  row["signer"], row["summary"], row["valid_until"], row["holder_name"],
                  row["holder_id"], bool(row["confirmed"]), json.loads(row["proposed_json"]),
                  row["record_id"], pages)


def get_result(ws: Workspace, result_id: int) -> Result:
    row = ws.conn.execute("SELECT * FROM result WHERE id = ?", (result_id,)).fetchone()
    if row is None:
        raise NotFound(f"không có kết quả số {result_id} — no result {result_id}")
    return _row(ws, row)


def list_results(ws: Workspace, dossier_id: int | None = None) -> list[Result]:
    if dossier_id is None:
        rows = ws.conn.execute("SELECT * FROM result ORDER BY id DESC").fetchall()
    else:
        rows = ws.conn.execute("SELECT * FROM result WHERE dossier_id = ? ORDER BY id",
                               (dossier_id,)).fetchall()
    return [_row(ws, r) for r in rows]


def find_dossier(ws: Workspace, ref: str) -> int | None:
    """A workspace dossier by id, official code or provisional id."""
    ref = ref.strip()
    if ref.isdigit() and dossier_store.get_dossier(ws, int(ref)):
        return int(ref)
    row = ws.conn.execute("SELECT id FROM dossier WHERE code = ? OR provisional_id = ?",
                          (ref, ref)).fetchone()
    return int(row[0]) if row else None


def _proposal(text: str, dossier_procedure: str | None) -> dict[str, Any]:
    from tagging.results import extract_result_fields, kind_by_code

    fields = extract_result_fields(text)
    kind = fields.kind
    if kind is None and dossier_procedure:
        kind = kind_by_code(_catalogue_result_code(dossier_procedure))
    code = kind.code if kind else _catalogue_result_code(dossier_procedure)
    return {
        "result_code": code,
        "type_name": kind.name if kind else _catalogue_result_name(dossier_procedure),
        "number_symbol": fields.number_symbol,
        "date_signed": fields.date_signed.isoformat() if fields.date_signed else None,
        "agency": fields.agency,
        "signer": fields.signer,
        "summary": fields.summary,
        "valid_until": fields.valid_until.isoformat() if fields.valid_until else None,
        "holder_name": fields.holder_name,
        "holder_id": fields.holder_id,
    }


def _catalogue_result_code(procedure: str | None) -> str | None:
    from dossier.assembly import catalogue

    found = catalogue().get(procedure) if procedure else None
    return found.result_code or None if found else None


def _catalogue_result_name(procedure: str | None) -> str | None:
    from dossier.assembly import catalogue

    found = catalogue().get(procedure) if procedure else None
    return found.result_name or None if found else None


def create_result(ws: Workspace, page_ids: Sequence[int], *, dossier_id: int | None = None,
                  dossier_code: str | None = None) -> int:
    """A result from recognised pages: OCR's proposal is stored, not yet confirmed."""
    ws.require_work("edit")
    if dossier_id is None:
        if not dossier_code:
            raise DossierError("cần hồ sơ mà kết quả giải quyết — name the dossier the result "
                               "resolves (id or code)")
        # A dossier received (the register lists it) but not digitised here: the result
        # still resolves it, so it gets its workspace dossier under that code.
        dossier_id = find_dossier(ws, dossier_code) or dossier_store.create_dossier(
            ws, code=dossier_code, received_date=_register_received(ws, dossier_code))
    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
    texts = []
    for page_id in page_ids:
        page = page_store.get_page(ws, page_id)
        if page is not None:
            texts.append(page.text or "")
    proposal = _proposal("\f".join(texts), dossier.procedure_code if dossier else None)
    code = dossier_code or (dossier.display_code if dossier else None)
    holder_name = proposal["holder_name"]
    holder_id = proposal["holder_id"]
    stamp = now_iso()
    with transaction(ws.conn):
        cur = ws.conn.execute(
            "INSERT INTO result (dossier_id, dossier_code, result_code, type_name, number_symbol, "
            "date_signed, agency, signer, summary, valid_until, holder_name, holder_id, "
            "proposed_json, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, code, proposal["result_code"], proposal["type_name"],
             proposal["number_symbol"], proposal["date_signed"],
             proposal["agency"] or (ws.get_setting("agency.name") or None),
             proposal["signer"], proposal["summary"], proposal["valid_until"], holder_name,
             holder_id, json.dumps(proposal, ensure_ascii=False, sort_keys=True), stamp, stamp))
        result_id = int(cur.lastrowid or 0)
        ws.conn.executemany(
            "INSERT INTO result_page (result_id, page_id, seq) VALUES (?, ?, ?)",
            [(result_id, pid, i) for i, pid in enumerate(page_ids, start=1)])
        ws.log("result.create", f"result:{result_id}", code)
    return result_id


def _register_received(ws: Workspace, code: str) -> str | None:
    from storage.reports import date_from_code

    row = ws.conn.execute("SELECT received_at FROM register_entry WHERE dossier_code = ?",
                          (code,)).fetchone()
    return (row[0][:10] if row and row[0] else None) or date_from_code(code)


def add_result_files(ws: Workspace, paths: Sequence[Path], *, dossier_id: int | None = None,
                     dossier_code: str | None = None, jobs: int | None = None,
                     cancel: threading.Event | None = None,
                     on_page: Callable[..., None] | None = None) -> tuple[int, list[str]]:
    """Import and recognise the result's scan(s), then create the result from them.

    Returns the result id and one ``FILE: reason`` line per file that could not be read.
    """
    ws.require_work("edit")
    from dossier.importing import Problem, expand_paths
    from dossier.processing import import_items_and_process

    report = import_items_and_process(ws, expand_paths(paths), source="result",
                                      label="result", jobs=jobs, assemble=False, cancel=cancel,
                                      on_page=on_page)
    problems = [f"{p.item}: {p.reason}" for p in report.problems if isinstance(p, Problem)]
    if not report.page_ids:
        raise DossierError("không có trang nào đọc được — no readable page in the result files"
                           + (f" ({'; '.join(problems)})" if problems else ""))
    return create_result(ws, report.page_ids, dossier_id=dossier_id,
                         dossier_code=dossier_code), problems


def _check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    from dossier.register import parse_moment

    try:
        parsed = parse_moment(value)
    except ValueError:
        parsed = None
    if not parsed:
        raise DossierError(f"{name}: {value} không phải ngày — not a date (DD/MM/YYYY)")
    return parsed[:10]


def update_result(ws: Workspace, result_id: int, *, confirm: bool = False,
                  **values: str | None) -> Result:
    """Set fields the clerk typed or corrected; ``confirm`` marks the whole set checked."""
    ws.require_work("edit")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise DossierError(f"không sửa được: {', '.join(sorted(unknown))} — not editable")
    clean: dict[str, str | None] = {}
    for name, value in values.items():
        value = value.strip() if isinstance(value, str) else value
        if name in ("date_signed", "valid_until"):
            value = _check_date(name, value)
        elif name == "holder_id" and value:
            compact = compact_id_number(value)
            if compact is None:
                raise DossierError(f"{value}: số định danh phải có 12 (hoặc 9) chữ số — "
                                   "the ID number must have 12 (or 9) digits")
            value = compact
        elif name == "result_code" and value and not RESULT_CODE.match(value):
            raise DossierError(f"{value}: mã kết quả dạng KQ.G15.000031 — result codes look "
                               "like KQ.G15.000031")
        clean[name] = value or None
    current = get_result(ws, result_id)
    if current.packed and clean:
        raise DossierError(f"kết quả {result_id} đã đóng gói; không sửa được — result "
                           f"{result_id} is packed already")
    with transaction(ws.conn):
        if clean:
            columns = ", ".join(f"{k} = ?" for k in clean)
            ws.conn.execute(f"UPDATE result SET {columns}, updated_at = ? WHERE id = ?",
                            (*clean.values(), now_iso(), result_id))
        if confirm:
            ws.conn.execute("UPDATE result SET confirmed = 1, updated_at = ? WHERE id = ?",
                            (now_iso(), result_id))
        # Field names only: the values are personal data.
        ws.log("result.update", f"result:{result_id}",
               ", ".join(sorted(clean)) + (" (confirmed)" if confirm else ""))
    return get_result(ws, result_id)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _dossier_record(ws: Workspace, result: Result) -> tuple[str | None, str | None]:
    """Name and sha256 of the latest record of the dossier the result resolves."""
    if result.dossier_id is None:
        return None, None
    row = ws.conn.execute(
        "SELECT package_name, package_sha FROM record WHERE dossier_id = ? AND kind = 'dossier' "
        "ORDER BY id DESC LIMIT 1", (result.dossier_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def build_result_spec(ws: Workspace, result_id: int) -> Any:
    from dossier import words as stored_words
    from dossier.packing import _parse_time
    from dossier.pdfs import page_image
    from records import DocumentSpec, DossierSpec, PageSpec, ResultSpec
    from tagging.results import kind_by_code

    result = get_result(ws, result_id)
    if not result.confirmed:
        raise DossierError(f"kết quả {result_id} chưa được xác nhận — confirm the result's "
                           "fields first")
    missing = [n for n, v in (("number_symbol", result.number_symbol),
                              ("date_signed", result.date_signed),
                              ("signer", result.signer)) if not v]
    if missing:
        raise DossierError(f"kết quả {result_id} thiếu {', '.join(missing)} — missing fields")
    pages: list[PageSpec] = []
    times: list[dt.datetime] = []
    for page_id in result.page_ids:
        page = page_store.get_page(ws, page_id)
        if page is None or page.deleted:
            continue
        words = list(stored_words.read(ws, page.words_sha).words)
        moment = _parse_time(page.processed_at) or _parse_time(page.created_at)
        if moment:
            times.append(moment)
        pages.append(PageSpec(image=page_image(ws, page), dpi=page.dpi, words=words,
                              mean_confidence=page.confidence, rotation=page.rotation,
                              skew=page.skew or 0.0))
    if not pages:
        raise DossierError(f"kết quả {result_id} không có trang — the result has no pages")
    dossier = dossier_store.get_dossier(ws, result.dossier_id) if result.dossier_id else None
    record_name, record_sha = _dossier_record(ws, result)
    code = result.dossier_code or (dossier.display_code if dossier else None) \
        or f"KQ-{result_id:06d}"
    kind = kind_by_code(result.result_code)
    from dossier.assembly import catalogue

    procedure = catalogue().get(dossier.procedure_code) if dossier and dossier.procedure_code \
        else None
    official = dossier.code if dossier and dossier.code else (
        result.dossier_code if result.dossier_code and re.match(
            r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$", result.dossier_code) else None)
    return DossierSpec(
        documents=(DocumentSpec(kind.reusable_as if kind and kind.reusable_as else "ket_qua",
                                result.type_name or "Kết quả giải quyết TTHC", tuple(pages)),),
        digitised_by=current_actor(),
        digitised_at=max(times) if times else dt.datetime.now(dt.UTC),
        dossier_code=official,
        provisional_id=None if official else code,
        procedure_code=dossier.procedure_code if dossier else None,
        procedure_name=procedure.name if procedure else None,
        applicant_name=result.holder_name,
        applicant_id=result.holder_id,
        date_received=_date(dossier.received_date) if dossier else None,
        agency_id=(dossier.agency_id if dossier else None) or ws.get_setting("agency_id"),
        result=ResultSpec(
            result_code=result.result_code, type_name=result.type_name,
            number_symbol=result.number_symbol, date_signed=_date(result.date_signed),
            agency=result.agency, signer=result.signer, summary=result.summary,
            valid_until=_date(result.valid_until), holder_name=result.holder_name,
            holder_id=result.holder_id, resolves_code=code, resolves_record=record_name,
            resolves_sha256=record_sha),
        record_name=f"{code}.KQ",
    )


def pack_result(ws: Workspace, result_id: int, out_dir: Path | None = None,
                queue: bool = True, signer: Signer | None = None) -> Path:
    """Pack the confirmed result as its own record, keep it, queue it, put it on file for reuse.

    ``signer`` (records.PadesSigner) signs its PDF, as dossier records are signed. Raises
    DossierError while the result is unconfirmed or lacks number, date or signer.
    """
    ws.require_work("pack")
    import records
    from dossier.packing import PROFILE_SETTING
    from dossier.reuse import add_result_to_store

    spec = build_result_spec(ws, result_id)
    profile = records.Profile(ws.get_setting(PROFILE_SETTING) or "compact")
    target = Path(out_dir) if out_dir is not None else ws.root / "records"
    path = records.pack_dossier(spec, target, profile=profile, signer=signer)
    sha = sha256_file(path)
    ws.blobs.put_file(path, sha)
    result = get_result(ws, result_id)
    with transaction(ws.conn):
        row = ws.conn.execute("SELECT id FROM record WHERE package_sha = ?", (sha,)).fetchone()
        if row:
            record_id = int(row[0])
        else:
            record_id = int(ws.conn.execute(
                "INSERT INTO record (dossier_id, package_sha, package_name, profile, size, "
                "created_at, kind, result_id) VALUES (?, ?, ?, ?, ?, ?, 'result', ?)",
                (result.dossier_id, sha, path.name, profile.value, path.stat().st_size, now_iso(),
                 result_id)).lastrowid or 0)
        ws.conn.execute("UPDATE result SET record_id = ?, updated_at = ? WHERE id = ?",
                        (record_id, now_iso(), result_id))
        ws.log("result.pack", f"result:{result_id}", path.name)
    add_result_to_store(ws, result_id, path)
    if queue:
        import upload

        upload.queue_package(ws, path)
    return path
