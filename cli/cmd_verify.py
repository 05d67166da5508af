"""``sohoa verify PACKAGE...``: check electronic records (BagIt, PDF/A-2b, manifest, pages).

Exit 0 when every package is valid; otherwise one ``PACKAGE: reason`` line per problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import report_failure
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help="check electronic record packages",
        description="Checks BagIt checksums, PDF/A-2b conformance, the manifest against its "
                    "schema, and each PDF's page count and text layer.",
    )
    parser.add_argument("packages", nargs="+", type=Path, metavar="PACKAGE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from records import verify_package
    from records.verify import MIN_DPI

    failed = False
    for package in args.packages:
        try:
            report = verify_package(package)
        except Exception as e:  # a hostile package must never stop the others being checked
            report_failure(str(package), f"không kiểm tra được — could not be checked "
                                         f"({type(e).__name__}: {e})"[:500])
            failed = True
            continue
        for problem in report.problems:
            report_failure(str(package), problem)
        if report.ok:
            low = ""
            if report.low_resolution_pages:
                low = (f"; {report.low_resolution_pages} trang dưới {MIN_DPI} dpi, thấp hơn "
                       f"mức Nghị định 30/2020 yêu cầu — {report.low_resolution_pages} pages "
                       f"below the {MIN_DPI} dpi Decree 30/2020 asks for")
            print(f"{package}: hợp lệ — valid ({report.documents} documents, "
                  f"{report.pages} pages{low})", flush=True)
        else:
            failed = True
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)
