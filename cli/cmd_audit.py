"""``sohoa audit``: read the audit log (leader, admin); ``sohoa audit verify``: check its chain."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from cli.common import OVERSIGHT_ROLES, open_workspace
from cli.exitcodes import ExitCode
from dossier import audit_log
from storage.model import AuditEntry


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text}: not a date (YYYY-MM-DD)") from e


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "audit",
        help="the audit log (leader, admin); 'audit verify' checks it is intact",
        description="Lists who did what. 'sohoa audit verify' exits 0 when the chain of "
        "entries is intact, 1 naming the first broken entry.",
    )
    parser.add_argument("what", nargs="?", choices=["verify"], help="verify the chain")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--user", dest="filter_user", metavar="NAME", help="only this account")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="before this day")
    parser.add_argument("--dossier", metavar="ID", help="only entries about this dossier")
    parser.add_argument("--subject", metavar="IDNUMBER",
                        help="only entries about this citizen's ID number")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="also write the entries to FILE as CSV (an export: audited)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_workspace(args, OVERSIGHT_ROLES, action="audit.view") as ws:
        if args.what == "verify":
            report = audit_log.verify_chain(ws)
            print(report.message())
            return ExitCode.OK if report.ok else ExitCode.SOME_FAILED
        entries = audit_log.entries(ws, user=args.filter_user, since=args.since,
                                    until=args.until, dossier=args.dossier,
                                    subject=args.subject)
        if args.csv is not None:
            audit_log.export_csv(ws, entries, args.csv)
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False))
    else:
        for entry in entries:
            print(_line(entry))
    return ExitCode.OK


def _line(e: AuditEntry) -> str:
    where = " ".join(x for x in (f"dossier {e.dossier}" if e.dossier else "", e.item or "") if x)
    return "\t".join((e.at, e.user, e.action, e.outcome, where, e.detail or ""))
