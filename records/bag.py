"""BagIt (RFC 8493) tag files and the deterministic zip serialisation of a bag.

A bag is a mapping of relative paths to bytes; the same mapping and time give the same zip.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import BinaryIO

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
PAYLOAD_MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
# Fixed permissions and "made on Unix", whatever the machine, so zips are byte-identical.
_FILE_MODE = 0o100644
_DIR_MODE = 0o040755
_UNIX = 3


def encode_path(path: str) -> str:
    """Manifest path encoding of RFC 8493 section 2.1.3 (CR, LF and % are percent-encoded)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_path(path: str) -> str:
    return path.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def manifest_text(files: Mapping[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {encode_path(name)}\n"
             for name, data in sorted(files.items())]
    return "".join(lines).encode("utf-8")


def bag_info_text(fields: Sequence[tuple[str, str]]) -> bytes:
    """bag-info.txt lines; values are single-line (line breaks become spaces)."""
    lines = []
    for label, value in fields:
        flat = " ".join(str(value).split())
        if flat:
            lines.append(f"{label}: {flat}\n")
    return "".join(lines).encode("utf-8")


def payload_oxum(payload: Mapping[str, bytes]) -> str:
    return f"{sum(len(d) for d in payload.values())}.{len(payload)}"


def build_bag(payload: Mapping[str, bytes], info: Sequence[tuple[str, str]]) -> dict[str, bytes]:
    """All files of the bag, by path relative to its base folder.

    ``payload`` paths are relative to ``data/``; ``Payload-Oxum`` is added to ``info``.
    """
    data = {f"data/{name}": content for name, content in payload.items()}
    files: dict[str, bytes] = {
        "bagit.txt": BAGIT_TXT,
        "bag-info.txt": bag_info_text([*info, ("Payload-Oxum", payload_oxum(payload))]),
        PAYLOAD_MANIFEST: manifest_text(data),
    }
    files[TAG_MANIFEST] = manifest_text(files)
    files.update(data)
    return files


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    # ZIP stores local wall-clock time from 1980 on, in two-second steps.
    year = min(max(moment.year, 1980), 2107)
    return (year, moment.month, moment.day, moment.hour, moment.minute, moment.second // 2 * 2)


def write_zip(out: BinaryIO, top: str, files: Mapping[str, bytes], moment: datetime) -> None:
    """Write the bag under one top-level folder ``top``: sorted, fixed times and modes."""
    when = _zip_time(moment)
    folders = {top + "/"}
    for name in files:
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folders.add(top + "/" + "/".join(parts[:depth]) + "/")
    entries: list[tuple[str, bytes | None]] = [(f, None) for f in folders]
    entries += [(f"{top}/{name}", data) for name, data in files.items()]
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in sorted(entries, key=lambda e: e[0]):
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = _UNIX
            if content is None:
                info.external_attr = (_DIR_MODE << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info.external_attr = _FILE_MODE << 16
            # PDFs are compressed already; deflating them again costs time for nothing.
            stored = name.endswith(".pdf")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=None if stored else 9)
