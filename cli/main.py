"""Entry point of ``sohoa``: parses the global options and dispatches to a command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from cli.exitcodes import ExitCode

# Each module defines ``register(subparsers)``, which adds its parser and sets
# ``func(args) -> int`` on it.
COMMAND_MODULES = (
    "cli.cmd_import",
    "cli.cmd_check",
    "cli.cmd_dossiers",
    "cli.cmd_search",
    "cli.cmd_ocr",
    "cli.cmd_tag",
    "cli.cmd_pack",
    "cli.cmd_verify",
    "cli.cmd_timestamp",
    "cli.cmd_upload",
    "cli.cmd_outbox",
    "cli.cmd_scan",
    "cli.cmd_watch",
    "cli.cmd_cover_sheet",
    "cli.cmd_init",
    "cli.cmd_user",
    "cli.cmd_audit",
    "cli.cmd_settings",
    "cli.cmd_register",
    "cli.cmd_report",
    "cli.cmd_result",
    "cli.cmd_reuse",
    "cli.cmd_purge",
    "cli.cmd_subject",
)


def _load(name: str) -> ModuleType:
    return importlib.import_module(name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sohoa",
        description="Sohoa — số hóa hồ sơ một cửa cấp xã (commune dossier digitisation).",
    )
    parser.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="workspace folder (default: $SOHOA_WORKSPACE or the user data folder)",
    )
    parser.add_argument(
        "--user",
        default=None,
        help="log in as this account (default: $SOHOA_USER); password from $SOHOA_PASSWORD "
        "or asked on the terminal",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        _load(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Tesseract and BLAS libraries must not start one thread per core in each
    # worker process: workers x threads would oversubscribe the CPU.
    import os

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # pypdf logs its warnings about odd PDFs; with no handler Python would print them
    # among the "FILE: reason" lines. Reasons reach people through the commands.
    import logging

    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from cli.gui import run_gui

        return run_gui(args.workspace)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("đã dừng — interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as e:  # one place maps domain errors to exit codes
        code = getattr(e, "exit_code", None)
        if code is None:
            from dossier.session import is_disk_full

            if not is_disk_full(e):
                raise
            print(f"sohoa {args.command}: ổ đĩa đầy, thao tác đã dừng; hãy giải phóng chỗ trống "
                  "rồi làm lại — the disk is full; the command stopped (what was done before "
                  "is kept); free some space and run it again", file=sys.stderr)
            return int(ExitCode.WORKSPACE)
        print(f"sohoa: {e}", file=sys.stderr)
        return int(code)


if __name__ == "__main__":
    sys.exit(main())
