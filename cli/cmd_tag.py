"""``sohoa tag [--json] PATH...``: recognise a dossier's pages and suggest procedure,
document types, fields and missing components.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from cli.common import report_failure
from cli.exitcodes import ExitCode

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
PDF_SUFFIXES = {".pdf"}


class InputError(Exception):
    """A PATH given to ``sohoa tag`` cannot be read."""

    exit_code = ExitCode.SOME_FAILED


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


def _files_of(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(
            (p for p in path.iterdir()
             if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | PDF_SUFFIXES),
            key=lambda p: p.name,
        )
        if not files:
            raise InputError("thư mục không có ảnh hay PDF — folder has no images or PDFs")
        return files
    if not path.exists():
        raise InputError("không tìm thấy — not found")
    if path.suffix.lower() not in IMAGE_SUFFIXES | PDF_SUFFIXES:
        raise InputError("không phải ảnh hay PDF — not an image or PDF")
    return [path]


def _pages_of(file: Path) -> Iterator[tuple[str, bytes]]:
    """(page name, image bytes) for each page of a file; multi-page files are split.

    Pages come out as the workspace importer takes them: scanned PDF images byte
    for byte, other PDF pages rendered at 300 dpi, TIFF frames losslessly.
    """
    from dossier import RejectedFile, read_pages

    try:
        pages = read_pages(file.read_bytes(), file.name)
    except RejectedFile as e:
        raise InputError(f"{file.name}: {e}") from e
    for page in pages:
        name = file.name if len(pages) == 1 else f"{file.name}#{page.index + 1}"
        yield name, page.data


def recognise(items: Sequence[tuple[str, bytes]], jobs: int | None) -> dict[str, str | Exception]:
    """Text of each page, by name, from the OCR stage's worker processes."""
    import ocr

    out: dict[str, str | Exception] = {}
    for key, outcome in ocr.recognise_many(items, ocr.OcrSettings(), jobs=jobs):
        out[key] = outcome if isinstance(outcome, Exception) else outcome.text
    return out


def _model(args: argparse.Namespace) -> object | None:
    """The clerk-trained type model, when a workspace is named (option or environment)."""
    if args.workspace is None and not os.environ.get("SOHOA_WORKSPACE"):
        return None
    from cli.common import open_workspace
    from tagging.learning import workspace_model

    with open_workspace(args) as ws:
        return workspace_model(ws)


def run(args: argparse.Namespace) -> int:
    from tagging import Catalogue, PageText, TypeModel, tag_dossier, to_json

    catalogue = Catalogue.load()
    model = _model(args)
    type_model = model if isinstance(model, TypeModel) else None
    results: list[dict[str, object]] = []
    failed = False
    for path in args.paths:
        try:
            items = [page for file in _files_of(path) for page in _pages_of(file)]
        except (InputError, OSError) as e:
            report_failure(str(path), str(e))
            failed = True
            continue
        texts = recognise(items, args.jobs)
        pages: list[PageText] = []
        for name, _ in items:
            outcome = texts.get(name)
            if isinstance(outcome, Exception) or outcome is None:
                report_failure(f"{path}/{name}" if path.is_dir() else str(path),
                               str(outcome or "không nhận dạng được — not recognised"))
                failed = True
                outcome = ""
            pages.append(PageText(name, outcome))
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
