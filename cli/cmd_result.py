"""``sohoa result``: a dossier's result — scan it in, confirm the fields OCR proposes, pack it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.common import CLERK_ROLES, open_workspace, report_failure
from cli.exitcodes import ExitCode
from cli.signing import add_pack_arguments as add_signing_arguments

# Option -> result field, for ``result set``.
_OPTIONS = (("--code", "result_code", "result code from the catalogue, e.g. KQ.G15.000031"),
            ("--type", "type_name", "kind of result, e.g. 'Giấy khai sinh'"),
            ("--number", "number_symbol", "number and symbol (số, ký hiệu)"),
            ("--date", "date_signed", "date signed, DD/MM/YYYY or YYYY-MM-DD"),
            ("--agency", "agency", "issuing agency"),
            ("--signer", "signer", "who signed it"),
            ("--summary", "summary", "summary (trích yếu)"),
            ("--valid-until", "valid_until", "valid until this date"),
            ("--holder-name", "holder_name", "the citizen it belongs to"),
            ("--holder-id", "holder_id", "that citizen's ID number"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "result", help="results of procedures (kết quả giải quyết TTHC)",
        description="Scan in the document the commune issued for a dossier; OCR proposes its "
                    "number and symbol, date signed, signer, agency and holder; confirm or "
                    "correct them; pack it as its own record linked to the dossier's record.")
    sub = parser.add_subparsers(dest="result_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="import and read a result's scan(s)")
    add.add_argument("--dossier", required=True, metavar="ID|CODE",
                     help="the dossier it resolves (workspace id, code or provisional id; a "
                          "code only the register knows is fine)")
    add.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--json", action="store_true", help="print the result as JSON")
    add.set_defaults(func=run_add)
    show = sub.add_parser("show", help="a result's fields")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)
    listing = sub.add_parser("list", help="every result in the workspace")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)
    setp = sub.add_parser("set", help="correct fields and/or confirm them")
    setp.add_argument("id", type=int)
    for option, dest, text in _OPTIONS:
        setp.add_argument(option, dest=dest, default=None, help=text)
    setp.add_argument("--no-limit", action="store_true", help="valid without limit")
    setp.add_argument("--confirm", action="store_true",
                      help="the fields are checked against the paper")
    setp.set_defaults(func=run_set)
    pack = sub.add_parser("pack", help="pack a confirmed result as its own record and queue it")
    pack.add_argument("id", type=int)
    pack.add_argument("--out", type=Path, default=None, metavar="DIR",
                      help="also write the zip to DIR")
    add_signing_arguments(pack)
    pack.set_defaults(func=run_pack)


def _print(result: object, as_json: bool) -> None:
    from dossier.results import Result

    assert isinstance(result, Result)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    state = ("đã đóng gói — packed" if result.packed else
             "đã xác nhận — confirmed" if result.confirmed else "chờ xác nhận — to confirm")
    print(f"kết quả {result.id} — result {result.id}: {state}")
    for label, value in (("dossier", result.dossier_code), ("code", result.result_code),
                         ("type", result.type_name), ("number", result.number_symbol),
                         ("date signed", result.date_signed), ("agency", result.agency),
                         ("signer", result.signer), ("summary", result.summary),
                         ("valid until", result.valid_until or "—"),
                         ("holder", result.holder_name), ("holder id", result.holder_id)):
        print(f"  {label:<12} {value if value is not None else '?'}")


def run_add(args: argparse.Namespace) -> int:
    from dossier.results import add_result_files, find_dossier, get_result

    with open_workspace(args, CLERK_ROLES, action="result.create") as ws:
        dossier_id = find_dossier(ws, args.dossier)
        result_id, problems = add_result_files(
            ws, args.paths, dossier_id=dossier_id,
            dossier_code=None if dossier_id else args.dossier)
        for line in problems:
            item, _, reason = line.partition(": ")
            report_failure(item, reason)
        _print(get_result(ws, result_id), args.json)
    return ExitCode.SOME_FAILED if problems else ExitCode.OK


def run_show(args: argparse.Namespace) -> int:
    from dossier.results import get_result

    with open_workspace(args) as ws:
        _print(get_result(ws, args.id), args.json)
    return ExitCode.OK


def run_list(args: argparse.Namespace) -> int:
    from dossier.results import list_results

    with open_workspace(args) as ws:
        results = list_results(ws)
    if args.json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
        return ExitCode.OK
    for r in results:
        state = "packed" if r.packed else "confirmed" if r.confirmed else "to confirm"
        print(f"{r.id:>5}  {r.dossier_code or '':<28} {r.number_symbol or '?':<20} "
              f"{r.date_signed or '?':<10}  {state}")
    return ExitCode.OK


def run_set(args: argparse.Namespace) -> int:
    from dossier.results import update_result

    values = {dest: getattr(args, dest) for _, dest, _ in _OPTIONS
              if getattr(args, dest) is not None}
    if args.no_limit:
        values["valid_until"] = None
    with open_workspace(args, CLERK_ROLES, action="result.update") as ws:
        result = update_result(ws, args.id, confirm=args.confirm, **values)
        _print(result, False)
    return ExitCode.OK


def run_pack(args: argparse.Namespace) -> int:
    from cli.signing import signer_from_args
    from dossier.results import pack_result

    # With --sign the key is opened and its certificate checked before packing.
    with signer_from_args(args) as signer, \
            open_workspace(args, CLERK_ROLES, action="result.pack") as ws:
        path = pack_result(ws, args.id, out_dir=args.out, signer=signer)
    print(path, file=sys.stdout)
    return ExitCode.OK
