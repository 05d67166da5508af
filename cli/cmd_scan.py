"""``sohoa scan``: scan a batch into the workspace, recognising pages while the feeder runs."""

from __future__ import annotations

import argparse
import sys

from capture import DEFAULT_DPI, ColorMode, PaperSource, ScannedPage, ScanProfile, page_size
from cli.common import CLERK_ROLES, open_workspace, report_failure
from cli.exitcodes import ExitCode
from dossier.scanning import choose_source, scan_to_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "scan", help="scan a batch into the workspace",
        description="Scan pages as one batch, recognise them while the scanner runs and split "
        "the stack into dossiers at cover sheets. Prints the batch id. DEVICE is a SANE name "
        "(`test` is SANE's virtual scanner), an eSCL address (http://HOST[:PORT]/eSCL or "
        "escl:HOST) or wia:ID on Windows.",
    )
    parser.add_argument("--device", default=None, help="scanner (default: the first one found)")
    parser.add_argument("--source", choices=[s.value for s in PaperSource],
                        default=PaperSource.ADF.value, help="paper source (default: adf)")
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI,
                        help=f"resolution, at least 200 (default {DEFAULT_DPI})")
    colour = parser.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_const", const=ColorMode.COLOR,
                        default=ColorMode.COLOR, help="scan in colour (default)")
    colour.add_argument("--gray", dest="color", action="store_const", const=ColorMode.GRAY,
                        help="scan in grayscale")
    parser.add_argument("--pages", type=int, default=None,
                        help="stop after N pages (default: until the feeder is empty; 1 on "
                        "a flatbed)")
    parser.add_argument("--page-size", default="A4",
                        help="A4, A5, Letter, Legal or WIDTHxHEIGHT in mm (default A4)")
    parser.add_argument("--no-process", action="store_true",
                        help="only import; no OCR, no splitting into dossiers")
    parser.add_argument("--blank-separates", action="store_true",
                        help="a blank sheet also separates dossiers")
    parser.add_argument("--jobs", type=int, default=None,
                        help="OCR worker processes (default: one per core)")
    parser.add_argument("--sane-option", action="append", default=[], metavar="OPTION",
                        help="extra scanimage option, e.g. --sane-option=--test-picture=Grid")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    profile = ScanProfile(source=PaperSource(args.source), dpi=args.dpi, color=args.color,
                          size=page_size(args.page_size))
    source, device = choose_source(args.device, tuple(args.sane_option))
    if args.pages is not None and args.pages < 1:
        print("sohoa: --pages phải ≥ 1 — --pages must be at least 1", file=sys.stderr)
        return ExitCode.USAGE

    def scanned(page: ScannedPage) -> None:
        print(f"đã quét trang {page.index + 1} — scanned page {page.index + 1}",
              file=sys.stderr, flush=True)

    pages = source.scan(device, profile, max_pages=args.pages)
    label = f"{device} {profile.source} {profile.dpi}dpi {profile.color}"
    with open_workspace(args, CLERK_ROLES, action="scan") as ws:
        report = scan_to_workspace(
            ws, pages, label=label, process=not args.no_process,
            blank_separates=args.blank_separates, jobs=args.jobs, on_scanned=scanned,
        )
        for problem in report.problems:
            report_failure(problem.item, problem.reason)
        if report.error is not None:
            report_failure(device, str(report.error))
        if report.dossier_ids:
            print(f"{len(report.dossier_ids)} hồ sơ — dossier(s): "
                  + ", ".join(str(d) for d in report.dossier_ids), file=sys.stderr)
        print(report.batch_id, flush=True)
    failed = report.problems or report.error is not None or report.failed
    return ExitCode.SOME_FAILED if failed else ExitCode.OK
