"""``sohoa pack --out DIR PATH...``: each dossier folder becomes one electronic record zip.

Pages are recognised and tagged first; the record is verified before it is put in place.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import report_failure
from cli.exitcodes import ExitCode

if TYPE_CHECKING:
    from ocr import PageResult
    from records import DossierSpec
    from tagging import DossierTag

SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pdf"}
_CODE_PARTS = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-\d{4}$")


class _DossierFailed(Exception):
    pass


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "pack", help="pack dossier folders into electronic records (PDF/A-2b + BagIt zip)",
        description="Each PATH is a dossier folder (its image/PDF files in name order). "
                    "Writes DIR/<dossier code>.zip, verified, and prints the written paths.",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--profile", choices=["compact", "archival"], default="compact",
                        help="compact: text mask over a light colour background (default); "
                             "archival: full-resolution colour JPEG")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for OCR and page encoding (default: one per core)")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(func=run)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise _DossierFailed(
            "không phải thư mục hồ sơ — not a dossier folder" if folder.exists()
            else "không tìm thấy — not found")
    files = sorted((p for p in folder.iterdir()
                    if p.is_file() and p.suffix.lower() in SUFFIXES), key=lambda p: p.name)
    if not files:
        raise _DossierFailed("thư mục không có ảnh hay PDF — folder has no images or PDFs")
    return files


def _code_facts(code: str | None) -> tuple[str | None, date | None]:
    """Agency id and receipt date encoded in an official dossier code."""
    match = _CODE_PARTS.match(code or "")
    if not match:
        return None, None
    try:
        received = datetime.strptime(match["day"], "%y%m%d").date()
    except ValueError:
        received = None
    return match["agency"], received


def build_spec(names: Sequence[str], pages: Sequence[tuple[bytes, PageResult]],
               tag: DossierTag, recorded: datetime, actor: str) -> DossierSpec:
    """The record's content from recognised and tagged pages of one folder."""
    from records import DocumentSpec, DossierSpec, PageSpec

    def page_spec(index: int) -> PageSpec:
        data, result = pages[index]
        return PageSpec(image=data, dpi=result.dpi, words=result.words,
                        mean_confidence=result.mean_confidence,
                        rotation=result.rotation, skew=result.skew)

    documents = []
    covered: set[int] = set()
    for doc in tag.documents:
        indices = [i for i in doc.page_indices if 0 <= i < len(pages)]
        covered.update(indices)
        if indices:
            documents.append(DocumentSpec(
                doc.type.key if doc.type else None, doc.type.name if doc.type else None,
                tuple(page_spec(i) for i in indices)))
    # Pages the tagger left out (other than blank ones) still belong in the record.
    rest = [i for i in range(len(pages)) if i not in covered and not pages[i][1].blank]
    if rest:
        documents.append(DocumentSpec(None, None, tuple(page_spec(i) for i in rest)))
    if not documents:
        raise _DossierFailed("mọi trang đều trắng — every page is blank")
    codes = [d.fields.dossier_code for d in tag.documents if d.fields.dossier_code]
    names_found = [n for d in tag.documents for n in d.fields.full_names]
    ids_found = [n for d in tag.documents for n in d.fields.id_numbers]
    code = codes[0] if codes else None
    agency, received = _code_facts(code)
    present = [d.type.name for d in tag.documents if d.type]
    del names
    return DossierSpec(
        documents=tuple(documents), digitised_by=actor, digitised_at=recorded,
        dossier_code=code,
        procedure_code=tag.procedure.key if tag.procedure else None,
        procedure_name=tag.procedure.name if tag.procedure else None,
        applicant_name=names_found[0] if names_found else None,
        applicant_id=ids_found[0] if ids_found else None,
        date_received=received, agency_id=agency,
        components_present=tuple(dict.fromkeys(present)),
        components_missing=tuple(tag.missing_components),
    )


def _pack_one(folder: Path, args: argparse.Namespace) -> Path:
    import records
    from dossier.sources import read_pages
    from ocr import OcrError, OcrSettings, recognise_many
    from storage import current_actor
    from tagging import Catalogue, PageText, tag_dossier

    items: list[tuple[int, bytes]] = []
    names: list[str] = []
    newest = 0.0
    for file in _files(folder):
        try:
            source_pages = read_pages(file.read_bytes(), file.name)
            newest = max(newest, file.stat().st_mtime)
        except OSError as e:
            raise _DossierFailed(f"{file.name}: không đọc được — cannot read ({e})") from e
        except Exception as e:
            if getattr(e, "exit_code", None) is None:
                raise
            raise _DossierFailed(f"{file.name}: {e}") from e
        for page in source_pages:
            names.append(file.name if len(source_pages) == 1 else f"{file.name}#{page.index + 1}")
            items.append((len(items), page.data))
    results: dict[int, PageResult] = {}
    for index, outcome in recognise_many(items, OcrSettings(), jobs=args.jobs):
        if isinstance(outcome, OcrError):
            raise _DossierFailed(f"{names[index]}: {outcome}")
        results[index] = outcome
    pages = [(items[i][1], results[i]) for i in range(len(items))]
    tag = tag_dossier([PageText(n, r.text) for n, (_, r) in zip(names, pages, strict=True)],
                      Catalogue.load())
    # The recorded time is the newest input file's: the same folder packs to the same bytes.
    recorded = datetime.fromtimestamp(int(newest), UTC)
    spec = build_spec(names, pages, tag, recorded, current_actor())
    return records.pack_dossier(spec, args.out, profile=records.Profile(args.profile),
                                jobs=args.jobs)


def run(args: argparse.Namespace) -> int:
    from records import RecordsError

    failed = False
    for folder in args.paths:
        try:
            path = _pack_one(folder, args)
        except (_DossierFailed, RecordsError) as e:
            report_failure(str(folder), str(e))
            failed = True
            continue
        print(path, flush=True)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)
