"""Verifying a record package: BagIt checksums, manifest schema, PDF/A-2b, pages and text.

Reads the zip in place; reports every problem found instead of stopping at the first.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfa import PdfCheck, TextLayer, check_pdfa
from records import bag
from records.manifest import MANIFEST_NAME, schema_problems
from records.signing import DocumentSignatures, SignatureCheck, SignatureRun

# A page of the record is at most a few MB; refuse members that would exhaust memory.
_MAX_MEMBER = 2 * 1024**3
# Decree 30/2020/NĐ-CP, Annex I: digitised copies are scanned at 200 dpi or more.
MIN_DPI = 200


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of checking one package: ``ok`` only when ``problems`` is empty."""

    path: Path
    problems: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    # Pages scanned below MIN_DPI: valid, but short of what Decree 30/2020 asks of a copy.
    low_resolution_pages: int = 0
    # Each PDF's signatures (PAdES), in manifest order.
    signatures: tuple[DocumentSignatures, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse_manifest(text: str, label: str, problems: list[str]) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, name = line.partition(" ")
        name = name.lstrip(" ").lstrip("*")
        if not sep or len(digest) != 64 or not name:
            problems.append(f"{label} dòng {number} sai dạng — malformed line {number}")
            continue
        entries[bag.decode_path(name)] = digest.lower()
    return entries


def _read_members(archive: zipfile.ZipFile, problems: list[str]) -> tuple[str, dict[str, bytes]]:
    """The single top-level folder's name and its files (paths relative to it)."""
    tops: set[str] = set()
    files: dict[str, bytes] = {}
    for info in archive.infolist():
        name = info.filename
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or "\\" in name:
            problems.append(f"{name}: đường dẫn không an toàn — unsafe path in zip")
            continue
        tops.add(parts[0])
        if info.is_dir():
            continue
        if len(parts) < 2:
            problems.append(f"{name}: tệp nằm ngoài thư mục gói — file outside the bag folder")
            continue
        if info.file_size > _MAX_MEMBER:
            problems.append(f"{name}: tệp quá lớn — member too large")
            continue
        files["/".join(parts[1:])] = archive.read(info)
    if len(tops) != 1:
        problems.append(f"zip phải có đúng một thư mục gốc, có {len(tops)} — "
                        f"zip must hold exactly one top-level folder, found {len(tops)}")
    return (sorted(tops)[0] if tops else ""), files


def _check_bag(files: dict[str, bytes], problems: list[str]) -> None:
    bagit_txt = files.get("bagit.txt")
    if bagit_txt is None or not bagit_txt.startswith(b"BagIt-Version: "):
        problems.append("thiếu hoặc sai bagit.txt — bagit.txt missing or malformed")
    for label, required in ((bag.PAYLOAD_MANIFEST, True), (bag.TAG_MANIFEST, False)):
        raw = files.get(label)
        if raw is None:
            if required:
                problems.append(f"thiếu {label} — {label} missing")
            continue
        listed = _parse_manifest(raw.decode("utf-8", "replace"), label, problems)
        for name, digest in sorted(listed.items()):
            data = files.get(name)
            if data is None:
                problems.append(f"{name}: có trong {label} nhưng không có tệp — listed, missing")
            elif hashlib.sha256(data).hexdigest() != digest:
                problems.append(f"{name}: sai sha256 — checksum mismatch")
        if label == bag.PAYLOAD_MANIFEST:
            for name in sorted(files):
                if name.startswith("data/") and name not in listed:
                    problems.append(f"{name}: tệp không có trong {label} — file not in manifest")
    info = files.get("bag-info.txt", b"").decode("utf-8", "replace")
    for line in info.splitlines():
        if line.startswith("Payload-Oxum:"):
            payload = {k: v for k, v in files.items() if k.startswith("data/")}
            if line.split(":", 1)[1].strip() != bag.payload_oxum(payload):
                problems.append("Payload-Oxum không khớp — Payload-Oxum does not match")


def _text_problems(name: str, check: PdfCheck, pages: list[dict[str, Any]]) -> list[str]:
    """Every page needs a text layer; a page with OCR words needs one showing real text.

    A page OCR found nothing on (a blank page) may have an empty layer.
    """
    problems = []
    for number, layer in enumerate(check.text_layers, 1):
        words = pages[number - 1]["ocr_words"] if number <= len(pages) else 0
        if layer is TextLayer.NONE:
            problems.append(f"{name}: trang {number} không có lớp chữ — "
                            f"page {number} has no text layer")
        elif words > 0 and layer is not TextLayer.TEXT:
            problems.append(f"{name}: trang {number} có {words} từ OCR nhưng lớp chữ rỗng — "
                            f"page {number} has {words} OCR words but an empty text layer")
    return problems


def _check_documents(files: dict[str, bytes], problems: list[str],
                     validated: Collection[str],
                     signatures: SignatureRun) -> tuple[int, int, int]:
    raw = files.get(f"data/{MANIFEST_NAME}")
    if raw is None:
        problems.append(f"thiếu data/{MANIFEST_NAME} — manifest missing")
        return 0, 0, 0
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        problems.append(f"data/{MANIFEST_NAME}: JSON hỏng — invalid JSON ({e})")
        return 0, 0, 0
    schema_errors = schema_problems(manifest)
    problems += [f"data/{MANIFEST_NAME}: sai lược đồ — schema: {p}" for p in schema_errors]
    if schema_errors:
        return 0, 0, 0
    pages = 0
    low = sum(1 for document in manifest["documents"] for page in document["pages"]
              if page["source_dpi"] < MIN_DPI)
    listed = set()
    for document in manifest["documents"]:
        name = f"data/{document['file']}"
        listed.add(name)
        data = files.get(name)
        if data is None:
            problems.append(f"{name}: thiếu tệp tài liệu — document file missing")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != document["sha256"]:
            problems.append(f"{name}: sha256 khác với manifest.json — sha256 differs from manifest")
        check = check_pdfa(io.BytesIO(data), validate=digest not in validated)
        problems += [f"{name}: {p}" for p in check.problems]
        if check.page_count != document["page_count"]:
            problems.append(f"{name}: có {check.page_count} trang, manifest ghi "
                            f"{document['page_count']} — page count differs from manifest")
        problems += _text_problems(name, check, document["pages"])
        problems += signatures.check(name, data)
        pages += check.page_count
    for name in sorted(files):
        if name.endswith(".pdf") and name.startswith("data/") and name not in listed:
            problems.append(f"{name}: PDF không có trong manifest.json — PDF not in manifest")
    return len(manifest["documents"]), pages, low


def verify_package(path: Path, *, validated: Collection[str] = (),
                   signatures: SignatureCheck | None = None) -> VerifyReport:
    """Check one package zip: bag, manifest schema, each PDF (PDF/A-2b, pages, text layer).

    ``validated`` holds sha256 digests (hex) of PDF files the caller has itself just
    validated as PDF/A-2b (the packer: its writer validates each file it writes); a PDF
    with one of those digests is not validated again. Everything else is still checked.
    ``signatures`` says which anchors to trust and whether a signature is required; each
    PDF's signatures are reported in ``VerifyReport.signatures``.
    """
    run = SignatureRun(signatures or SignatureCheck())
    path = Path(path)
    problems: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            _top, files = _read_members(archive, problems)
    except FileNotFoundError:
        return VerifyReport(path, ["không tìm thấy — not found"])
    except (zipfile.BadZipFile, OSError) as e:
        return VerifyReport(path, [f"không phải tệp zip đọc được — not a readable zip ({e})"])
    _check_bag(files, problems)
    documents, pages, low = _check_documents(files, problems, validated, run)
    return VerifyReport(path, problems, documents, pages, low, tuple(run.found))
