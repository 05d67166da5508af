"""``sohoa cover-sheet``: print a dossier cover sheet whose QR code splits a scanned stack."""

from __future__ import annotations

import argparse
from pathlib import Path

from capture import cover_sheet_pdf
from cli.exitcodes import ExitCode
from storage import atomic_write


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


def _procedure_name(code: str | None) -> str | None:
    if not code:
        return None
    try:
        from dossier.assembly import catalogue

        found = catalogue().get(code)
    except Exception:  # the catalogue is a nicety on the sheet, never a reason to fail
        return None
    return found.name if found is not None else None


def _dossier_ref(args: argparse.Namespace) -> str | None:
    """A workspace dossier id becomes its official code (or provisional id) on the sheet."""
    ref: str | None = args.dossier
    if ref is None or not ref.isdigit():
        return ref
    from cli.common import open_workspace
    from storage import dossiers as dossier_store

    with open_workspace(args) as ws:
        found = dossier_store.get_dossier(ws, int(ref))
    if found is None:
        return ref
    return found.code or found.provisional_id


def run(args: argparse.Namespace) -> int:
    dossier = _dossier_ref(args)
    pdf = cover_sheet_pdf(dossier, args.procedure,
                          procedure_name=_procedure_name(args.procedure))
    atomic_write(args.out, pdf)
    print(args.out, flush=True)
    return ExitCode.OK
