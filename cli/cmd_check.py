"""``sohoa check``: verify everything in the workspace; ``--repair`` fixes what it safely can."""

from __future__ import annotations

import argparse
import json

from cli.common import open_workspace, printable, report_notice
from cli.exitcodes import ExitCode
from dossier.repair import HealthReport, check_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check",
        help="verify the workspace (database, blobs, batches, dossiers, outbox)",
        description="Checks SQLite integrity, every blob's sha256, that every page has its "
        "blob, batches left unfinished by a crash, pages in no dossier or in two, outbox "
        "packages and records whose files are gone or altered. Exit status 0 only when the "
        "workspace is healthy. --repair finishes interrupted batches, re-attaches pages and "
        "restores lost packages from identical files, then reports what is left.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.add_argument("--repair", action="store_true",
                        help="fix what can be fixed without guessing, then check again")
    parser.add_argument("--jobs", type=int, default=None,
                        help="OCR worker processes when repairing (default: one per core)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fixed: list[str] = []
    with open_workspace(args) as ws:
        if args.repair:
            from dossier.repair import repair_workspace

            repaired = repair_workspace(ws, jobs=args.jobs, on_notice=report_notice)
            fixed, report = repaired.fixed, repaired.after
        else:
            report = check_workspace(ws)
    if args.json:
        payload: dict[str, object] = {
            "ok": report.ok,
            "pages": report.pages,
            "dossiers": report.dossiers,
            "problems": report.problems,
        }
        if args.repair:
            payload["repaired"] = fixed
        if report.in_progress:
            payload["in_progress"] = report.in_progress
        print(json.dumps(payload, ensure_ascii=False))
    else:
        _print_text(report, fixed)
    return ExitCode.OK if report.ok else ExitCode.SOME_FAILED


def _print_text(report: HealthReport, fixed: list[str]) -> None:
    for line in fixed:
        print(f"đã sửa — repaired: {printable(line)}")
    state = "ổn — healthy" if report.ok else "có lỗi — problems found"
    print(f"Kho dữ liệu {state}: {report.pages} trang, {report.dossiers} hồ sơ")
    for batch_id in report.in_progress:
        print(f"  (lô {batch_id} đang được xử lý — batch {batch_id} is being worked on)")
    for problem in report.problems:
        print(f"  - {printable(problem)}")
