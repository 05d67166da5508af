"""``sohoa subject IDNUMBER``: everything the workspace holds about one person; export; erase."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import open_workspace, report_failure
from cli.exitcodes import ExitCode

HELP = """\
Lists every dossier, document, page and record that names the ID number (or
the person's name with it), with state and dates. --export DIR writes a zip
the person can read (summary and page images). --erase deletes it all where
the law allows: dossiers the province confirmed are erased at once; one not
yet delivered is refused unless --override REASON is given (admins). Every
request is logged, with a hash of the number, not the number.
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "subject", help="what the workspace holds about one person (leaders, admins)",
        description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("id_number", metavar="IDNUMBER")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--export", type=Path, metavar="DIR", default=None,
                        help="write a readable package (zip) for the person into DIR")
    parser.add_argument("--erase", action="store_true",
                        help="erase what is held, where the law allows")
    parser.add_argument("--override", metavar="REASON", default=None,
                        help="with --erase: also erase dossiers not yet delivered (admin)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dossier.subjects import (
        SubjectError,
        erase_subject,
        export_subject,
        find_subject,
        summary_text,
    )

    with open_workspace(args) as ws:
        try:
            report = find_subject(ws, args.id_number)
            if args.export is not None:
                path = export_subject(ws, report.id_number, args.export)
                print(f"{path}", flush=True)
            if args.erase:
                erased = erase_subject(ws, report.id_number, override_reason=args.override)
                print(f"đã xóa {len(erased.erased)} hồ sơ, {erased.pages} trang — erased "
                      f"{len(erased.erased)} dossier(s), {erased.pages} page(s)", flush=True)
                return int(ExitCode.OK)
        except SubjectError as e:
            item, _, reason = str(e).partition(": ")
            report_failure(item, reason)
            return int(ExitCode.SOME_FAILED)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    elif args.export is None:
        print(summary_text(report), end="")
    return int(ExitCode.OK)
