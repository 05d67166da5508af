"""Packing a dossier: PDF/A-2b per document, JSON manifest, BagIt zip, verified, put in place.

The package is built in a staging folder next to its destination and renamed into place.
"""

from __future__ import annotations

import hashlib
import io
import math
import multiprocessing
import multiprocessing.context
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

import pdfa
from pdfa import EncodedPage, PageRaster, Profile
from pdfa.raster import U8, to_rgb_array
from records import bag
from records.errors import PackageInvalidError, RecordsError, SpecError
from records.manifest import MANIFEST_NAME, DocumentEntry, Manifest, PageEntry
from records.signing import NoSigner, SignatureCheck, Signer
from records.spec import DocumentSpec, DossierSpec, ReusedSpec
from records.verify import verify_package
from storage import atomic_writer, fsync_dir
from vntext.idnumber import compact_id_number

GENERATOR = "Sohoa 0.1.0"
# Below this many pages a dossier is encoded in this process alone: starting workers (a
# fork server, the first time) costs more than they would save.
MIN_PARALLEL_PAGES = 4
# Chunks per process: small enough to balance pages of unequal cost, large enough that
# sending the images to the workers stays cheap.
CHUNKS_PER_PROCESS = 4


@dataclass(frozen=True)
class _PageFacts:
    dpi: int
    width: int
    height: int


@dataclass(frozen=True)
class _PageJob:
    """What encoding one page needs: small and picklable (words stay in the parent)."""

    image: bytes | Image.Image
    dpi: int | None
    rotation: int
    skew: float
    profile: Profile


def _decode(image: bytes | Image.Image) -> tuple[U8, int | None]:
    """The page as an RGB array and the resolution its file states (None if none)."""
    from ocr import to_page_mode

    if isinstance(image, Image.Image):
        info = image.info.get("dpi")
        return to_rgb_array(to_page_mode(image)), _stated_dpi(info)
    try:
        opened = Image.open(io.BytesIO(image))  # reads the header only
        info = opened.info.get("dpi")
        if opened.format == "JPEG" and opened.mode in ("RGB", "L"):
            # OpenCV decodes scanner JPEGs a third faster than Pillow and straight to RGB;
            # orientation tags are ignored, as Pillow (and so OCR's word boxes) ignore them.
            flags = cv2.IMREAD_COLOR_RGB | cv2.IMREAD_IGNORE_ORIENTATION
            decoded = cv2.imdecode(np.frombuffer(image, dtype=np.uint8), flags)
            if decoded is not None:
                return np.asarray(decoded, dtype=np.uint8), _stated_dpi(info)
        opened.load()
        # 16-bit greys scaled, CMYK through its profile, alpha on white: the page a
        # workspace imported before every page image was stored in 8 bits shows right too.
        page = to_page_mode(opened)
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise SpecError(f"không đọc được ảnh trang — unreadable page image ({e})") from e
    return to_rgb_array(page), _stated_dpi(info)


def _stated_dpi(info: object) -> int | None:
    try:
        value = float(info[0])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return round(value) if value >= 50 else None


def _upright(rgb: U8, rotation: int, skew: float) -> U8:
    """The page turned ``rotation`` degrees clockwise, then deskewed ``skew`` degrees CCW.

    Same geometry as ``ocr.upright_image`` (which the word boxes refer to), on arrays with
    OpenCV, bilinear: Pillow's bicubic rotate of a full colour page costs more than
    encoding it, OpenCV's bicubic half that, bilinear half again (measured), and a
    fraction of a degree of turn loses nothing visible at 200-300 dpi either way.
    """
    turn = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
            270: cv2.ROTATE_90_COUNTERCLOCKWISE}.get(rotation % 360)
    if turn is not None:
        rgb = np.asarray(cv2.rotate(rgb, turn), dtype=np.uint8)
    if abs(skew) >= 0.05:
        height, width = rgb.shape[:2]
        # Pillow rotates about (w/2, h/2) with pixel centres at +0.5, i.e. about
        # ((w-1)/2, (h-1)/2) in OpenCV's pixel coordinates; this is its output->input map.
        theta = -math.radians(skew)
        a, b = math.cos(theta), math.sin(theta)
        cx, cy = (width - 1) / 2, (height - 1) / 2
        inverse = np.array([[a, b, cx - a * cx - b * cy],
                            [-b, a, cy + b * cx - a * cy]], dtype=np.float64)
        rgb = np.asarray(cv2.warpAffine(
            rgb, inverse, (width, height),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255)), dtype=np.uint8)
    return rgb


def encode_page_job(job: _PageJob) -> PageRaster:
    """Decode, turn upright and encode one page: the per-page work, run in any process."""
    rgb, stated = _decode(job.image)
    rgb = _upright(rgb, job.rotation, job.skew)
    dpi = job.dpi or stated
    if not dpi:
        from ocr import guess_dpi

        dpi = guess_dpi(rgb.shape[1], rgb.shape[0])
    try:
        return pdfa.encode_page(rgb, int(dpi), job.profile)
    except pdfa.PdfaInputError as e:
        raise SpecError(str(e)) from e


def _encode_chunk(jobs: Sequence[_PageJob]) -> list[PageRaster]:
    return [encode_page_job(job) for job in jobs]


def _worker_start() -> None:
    # One OpenCV thread per process: the pool is the parallelism.
    cv2.setNumThreads(1)


def _processes(jobs: int | None) -> int:
    if jobs:
        return max(1, jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context() -> multiprocessing.context.BaseContext:
    # A fork server imports numpy, OpenCV and pikepdf once; each worker is then a fork of it
    # (tens of ms instead of a second per spawned interpreter), and it is never a fork of a
    # process with threads (the desktop app). Spawn where there is no fork server.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["records.pack"])
        return context
    return multiprocessing.get_context("spawn")


def encode_pages(jobs: Sequence[_PageJob], processes: int) -> list[PageRaster]:
    """Encode every page, in ``processes`` processes counting this one, results in order."""
    rasters: list[PageRaster | None] = [None] * len(jobs)
    for start, chunk in encode_chunks(jobs, processes):
        rasters[start:start + len(chunk)] = chunk
    return [r for r in rasters if r is not None]


def encode_chunks(jobs: Sequence[_PageJob],
                  processes: int) -> Iterator[tuple[int, list[PageRaster]]]:
    """Encode every page; yield (index of the first page, rasters) per chunk as it is done.

    Pages go to a pool in small chunks taken from the front, while this process encodes
    chunks from the back that no worker has started: nothing waits for workers to start,
    and a dossier too small to be worth them is simply done here. The caller can use each
    chunk at once (write a document whose pages are all done) while workers go on. A
    broken pool (a worker killed) leaves its pages to this process.
    """
    if processes <= 1 or len(jobs) < MIN_PARALLEL_PAGES:
        yield 0, _encode_chunk(jobs)
        return
    size = max(1, len(jobs) // (processes * CHUNKS_PER_PROCESS))
    starts = list(range(0, len(jobs), size))
    chunks = [list(jobs[i:i + size]) for i in starts]
    pool = ProcessPoolExecutor(processes - 1, mp_context=_pool_context(),
                               initializer=_worker_start)
    threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        futures = [pool.submit(_encode_chunk, chunk) for chunk in chunks]
        handed: set[int] = set()

        def collect(index: int) -> tuple[int, list[PageRaster]]:
            handed.add(index)
            try:
                return starts[index], futures[index].result()
            except BrokenProcessPool:
                return starts[index], _encode_chunk(chunks[index])

        for index in reversed(range(len(chunks))):
            if futures[index].cancel():
                handed.add(index)
                yield starts[index], _encode_chunk(chunks[index])
            for other, future in enumerate(futures):
                if other not in handed and future.done() and not future.cancelled():
                    yield collect(other)
        for index in range(len(chunks)):
            if index not in handed:
                yield collect(index)
    finally:
        cv2.setNumThreads(threads)
        pool.shutdown(wait=True, cancel_futures=True)


def _write_document(pages: Sequence[EncodedPage], out: Path, title: str,
                    created: datetime) -> None:
    pdfa.write_searchable_pdf(pages, out, title=title, created=created)


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
    if spec.result is not None:
        fields += [("Record-Kind", "result"),
                   ("Result-Code", spec.result.result_code or ""),
                   ("Result-Number", spec.result.number_symbol or ""),
                   ("Result-Date-Signed", _day(spec.result.date_signed) or ""),
                   ("Resolves-Dossier", spec.result.resolves_code or ""),
                   ("Resolves-Record", spec.result.resolves_record or "")]
    fields += [("Component-Reused", f"{r.component_name} ({r.sha256})") for r in spec.reused]
    fields += [("Component-Present", name) for name in spec.components_present]
    fields += [("Component-Missing", name) for name in spec.components_missing]
    if spec.missing_reason:
        fields.append(("Missing-Components-Reason", spec.missing_reason))
    fields.append(("Package-Version", str(spec.version)))
    if spec.supersedes:
        fields.append(("Supersedes", spec.supersedes))
    return fields


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _result_json(spec: DossierSpec) -> dict[str, Any] | None:
    r = spec.result
    if r is None:
        return None
    return {
        "result_code": r.result_code, "type": r.type_name, "number_symbol": r.number_symbol,
        "date_signed": _day(r.date_signed), "agency": r.agency, "signer": r.signer,
        "summary": r.summary, "valid_until": _day(r.valid_until),
        "holder": {"name": r.holder_name, "id_number": r.holder_id},
        "resolves": {"dossier_code": r.resolves_code, "record": r.resolves_record,
                     "sha256": r.resolves_sha256},
    }


def _reused_json(r: ReusedSpec) -> dict[str, Any]:
    return {"component": {"key": r.component_key, "name": r.component_name},
            "source": r.source, "sha256": r.sha256, "valid_until": _day(r.valid_until)}


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
    digits = compact_id_number(spec.applicant_id)
    if digits is None:
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

    Same spec (same recorded times) and profile give a byte-identical zip. Pages are
    encoded by ``jobs`` processes counting this one (default: one per core; 1: all here).
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
        facts = _write_documents(spec, names, staging, profile, moment, jobs)
        payload: dict[str, bytes] = {}
        entries = []
        validated: set[str] = set()
        for number, (document, name, page_facts) in enumerate(
                zip(spec.documents, names, facts, strict=True), 1):
            path = staging / name
            # The writer validated these bytes as PDF/A-2b; verification need not repeat
            # that unless the signer changed them.
            original = path.read_bytes()
            # The signature seam: after PDF/A conversion, before the bytes are hashed.
            signer.sign(path, spec, document)
            data = path.read_bytes()
            if data == original:
                validated.add(hashlib.sha256(data).hexdigest())
            elif (len(data) > len(original) and data.startswith(original)
                    and not pdfa.check_signed_update(data)):
                # An incremental update (a PAdES signature) after the validated bytes:
                # what it added is checked here, the rest was validated when written.
                # Anything else a signer did is validated whole by the verification below.
                validated.add(hashlib.sha256(data).hexdigest())
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
            missing_reason=spec.missing_reason, version=spec.version,
            supersedes=spec.supersedes,
            result=_result_json(spec), reused=tuple(_reused_json(r) for r in spec.reused),
        )
        payload[MANIFEST_NAME] = manifest.to_bytes()
        files = bag.build_bag(payload, _bag_info(spec, code, manifest))
        staged_zip = staging / f"{code}.zip"
        with atomic_writer(staged_zip) as handle:
            bag.write_zip(handle, code, files, moment)
        # mkstemp makes owner-only files; a record is meant to be read by others.
        os.chmod(staged_zip, 0o644)
        # Signatures just made are checked for what they cover and their value (the chain
        # is the verifier's business): pyHanko's full validation would double their cost.
        report = verify_package(staged_zip, validated=validated,
                                signatures=SignatureCheck(quick=True))
        if not report.ok:
            raise PackageInvalidError(
                f"{code}: gói hồ sơ không hợp lệ — package failed verification: "
                + "; ".join(report.problems[:5]))
        target = out_dir / spec.package_name()
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
                  None if p.mean_confidence is None else round(float(p.mean_confidence), 2),
                  sum(1 for word in p.words if pdfa.placed_text(word)))
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


def _write_documents(spec: DossierSpec, names: Sequence[str], staging: Path,
                     profile: Profile, moment: datetime,
                     jobs: int | None) -> list[list[_PageFacts]]:
    """Encode every page (in parallel, page by page) and write each document's PDF as soon
    as its pages are done."""
    titles = [
        f"{name[:-4]}" + (f" — {d.component_name}" if d.component_name else "")
        for name, d in zip(names, spec.documents, strict=True)
    ]
    page_jobs = [_PageJob(p.image, p.dpi, p.rotation, p.skew, profile)
                 for d in spec.documents for p in d.pages]
    firsts = [0]
    for document in spec.documents:
        firsts.append(firsts[-1] + len(document.pages))
    rasters: list[PageRaster | None] = [None] * len(page_jobs)
    facts: list[list[_PageFacts] | None] = [None] * len(spec.documents)
    for start, chunk in encode_chunks(page_jobs, _processes(jobs)):
        rasters[start:start + len(chunk)] = chunk
        for number, document in enumerate(spec.documents):
            done = rasters[firsts[number]:firsts[number + 1]]
            if facts[number] is not None or any(r is None for r in done):
                continue
            pages = [EncodedPage(r, p.words)
                     for r, p in zip(done, document.pages, strict=True) if r is not None]
            _write_document(pages, staging / names[number], titles[number], moment)
            facts[number] = [_PageFacts(p.raster.dpi, p.raster.width, p.raster.height)
                             for p in pages]
    return [f for f in facts if f is not None]
