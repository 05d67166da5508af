"""Helpers shared by the command modules: opening the workspace with a login, failures."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import unicodedata

from dossier.session import (
    LoginError,
    NeedsMigration,
    Workspace,
    default_workspace_path,
)
from dossier.session import open_workspace as open_workspace_at
from storage.model import Role

#: Who may run the commands that change dossiers (scan, import, pack, send).
CLERK_ROLES = (Role.CLERK, Role.ADMIN)
#: Who may read the audit log and the reports.
OVERSIGHT_ROLES = (Role.LEADER, Role.ADMIN)

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional overrides and isolates could make a name read as another one.
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


_VI = {"password": "mật khẩu", "new password": "mật khẩu mới",
       "recovery key": "khóa khôi phục"}


def login_name(args: argparse.Namespace) -> str | None:
    return getattr(args, "user", None) or os.environ.get("SOHOA_USER") or None


def read_secret(env: str, prompt: str, *, what: str, confirm: bool = False) -> str:
    """A secret from ``$env``, else typed on a terminal (twice with ``confirm``).

    With neither: :class:`LoginError` (exit 4), never a hang on a closed stdin.
    """
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise LoginError(f"chưa có {_VI.get(what, what)} — no {what}: set {env} or run sohoa "
                         "on a terminal")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại — again: ") != value:
        raise LoginError(f"hai lần nhập không giống nhau — the two {what}s differ")
    return value


def open_workspace(
    args: argparse.Namespace,
    roles: tuple[Role, ...] | None = None,
    action: str = "this",
) -> Workspace:
    """Log in (``--user``/``$SOHOA_USER``, ``$SOHOA_PASSWORD`` or a prompt) and open.

    An old plaintext workspace is converted on this first login, with progress
    on stderr. ``roles``: the roles allowed to run the command.
    """
    root = args.workspace if args.workspace is not None else default_workspace_path()
    user = login_name(args)
    if not user:
        raise LoginError("chưa có tên đăng nhập — no user: give --user NAME (or set "
                         "SOHOA_USER)")
    try:
        password = read_secret("SOHOA_PASSWORD", f"Mật khẩu — password for {user}: ",
                               what="password")
        ws = open_workspace_at(root, user, password)
    except NeedsMigration:
        ws = _convert(root, user, password)
    try:
        if roles is not None:
            ws.require(*roles, action=action)
        ws.use_private_tmp()
    except BaseException:
        ws.close()
        raise
    return ws


def _convert(root: object, user: str, password: str) -> Workspace:
    from pathlib import Path

    from dossier.session import convert_plaintext

    def progress(done: int, total: int, what: str) -> None:
        print(f"\rMã hóa thư mục làm việc — encrypting the workspace: {done}/{total} {what}",
              end="", file=sys.stderr, flush=True)

    recovery = convert_plaintext(Path(str(root)), user, password, on_progress=progress)
    print(file=sys.stderr)
    print("Khóa khôi phục (in ra và cất giữ) — recovery key (print it and keep it safe):",
          file=sys.stderr)
    print(recovery, flush=True)
    return open_workspace_at(Path(str(root)), user, password)


def workspace_named(args: argparse.Namespace) -> bool:
    """Whether a workspace was named (``--workspace`` or ``$SOHOA_WORKSPACE``), for commands
    that work without one and only use it when asked to."""
    return args.workspace is not None or bool(os.environ.get("SOHOA_WORKSPACE"))


def printable(text: str) -> str:
    """``text`` with control characters quoted (``\\n``, ``\\x1b``…), so it stays one line.

    Bytes of a file name that were not valid UTF-8 (kept by Python as lone
    surrogates) come out as ``\\xNN`` too, instead of breaking the output.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape for an undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or code in _BIDI:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def report_failure(item: str, reason: str) -> None:
    """One line ``ITEM: reason`` on stderr, the CLI contract for failed items."""
    print(f"{printable(item)}: {printable(reason)}", file=sys.stderr, flush=True)


def report_folder_failure(folder: str, error: BaseException) -> None:
    """A dossier folder that could not be read: one line per refused file in it
    (``FOLDER/FILE: reason``) and per file left out, else one line for the folder."""
    from pathlib import Path

    from dossier.folders import LEFT_OUT

    refused = getattr(error, "refused", ())
    if not refused:
        report_failure(folder, str(error))
        return
    lines = [*refused, *((name, LEFT_OUT) for name in getattr(error, "left_out", ()))]
    for name, reason in sorted(lines):
        report_failure(str(Path(folder) / name) if Path(folder).is_dir() else folder, reason)


def report_left_out(folder: str, names: tuple[str, ...]) -> None:
    """Files of a dossier folder that are no picture or PDF (notes, a README): named, one
    line each, so that nothing is left out without a word."""
    from pathlib import Path

    from dossier.folders import LEFT_OUT

    for name in names:
        report_failure(str(Path(folder) / name), LEFT_OUT)


def report_notice(text: str) -> None:
    """One line of news on stderr (waiting for another process, a batch resumed)."""
    print(f"sohoa: {printable(text)}", file=sys.stderr, flush=True)
