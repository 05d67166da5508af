"""Subject requests: everything the workspace holds about one person, its export, its erasure.

A person is found by ID number (12 digits, or 9 on an old card): dossiers whose
applicant it is, documents whose fields name it, pages whose text shows it
(spaces or dots between digits allowed); with it, the names it goes with, and
the pages of those dossiers that show the name. Every request is logged with a
hash of the number, never the number itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dossier.errors import DossierError, RejectedFile
from dossier.pdfs import PageImages
from dossier.retention import empty_trash, purge_dossier
from dossier.sources import sniff as sniff_media
from failures import ExitCode
from storage import Role, UploadState, Workspace, atomic_writer, transaction
from storage import pages as page_store
from storage.audit import subject_key
from vntext import fold
from vntext.idnumber import is_id_shape

_DIGIT_GAP = re.compile(r"(?<=\d)[ .\-](?=\d)")


class SubjectError(DossierError):
    """A subject request cannot be done as asked (bad number, erasure not allowed)."""

    exit_code = ExitCode.SOME_FAILED


@dataclass(frozen=True)
class SubjectPage:
    id: int
    batch_id: int
    source_name: str
    created_at: str
    state: str
    shows_id: bool
    shows_name: bool


@dataclass(frozen=True)
class SubjectDocument:
    id: int
    seq: int
    type_name: str | None
    names_id: bool


@dataclass(frozen=True)
class SubjectRecord:
    package_name: str
    sha256: str
    created_at: str
    upload_state: str | None
    delivered_at: str | None


@dataclass
class SubjectDossier:
    id: int
    code: str | None
    provisional_id: str
    procedure_code: str | None
    state: str
    created_at: str
    received_date: str | None
    applicant_name: str | None
    is_applicant: bool
    delivered: bool
    delivered_at: str | None
    documents: list[SubjectDocument] = field(default_factory=list)
    pages: list[SubjectPage] = field(default_factory=list)
    records: list[SubjectRecord] = field(default_factory=list)


@dataclass(frozen=True)
class SubjectOnFile:
    """A document kept on file for reuse (the reuse store), or a result issued to the person."""

    kind: str                 # "on-file" | "result"
    type_name: str | None
    source: str | None
    valid_until: str | None


@dataclass
class SubjectReport:
    id_number: str
    names: list[str]
    dossiers: list[SubjectDossier]
    loose_pages: list[SubjectPage]    # pages showing the number that belong to no dossier
    made_at: str
    on_file: list[SubjectOnFile] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)

    @property
    def empty(self) -> bool:
        return not self.dossiers and not self.loose_pages and not self.on_file


#: Who may look up, export and erase what is held about a person.
SUBJECT_ROLES = (Role.LEADER, Role.ADMIN)
#: Who may erase a dossier the province has not confirmed yet (with a reason).
OVERRIDE_ROLES = (Role.ADMIN,)


def check_id_number(text: str) -> str:
    number = re.sub(r"[ .\-]", "", text.strip())
    if not is_id_shape(number):
        raise SubjectError(f"{text}: số định danh phải có 12 chữ số (hoặc 9 với CMND cũ) — an "
                           "ID number has 12 digits (9 on an old ID card)")
    return number


def _shows(text: str | None, id_number: str) -> bool:
    return bool(text) and id_number in _DIGIT_GAP.sub("", text or "")


def _log(ws: Workspace, action: str, id_number: str, detail: str) -> None:
    with transaction(ws.conn):
        ws.log(action, subject_key(id_number), detail)


def find_subject(ws: Workspace, id_number: str, *, log: bool = True) -> SubjectReport:
    ws.require(*SUBJECT_ROLES, action="subject")
    id_number = check_id_number(id_number)
    c = ws.conn
    # Pages: a cheap filter in SQL on the last two digits (a space may split any other
    # pair on paper), the exact check in Python.
    tail = id_number[-2:]
    page_hits = {int(r["id"]) for r in c.execute(
        "SELECT id, text FROM page WHERE text LIKE ?", (f"%{tail}%",)) if _shows(r["text"],
                                                                                id_number)}
    dossier_ids: set[int] = {int(r[0]) for r in c.execute(
        "SELECT id FROM dossier WHERE applicant_id = ?", (id_number,))}
    on_file = [SubjectOnFile("on-file", r[0], r[1], r[2]) for r in c.execute(
        "SELECT type_name, source, valid_until FROM reuse_item WHERE holder_id = ? ORDER BY id",
        (id_number,))]
    for r in c.execute("SELECT dossier_id, type_name, number_symbol, valid_until FROM result "
                       "WHERE holder_id = ? ORDER BY id", (id_number,)):
        on_file.append(SubjectOnFile("result", r[1], r[2], r[3]))
        if r[0] is not None:
            dossier_ids.add(int(r[0]))
    names: set[str] = set()
    doc_hits: set[int] = set()
    for row in c.execute("SELECT id, dossier_id, fields_json FROM document "
                         "WHERE fields_json LIKE ?", (f"%{id_number}%",)):
        fields = json.loads(row["fields_json"] or "{}")
        if id_number in (fields.get("id_numbers") or []):
            doc_hits.add(int(row["id"]))
            dossier_ids.add(int(row["dossier_id"]))
            if len(fields.get("full_names") or []) == 1:
                names.update(fields["full_names"])
    for page_id in page_hits:
        for (dossier_id,) in c.execute(
                "SELECT d.dossier_id FROM document_page dp JOIN document d "
                "ON d.id = dp.document_id WHERE dp.page_id = ?", (page_id,)):
            dossier_ids.add(int(dossier_id))
    dossiers = []
    for dossier_id in sorted(dossier_ids):
        d = c.execute("SELECT * FROM dossier WHERE id = ?", (dossier_id,)).fetchone()
        if d["applicant_id"] == id_number and d["applicant_name"]:
            names.add(d["applicant_name"])
        dossiers.append(d)
    folded_names = [fold(n) for n in names if n]
    result = []
    for d in dossiers:
        records = []
        for r in c.execute(
                "SELECT r.package_name, r.package_sha, r.created_at, j.state, j.finished_at "
                "FROM record r LEFT JOIN upload_job j ON j.package_sha256 = r.package_sha "
                "WHERE r.dossier_id = ? ORDER BY r.id", (d["id"],)):
            records.append(SubjectRecord(r[0], r[1], r[2], r[3], r[4]))
        delivered = bool(records) and all(r.upload_state == UploadState.DONE for r in records)
        entry = SubjectDossier(
            d["id"], d["code"], d["provisional_id"], d["procedure_code"], d["state"],
            d["created_at"], d["received_date"], d["applicant_name"],
            d["applicant_id"] == id_number, delivered,
            max((r.delivered_at for r in records if r.delivered_at), default=None),
            records=records)
        for doc in c.execute("SELECT id, seq, type_name FROM document WHERE dossier_id = ? "
                             "ORDER BY seq", (d["id"],)):
            entry.documents.append(SubjectDocument(doc[0], doc[1], doc[2], doc[0] in doc_hits))
        for p in c.execute(
                "SELECT DISTINCT p.id, p.batch_id, p.source_name, p.created_at, p.state, p.text "
                "FROM page p JOIN document_page dp ON dp.page_id = p.id JOIN document doc "
                "ON doc.id = dp.document_id WHERE doc.dossier_id = ? ORDER BY p.id", (d["id"],)):
            folded = fold(p["text"] or "")
            entry.pages.append(SubjectPage(
                p["id"], p["batch_id"], p["source_name"], p["created_at"], p["state"],
                p["id"] in page_hits, any(n and n in folded for n in folded_names)))
        result.append(entry)
    in_dossiers = {p.id for d in result for p in d.pages}
    loose = []
    for page_id in sorted(page_hits - in_dossiers):
        p = c.execute("SELECT id, batch_id, source_name, created_at, state FROM page "
                      "WHERE id = ?", (page_id,)).fetchone()
        loose.append(SubjectPage(p[0], p[1], p[2], p[3], p[4], True, False))
    report = SubjectReport(id_number, sorted(names), result, loose,
                           dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), on_file)
    if log:
        _log(ws, "subject.request", id_number,
             f"dossiers={len(result)} pages={sum(len(d.pages) for d in result) + len(loose)}")
    return report


def summary_text(report: SubjectReport) -> str:
    """The report as people read it (Vietnamese, then English headings)."""
    lines = [f"Dữ liệu về số định danh {report.id_number} — data held about ID "
             f"{report.id_number}", f"Lập lúc / made at: {report.made_at}",
             f"Tên đi kèm / names with it: {', '.join(report.names) or '-'}", ""]
    if report.empty:
        lines.append("Không có dữ liệu nào — nothing is held")
    for d in report.dossiers:
        lines.append(f"Hồ sơ / dossier {d.code or d.provisional_id} (thủ tục / procedure "
                     f"{d.procedure_code or '-'}), trạng thái / state {d.state}, tạo / created "
                     f"{d.created_at}, đã gửi tỉnh / delivered: "
                     f"{'có / yes ' + (d.delivered_at or '') if d.delivered else 'chưa / no'}")
        for doc in d.documents:
            lines.append(f"  Giấy tờ / document {doc.seq}: {doc.type_name or '-'}")
        for p in d.pages:
            lines.append(f"  Trang / page {p.id}: {p.source_name} ({p.created_at})")
        for r in d.records:
            lines.append(f"  Gói / record {r.package_name}: {r.upload_state or '-'}")
    for p in report.loose_pages:
        lines.append(f"Trang chưa thuộc hồ sơ / page in no dossier {p.id}: {p.source_name}")
    for f in report.on_file:
        label = "Kết quả / result" if f.kind == "result" else "Giấy tờ lưu để dùng lại / on file"
        lines.append(f"{label}: {f.type_name or '-'} ({f.source or '-'}), hiệu lực đến / valid "
                     f"until {f.valid_until or '-'}")
    return "\n".join(lines) + "\n"


def export_subject(ws: Workspace, id_number: str, folder: Path) -> Path:
    """A zip the person can read: the summary (text and JSON) and their page images."""
    report = find_subject(ws, id_number, log=False)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"du-lieu-{report.id_number}-{report.made_at[:10]}.zip"
    with (atomic_writer(target) as handle, zipfile.ZipFile(handle, "w") as archive,
          PageImages(ws) as images):
        archive.writestr("tom-tat.txt", summary_text(report))
        archive.writestr("du-lieu.json", json.dumps(report.as_json(), ensure_ascii=False,
                                                    indent=2))
        pages = [(d.code or d.provisional_id, p) for d in report.dossiers for p in d.pages]
        pages += [("khong-thuoc-ho-so", p) for p in report.loose_pages]
        for label, p in pages:
            page = page_store.get_page(ws, p.id)
            if page is None or not ws.blobs.has(page.image_sha):
                continue
            try:
                image = images.read(page)  # a page kept inside its PDF is made an image
            except RejectedFile:
                continue
            media_type = sniff_media(image) or page.media_type
            suffix = {"image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif",
                      "application/pdf": "pdf"}.get(media_type, "bin")
            archive.writestr(f"trang/{label}/{p.id:06d}.{suffix}", image)
    _log(ws, "subject.export", id_number, f"to {folder.name}: dossiers={len(report.dossiers)}")
    return target


@dataclass(frozen=True)
class ErasureResult:
    erased: tuple[str, ...]        # dossier codes (or provisional ids)
    pages: int
    blobs: int
    overridden: bool


def erase_subject(ws: Workspace, id_number: str, *, override_reason: str | None = None
                  ) -> ErasureResult:
    """Erase what is held about the person.

    Dossiers the province confirmed are erased at once (whatever the retention
    period). A dossier not yet delivered is kept, the request refused, unless
    an admin overrides with a reason: then its waiting packages leave the
    outbox unsent and it is erased too.
    """
    if (override_reason or "").strip():
        ws.require(*OVERRIDE_ROLES, action="subject.erase.override")
    report = find_subject(ws, id_number, log=False)
    undelivered = [d for d in report.dossiers if not d.delivered]
    if (undelivered or report.loose_pages) and not (override_reason or "").strip():
        names = ", ".join(d.code or d.provisional_id for d in undelivered) or \
            f"{len(report.loose_pages)} trang / pages"
        _log(ws, "subject.erase.refused", id_number, f"not delivered: {names}")
        raise SubjectError(
            f"{names}: chưa gửi tỉnh nên chưa được xóa; quản trị viên có thể xóa với lý do — "
            "not yet delivered to the province, so not erased; an admin may override with a "
            "reason")
    erased = []
    pages = blobs = 0
    c = ws.conn
    for d in report.dossiers:
        with transaction(c):
            if not d.delivered:
                # Never sent now: the package would carry the data on after the erasure.
                for r in d.records:
                    c.execute("DELETE FROM upload_job WHERE package_sha256 = ? AND state != ?",
                              (r.sha256, UploadState.DONE))
            purged = purge_dossier(ws, d.id, d.delivered_at or "", "subject-request", False)
        count, _ = empty_trash(ws)
        erased.append(d.code or d.provisional_id)
        pages += purged.pages
        blobs += count
    for p in report.loose_pages:
        with transaction(c):
            row = c.execute("SELECT source_sha, image_sha, words_sha, clean_sha FROM page "
                            "WHERE id = ?", (p.id,)).fetchone()
            c.execute("DELETE FROM document_page WHERE page_id = ?", (p.id,))
            c.execute("DELETE FROM page_fts WHERE rowid = ?", (p.id,))
            c.execute("DELETE FROM page WHERE id = ?", (p.id,))
            c.executemany("INSERT OR IGNORE INTO blob_trash (sha, queued_at) VALUES (?, ?)",
                          [(sha, report.made_at) for sha in row if sha])
        count, _ = empty_trash(ws)
        pages += 1
        blobs += count
    from dossier.reuse import forget_holder

    on_file = forget_holder(ws, id_number)
    with transaction(c):
        # Results of other people's dossiers that name this holder keep their codes only.
        c.execute("UPDATE result SET holder_name = NULL, holder_id = NULL, summary = NULL, "
                  "proposed_json = '{}' WHERE holder_id = ?", (id_number,))
        c.execute("INSERT INTO page_fts (page_fts) VALUES ('optimize')")
    detail = f"dossiers={len(erased)} pages={pages} blobs={blobs} on_file={on_file}"
    if override_reason:
        detail += f" override: {override_reason.strip()[:300]}"
    _log(ws, "subject.erase", id_number, detail)
    return ErasureResult(tuple(erased), pages, blobs, bool(override_reason))
