"""``sohoa search``: full-text search over page text, diacritic-insensitive."""

from __future__ import annotations

import argparse

from cli.common import CLERK_ROLES, open_workspace
from cli.exitcodes import ExitCode
from dossier import search


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "search",
        help="search the text of every page (marks optional)",
        description="Full-text search; 'dang ky ket hon' finds 'đăng ký kết hôn'.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY")
    parser.add_argument("--limit", type=int, default=20)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Page text is personal data: the desk's work, not a leader's (as in the desktop).
    with open_workspace(args, CLERK_ROLES, action="search") as ws:
        hits = search(ws, " ".join(args.query), limit=args.limit)
    for hit in hits:
        print(f"page {hit.page_id}\tbatch {hit.batch_id}\t{hit.source_name}\t{hit.snippet}")
    if not hits:
        print("Không tìm thấy — no matches")
    return ExitCode.OK
