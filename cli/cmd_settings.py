"""``sohoa settings [KEY [VALUE]]``: print the settings, one, or set one (admin; audited)."""

from __future__ import annotations

import argparse
import sys

from cli.common import open_workspace
from cli.exitcodes import ExitCode
from storage.model import Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "settings",
        help="print all settings, one, or set one (admin)",
        description="Without KEY prints every setting; with KEY prints it; with KEY VALUE "
        "sets it (admin only; every change is in the audit log).",
    )
    parser.add_argument("key", nargs="?", metavar="KEY")
    parser.add_argument("value", nargs="?", metavar="VALUE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.value is not None:
        with open_workspace(args, (Role.ADMIN,), action="setting.change") as ws:
            ws.set_setting(args.key, args.value)
        return ExitCode.OK
    with open_workspace(args) as ws:
        if args.key is None:
            for key, value in ws.settings().items():
                print(f"{key}\t{value}")
            return ExitCode.OK
        found = ws.get_setting(args.key)
    if found is None:
        print(f"{args.key}: chưa đặt — not set", file=sys.stderr)
        return ExitCode.SOME_FAILED
    print(found)
    return ExitCode.OK
