"""``sohoa init --admin NAME``: create a new encrypted workspace and print its recovery key."""

from __future__ import annotations

import argparse
import sys

from cli.common import read_secret
from cli.exitcodes import ExitCode
from dossier.session import (
    StorageError,
    create_workspace,
    default_workspace_path,
    workspace_exists,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "init",
        help="create a new encrypted workspace with its first admin",
        description="Creates an encrypted workspace; NAME becomes its admin (password from "
        "$SOHOA_PASSWORD, else asked twice). Prints the recovery key once: print it and keep "
        "it safe, it is the only way back in if every admin password is lost.",
    )
    parser.add_argument("--admin", required=True, metavar="NAME")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = args.workspace if args.workspace is not None else default_workspace_path()
    if workspace_exists(root):
        print(f"sohoa: {root}: đã có thư mục làm việc ở đây — a workspace already exists here",
              file=sys.stderr)
        return ExitCode.WORKSPACE
    password = read_secret("SOHOA_PASSWORD", f"Mật khẩu mới — new password for {args.admin}: ",
                           what="password", confirm=True)
    try:
        ws, recovery = create_workspace(root, args.admin, password)
    except StorageError as e:
        print(f"sohoa: {e}", file=sys.stderr)
        return ExitCode.WORKSPACE
    ws.close()
    print(f"Đã tạo thư mục làm việc — workspace created: {root} (admin {args.admin})",
          file=sys.stderr)
    print("Khóa khôi phục, chỉ hiện một lần: in ra và cất giữ — recovery key, shown once: "
          "print it and keep it safe:", file=sys.stderr)
    print(recovery, flush=True)
    return ExitCode.OK
