"""``sohoa cover-sheet``: print a dossier cover sheet whose QR code splits a scanned stack."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.exitcodes import ExitCode
from dossier.cover_sheet import write_cover_sheet


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "cover-sheet", help="print a dossier cover sheet with its QR code",
        description="Write an A4 PDF cover sheet. Put it on top of a dossier's pages before "
        "scanning: Sohoa splits the stack at cover sheets and gives each dossier the code and "
        "procedure printed on its sheet.",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.add_argument("--dossier", default=None, metavar="ID",
                        help="dossier code (AGENCYID-YYMMDD-NNNN) or workspace dossier id")
    parser.add_argument("--procedure", default=None, metavar="CODE",
                        help="procedure code, e.g. 1.001193")
    parser.set_defaults(func=run)


def _dossier_ref(args: argparse.Namespace) -> str | None:
    """A workspace dossier id becomes its official code (or provisional id) on the sheet."""
    ref: str | None = args.dossier
    if ref is None or not ref.isdigit():
        return ref
    from cli.common import open_workspace
    from dossier.queries import get_dossier

    with open_workspace(args) as ws:
        found = get_dossier(ws, int(ref))
    if found is None:
        return ref
    return found.code or found.provisional_id


def run(args: argparse.Namespace) -> int:
    dossier = _dossier_ref(args)
    write_cover_sheet(args.out, dossier, args.procedure)
    print(args.out, flush=True)
    return ExitCode.OK
