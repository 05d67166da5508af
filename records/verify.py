"""Verifying a record package: BagIt checksums, manifest schema, PDF/A-2b, pages and text.

Reads the zip in place; reports every problem found instead of stopping at the first.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfa import PdfCheck, TextLayer, check_pdfa
from records import bag
from records.manifest import MANIFEST_NAME, schema_problems
from records.signing import DocumentSignatures, SignatureCheck, SignatureRun
from vntext.digitisation import MIN_DPI

# Limits against hostile packages (zip bombs, huge or deeply nested manifests). A
# record holds a few hundred pages of a few hundred kB each; these leave ample room.
MAX_MEMBER = 512 * 1024**2          # bytes, uncompressed, of any one member
MAX_TOTAL = 4 * 1024**3             # bytes, uncompressed, of all members together
MAX_MEMBERS = 20_000                # entries in the zip
MAX_TAG_FILE = 16 * 1024**2         # bytes of a text member kept in memory (manifests, bag-info)
MAX_RATIO = 200                     # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 8 * 1024**2
PDF_IN_MEMORY = 96 * 1024**2        # larger PDFs are checked straight from the zip
MAX_JSON_DEPTH = 32
MAX_JSON_DIGITS = 40
_READ = 1024**2


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


class _Refused(Exception):
    """The whole package is refused before anything is unpacked (a zip bomb, say)."""


@dataclass(frozen=True)
class _Member:
    """One file of the bag, read once as a stream: its digest, size and (small text) bytes."""

    info: zipfile.ZipInfo
    sha256: str
    size: int
    data: bytes | None  # kept only for tag files and manifests, never for PDFs


_ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError,
                    EOFError, OSError, ValueError)


def _mib(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def _screen(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's entries, refused as a whole when they could only be a bomb or a flood."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Refused(f"zip có {len(infos)} mục, quá giới hạn {MAX_MEMBERS} — the zip has "
                       f"{len(infos)} entries, over the limit of {MAX_MEMBERS}")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise _Refused(f"giải nén ra {_mib(total)}, quá giới hạn {_mib(MAX_TOTAL)}: có thể là "
                       f"bom zip; không giải nén — would unpack to {_mib(total)}, over the "
                       f"{_mib(MAX_TOTAL)} limit (a zip bomb?); nothing was unpacked")
    return infos


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member is not read at all (too large, suspiciously compressed), or None."""
    name = info.filename
    if info.file_size > MAX_MEMBER:
        return (f"{name}: tệp giải nén {_mib(info.file_size)}, quá giới hạn {_mib(MAX_MEMBER)}"
                f" — member too large ({_mib(info.file_size)} unpacked, limit "
                f"{_mib(MAX_MEMBER)})")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        return (f"{name}: nén {ratio}:1, bất thường (bom zip?) — compressed {ratio}:1, "
                f"beyond any scan (a zip bomb?); not unpacked")
    return None


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> _Member:
    """Read ``info`` in pieces, hashing as it goes; never more than the declared size."""
    digest = hashlib.sha256()
    size = 0
    kept = bytearray() if keep else None
    with archive.open(info) as handle:
        while piece := handle.read(_READ):
            size += len(piece)
            if size > info.file_size or size > MAX_MEMBER:
                raise zipfile.BadZipFile("longer than its declared size")
            digest.update(piece)
            if kept is not None:
                kept += piece
    return _Member(info, digest.hexdigest(), size, bytes(kept) if kept is not None else None)


_SUPPORTED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                zipfile.ZIP_LZMA})
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe_name(name: str) -> bool:
    parts = name.split("/")
    return (name.startswith("/") or ".." in parts or "\\" in name or "\0" in name
            or bool(_DRIVE.match(name)))


def _unreadable(info: zipfile.ZipInfo) -> str | None:
    """Why a member cannot be read at all (encrypted, unknown compression), or None."""
    name = info.filename
    if info.flag_bits & 0x1:
        return (f"{name}: tệp trong zip được mã hóa (có mật khẩu), không kiểm tra được — "
                "member is encrypted (password-protected); it cannot be checked")
    if info.compress_type not in _SUPPORTED_METHODS:
        return (f"{name}: phương thức nén {info.compress_type} không được hỗ trợ — unsupported "
                f"compression method {info.compress_type}")
    return None


def _read_members(archive: zipfile.ZipFile, problems: list[str],
                  withheld: set[str]) -> tuple[str, dict[str, _Member]]:
    """The single top-level folder's name and its files (paths relative to it).

    A member that is reported and not read (unsafe, duplicated, encrypted, too large…)
    goes into ``withheld`` (relative path), so that it is not reported missing as well.
    """
    tops: set[str] = set()
    files: dict[str, _Member] = {}
    infos = _screen(archive)
    # A name given twice: an unzipper keeps one copy or the other, so neither is trusted.
    counts: dict[str, int] = {}
    for info in infos:
        key = info.filename.casefold()
        counts[key] = counts.get(key, 0) + 1
    reported: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.split("/")
        if _unsafe_name(name):
            problems.append(f"{name}: đường dẫn không an toàn — unsafe path in zip")
            continue
        tops.add(parts[0])
        relative = "/".join(parts[1:])
        if counts[name.casefold()] > 1:
            if name.casefold() not in reported:
                reported.add(name.casefold())
                problems.append(f"{name}: tên này có {counts[name.casefold()]} lần trong zip "
                                f"— the name appears {counts[name.casefold()]} times in the zip")
            withheld.add(relative)
            continue
        if info.is_dir():
            continue
        if len(parts) < 2:
            problems.append(f"{name}: tệp nằm ngoài thư mục gói — file outside the bag folder")
            continue
        refused = _unreadable(info) or _member_problem(info)
        if refused:
            problems.append(refused)
            withheld.add(relative)
            continue
        keep = not relative.lower().endswith(".pdf")
        if keep and info.file_size > MAX_TAG_FILE:
            problems.append(f"{name}: tệp văn bản quá lớn ({_mib(info.file_size)}) — text file "
                            f"too large ({_mib(info.file_size)}, limit {_mib(MAX_TAG_FILE)})")
            withheld.add(relative)
            continue
        try:
            files[relative] = _stream(archive, info, keep)
        except _ZIP_READ_ERRORS as e:
            problems.append(f"{name}: không đọc được trong zip — cannot be read from the zip "
                            f"({_reason(e)})")
            withheld.add(relative)
    if len(tops) != 1:
        problems.append(f"zip phải có đúng một thư mục gốc, có {len(tops)} — "
                        f"zip must hold exactly one top-level folder, found {len(tops)}")
    return (sorted(tops)[0] if tops else ""), files


def _reason(error: BaseException) -> str:
    """An exception's message, one line, without object reprs (``<ZipInfo …>``)."""
    text = re.sub(r"<[^<>]*>", "…", str(error) or type(error).__name__)
    return " ".join(text.split())[:300]


def _check_bag(files: dict[str, _Member], problems: list[str], withheld: set[str]) -> None:
    def text(name: str) -> bytes | None:
        member = files.get(name)
        return member.data if member is not None else None

    bagit_txt = text("bagit.txt")
    if "bagit.txt" in withheld:
        pass
    elif bagit_txt is None or not bagit_txt.startswith(b"BagIt-Version: "):
        problems.append("thiếu hoặc sai bagit.txt — bagit.txt missing or malformed")
    for label, required in ((bag.PAYLOAD_MANIFEST, True), (bag.TAG_MANIFEST, False)):
        raw = text(label)
        if raw is None:
            if required and label not in withheld:
                problems.append(f"thiếu {label} — {label} missing")
            continue
        listed = _parse_manifest(raw.decode("utf-8", "replace"), label, problems)
        for name, digest in sorted(listed.items()):
            member = files.get(name)
            if member is None:
                if name not in withheld:
                    problems.append(f"{name}: có trong {label} nhưng không có tệp — listed, "
                                    "missing")
            elif member.sha256 != digest:
                problems.append(f"{name}: sai sha256 — checksum mismatch")
        if label == bag.PAYLOAD_MANIFEST:
            for name in sorted(files):
                if name.startswith("data/") and name not in listed:
                    problems.append(f"{name}: tệp không có trong {label} — file not in manifest")
    info = (text("bag-info.txt") or b"").decode("utf-8", "replace")
    for line in info.splitlines():
        # Oxum counts every payload file: not comparable once one was withheld (and named).
        if line.startswith("Payload-Oxum:") and not any(n.startswith("data/") for n in withheld):
            payload = [m for k, m in files.items() if k.startswith("data/")]
            oxum = f"{sum(m.size for m in payload)}.{len(payload)}"
            if line.split(":", 1)[1].strip() != oxum:
                problems.append("Payload-Oxum không khớp — Payload-Oxum does not match")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise ValueError(f"a number with {len(text)} digits")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_JSON_DIGITS:
        raise ValueError(f"a number {len(text)} characters long")
    return float(text)


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not JSON")


def _depth(value: object) -> int:
    """How deeply ``value`` nests, walked without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _text_depth(text: str) -> int:
    """How deeply the JSON text's arrays and objects nest (brackets in strings skipped)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_manifest_json(raw: bytes) -> Any:
    """The manifest's JSON, or ValueError with one readable reason (size, numbers, nesting)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 ({e.reason} at byte {e.start})") from e
    # Nesting is measured on the text before parsing: the parser's own RecursionError
    # would do, but on this Python it can leave the interpreter's recursion count off
    # (later deep code then fails: seen as an internal error of the test runner).
    if _text_depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float,
                           parse_constant=_no_constant)
    except RecursionError as e:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep") from e
    except json.JSONDecodeError as e:
        raise ValueError(str(e)) from e
    if _depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return value


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


def _check_documents(archive: zipfile.ZipFile, files: dict[str, _Member], problems: list[str],
                     validated: Collection[str], signatures: SignatureRun,
                     withheld: set[str]) -> tuple[int, int, int]:
    member = files.get(f"data/{MANIFEST_NAME}")
    if member is None or member.data is None:
        if f"data/{MANIFEST_NAME}" not in withheld:
            problems.append(f"thiếu data/{MANIFEST_NAME} — manifest missing")
        return 0, 0, 0
    try:
        manifest = load_manifest_json(member.data)
    except ValueError as e:
        problems.append(f"data/{MANIFEST_NAME}: JSON hỏng — invalid JSON ({e})")
        return 0, 0, 0
    try:
        schema_errors = schema_problems(manifest)
    except RecursionError:
        schema_errors = [f"nested more than {MAX_JSON_DEPTH} levels deep"]
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
        pdf = files.get(name)
        if pdf is None:
            if name not in withheld:
                problems.append(f"{name}: thiếu tệp tài liệu — document file missing")
            continue
        if pdf.sha256 != document["sha256"]:
            problems.append(f"{name}: sha256 khác với manifest.json — sha256 differs from manifest")
        try:
            check = _check_pdf(archive, pdf, validate=pdf.sha256 not in validated)
        except _ZIP_READ_ERRORS as e:
            problems.append(f"{name}: không đọc được trong zip — cannot be read from the zip "
                            f"({_reason(e)})")
            continue
        except Exception as e:  # a hostile PDF must not stop the rest of the package
            problems.append(f"{name}: không kiểm tra được PDF — the PDF could not be checked "
                            f"({type(e).__name__}: {_reason(e)})")
            continue
        problems += [f"{name}: {p}" for p in check.problems]
        if check.page_count != document["page_count"]:
            problems.append(f"{name}: có {check.page_count} trang, manifest ghi "
                            f"{document['page_count']} — page count differs from manifest")
        problems += _text_problems(name, check, document["pages"])
        try:
            problems += _check_signatures(archive, pdf, name, signatures)
        except _ZIP_READ_ERRORS as e:
            problems.append(f"{name}: không đọc được trong zip — cannot be read from the zip "
                            f"({_reason(e)})")
        except Exception as e:  # a hostile signature must not stop the rest of the package
            problems.append(f"{name}: không kiểm tra được chữ ký — the signature could not be "
                            f"checked ({type(e).__name__}: {_reason(e)})")
        pages += check.page_count
    for name in sorted(files):
        if name.endswith(".pdf") and name.startswith("data/") and name not in listed:
            problems.append(f"{name}: PDF không có trong manifest.json — PDF not in manifest")
    return len(manifest["documents"]), pages, low


def _check_pdf(archive: zipfile.ZipFile, pdf: _Member, *, validate: bool) -> PdfCheck:
    """Check one PDF member: from memory when small, else straight from the zip (seekable)."""
    if pdf.size <= PDF_IN_MEMORY:
        return check_pdfa(io.BytesIO(archive.read(pdf.info)), validate=validate)
    with archive.open(pdf.info) as handle:
        return check_pdfa(handle, validate=validate)  # type: ignore[arg-type]


def _check_signatures(archive: zipfile.ZipFile, pdf: _Member, name: str,
                      signatures: SignatureRun) -> list[str]:
    if pdf.size <= PDF_IN_MEMORY:
        return signatures.check(name, archive.read(pdf.info))
    with archive.open(pdf.info) as handle:
        return signatures.check(name, handle)


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
            withheld: set[str] = set()
            _top, files = _read_members(archive, problems, withheld)
            _check_bag(files, problems, withheld)
            documents, pages, low = _check_documents(archive, files, problems, validated, run,
                                                     withheld)
    except FileNotFoundError:
        return VerifyReport(path, ["không tìm thấy — not found"])
    except IsADirectoryError:
        return VerifyReport(path, ["là thư mục, không phải gói zip — a folder, not a zip"])
    except PermissionError:
        return VerifyReport(path, ["không có quyền đọc — permission denied"])
    except _Refused as e:
        return VerifyReport(path, [str(e)])
    except MemoryError:
        return VerifyReport(path, ["không đủ bộ nhớ để kiểm tra gói — not enough memory to "
                                   "check the package"])
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
            NotImplementedError, RuntimeError, UnicodeError) as e:
        # The central directory itself is damaged, truncated or of an unknown kind.
        return VerifyReport(path, [f"không phải tệp zip đọc được (hỏng hoặc bị cắt cụt) — "
                                   f"not a readable zip: damaged or truncated ({_reason(e)})"])
    except Exception as e:  # whatever else a malformed zip provokes: one line, never a trace
        return VerifyReport(path, [f"gói hỏng, không kiểm tra được — a malformed package that "
                                   f"cannot be checked ({type(e).__name__}: {_reason(e)})"])
    return VerifyReport(path, problems, documents, pages, low, tuple(run.found))
