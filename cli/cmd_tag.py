"""``sohoa tag [--json] PATH...``: recognise a dossier's pages and suggest procedure,
document types, fields and missing components.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli.common import (
    open_workspace,
    report_failure,
    report_folder_failure,
    report_left_out,
    workspace_named,
)
from cli.exitcodes import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tag", help="suggest procedure, document types and fields of dossiers",
        description="PATH is a folder (one dossier: its image/PDF files in name order) "
                    "or a single file.",
    )
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list, one object per PATH")
    parser.add_argument("--jobs", type=int, default=None, help="OCR worker processes")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(func=run)


def _model(args: argparse.Namespace) -> object | None:
    """The clerk-trained type model, when a workspace is named (option or environment)."""
    if not workspace_named(args):
        return None
    from tagging.learning import workspace_model

    with open_workspace(args) as ws:
        return workspace_model(ws)


def run(args: argparse.Namespace) -> int:
    from dossier import DossierError
    from dossier.cards import reread_cards
    from dossier.folders import read_folder, recognise_folder
    from tagging import (
        Catalogue,
        PageText,
        TypeModel,
        decode_codes,
        tag_dossier,
        to_json,
        wants_codes,
    )

    catalogue = Catalogue.load()
    model = _model(args)
    type_model = model if isinstance(model, TypeModel) else None
    results: list[dict[str, object]] = []
    failed = False
    for path in args.paths:
        try:
            read = read_folder(path, single_file=True)
            report_left_out(str(path), read.left_out)
        except DossierError as e:
            report_folder_failure(str(path), e)
            failed = True
            continue
        pages: list[PageText] = []
        for page, outcome in zip(read.pages, recognise_folder(read.pages, args.jobs),
                                 strict=True):
            text = ""
            if isinstance(outcome, Exception):
                report_failure(f"{path}/{page.name}" if path.is_dir() else str(path),
                               str(outcome))
                failed = True
            else:
                # A card copied on grey paper can read as nothing: look at each card.
                text = reread_cards(page.data, outcome.text)
            # A card's QR code confirms what OCR read of it.
            codes = decode_codes(page.data) if wants_codes(text) else ()
            pages.append(PageText(page.name, text, codes))
        tag = tag_dossier(pages, catalogue, type_model)
        results.append(to_json(tag, str(path)))
        if not args.json:
            _print_human(results[-1])
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)


def _print_human(result: dict[str, object]) -> None:
    procedure = result.get("procedure")
    print(result["path"])
    if isinstance(procedure, dict):
        print(f"  thủ tục: {procedure['code']} {procedure['name']} ({procedure['confidence']:.0%})")
    else:
        print("  thủ tục: chưa xác định — procedure unknown")
    documents = result.get("documents")
    for doc in documents if isinstance(documents, list) else []:
        kind = doc["type"]["name"] if doc.get("type") else "?"
        print(f"  - {', '.join(doc['pages'])}: {kind}")
    missing = result.get("missing_components")
    if missing:
        print(f"  còn thiếu: {', '.join(missing)}")  # type: ignore[arg-type]
