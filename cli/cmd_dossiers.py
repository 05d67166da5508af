"""``sohoa dossiers``: list the workspace's dossiers (what imports and clerks made of the pages)."""

from __future__ import annotations

import argparse
import json

from cli.common import open_workspace, printable
from cli.exitcodes import ExitCode
from dossier.queries import dossier_summaries


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "dossiers", help="list the workspace's dossiers",
        description="Lists every dossier: id, code (or provisional id), procedure, state, "
        "package version, pages, documents and the required components still missing.")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        dossiers = dossier_summaries(ws)
    if args.json:
        print(json.dumps([{
            "id": d.id, "code": d.code, "provisional_id": d.provisional_id,
            "procedure_code": d.procedure_code, "state": d.state, "version": d.version,
            "pages": d.pages, "documents": d.documents,
            "missing_components": list(d.missing_components),
        } for d in dossiers], ensure_ascii=False, indent=2))
        return ExitCode.OK
    if not dossiers:
        print("chưa có hồ sơ nào — no dossiers yet")
        return ExitCode.OK
    print(f"{'ID':>5}  {'CODE':<28}  {'PROCEDURE':<10}  {'STATE':<7}  {'V':>2}  "
          f"{'PAGES':>5}  {'DOCS':>4}  MISSING")
    for d in dossiers:
        print(f"{d.id:>5}  {printable(d.code or d.provisional_id):<28}  "
              f"{d.procedure_code or '-':<10}  {d.state:<7}  {d.version:>2}  {d.pages:>5}  "
              f"{d.documents:>4}  {printable(', '.join(d.missing_components)) or '-'}")
    return ExitCode.OK
