"""``sohoa purge``: delete the local copies of dossiers delivered more than retention.days ago."""

from __future__ import annotations

import argparse
import json

from cli.common import CLERK_ROLES, open_workspace, report_failure
from cli.exitcodes import ExitCode

HELP = """\
Deletes the local copies (originals, page images, text, packages) of every
dossier whose records the province confirmed (upload finished, sha256
checked) more than retention.days ago (default 30). Kept: codes, procedure,
dates, counts and hashes, for reports and the audit trail. Dossiers not
confirmed delivered (queued, failed, only exported to USB) are never touched.
Safe to interrupt: the next run finishes what was cut short.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "purge", help="delete local copies of delivered dossiers after the retention period",
        description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dry-run", action="store_true",
                        help="only say what would be deleted")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dossier.retention import purge
    from dossier.session import DiskFull

    # Anyone may look (a dry run); deleting is a clerk's or an admin's act, never a
    # read-only leader's. The start-up purge of the app follows the retention setting.
    roles = None if args.dry_run else CLERK_ROLES
    with open_workspace(args, roles, action="purge") as ws:
        try:
            report = purge(ws, dry_run=args.dry_run)
        except DiskFull as e:
            report_failure(e.item, e.reason)
            return int(ExitCode.WORKSPACE)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return int(ExitCode.OK)
    verb = "sẽ xóa — would purge" if report.dry_run else "đã xóa — purged"
    for d in report.dossiers:
        print(f"{verb}: {d.code or d.provisional_id} ({d.procedure_code or '?'}, "
              f"{d.pages} pages, delivered {d.delivered_at})")
    print(f"{len(report.dossiers)} hồ sơ, {report.blobs_deleted} tệp, "
          f"{report.bytes_freed / 1e6:.1f} MB — {len(report.dossiers)} dossier(s) "
          f"(retention {report.retention_days} days, delivered before {report.cutoff})")
    return int(ExitCode.OK)
