"""``sohoa timestamp PACKAGE...``: raise packages signed offline to PAdES B-T (a timestamp)
or B-LT (``--ltv``: revocation data too) before they are sent.

Each package is rebuilt around its upgraded PDFs, verified, and replaced in place. With a
workspace named, a package waiting in its outbox is replaced there by the upgraded one;
``--outbox`` upgrades every signed package waiting in the outbox.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.common import open_workspace, report_failure, workspace_named
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "timestamp", help="add a timestamp (and revocation data) to signed packages",
        description="Adds a document timestamp to every signed PDF of each package that has "
                    "none (PAdES B-T); with --ltv also the certificates' revocation data "
                    "(B-LT). The package is verified and replaced in place; with a "
                    "workspace named, its copy waiting in the outbox is replaced too. "
                    "--outbox upgrades every signed package waiting in the outbox.",
    )
    parser.add_argument("--tsa", metavar="URL",
                        help="timestamp server (default: the workspace's signing.tsa_url)")
    parser.add_argument("--ltv", action="store_true",
                        help="embed revocation data too (needs --trust or signing.trust)")
    parser.add_argument("--trust", type=Path, metavar="FILE",
                        help="trust anchors (PEM) the chains are built to, for --ltv")
    parser.add_argument("--outbox", action="store_true",
                        help="upgrade every signed package waiting in the workspace's outbox")
    parser.add_argument("packages", nargs="*", type=Path, metavar="PACKAGE")
    parser.set_defaults(func=run, parser=parser)


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
    if not args.packages and not args.outbox:
        args.parser.error("give packages (PACKAGE) or --outbox")
    failed = False
    if args.outbox:
        failed = _upgrade_outbox(args, tsa, anchors)
    for package in args.packages:
        try:
            before = _sha(package)
            result = upgrade_package(package, tsa, revocation=args.ltv, trust=anchors)
        except (RecordsError, OSError) as e:
            report_failure(str(package), str(e))
            failed = True
            continue
        done = (f"{len(result.upgraded)} tệp được nâng cấp — {len(result.upgraded)} files "
                "upgraded" if result.upgraded else "không cần nâng cấp — nothing to upgrade")
        print(f"{package}: PAdES {result.level} ({done})", flush=True)
        if result.upgraded and workspace_named(args):
            from dossier.signing import replace_queued

            with open_workspace(args) as ws:
                if replace_queued(ws, before, Path(package)):
                    print(f"{package}: bản trong hàng đợi gửi đã được thay — the copy "
                          "waiting in the outbox was replaced", file=sys.stderr, flush=True)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)


def _sha(path: Path) -> str:
    import hashlib

    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _upgrade_outbox(args: argparse.Namespace, tsa: str, anchors: tuple[object, ...]) -> bool:
    """Upgrade the outbox's signed packages; True when it could not."""
    from dossier.signing import upgrade_queued
    from records import RecordsError

    with open_workspace(args) as ws:
        try:
            done = upgrade_queued(ws, tsa, revocation=args.ltv, trust=anchors)
        except RecordsError as e:
            report_failure("--outbox", str(e))
            return True
    for item in done:
        where = ("đã thay trong hàng đợi — replaced in the outbox" if item.replaced
                 else "đã gửi trong lúc đó, giữ nguyên — sent meanwhile, left as it was")
        print(f"{item.package_name}: PAdES {item.level} ({item.files} files upgraded; "
              f"{where})", flush=True)
    if not done:
        print("--outbox: không có gói nào cần nâng cấp — no queued package to upgrade",
              file=sys.stderr, flush=True)
    return False
