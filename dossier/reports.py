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

from storage import Role, Workspace, transaction
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


_epoch_of_day = report_store._epoch_of_day


# A cell's counts, in this order (one list per procedure x month).
_RECEIVED, _DIGITISED, _COMPONENTS, _REUSED, _PAGES, _OUTBOX, _ISSUED, _RESULTS_DIGITISED = \
    range(8)


def build_report(ws: Workspace, start: dt.date | None = None,
                 end: dt.date | None = None) -> Report:
    """The figures for receipts from ``start`` to ``end`` inclusive (either open).

    Read from the summary table :mod:`storage.reports` keeps (one row per received dossier,
    summed by procedure x month in SQL); the slices are sums of those cells.
    """
    conn = ws.conn
    if report_store.pending(conn):  # an outside writer left units to recompute
        with transaction(conn):
            pass  # the commit refreshes them
    lo = start.isoformat() if start else None
    hi = end.isoformat() if end else None
    cells: dict[tuple[str | None, str | None], list[int]] = {}

    def cell(proc: str | None, month: str | None) -> list[int]:
        k = (proc, month)
        found = cells.get(k)
        if found is None:
            found = cells[k] = [0] * 8
        return found

    for proc, month, received, digitised, components, reused, pages, outbox in \
            report_store.received_cells(conn, lo, hi):
        c = cell(proc, month)
        c[_RECEIVED] += received
        c[_DIGITISED] += digitised
        c[_COMPONENTS] += components
        c[_REUSED] += reused
        c[_PAGES] += pages
        c[_OUTBOX] += outbox
    for proc, month, issued, digitised in report_store.result_cells(conn, lo, hi):
        c = cell(proc, month)
        c[_ISSUED] += issued
        c[_RESULTS_DIGITISED] += digitised
    for signed, packed, result_code in report_store.loose_results(conn):
        if _in(signed, lo, hi):
            c = cell(_procedure_of_result(result_code), signed[:7] if signed else None)
            c[_ISSUED] += 1
            c[_RESULTS_DIGITISED] += packed

    total = Figures()
    procedures: dict[str | None, Figures] = {}
    months: dict[str, Figures] = {}
    for (proc, month), c in cells.items():
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
    for proc, month, delay in report_store.delivery_hours(conn, lo, hi):
        total.hours.append(delay)
        procedures[proc].hours.append(delay)
        if month:
            months[month].hours.append(delay)
    total.outbox = report_store.outbox_waiting(conn)
    names = report_store.procedure_names(conn)
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
