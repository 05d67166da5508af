"""Packing a dossier: PDF/A-2b per document, JSON manifest, BagIt zip, verified, put in place.

The package is built in a staging folder next to its destination and renamed into place.
"""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

import pdfa
from pdfa import PdfPage, Profile
from records import bag
from records.errors import PackageInvalidError, RecordsError, SpecError
from records.manifest import MANIFEST_NAME, DocumentEntry, Manifest, PageEntry
from records.signing import NoSigner, Signer
from records.spec import DocumentSpec, DossierSpec, PageSpec
from records.verify import verify_package
from storage import atomic_writer, fsync_dir

GENERATOR = "Sohoa 0.1.0"


@dataclass(frozen=True)
class _PageFacts:
    dpi: int
    width: int
    height: int


def upright_page(page: PageSpec) -> PdfPage:
    """The page as the PDF writer wants it: upright colour image, dpi, words."""
    from ocr import guess_dpi, upright_image

    if isinstance(page.image, bytes):
        try:
            image: Image.Image = Image.open(io.BytesIO(page.image))
            image.load()
            info_dpi = image.info.get("dpi")
        except (UnidentifiedImageError, OSError) as e:
            raise SpecError(f"không đọc được ảnh trang — unreadable page image ({e})") from e
    else:
        image = page.image
        info_dpi = image.info.get("dpi")
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if page.rotation or page.skew:
        image = upright_image(image, page.rotation, page.skew)
    dpi = page.dpi
    if not dpi and info_dpi and float(info_dpi[0]) >= 50:
        dpi = round(float(info_dpi[0]))
    if not dpi:
        dpi = guess_dpi(image.width, image.height)
    return PdfPage(image=image, dpi=int(dpi), words=page.words)


def _write_document(pages: Sequence[PageSpec], out: Path, profile: Profile, title: str,
                    created: datetime) -> list[_PageFacts]:
    """Write one document's PDF; a top-level function so worker processes can run it."""
    facts: list[_PageFacts] = []

    class _Pages(Sequence[PdfPage]):
        # Pages are decoded one at a time while the writer walks them: bounded memory.
        def __len__(self) -> int:
            return len(pages)

        def __getitem__(self, index):  # type: ignore[no-untyped-def]
            if isinstance(index, slice):
                return [self[i] for i in range(*index.indices(len(self)))]
            page = upright_page(pages[index])
            facts.append(_PageFacts(page.dpi, page.image.width, page.image.height))
            return page

    pdfa.write_searchable_pdf(_Pages(), out, profile=profile, title=title, created=created)
    return facts


def _number_width(count: int) -> int:
    return max(2, len(str(count)))


def _bag_info(spec: DossierSpec, code: str, manifest: Manifest) -> list[tuple[str, str]]:
    pages = sum(len(d.pages) for d in manifest.documents)
    fields: list[tuple[str, str]] = [
        ("Source-Organization", spec.agency_id or ""),
        ("External-Identifier", code),
        ("External-Description",
         f"Hồ sơ {code}" + (f" — {spec.procedure_name}" if spec.procedure_name else "")),
        ("Bagging-Date", manifest.digitised_at[:10]),
        ("Bag-Software-Agent", GENERATOR),
        ("Dossier-Code", code),
        ("Dossier-Code-Kind", "official" if spec.official else "provisional"),
        ("Procedure-Code", spec.procedure_code or ""),
        ("Procedure-Name", spec.procedure_name or ""),
        ("Applicant-Name", spec.applicant_name or ""),
        ("Applicant-ID", manifest.applicant_id or ""),
        ("Date-Received", manifest.date_received or ""),
        ("Agency-ID", spec.agency_id or ""),
        ("Digitised-By", spec.digitised_by),
        ("Digitised-At", manifest.digitised_at),
        ("Compression-Profile", manifest.profile),
        ("Document-Count", str(len(manifest.documents))),
        ("Page-Count", str(pages)),
    ]
    fields += [("Component-Present", name) for name in spec.components_present]
    fields += [("Component-Missing", name) for name in spec.components_missing]
    return fields


def _check(spec: DossierSpec) -> None:
    if not spec.documents:
        raise SpecError("hồ sơ không có tài liệu nào — the dossier has no documents")
    for number, document in enumerate(spec.documents, 1):
        if not document.pages:
            raise SpecError(
                f"tài liệu {number} không có trang nào — document {number} has no pages")
    if not spec.digitised_by.strip():
        raise SpecError("thiếu người số hóa — digitised_by is empty")


def _applicant_id(spec: DossierSpec) -> str | None:
    if not spec.applicant_id:
        return None
    digits = "".join(ch for ch in spec.applicant_id if not ch.isspace() and ch != ".")
    if not (digits.isdigit() and len(digits) in (9, 12)):
        raise SpecError(
            f"{spec.applicant_id}: số định danh phải có 12 (hoặc 9) chữ số — "
            "the ID number must have 12 (or 9) digits")
    return digits


def _moment(spec: DossierSpec) -> datetime:
    moment = spec.digitised_at.replace(microsecond=0)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    offset = moment.utcoffset()
    if not offset:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat(timespec="seconds")


def pack_dossier(
    spec: DossierSpec,
    out_dir: Path,
    *,
    profile: Profile = Profile.COMPACT,
    signer: Signer | None = None,
    jobs: int | None = None,
) -> Path:
    """Build, verify and put in place ``out_dir/<code>.zip``; return its path.

    Same spec (same recorded times) and profile give a byte-identical zip. ``jobs`` worker
    processes write documents in parallel (default: one per core, at most one per document).
    Raises SpecError for an unusable spec, PackageInvalidError if the built package fails
    verification (nothing is put in place), RecordsError for write failures.
    """
    _check(spec)
    code = spec.record_id()
    profile = Profile(profile)
    signer = signer or NoSigner()
    moment = _moment(spec)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{code}-", dir=out_dir))
    except OSError as e:
        raise RecordsError(f"{out_dir}: không tạo được thư mục — cannot create folder ({e})") from e
    try:
        width = _number_width(len(spec.documents))
        names = [f"{code}.{n:0{width}d}.pdf" for n in range(1, len(spec.documents) + 1)]
        facts = _write_documents(spec, code, names, staging, profile, moment, jobs)
        payload: dict[str, bytes] = {}
        entries = []
        for number, (document, name, page_facts) in enumerate(
                zip(spec.documents, names, facts, strict=True), 1):
            path = staging / name
            # The signature seam: after PDF/A conversion, before the bytes are hashed.
            signer.sign(path, spec, document)
            data = path.read_bytes()
            payload[name] = data
            entries.append(_entry(spec, document, number, name, page_facts, data, moment))
        manifest = Manifest(
            code=code, official=spec.official,
            procedure_code=spec.procedure_code, procedure_name=spec.procedure_name,
            applicant_name=spec.applicant_name, applicant_id=_applicant_id(spec),
            date_received=spec.date_received.isoformat() if spec.date_received else None,
            agency_id=spec.agency_id,
            components_present=tuple(spec.components_present),
            components_missing=tuple(spec.components_missing),
            digitised_by=spec.digitised_by, digitised_at=_iso(moment),
            profile=str(profile), generator=GENERATOR, documents=tuple(entries),
        )
        payload[MANIFEST_NAME] = manifest.to_bytes()
        files = bag.build_bag(payload, _bag_info(spec, code, manifest))
        staged_zip = staging / f"{code}.zip"
        with atomic_writer(staged_zip) as handle:
            bag.write_zip(handle, code, files, moment)
        # mkstemp makes owner-only files; a record is meant to be read by others.
        os.chmod(staged_zip, 0o644)
        report = verify_package(staged_zip)
        if not report.ok:
            raise PackageInvalidError(
                f"{code}: gói hồ sơ không hợp lệ — package failed verification: "
                + "; ".join(report.problems[:5]))
        target = out_dir / f"{code}.zip"
        os.replace(staged_zip, target)
        fsync_dir(out_dir)
        return target
    except pdfa.PdfaError as e:
        raise RecordsError(f"{code}: {e}") from e
    except OSError as e:
        raise RecordsError(f"{code}: không ghi được gói — cannot write the package ({e})") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _entry(spec: DossierSpec, document: DocumentSpec, number: int, name: str,
           facts: Sequence[_PageFacts], data: bytes, moment: datetime) -> DocumentEntry:
    confidences = [p.mean_confidence for p in document.pages if p.mean_confidence is not None]
    pages = tuple(
        PageEntry(i, f.dpi, f.width, f.height,
                  None if p.mean_confidence is None else round(float(p.mean_confidence), 2))
        for i, (f, p) in enumerate(zip(facts, document.pages, strict=True), 1)
    )
    return DocumentEntry(
        sequence=number, file=name,
        component_key=document.component_key, component_name=document.component_name,
        procedure_code=spec.procedure_code,
        digitised_at=_iso(moment), digitised_by=spec.digitised_by,
        ocr_mean_confidence=round(sum(confidences) / len(confidences), 2) if confidences else None,
        language=document.language, pages=pages,
        sha256=hashlib.sha256(data).hexdigest(), size=len(data),
    )


def _write_documents(spec: DossierSpec, code: str, names: Sequence[str], staging: Path,
                     profile: Profile, moment: datetime,
                     jobs: int | None) -> list[list[_PageFacts]]:
    titles = [
        f"{name[:-4]}" + (f" — {d.component_name}" if d.component_name else "")
        for name, d in zip(names, spec.documents, strict=True)
    ]
    del code
    count = len(spec.documents)
    workers = min(jobs or os.cpu_count() or 1, count)
    pages_total = sum(len(d.pages) for d in spec.documents)
    # Worker start-up (spawned interpreters importing numpy, OpenCV, pikepdf) costs about a
    # second; it pays off only for several documents with a few pages to share.
    if workers <= 1 or pages_total < 4:
        return [
            _write_document(d.pages, staging / name, profile, title, moment)
            for d, name, title in zip(spec.documents, names, titles, strict=True)
        ]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        # Largest documents first, so the last worker does not finish long after the others.
        order = sorted(range(count), key=lambda i: -len(spec.documents[i].pages))
        futures = {
            i: pool.submit(_write_document, list(spec.documents[i].pages), staging / names[i],
                           profile, titles[i], moment)
            for i in order
        }
        return [futures[i].result() for i in range(count)]
