"""The figures a commune is scored on, for a period, in total, by procedure and by month.

Definitions (also in docs/reports.md):

- A dossier is *received* when the register lists it or the workspace holds it (one count per
  dossier code); its date is the register's receipt date, else the workspace's.
- It is *digitised* once its electronic record has been packed.
- A result is *issued* when the workspace holds one for the dossier or the register says it
  was issued; *digitised* once the result's own record has been packed. A result's date is the
  date signed, else the register's result date, else its dossier's receipt date.
- *Components* are the documents of digitised dossiers, scanned or reused; *reused* are those
  taken from the reuse store instead of being scanned again. *Pages* are scanned pages.
- *Median hours to delivery*: from receipt (a date alone counts from 00:00 in Vietnam, UTC+7)
  to the server's confirmation of the dossier's first package.
- *Outbox*: packages still waiting (queued, uploading or failed); in the total, the whole
  outbox now, whatever the period.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from storage import Workspace

VIETNAM = dt.timezone(dt.timedelta(hours=7))
WAITING = ("queued", "uploading", "failed")

#: Keys of ``sohoa report --json``, in the order DESIGN.md lists them.
JSON_KEYS = ("received", "digitised", "digitised_share", "results_issued", "results_digitised",
             "results_share", "components", "components_reused", "reuse_share", "pages",
             "median_hours_to_delivery", "outbox", "by_procedure", "by_month")


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Figures:
    """Counts for one slice (the whole period, one procedure, one month)."""

    received: int = 0
    digitised: int = 0
    results_issued: int = 0
    results_digitised: int = 0
    components: int = 0
    components_reused: int = 0
    pages: int = 0
    outbox: int = 0
    hours: list[float] = field(default_factory=list, repr=False)

    @property
    def digitised_share(self) -> float | None:
        return _share(self.digitised, self.received)

    @property
    def results_share(self) -> float | None:
        return _share(self.results_digitised, self.results_issued)

    @property
    def reuse_share(self) -> float | None:
        return _share(self.components_reused, self.components)

    @property
    def median_hours_to_delivery(self) -> float | None:
        return round(statistics.median(self.hours), 1) if self.hours else None

    def counts(self) -> dict[str, Any]:
        return {
            "received": self.received, "digitised": self.digitised,
            "digitised_share": self.digitised_share,
            "results_issued": self.results_issued, "results_digitised": self.results_digitised,
            "results_share": self.results_share,
            "components": self.components, "components_reused": self.components_reused,
            "reuse_share": self.reuse_share, "pages": self.pages,
            "median_hours_to_delivery": self.median_hours_to_delivery, "outbox": self.outbox,
        }


@dataclass(frozen=True)
class ProcedureFigures:
    code: str | None
    name: str | None
    figures: Figures


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    figures: Figures


@dataclass(frozen=True)
class Report:
    start: dt.date | None
    end: dt.date | None
    total: Figures
    by_procedure: tuple[ProcedureFigures, ...]
    by_month: tuple[MonthFigures, ...]

    def to_json(self) -> dict[str, Any]:
        out = self.total.counts()
        out["by_procedure"] = [
            {"procedure_code": p.code, "procedure_name": p.name, **p.figures.counts()}
            for p in self.by_procedure]
        out["by_month"] = [{"month": m.month, **m.figures.counts()} for m in self.by_month]
        return {k: out[k] for k in JSON_KEYS}


@dataclass
class _Unit:
    """One received dossier, whichever of register and workspace knows it."""

    day: str | None = None  # YYYY-MM-DD of receipt
    moment: dt.datetime | None = None  # receipt time, for the delivery delay
    procedure: str | None = None
    procedure_name: str | None = None
    dossier_id: int | None = None
    digitised: bool = False
    register_result: bool = False
    register_result_day: str | None = None


def _receipt_moment(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def _utc(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _in(day: str | None, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if not day:
        return False
    d = day[:10]
    return (start is None or d >= start.isoformat()) and (end is None or d <= end.isoformat())


def _has_table(ws: Workspace, name: str) -> bool:
    return ws.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                           (name,)).fetchone() is not None


def _per_dossier(ws: Workspace, sql: str) -> dict[int, Any]:
    return {int(r[0]): r[1] for r in ws.conn.execute(sql) if r[0] is not None}


def build_report(ws: Workspace, start: dt.date | None = None,
                 end: dt.date | None = None) -> Report:
    """The figures for receipts from ``start`` to ``end`` inclusive (either open)."""
    from dossier.register import date_from_code, status_says_issued

    units: dict[str, _Unit] = {}
    for code, proc, proc_name, received, issued, status in ws.conn.execute(
            "SELECT dossier_code, procedure_code, procedure_name, received_at, "
            "result_issued_at, status FROM register_entry"):
        units[code] = _Unit(
            day=(received or "")[:10] or None, moment=_receipt_moment(received),
            procedure=proc, procedure_name=proc_name,
            register_result=bool(issued) or status_says_issued(status),
            register_result_day=(issued or "")[:10] or None)

    digitised = _per_dossier(ws, "SELECT dossier_id, COUNT(*) FROM record "
                                 "WHERE kind = 'dossier' GROUP BY dossier_id")
    # Dossiers purged after delivery (retention) keep their counts in purged_dossier.
    purged = {int(r[0]): (int(r[1]), r[2]) for r in ws.conn.execute(
        "SELECT dossier_id, pages, delivered_at FROM purged_dossier")} \
        if _has_table(ws, "purged_dossier") else {}
    documents = _per_dossier(ws, "SELECT dossier_id, COUNT(*) FROM document "
                                 "GROUP BY dossier_id")
    pages = _per_dossier(
        ws, "SELECT d.dossier_id, COUNT(*) FROM document_page dp "
            "JOIN document d ON d.id = dp.document_id "
            "JOIN page p ON p.id = dp.page_id AND p.deleted = 0 GROUP BY d.dossier_id")
    reused = _per_dossier(ws, "SELECT dossier_id, COUNT(*) FROM reuse_use GROUP BY dossier_id")
    delivered = _per_dossier(
        ws, "SELECT k.dossier_id, MIN(u.finished_at) FROM upload_job u "
            "JOIN record k ON k.package_sha = u.package_sha256 AND k.kind = 'dossier' "
            "WHERE u.state = 'done' GROUP BY k.dossier_id")
    waiting_sql = ("SELECT k.dossier_id, COUNT(*) FROM upload_job u "
                   "JOIN record k ON k.package_sha = u.package_sha256 "
                   f"WHERE u.state IN ({','.join('?' * len(WAITING))}) GROUP BY k.dossier_id")
    waiting = {int(r[0]): int(r[1]) for r in ws.conn.execute(waiting_sql, WAITING)}

    by_id: dict[int, str] = {}
    for did, code, provisional, proc, received in ws.conn.execute(
            "SELECT id, code, provisional_id, procedure_code, received_date FROM dossier"):
        key = code or provisional
        unit = units.get(key)
        if unit is None:
            day = (received or "")[:10] or (date_from_code(code) if code else None)
            unit = units[key] = _Unit(day=day, moment=_receipt_moment(day))
        unit.dossier_id = did
        unit.procedure = unit.procedure or proc
        unit.digitised = did in digitised or did in purged
        if did in purged:
            pages[did] = int(pages.get(did, 0)) + purged[did][0]
            if did not in delivered and purged[did][1]:
                delivered[did] = purged[did][1]
        by_id[did] = key

    # Results: one per dossier counts once; keyed by the dossier (or its code).
    result_rows: dict[str, tuple[str | None, bool]] = {}
    loose: list[tuple[str | None, bool, str | None]] = []  # results of no known dossier
    for did, code, signed, record_id, rcode in ws.conn.execute(
            "SELECT dossier_id, dossier_code, date_signed, record_id, result_code FROM result"):
        key = by_id.get(did) if did is not None else None
        key = key or (code if code in units else None)
        if key is None:
            loose.append((signed, record_id is not None, rcode))
            continue
        before = result_rows.get(key)
        packed = record_id is not None or (before[1] if before else False)
        result_rows[key] = (signed or (before[0] if before else None), packed)

    total = Figures()
    procedures: dict[str | None, Figures] = defaultdict(Figures)
    names: dict[str | None, str | None] = {}
    months: dict[str, Figures] = defaultdict(Figures)

    def slices(day: str | None, proc: str | None) -> Iterable[Figures]:
        yield procedures[proc]
        if day:
            yield months[day[:7]]

    for key, unit in units.items():
        proc = unit.procedure
        if proc not in names or names[proc] is None:
            names[proc] = unit.procedure_name
        if _in(unit.day, start, end):
            did = unit.dossier_id
            for fig in (total, *slices(unit.day, proc)):
                fig.received += 1
                if unit.digitised and did is not None:
                    fig.digitised += 1
                    fig.components += int(documents.get(did, 0)) + int(reused.get(did, 0))
                    fig.components_reused += int(reused.get(did, 0))
                    fig.pages += int(pages.get(did, 0))
                if did is not None:
                    fig.outbox += waiting.get(did, 0) if fig is not total else 0
            if did is not None and did in delivered and unit.moment is not None:
                arrived = _utc(delivered[did])
                if arrived is not None:
                    hours = (arrived - unit.moment).total_seconds() / 3600
                    for fig in (total, *slices(unit.day, proc)):
                        fig.hours.append(max(0.0, hours))
        # Results
        held = result_rows.get(key)
        if held is None and not unit.register_result:
            continue
        result_day = (held[0] if held and held[0] else None) or unit.register_result_day \
            or unit.day
        if not _in(result_day, start, end):
            continue
        for fig in (total, *slices(result_day, proc)):
            fig.results_issued += 1
            if held is not None and held[1]:
                fig.results_digitised += 1
    for signed, packed, rcode in loose:
        if not _in(signed, start, end):
            continue
        for fig in (total, *slices(signed, _procedure_of_result(rcode))):
            fig.results_issued += 1
            fig.results_digitised += int(packed)
    total.outbox = int(ws.conn.execute(
        f"SELECT COUNT(*) FROM upload_job WHERE state IN ({','.join('?' * len(WAITING))})",
        WAITING).fetchone()[0])
    catalogue_names = _catalogue_names()
    by_procedure = tuple(
        ProcedureFigures(code, names.get(code) or catalogue_names.get(code or ""), fig)
        for code, fig in sorted(procedures.items(),
                                key=lambda kv: (-kv[1].received, -kv[1].results_issued,
                                                kv[0] or "~"))
        if fig.received or fig.results_issued)
    by_month = tuple(MonthFigures(m, fig) for m, fig in sorted(months.items())
                     if fig.received or fig.results_issued)
    return Report(start, end, total, by_procedure, by_month)


@functools.cache
def _catalogue() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Procedure names, and the procedures of each result code, from the shipped catalogue.

    Read as JSON: importing the tagging stage (and its model) would cost more than a report.
    """
    text = (resources.files("resources") / "catalogue" / "procedures.json").read_text("utf-8")
    names: dict[str, str] = {}
    by_result: dict[str, list[str]] = defaultdict(list)
    for p in json.loads(text).get("procedures", ()):
        names[str(p["code"])] = unicodedata.normalize("NFC", str(p.get("name", "")))
        if p.get("result_code"):
            by_result[str(p["result_code"])].append(str(p["code"]))
    return names, {k: tuple(v) for k, v in by_result.items()}


def _catalogue_names() -> dict[str, str]:
    return _catalogue()[0]


def _procedure_of_result(result_code: str | None) -> str | None:
    """The procedure whose result has this code, when only one has it."""
    found = _catalogue()[1].get(result_code or "", ())
    return found[0] if len(found) == 1 else None


def percent(share: float | None) -> str:
    """A share as people read it: ``87,5 %``; unknown is an en dash."""
    if share is None:
        return "–"
    return f"{share * 100:.1f} %".replace(".", ",")


def rows_for_table(report: Report) -> list[tuple[str, ...]]:
    """Header and rows of the by-procedure table (XLSX, PDF and the desktop share it)."""
    rows: list[tuple[str, ...]] = [HEADER]
    for p in report.by_procedure:
        rows.append((p.code or "—", p.name or "—", *_cells(p.figures)))
    rows.append(("", "Tổng cộng", *_cells(report.total)))
    return rows


HEADER: tuple[str, ...] = (
    "Mã thủ tục", "Tên thủ tục", "Tiếp nhận", "Đã số hóa", "Tỷ lệ số hóa",
    "Kết quả", "KQ đã số hóa", "Tỷ lệ KQ", "Thành phần", "Tái sử dụng", "Tỷ lệ tái sử dụng",
    "Trang", "Giờ tới khi giao (trung vị)", "Chờ gửi")


def _cells(f: Figures) -> tuple[str, ...]:
    hours = f.median_hours_to_delivery
    return (str(f.received), str(f.digitised), percent(f.digitised_share),
            str(f.results_issued), str(f.results_digitised), percent(f.results_share),
            str(f.components), str(f.components_reused), percent(f.reuse_share),
            str(f.pages), "–" if hours is None else f"{hours:.1f}".replace(".", ","),
            str(f.outbox))


def period_label(report: Report) -> str:
    def d(x: dt.date | None) -> str:
        return x.strftime("%d/%m/%Y") if x else "…"

    if report.start is None and report.end is None:
        return "Toàn bộ thời gian"
    return f"Từ {d(report.start)} đến {d(report.end)}"


def months_of(report: Report) -> Sequence[MonthFigures]:
    return report.by_month
