"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys

from storage import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.open(args.workspace)


def report_failure(item: str, reason: str) -> None:
    """One line ``ITEM: reason`` on stderr, the CLI contract for failed items."""
    print(f"{item}: {reason}", file=sys.stderr, flush=True)
