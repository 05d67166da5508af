"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import os
import sys

from storage import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.open(args.workspace)


def workspace_named(args: argparse.Namespace) -> bool:
    """Whether a workspace was named (``--workspace`` or ``$SOHOA_WORKSPACE``), for commands
    that work without one and only use it when asked to."""
    return args.workspace is not None or bool(os.environ.get("SOHOA_WORKSPACE"))


def report_failure(item: str, reason: str) -> None:
    """One line ``ITEM: reason`` on stderr, the CLI contract for failed items."""
    print(f"{item}: {reason}", file=sys.stderr, flush=True)
