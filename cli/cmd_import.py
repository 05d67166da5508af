"""``sohoa import``: import files or folders as one batch, and process them."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import CLERK_ROLES, open_workspace, report_failure, report_notice
from cli.exitcodes import ExitCode
from dossier import ImportedFile, PageProcessed, Problem, import_and_process, import_paths
from dossier.session import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import",
        help="import files or folders as one batch (and process them)",
        description="Import pictures (PNG, JPEG, TIFF of any depth, GIF, BMP, WEBP, HEIC) and "
        "PDF files, or folders of them, as one batch. "
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
    files: dict[int, tuple[str, int]] = {}   # page id -> (file as given, its page count)
    failed_pages: list[int] = []

    def progress(outcome: ImportedFile | Problem) -> None:
        if isinstance(outcome, Problem):
            report_failure(outcome.item, outcome.reason)
            return
        for page_id in outcome.page_ids:
            files[page_id] = (outcome.item, len(outcome.page_ids))
        if outcome.notice:
            report_failure(outcome.item, outcome.notice)

    from dossier.session import DiskFull

    with open_workspace(args, CLERK_ROLES, action="import") as ws:

        def page_done(event: PageProcessed) -> None:
            # A page OCR could not read is a failure like a refused file: one line, exit 1.
            if event.ok:
                return
            failed_pages.append(event.page_id)
            report_failure(*_page_line(ws, files, event))

        try:
            if args.no_process:
                report = import_paths(ws, args.paths, on_progress=progress,
                                      on_notice=report_notice)
            else:
                report = import_and_process(ws, args.paths, on_progress=progress,
                                            on_page=page_done, on_notice=report_notice,
                                            jobs=args.jobs)
        except DiskFull as e:
            report_failure(e.item, e.reason)
            return ExitCode.WORKSPACE
        print(report.batch_id, flush=True)
    return ExitCode.SOME_FAILED if report.problems or failed_pages else ExitCode.OK


def _page_line(ws: Workspace, files: dict[int, tuple[str, int]],
               event: PageProcessed) -> tuple[str, str]:
    """``FILE`` and ``[trang N: ]reason`` for a page that failed, the way ``sohoa ocr``
    names them."""
    from dossier.queries import get_page

    reason = event.error or "không nhận dạng được — could not be recognised"
    page = get_page(ws, event.page_id)
    item, count = files.get(event.page_id, (page.source_name if page else str(event.page_id),
                                             0))
    if page is not None and (count > 1 or page.source_page > 0):
        reason = f"trang {page.source_page + 1}: {reason}"
    return item, reason
