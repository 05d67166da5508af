"""``sohoa user add|list|disable|passwd|reset``: the workspace's accounts."""

from __future__ import annotations

import argparse
import json

from cli.common import open_workspace, read_secret
from cli.exitcodes import ExitCode
from dossier import accounts as account_cases
from dossier.session import default_workspace_path, open_with_recovery
from storage.model import Role


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("user", help="accounts: add, list, disable, passwd, reset",
                            description="Manage the workspace's accounts (admin only, except "
                            "changing one's own password).")
    actions = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="new account (password from $SOHOA_NEW_PASSWORD)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    disable = actions.add_parser("disable", help="disable an account (its password stops working)")
    disable.add_argument("name", metavar="NAME")
    disable.set_defaults(func=run_disable)

    passwd = actions.add_parser("passwd", help="change a password (yours, or NAME's as admin)")
    passwd.add_argument("name", nargs="?", metavar="NAME")
    passwd.set_defaults(func=run_passwd)

    reset = actions.add_parser("reset", help="set a new password with the recovery key "
                               "($SOHOA_RECOVERY_KEY, no login needed); unlocks the account")
    reset.add_argument("name", metavar="NAME")
    reset.set_defaults(func=run_reset)


def _new_password(name: str) -> str:
    return read_secret("SOHOA_NEW_PASSWORD", f"Mật khẩu mới — new password for {name}: ",
                       what="new password", confirm=True)


def run_add(args: argparse.Namespace) -> int:
    with open_workspace(args, (Role.ADMIN,), action="user.add") as ws:
        account_cases.add_user(ws, args.name, Role(args.role), _new_password(args.name))
    print(f"Đã thêm — added: {args.name} ({args.role})")
    return ExitCode.OK


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        accounts = account_cases.list_users(ws)
    if args.json:
        print(json.dumps([{"name": a.name, "role": str(a.role), "disabled": a.disabled,
                           "created_at": a.created_at} for a in accounts], ensure_ascii=False))
    else:
        for a in accounts:
            state = "disabled" if a.disabled else "active"
            print(f"{a.name}\t{a.role}\t{state}")
    return ExitCode.OK


def run_disable(args: argparse.Namespace) -> int:
    with open_workspace(args, (Role.ADMIN,), action="user.disable") as ws:
        account_cases.disable_user(ws, args.name)
    print(f"Đã khóa tài khoản — disabled: {args.name}")
    return ExitCode.OK


def run_passwd(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        target = str(args.name or ws.account.name)
        if target != ws.account.name:
            ws.require(Role.ADMIN, action="user.passwd")
        account_cases.change_password(ws, target, _new_password(target))
    print(f"Đã đổi mật khẩu — password changed: {target}")
    return ExitCode.OK


def run_reset(args: argparse.Namespace) -> int:
    root = args.workspace if args.workspace is not None else default_workspace_path()
    recovery = read_secret("SOHOA_RECOVERY_KEY", "Khóa khôi phục — recovery key: ",
                           what="recovery key")
    with open_with_recovery(root, recovery) as ws:
        account_cases.reset_user(ws, args.name, _new_password(args.name))
    print(f"Đã đặt lại mật khẩu — password reset: {args.name}")
    return ExitCode.OK
