"""``sohoa reuse``: a citizen's documents on file, and reusing one in a dossier."""

from __future__ import annotations

import argparse
import json

from cli.common import CLERK_ROLES, open_workspace
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "reuse", help="documents on file for a citizen, reused instead of scanned again",
        description="Looks up a citizen's digitised documents that are still valid by ID "
                    "number, lists what a dossier could reuse, and reuses one.")
    sub = parser.add_subparsers(dest="reuse_command", metavar="ACTION", required=True)
    look = sub.add_parser("lookup", help="valid documents on file for an ID number")
    look.add_argument("id_number", metavar="IDNUMBER")
    look.add_argument("--json", action="store_true")
    look.set_defaults(func=run_lookup)
    offer = sub.add_parser("offers", help="components a dossier lacks that are on file")
    offer.add_argument("dossier", metavar="ID|CODE")
    offer.add_argument("--id-number", default=None, help="default: the dossier's applicant")
    offer.add_argument("--json", action="store_true")
    offer.set_defaults(func=run_offers)
    use = sub.add_parser("use", help="reuse a document on file as a dossier component")
    use.add_argument("dossier", metavar="ID|CODE")
    use.add_argument("item", type=int, metavar="ITEM")
    use.set_defaults(func=run_use)


def _dossier(ws: object, ref: str) -> int:
    from dossier.errors import NotFound
    from dossier.results import find_dossier

    found = find_dossier(ws, ref)  # type: ignore[arg-type]
    if found is None:
        raise NotFound(f"không có hồ sơ {ref} — no dossier {ref}")
    return found


def run_lookup(args: argparse.Namespace) -> int:
    from dossier.reuse import lookup, normalise_id

    with open_workspace(args) as ws:
        items = lookup(ws, args.id_number)
        # A citizen's documents looked up by ID number: a read of personal data, logged.
        ws.audit.record("reuse.lookup", subject=normalise_id(args.id_number) or args.id_number,
                        detail=f"{len(items)} document(s)")
    if args.json:
        print(json.dumps([i.__dict__ for i in items], ensure_ascii=False, indent=2))
        return ExitCode.OK
    if not items:
        print("không có giấy tờ còn hạn — nothing valid on file")
    for i in items:
        print(f"{i.id:>6}  {i.type_name:<40} {i.valid_until or 'không thời hạn':<14} {i.source}")
    return ExitCode.OK


def run_offers(args: argparse.Namespace) -> int:
    from dossier.reuse import offers

    with open_workspace(args) as ws:
        found = offers(ws, _dossier(ws, args.dossier), args.id_number)
    if args.json:
        print(json.dumps([{"component_key": o.component_key, "component_name": o.component_name,
                           "required": o.required, "item": o.item.id,
                           "valid_until": o.item.valid_until} for o in found],
                         ensure_ascii=False, indent=2))
        return ExitCode.OK
    for o in found:
        print(f"{o.item.id:>6}  {o.component_name}{' (bắt buộc)' if o.required else ''}")
    return ExitCode.OK


def run_use(args: argparse.Namespace) -> int:
    from dossier.reuse import reuse

    with open_workspace(args, CLERK_ROLES, action="reuse.use") as ws:
        reuse(ws, _dossier(ws, args.dossier), args.item)
    print("đã dùng lại — reused")
    return ExitCode.OK
