"""``sohoa import``: import files or folders as one batch, and process them."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import CLERK_ROLES, open_workspace, report_failure, report_notice
from cli.exitcodes import ExitCode
from dossier import ImportedFile, Problem, import_and_process, import_paths


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import",
        help="import files or folders as one batch (and process them)",
        description="Import PNG, JPEG, TIFF and PDF files, or folders of them, as one batch. "
        "Prints the batch id. Files that cannot be imported are listed on stderr, as are "
        "files already in the workspace (with the batch holding them). A batch an earlier "
        "run left unfinished (killed, power cut) is finished first.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--no-process", action="store_true", help="only import; do not run OCR and tagging"
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="OCR worker processes (default: one per core)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    def progress(outcome: ImportedFile | Problem) -> None:
        if isinstance(outcome, Problem):
            report_failure(outcome.item, outcome.reason)
        elif outcome.notice:
            report_failure(outcome.item, outcome.notice)

    from dossier.session import DiskFull

    with open_workspace(args, CLERK_ROLES, action="import") as ws:
        try:
            if args.no_process:
                report = import_paths(ws, args.paths, on_progress=progress,
                                      on_notice=report_notice)
            else:
                report = import_and_process(ws, args.paths, on_progress=progress,
                                            on_notice=report_notice, jobs=args.jobs)
        except DiskFull as e:
            report_failure(e.item, e.reason)
            return ExitCode.WORKSPACE
        print(report.batch_id, flush=True)
    return ExitCode.SOME_FAILED if report.problems else ExitCode.OK
