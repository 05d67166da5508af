"""``sohoa report``: the digitisation figures for a period, as text, JSON, XLSX or PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from cli.common import OVERSIGHT_ROLES, open_workspace
from cli.exitcodes import ExitCode


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value}: cần ngày dạng YYYY-MM-DD — expected a date YYYY-MM-DD") from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="the digitisation figures",
        description="Dossiers received and digitised, results issued and digitised, components "
                    "reused, pages, median hours from receipt to confirmed delivery and the "
                    "outbox, in total, by procedure and by month, for receipts in the period.")
    parser.add_argument("--from", dest="start", type=_day, default=None, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=_day, default=None, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--xlsx", type=Path, default=None, metavar="FILE",
                        help="also write the report as an XLSX workbook")
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help="also write the printable report (PDF/A)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dossier.report_export import export_report
    from dossier.reports import percent, view_report

    if args.start and args.end and args.start > args.end:
        print("sohoa: --from sau --to — --from is after --to", file=sys.stderr)
        return ExitCode.USAGE
    with open_workspace(args, OVERSIGHT_ROLES, action="report") as ws:
        report = view_report(ws, args.start, args.end)
        for path, kind in ((args.xlsx, "xlsx"), (args.pdf, "pdf")):
            if path is not None:
                export_report(ws, report, path, kind)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return ExitCode.OK
    t = report.total
    hours = t.median_hours_to_delivery
    for label, value in (
            ("Hồ sơ tiếp nhận — received", str(t.received)),
            ("Đã số hóa — digitised", f"{t.digitised} ({percent(t.digitised_share)})"),
            ("Kết quả — results issued", str(t.results_issued)),
            ("Kết quả đã số hóa — results digitised",
             f"{t.results_digitised} ({percent(t.results_share)})"),
            ("Thành phần — components", str(t.components)),
            ("Tái sử dụng — reused", f"{t.components_reused} ({percent(t.reuse_share)})"),
            ("Trang — pages", str(t.pages)),
            ("Giờ tới khi giao (trung vị) — median hours to delivery",
             "–" if hours is None else f"{hours:.1f}"),
            ("Chờ gửi — in the outbox", str(t.outbox))):
        print(f"{label}: {value}")
    if report.by_procedure:
        print()
        for p in report.by_procedure:
            f = p.figures
            print(f"{p.code or '—':<9} {f.received:>6} {f.digitised:>6} "
                  f"{percent(f.digitised_share):>8}  {(p.name or '')[:60]}")
    for path in (args.xlsx, args.pdf):
        if path is not None:
            print(path)
    return ExitCode.OK
