"""``sohoa pack --out DIR PATH...``: each dossier folder becomes one electronic record zip.

Pages are recognised and tagged first; the record is verified before it is put in place.
``sohoa pack --dossier ID...`` packs workspace dossiers and queues them for upload.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import (
    open_workspace,
    report_failure,
    report_folder_failure,
    report_left_out,
    workspace_named,
)
from cli.exitcodes import ExitCode
from cli.signing import add_pack_arguments as add_signing_arguments
from cli.signing import signer_from_args

if TYPE_CHECKING:
    from dossier.session import Workspace
    from ocr import PageResult
    from records import DossierSpec, Signer
    from tagging import DossierTag

_CODE_PARTS = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-\d{4}$")


class _DossierFailed(Exception):
    pass


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "pack", help="pack dossier folders into electronic records (PDF/A-2b + BagIt zip)",
        description="Each PATH is a dossier: a folder (its image/PDF files in name order) "
                    "or a single file (say, a multi-page PDF). "
                    "Writes DIR/<dossier code>.zip, verified, and prints the written paths. "
                    "With --dossier, packs workspace dossiers (by id or code) and queues "
                    "them for upload: a package still waiting in the outbox is replaced, "
                    "after one was sent the new package is the next version "
                    "(<code>.v2.zip, ...). A dossier missing required components is "
                    "refused (exit 1) unless --allow-missing gives the reason.",
    )
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="where to write the zips (required for PATHs; with --dossier, "
                             "a copy besides the one kept in the workspace)")
    parser.add_argument("--dossier", action="extend", nargs="+", default=[], metavar="ID",
                        help="workspace dossiers to pack and queue, by id or dossier code")
    parser.add_argument("--allow-missing", metavar="REASON", default=None,
                        help="pack dossiers with required components missing, for this "
                             "reason (written to the manifest and the log)")
    parser.add_argument("--profile", choices=["compact", "archival"], default=None,
                        help="compact: text mask over a light colour background (default, "
                             "or the workspace's records.profile with --dossier); "
                             "archival: full-resolution colour JPEG")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for OCR and page encoding (default: one per core)")
    parser.add_argument("--agency", metavar="ID",
                        help="receiving agency's identifier, when no official dossier code "
                             "gives it (default: the workspace's setting, if a workspace "
                             "is named)")
    parser.add_argument("--received", type=_day, metavar="YYYY-MM-DD",
                        help="date the dossiers were received, when no official dossier "
                             "code gives it")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    add_signing_arguments(parser)
    parser.set_defaults(func=run, parser=parser)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text}: ngày phải viết YYYY-MM-DD — date must be YYYY-MM-DD") from None


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


def build_spec(pages: Sequence[tuple[bytes, PageResult]], tag: DossierTag,
               recorded: datetime, actor: str, agency: str | None = None,
               received: date | None = None) -> DossierSpec:
    """The record's content from recognised and tagged pages of one folder.

    An official dossier code found on the receipt gives the agency and the date received;
    ``agency`` and ``received`` stand in where it does not.
    """
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
    # Tagging puts every page in a document; should one still be missing, it is not lost.
    rest = [i for i in range(len(pages)) if i not in covered]
    if rest:
        documents.append(DocumentSpec(None, None, tuple(page_spec(i) for i in rest)))
    if not documents or all(result.blank for _, result in pages):
        raise _DossierFailed("mọi trang đều trắng — every page is blank")
    codes = [d.fields.dossier_code for d in tag.documents if d.fields.dossier_code]
    names_found = [n for d in tag.documents for n in d.fields.full_names]
    ids_found = [n for d in tag.documents for n in d.fields.id_numbers]
    code = codes[0] if codes else None
    code_agency, code_received = _code_facts(code)
    present = [d.type.name for d in tag.documents if d.type]
    return DossierSpec(
        documents=tuple(documents), digitised_by=actor, digitised_at=recorded,
        dossier_code=code,
        procedure_code=tag.procedure.key if tag.procedure else None,
        procedure_name=tag.procedure.name if tag.procedure else None,
        applicant_name=names_found[0] if names_found else None,
        applicant_id=ids_found[0] if ids_found else None,
        date_received=code_received or received, agency_id=code_agency or agency,
        components_present=tuple(dict.fromkeys(present)),
        components_missing=tuple(tag.missing_components),
    )


def _pack_one(folder: Path, args: argparse.Namespace, agency: str | None,
              signer: Signer | None = None) -> Path:
    import records
    from dossier.cards import reread_cards
    from dossier.folders import read_folder, recognise_folder
    from dossier.session import current_actor
    from ocr import OcrError
    from tagging import Catalogue, PageText, decode_codes, tag_dossier, wants_codes

    read = read_folder(folder, single_file=True)
    report_left_out(str(folder), read.left_out)
    pages: list[tuple[bytes, PageResult]] = []
    for page, outcome in zip(read.pages, recognise_folder(read.pages, args.jobs), strict=True):
        if isinstance(outcome, OcrError):
            raise _DossierFailed(f"{page.name}: {outcome}")
        pages.append((page.data, outcome))
    # A card copied on grey paper can read as nothing: tagging looks at each card.
    texts = [reread_cards(data, result.text) for data, result in pages]
    tag = tag_dossier([PageText(page.name, text,
                                decode_codes(page.data) if wants_codes(text) else ())
                       for page, text in zip(read.pages, texts, strict=True)],
                      Catalogue.load())
    # The recorded time is the newest input file's: the same folder packs to the same bytes.
    recorded = datetime.fromtimestamp(int(read.newest_mtime), UTC)
    spec = build_spec(pages, tag, recorded, current_actor(), agency, args.received)
    return records.pack_dossier(spec, args.out, profile=records.Profile(args.profile or "compact"),
                                signer=signer, jobs=args.jobs)


def _agency(args: argparse.Namespace) -> str | None:
    """``--agency``, else the workspace's setting when a workspace is named."""
    if args.agency:
        return str(args.agency).strip() or None
    if not workspace_named(args):
        return None

    with open_workspace(args) as ws:
        return ws.get_setting("agency_id") or None


_OUTCOME_NOTES = {
    "queued": "đã xếp hàng gửi — queued",
    "replaced": "thay gói chưa gửi {old} — replaced the unsent {old}",
    "unchanged": "không đổi, gói đã chờ gửi — unchanged, already waiting in the outbox",
    "already_sent": "không đổi từ khi gửi — unchanged since it was sent; nothing queued",
}


class _SigningStopped(Exception):
    """The token went away or refused the PIN: what was packed stays, the rest waits."""


def _print_notes(signer: Signer | None, where: str) -> None:
    """The signer's notes of the last pack (e.g. signed B-B: no timestamp server)."""
    take = getattr(signer, "take_notes", None)
    for note in take() if take is not None else ():
        print(f"{where}: {note}", file=sys.stderr, flush=True)


def _opening_failed(signer: Signer | None, e: BaseException) -> bool:
    """Whether ``e`` is the key's opening failing (wrong PIN, no token, refused
    certificate), raised by the first signature: it stops the whole command, unlike a
    failure of one dossier."""
    return e is getattr(signer, "opening_error", None) and e is not None


def run_dossiers(args: argparse.Namespace, signer: Signer | None = None,
                 ws: Workspace | None = None) -> int:
    """Pack and queue ``--dossier`` ones (signed with ``signer`` when given) in ``ws``, or
    the workspace the options name. A dossier whose waiting package is already signed is
    not packed again (a rerun resumes)."""
    if ws is None:
        with open_workspace(args) as opened:
            return run_dossiers(args, signer, opened)
    from dossier import DossierError
    from dossier.packing import MissingComponents, pack_and_queue
    from dossier.results import find_dossier
    from records import KeyUnavailableError, RecordsError
    from upload import UploadError

    failed = False
    for number, ident in enumerate(args.dossier):
        dossier_id = find_dossier(ws, ident)
        if dossier_id is None:
            report_failure(ident, "không có hồ sơ này trong kho — no such dossier")
            failed = True
            continue
        try:
            result = pack_and_queue(ws, dossier_id, args.profile, signer,
                                    allow_missing=args.allow_missing, out_dir=args.out)
        except KeyUnavailableError as e:
            if _opening_failed(signer, e):
                raise
            # Token pulled out or PIN refused: the dossiers done stay packed and
            # signed; this one left nothing behind. Stop and name the rest.
            report_failure(ident, str(e))
            for rest in args.dossier[number + 1:]:
                report_failure(rest, "chưa đóng gói vì không ký được — not packed: "
                                     "signing stopped")
            raise _SigningStopped from e
        except MissingComponents as e:
            report_failure(ident, "còn thiếu " + "; ".join(e.missing)
                           + " — missing required components (--allow-missing REASON "
                             "to pack it anyway)")
            failed = True
            continue
        except (DossierError, RecordsError, UploadError) as e:
            if _opening_failed(signer, e):
                raise
            report_failure(ident, str(e))
            failed = True
            continue
        print(result.path, flush=True)
        _print_notes(signer, result.package_name)
        note = _OUTCOME_NOTES[str(result.outcome)].format(old=", ".join(result.replaced))
        version = f"v{result.version}" + (f", supersedes {result.supersedes}"
                                           if result.supersedes else "")
        print(f"{result.package_name} ({version}): {note}", file=sys.stderr, flush=True)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)


# In the output folder: which folders were packed and signed into which package, so that a
# rerun of ``pack --sign`` (after the token was pulled out, say) resumes where it stopped.
SIGNED_JOURNAL = ".sohoa-signed.json"


def _folder_key(folder: Path, args: argparse.Namespace, agency: str | None) -> str:
    """The folder's identity for the journal: its files (names, sizes, times) and the
    options that shape the package."""
    import hashlib
    import json

    folder = folder.resolve()
    files = sorted(folder.rglob("*")) if folder.is_dir() else [folder]
    listing = [(str(f.relative_to(folder) if folder.is_dir() else f.name), st.st_size,
                st.st_mtime_ns) for f in files if f.is_file() for st in (f.stat(),)]
    facts = [str(folder), listing, args.profile or "compact", agency,
             str(args.received) if args.received else None]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


def _read_journal(out: Path) -> dict[str, dict[str, str]]:
    import json

    try:
        data = json.loads((out / SIGNED_JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _already_signed(out: Path, journal: dict[str, dict[str, str]], key: str) -> Path | None:
    """The package a previous ``pack --sign`` made of this folder, if it is still there,
    unchanged and signed."""
    import hashlib

    entry = journal.get(key)
    if not isinstance(entry, dict) or not entry.get("package"):
        return None
    path = out / Path(str(entry["package"])).name
    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    if digest != entry.get("sha256"):
        return None
    from records import verify_signatures

    documents = verify_signatures(path)
    if not documents or not all(d.signed and d.ok for d in documents):
        return None
    return path


def _note_signed(out: Path, journal: dict[str, dict[str, str]], key: str, path: Path) -> None:
    import hashlib
    import json

    from storage import atomic_writer

    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    journal[key] = {"package": path.name, "sha256": digest}
    with atomic_writer(out / SIGNED_JOURNAL) as handle:
        handle.write(json.dumps(journal, ensure_ascii=False, indent=1).encode("utf-8"))


def run(args: argparse.Namespace) -> int:
    from dossier import DossierError
    from dossier.session import DiskFull, is_disk_full
    from records import KeyUnavailableError, PendingSigner, RecordsError

    if not args.dossier and not args.paths:
        args.parser.error("give dossier folders (PATH) or --dossier ID")
    if args.paths and args.out is None:
        args.parser.error("--out DIR is required to pack folders")
    agency = _agency(args) if args.paths else None
    failed = False
    try:
        # With --sign the key is opened (its certificate checked) once for the workspace's
        # dossiers and the folders alike, in the background while the first dossier's
        # pages are read and converted; an opening error stops all before any signature.
        # With --dossier one login serves the signing settings and the packing.
        with contextlib.ExitStack() as stack:
            ws = stack.enter_context(open_workspace(args)) if args.dossier else None
            signer = stack.enter_context(signer_from_args(args, ahead=True, ws=ws))
            if args.dossier:
                try:
                    failed = run_dossiers(args, signer, ws) != ExitCode.OK
                except _SigningStopped:
                    for rest in args.paths:
                        report_failure(str(rest), "chưa đóng gói vì không ký được — not "
                                                  "packed: signing stopped")
                    return int(ExitCode.SOME_FAILED)
            journal = _read_journal(args.out) if signer is not None and args.paths else {}
            for number, folder in enumerate(args.paths):
                key = _folder_key(folder, args, agency) if signer is not None else ""
                done = _already_signed(args.out, journal, key) if signer is not None else None
                if done is not None:
                    # A rerun: this folder was packed and signed; it is not signed again.
                    print(done, flush=True)
                    print(f"{done.name}: đã ký từ lần trước, không ký lại — already packed "
                          "and signed, kept", file=sys.stderr, flush=True)
                    continue
                try:
                    path = _pack_one(folder, args, agency, signer)
                except KeyUnavailableError as e:
                    if _opening_failed(signer, e):
                        raise
                    # Token pulled out or PIN refused: what was packed stays packed and
                    # signed; this dossier left nothing behind. Stop and name the rest.
                    report_failure(str(folder), str(e))
                    for rest in args.paths[number + 1:]:
                        report_failure(str(rest), "chưa đóng gói vì không ký được — not "
                                                  "packed: signing stopped")
                    return int(ExitCode.SOME_FAILED)
                except Exception as e:
                    if _opening_failed(signer, e):
                        raise
                    if not is_disk_full(e):
                        if not isinstance(e, _DossierFailed | DossierError | RecordsError):
                            raise
                        report_folder_failure(str(folder), e)
                        failed = True
                        continue
                    # Every later dossier would fail the same way: stop at the first.
                    report_failure(str(folder), DiskFull(str(folder), "đóng gói hồ sơ này",
                                                         "packing this dossier").reason)
                    return int(ExitCode.WORKSPACE)
                print(path, flush=True)
                _print_notes(signer, str(path))
                if signer is not None:
                    _note_signed(args.out, journal, key, path)
            if isinstance(signer, PendingSigner):
                signer.wait()  # nothing was signed (all done before): the key is still checked
    except (DossierError, RecordsError) as e:
        # No usable key: nothing was packed.
        report_failure("--sign", str(e))
        return int(ExitCode.FAILED)
    return int(ExitCode.SOME_FAILED if failed else ExitCode.OK)
