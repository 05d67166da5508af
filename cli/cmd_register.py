"""``sohoa register``: import the one-stop system's list of received dossiers; show the worklist."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import CLERK_ROLES, open_workspace, report_failure
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "register", help="the desk's register of received dossiers",
        description="The list of dossiers the provincial one-stop system received, imported "
                    "from its CSV or XLSX export, and the worklist it gives.")
    sub = parser.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    imp = sub.add_parser(
        "import", help="import a register export (CSV or XLSX)",
        description="Imports the one-stop system's list of received dossiers. The usual "
                    "headings (Mã hồ sơ, Mã thủ tục / Tên thủ tục, Chủ hồ sơ, Ngày tiếp nhận, "
                    "Ngày trả kết quả, Trạng thái) are recognised; for another layout, name the "
                    "columns once with --map and they are remembered. Rows already imported "
                    "(same dossier code) are updated. Bad rows: one line each on stderr, the "
                    "rest imported, exit 1.")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=HEADING",
                     help="the column HEADING holds FIELD (code, procedure_code, "
                          "procedure_name, applicant, received, result, status); remembered")
    imp.set_defaults(func=run_import)
    work = sub.add_parser(
        "worklist", help="received dossiers not digitised, results not digitised",
        description="What the desk still has to do: dossiers the register lists that have no "
                    "packed record yet, and issued results not digitised yet, oldest first.")
    work.add_argument("--json", action="store_true", help="print JSON")
    work.set_defaults(func=run_worklist)


def run_import(args: argparse.Namespace) -> int:
    from dossier.register import Field, RegisterError, import_register, parse_field

    mapping: dict[Field, str] = {}
    for item in args.map:
        name, sep, heading = item.partition("=")
        if not sep or not heading.strip():
            report_failure(item, "cần dạng FIELD=HEADING — expected FIELD=HEADING")
            return ExitCode.USAGE
        try:
            mapping[parse_field(name.strip())] = heading.strip()
        except RegisterError as e:
            report_failure(item, str(e))
            return ExitCode.USAGE
    with open_workspace(args, CLERK_ROLES, action="register.import") as ws:
        try:
            result = import_register(ws, args.file, mapping)
        except RegisterError as e:
            print(str(e), file=__import__("sys").stderr)
            return ExitCode.SOME_FAILED
    for problem in result.problems:
        report_failure(f"{args.file}:{problem.row}", problem.reason)
    columns = ", ".join(f"{f.value}={h}" for f, h in result.columns.items())
    print(f"đã nhập {result.imported} hồ sơ ({result.added} mới, {result.updated} cập nhật) — "
          f"imported {result.imported} dossier(s) ({result.added} new, {result.updated} "
          f"updated); columns: {columns}")
    return ExitCode.SOME_FAILED if result.problems else ExitCode.OK


def run_worklist(args: argparse.Namespace) -> int:
    from dossier.register import WorkKind, worklist

    with open_workspace(args) as ws:
        items = worklist(ws)
    if args.json:
        print(json.dumps([{
            "kind": str(i.kind), "dossier_code": i.dossier_code,
            "procedure_code": i.procedure_code, "procedure_name": i.procedure_name,
            "applicant_name": i.applicant_name, "received_at": i.received_at,
            "dossier_id": i.dossier_id, "result_id": i.result_id,
        } for i in items], ensure_ascii=False, indent=2))
        return ExitCode.OK
    if not items:
        print("không còn việc — nothing left to digitise")
        return ExitCode.OK
    for i in items:
        what = ("chưa số hóa hồ sơ — dossier not digitised" if i.kind is WorkKind.NOT_DIGITISED
                else "chưa số hóa kết quả — result not digitised")
        print(f"{i.dossier_code}  {(i.received_at or '')[:10]:<10}  {i.procedure_code or '':<9}"
              f"  {what}")
    return ExitCode.OK
