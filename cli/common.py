"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata

from storage import Workspace

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Bidirectional overrides and isolates could make a name read as another one.
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.open(args.workspace)


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


def report_notice(text: str) -> None:
    """One line of news on stderr (waiting for another process, a batch resumed)."""
    print(f"sohoa: {printable(text)}", file=sys.stderr, flush=True)
