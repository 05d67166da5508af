"""``sohoa verify`` against hostile packages: bombs, lying headers, malformed manifests.

Each bad package gets its own ``PACKAGE: reason`` line; the packages after it are still checked.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from cli.main import main
from records import verify_package
from records.verify import MAX_JSON_DEPTH, MAX_MEMBER, load_manifest_json

GIB = 1024**3


def _bag(path: Path, manifest: bytes, extra: dict[str, bytes] | None = None,
         compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A small bag whose data/manifest.json is ``manifest`` (checksums right, so only it is bad)."""
    import hashlib

    data = {"data/manifest.json": manifest, **(extra or {})}
    lines = "".join(f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in sorted(data.items()))
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("rec/bagit.txt",
                         "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        archive.writestr("rec/manifest-sha256.txt", lines)
        for name, content in data.items():
            archive.writestr(f"rec/{name}", content)
    return path


def _declare_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size ``member`` claims, in its local and central headers."""
    raw = bytearray(path.read_bytes())
    name = member.encode()
    local = raw.find(b"PK\x03\x04" + b"")
    while local != -1:
        name_len = struct.unpack_from("<H", raw, local + 26)[0]
        if raw[local + 30: local + 30 + name_len] == name:
            struct.pack_into("<I", raw, local + 22, size)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46: central + 46 + name_len] == name:
            struct.pack_into("<I", raw, central + 24, size)
        central = raw.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(raw))


def test_three_members_of_2_gib_are_refused_without_unpacking(tmp_path: Path) -> None:
    bomb = _bag(tmp_path / "bomb.zip", b"{}", {f"data/{i}.pdf": b"0" * 1000 for i in range(3)})
    for i in range(3):
        _declare_size(bomb, f"rec/data/{i}.pdf", 2 * GIB - 1)
    report = verify_package(bomb)
    assert not report.ok and len(report.problems) == 1
    assert "zip bomb" in report.problems[0] and "nothing was unpacked" in report.problems[0]


def test_one_member_over_the_limit_is_named_and_the_rest_checked(tmp_path: Path) -> None:
    package = _bag(tmp_path / "big.zip", b"{}", {"data/a.pdf": b"%PDF-1.7 tiny"})
    _declare_size(package, "rec/data/a.pdf", MAX_MEMBER + 1)
    report = verify_package(package)
    assert any("data/a.pdf" in p and "too large" in p for p in report.problems)
    # The manifest was still read (and found wanting by the schema).
    assert any("manifest.json" in p and "schema" in p for p in report.problems)


def test_a_highly_compressed_member_is_not_unpacked(tmp_path: Path) -> None:
    package = _bag(tmp_path / "ratio.zip", b"{}", {"data/zeros.txt": bytes(64 * 1024**2)})
    report = verify_package(package)
    assert any("data/zeros.txt" in p and "zip bomb" in p for p in report.problems)


def test_a_member_longer_than_it_claims_is_cut_off(tmp_path: Path) -> None:
    package = _bag(tmp_path / "liar.zip", b"{}", {"data/x.txt": bytes(2 * 1024**2)})
    _declare_size(package, "rec/data/x.txt", 100)
    report = verify_package(package)
    assert any("data/x.txt" in p and "cannot be read" in p for p in report.problems)


@pytest.mark.parametrize(("manifest", "reason"), [
    (b'{"format": ' + b"9" * 5000 + b"}", "digits"),
    (b"[" * 100_000 + b"]" * 100_000, "nested"),
    (b'{"a":' * 40 + b"1" + b"}" * 40, "nested"),
    (b'{"format": NaN}', "not JSON"),
    (b'{"format": "x"', "Expecting"),
    ("{\"tên\": 1}".encode("utf-16"), "UTF-8"),
])
def test_a_malformed_manifest_is_one_line(tmp_path: Path, manifest: bytes, reason: str) -> None:
    report = verify_package(_bag(tmp_path / "m.zip", manifest))
    manifest_lines = [p for p in report.problems if "manifest.json" in p]
    assert len(manifest_lines) == 1 and reason in manifest_lines[0]
    assert "invalid JSON" in manifest_lines[0]


def test_bounded_json_reads_ordinary_manifests() -> None:
    value = load_manifest_json(json.dumps({"a": [{"b": [1, 2.5, None]}] * 3}).encode())
    assert value["a"][0]["b"] == [1, 2.5, None]
    nested: object = 1
    for _ in range(MAX_JSON_DEPTH):
        nested = [nested]
    assert load_manifest_json(json.dumps(nested).encode()) == nested


def test_verify_cli_checks_every_package_after_a_bad_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = _bag(tmp_path / "bomb.zip", b"{}", {"data/a.pdf": b"x"})
    _declare_size(bomb, "rec/data/a.pdf", 2 * GIB)
    deep = _bag(tmp_path / "deep.zip", b"[" * 50_000 + b"]" * 50_000)
    not_zip = tmp_path / "junk.zip"
    not_zip.write_bytes(b"not a zip at all")
    missing = tmp_path / "missing.zip"
    assert main(["verify", str(bomb), str(deep), str(not_zip), str(missing)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    for package in (bomb, deep, not_zip, missing):
        assert any(line.startswith(f"{package}: ") for line in lines), package
    assert "Traceback" not in err
    deep_lines = [line for line in lines if line.startswith(f"{deep}: ")
                  and "manifest.json" in line]
    assert len(deep_lines) == 1
