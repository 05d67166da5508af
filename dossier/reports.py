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
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from storage import Role, Workspace
from storage import reports as report_store

VIETNAM = dt.timezone(dt.timedelta(hours=7))
WAITING = report_store.WAITING

#: Keys of ``sohoa report --json``, in the order DESIGN.md lists them.
JSON_KEYS = ("received", "digitised", "digitised_share", "results_issued", "results_digitised",
             "results_share", "components", "components_reused", "reuse_share", "pages",
             "median_hours_to_delivery", "outbox", "by_procedure", "by_month")


#: Who may read the figures: leaders (read-only) and admins (DESIGN.md, accounts and roles).
REPORT_ROLES = (Role.LEADER, Role.ADMIN)


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


def _in(day: str | None, start: str | None, end: str | None) -> bool:
    if start is None and end is None:
        return True
    if not day:
        return False
    d = day[:10]
    return (start is None or d >= start) and (end is None or d <= end)


def _epoch_of_day(day: str | None) -> float | None:
    """00:00 in Vietnam of a YYYY-MM-DD, in seconds since the epoch."""
    try:
        return dt.datetime.fromisoformat(day).replace(tzinfo=VIETNAM).timestamp() \
            if day else None
    except ValueError:
        return None


# A cell's counts, in this order (one list per procedure x month).
_RECEIVED, _DIGITISED, _COMPONENTS, _REUSED, _PAGES, _OUTBOX, _ISSUED, _RESULTS_DIGITISED = \
    range(8)


def build_report(ws: Workspace, start: dt.date | None = None,
                 end: dt.date | None = None) -> Report:
    """The figures for receipts from ``start`` to ``end`` inclusive (either open).

    The rows come from :mod:`storage.reports`; each received dossier is counted once into
    its cell (procedure x month), and the slices are sums of cells.
    """
    from dossier.register import date_from_code, status_says_issued

    lo = start.isoformat() if start else None
    hi = end.isoformat() if end else None
    # Units: one per received dossier code; [day, receipt s, procedure, dossier id,
    # register says issued, register's result day, procedure name].
    units: dict[str, list[Any]] = {}
    names: dict[str | None, str | None] = {}
    for code, proc, proc_name, day, received_s, issued, status, issued_day in \
            report_store.register_rows(ws):
        units[code] = [day, received_s, proc, None, bool(issued) or status_says_issued(status),
                       issued_day, proc_name]
    by_id: dict[int, str] = {}
    for did, code, provisional, proc, received_day in report_store.dossier_rows(ws):
        key = code or provisional
        unit = units.get(key)
        if unit is None:
            day = received_day or (date_from_code(code) if code else None)
            unit = units[key] = [day, _epoch_of_day(day), None, None, False, None, None]
        unit[3] = did
        unit[2] = unit[2] or proc
        by_id[did] = key
    for unit in units.values():  # each procedure's name: the first the register gives
        if names.get(unit[2]) is None:
            names[unit[2]] = unit[6]

    # Results: one per dossier counts once (the latest date signed, packed if any is).
    held: dict[str, tuple[str | None, bool]] = {}
    loose: list[tuple[str | None, bool, str | None]] = []  # results of no dossier known here
    for rdid, rcode, signed, packed, result_code in report_store.result_rows(ws):
        key = by_id.get(rdid) if rdid is not None else None
        key = key or (rcode if rcode in units else None)
        if key is None:
            loose.append((signed, bool(packed), result_code))
            continue
        before = held.get(key)
        held[key] = (signed or (before[0] if before else None),
                     bool(packed) or (before[1] if before else False))

    n = report_store.dossier_counts(ws)
    documents, pages, reused = n.documents, n.pages, n.reused
    delivered, waiting = n.delivered, n.waiting
    digitised = n.packed | set(n.purged)
    for did, (purged_pages, purged_delivered) in n.purged.items():
        pages[did] = pages.get(did, 0) + purged_pages
        if did not in delivered and purged_delivered is not None:
            delivered[did] = purged_delivered

    cells: dict[tuple[str | None, str | None], list[int]] = {}
    hours: dict[tuple[str | None, str | None], list[float]] = {}

    def cell(proc: str | None, day: str | None) -> list[int]:
        k = (proc, day[:7] if day else None)
        found = cells.get(k)
        if found is None:
            found = cells[k] = [0] * 8
        return found

    for key, (day, received_s, proc, did, register_result, register_day, _) in units.items():
        if _in(day, lo, hi):
            c = cell(proc, day)
            c[_RECEIVED] += 1
            if did is not None:
                if did in digitised:
                    c[_DIGITISED] += 1
                    used = reused.get(did, 0)
                    c[_COMPONENTS] += documents.get(did, 0) + used
                    c[_REUSED] += used
                    c[_PAGES] += pages.get(did, 0)
                c[_OUTBOX] += waiting.get(did, 0)
                arrived = delivered.get(did)
                if arrived is not None and received_s is not None:
                    hours.setdefault((proc, day[:7] if day else None), []).append(
                        max(0.0, (arrived - received_s) / 3600))
        got = held.get(key)
        if got is None and not register_result:
            continue
        result_day = (got[0] if got else None) or register_day or day
        if _in(result_day, lo, hi):
            c = cell(proc, result_day)
            c[_ISSUED] += 1
            c[_RESULTS_DIGITISED] += bool(got and got[1])
    for signed, packed, result_code in loose:
        if _in(signed, lo, hi):
            c = cell(_procedure_of_result(result_code), signed)
            c[_ISSUED] += 1
            c[_RESULTS_DIGITISED] += packed

    total, procedures, months = Figures(), {}, {}
    for (proc, month), c in cells.items():
        delays = hours.get((proc, month), [])
        slices = [(total, True), (procedures.setdefault(proc, Figures()), False)]
        if month:
            slices.append((months.setdefault(month, Figures()), False))
        for fig, is_total in slices:
            fig.received += c[_RECEIVED]
            fig.digitised += c[_DIGITISED]
            fig.components += c[_COMPONENTS]
            fig.components_reused += c[_REUSED]
            fig.pages += c[_PAGES]
            fig.outbox += 0 if is_total else c[_OUTBOX]
            fig.results_issued += c[_ISSUED]
            fig.results_digitised += c[_RESULTS_DIGITISED]
            fig.hours.extend(delays)
    total.outbox = report_store.outbox_waiting(ws)
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


def view_report(ws: Workspace, start: dt.date | None = None,
                end: dt.date | None = None) -> Report:
    """The report as a person reads it: refused (and logged) for a clerk, logged when read."""
    ws.require(*REPORT_ROLES, action="report")
    report = build_report(ws, start, end)
    ws.audit.record("report.view", detail=f"{_period_key(start, end)}: "
                    f"{report.total.received} received")
    return report


def _period_key(start: dt.date | None, end: dt.date | None) -> str:
    return f"{start.isoformat() if start else '…'}..{end.isoformat() if end else '…'}"


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
