"""``sohoa check``: verify the workspace's database and blobs."""

from __future__ import annotations

import argparse
import json

from cli.common import open_workspace
from cli.exitcodes import ExitCode
from storage import check_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "check",
        help="verify the workspace (database integrity, blob hashes)",
        description="Checks SQLite integrity, every blob's sha256 and that every page has "
        "its blob. Exit status 0 only when the workspace is healthy.",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        report = check_workspace(ws)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "pages": report.pages,
                    "dossiers": report.dossiers,
                    "problems": report.problems,
                },
                ensure_ascii=False,
            )
        )
    else:
        state = "ổn — healthy" if report.ok else "có lỗi — problems found"
        print(f"Kho dữ liệu {state}: {report.pages} trang, {report.dossiers} hồ sơ")
        for problem in report.problems:
            print(f"  - {problem}")
    return ExitCode.OK if report.ok else ExitCode.SOME_FAILED
