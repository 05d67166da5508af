"""``sohoa verify PACKAGE...``: check electronic records (BagIt, PDF/A-2b, manifest, pages).

Exit 0 when every package is valid; otherwise one ``PACKAGE: reason`` line per problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import report_failure
from cli.exitcodes import ExitCode

if TYPE_CHECKING:
    from records import VerifyReport


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help="check electronic record packages",
        description="Checks BagIt checksums, PDF/A-2b conformance, the manifest against its "
                    "schema, and each PDF's page count and text layer.",
    )
    parser.add_argument("--trust", type=Path, metavar="FILE",
                        help="trust anchors (PEM or DER certificates): each signature must "
                             "chain to one of them")
    parser.add_argument("--require-signature", action="store_true",
                        help="fail every PDF that is not signed or whose signature is broken")
    parser.add_argument("packages", nargs="+", type=Path, metavar="PACKAGE")
    parser.set_defaults(func=run)


def _signature_lines(report: VerifyReport) -> list[str]:
    """One line per PDF: signed or not, by whom, when, intact, trusted."""
    lines = []
    for document in report.signatures:
        if not document.signed:
            lines.append(f"  {document.name}: chưa ký số — not signed")
        for sig in document.signatures:
            when = sig.timestamp or sig.signed_at
            trusted = {True: "tin cậy — trusted", False: "KHÔNG tin cậy — NOT trusted",
                       None: "chưa kiểm tra tin cậy — trust not checked"}[sig.trusted]
            lines.append(
                f"  {document.name}: ký bởi — signed by {sig.signer}; "
                f"lúc — at {when:%Y-%m-%d %H:%M:%S %Z}"
                f"{' (dấu thời gian — timestamped)' if sig.timestamp else ''}; "
                f"{'nguyên vẹn — intact' if sig.intact else 'HỎNG — BROKEN'}; {trusted}; "
                f"PAdES {sig.level}" if when else
                f"  {document.name}: chữ ký không đọc được — unreadable signature")
    return lines


def run(args: argparse.Namespace) -> int:
    from cli.signing import signature_check
    from records import RecordsError, verify_package
    from vntext.digitisation import MIN_DPI

    try:
        signatures = signature_check(args)
    except RecordsError as e:
        report_failure(str(args.trust), str(e))
        return int(ExitCode.USAGE)
    failed = False
    for package in args.packages:
        try:
            report = verify_package(package, signatures=signatures)
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
        if any(d.signed for d in report.signatures) or args.require_signature:
            for line in _signature_lines(report):
                print(line, flush=True)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)
