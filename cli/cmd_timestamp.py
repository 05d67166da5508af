"""``sohoa timestamp PACKAGE...``: raise packages signed offline to PAdES B-T (a timestamp)
or B-LT (``--ltv``: revocation data too) before they are sent.

Each package is rebuilt around its upgraded PDFs, verified, and replaced in place.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.common import open_workspace, report_failure, workspace_named
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "timestamp", help="add a timestamp (and revocation data) to signed packages",
        description="Adds a document timestamp to every signed PDF of each package that has "
                    "none (PAdES B-T); with --ltv also the certificates' revocation data "
                    "(B-LT). The package is verified and replaced in place.",
    )
    parser.add_argument("--tsa", metavar="URL",
                        help="timestamp server (default: the workspace's signing.tsa_url)")
    parser.add_argument("--ltv", action="store_true",
                        help="embed revocation data too (needs --trust or signing.trust)")
    parser.add_argument("--trust", type=Path, metavar="FILE",
                        help="trust anchors (PEM) the chains are built to, for --ltv")
    parser.add_argument("packages", nargs="+", type=Path, metavar="PACKAGE")
    parser.set_defaults(func=run)


def _defaults(args: argparse.Namespace) -> tuple[str | None, Path | None]:
    if args.tsa and (args.trust or not args.ltv):
        return args.tsa, args.trust
    if not workspace_named(args):
        return args.tsa, args.trust
    from dossier import signing

    with open_workspace(args) as ws:
        trust = ws.get_setting(signing.TRUST)
        return (args.tsa or ws.get_setting(signing.TSA_URL),
                args.trust or (Path(trust) if trust else None))


def run(args: argparse.Namespace) -> int:
    from records import RecordsError, load_certificates
    from records.upgrade import upgrade_package

    tsa, trust = _defaults(args)
    if not tsa:
        report_failure("--tsa", "chưa có máy chủ dấu thời gian — no timestamp server "
                                "(give --tsa URL or set signing.tsa_url)")
        return int(ExitCode.USAGE)
    if args.ltv and trust is None:
        report_failure("--ltv", "cần chứng thư gốc tin cậy (--trust) — needs --trust FILE")
        return int(ExitCode.USAGE)
    try:
        anchors = tuple(load_certificates(trust)) if trust else ()
    except RecordsError as e:
        report_failure(str(trust), str(e))
        return int(ExitCode.USAGE)
    failed = False
    for package in args.packages:
        try:
            result = upgrade_package(package, tsa, revocation=args.ltv, trust=anchors)
        except RecordsError as e:
            report_failure(str(package), str(e))
            failed = True
            continue
        done = (f"{len(result.upgraded)} tệp được nâng cấp — {len(result.upgraded)} files "
                "upgraded" if result.upgraded else "không cần nâng cấp — nothing to upgrade")
        print(f"{package}: PAdES {result.level} ({done})", flush=True)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)
