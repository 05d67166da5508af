"""``sohoa verify`` on odd zips made from a real package: encrypted or unknown members,
duplicated names, unsafe names, truncation and damage. Each is one ``PACKAGE: reason``
line (never a traceback), exit 1, and the packages after it are still checked."""

from __future__ import annotations

import random
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from cli.main import main
from records import verify_package
from synth import render_page

LINES = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỜ KHAI ĐĂNG KÝ KHAI SINH",
         "Họ, chữ đệm, tên người yêu cầu: Trần Thị Bình"]

_LOCAL, _CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
# Offsets inside the local and central headers: name length, name, flags, method.
_FIELDS = {_LOCAL: (26, 30, 6, 8), _CENTRAL: (28, 46, 8, 10)}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real, valid package (one page, real OCR), packed by ``sohoa pack``."""
    folder = tmp_path_factory.mktemp("dossier")
    render_page(LINES, dpi=200, size=(148.0, 105.0)).image.save(folder / "01.png",
                                                                dpi=(200, 200))
    out = tmp_path_factory.mktemp("out")
    assert main(["pack", "--out", str(out), str(folder)]) == 0
    made = next(out.glob("*.zip"))
    assert verify_package(made).ok
    return made


def _pdf_member(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return next(n for n in archive.namelist() if n.endswith(".pdf"))


def _patch_header(path: Path, member: str, *, flags: int | None = None,
                  method: int | None = None) -> None:
    """Set the flag bits or the compression method ``member`` declares, in both headers."""
    raw = bytearray(path.read_bytes())
    name = member.encode()
    for signature, (name_len_at, name_at, flags_at, method_at) in _FIELDS.items():
        pos = raw.find(signature)
        while pos != -1:
            length = struct.unpack_from("<H", raw, pos + name_len_at)[0]
            if raw[pos + name_at: pos + name_at + length] == name:
                if flags is not None:
                    old = struct.unpack_from("<H", raw, pos + flags_at)[0]
                    struct.pack_into("<H", raw, pos + flags_at, old | flags)
                if method is not None:
                    struct.pack_into("<H", raw, pos + method_at, method)
            pos = raw.find(signature, pos + 4)
    path.write_bytes(bytes(raw))


def _copy(package: Path, target: Path) -> Path:
    target.write_bytes(package.read_bytes())
    return target


def _one_line_naming(problems: list[str], member: str, words: str) -> None:
    assert len(problems) == 1, problems
    assert member in problems[0] and words in problems[0], problems[0]


def test_an_encrypted_member_is_one_line(package: Path, tmp_path: Path) -> None:
    odd = _copy(package, tmp_path / "encrypted.zip")
    member = _pdf_member(odd)
    _patch_header(odd, member, flags=0x1)
    report = verify_package(odd)
    _one_line_naming(report.problems, member, "encrypted")
    assert "ZipInfo" not in report.problems[0]


def test_an_unknown_compression_method_is_one_line(package: Path, tmp_path: Path) -> None:
    odd = _copy(package, tmp_path / "method.zip")
    member = f"{package.stem}/data/manifest.json"
    _patch_header(odd, member, method=99)  # 99 is WinZip's AES: not readable here
    report = verify_package(odd)
    _one_line_naming(report.problems, member, "unsupported compression method 99")


@pytest.mark.parametrize("same_bytes", [True, False])
def test_a_duplicated_member_fails(package: Path, tmp_path: Path, same_bytes: bool) -> None:
    odd = _copy(package, tmp_path / "duplicate.zip")
    member = _pdf_member(odd)
    with zipfile.ZipFile(package) as archive:
        original = archive.read(member)
    with warnings.catch_warnings(), zipfile.ZipFile(odd, "a") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: the point here
        archive.writestr(member, original if same_bytes else original.replace(b"Tr", b"Xy"))
    report = verify_package(odd)
    _one_line_naming(report.problems, member, "appears 2 times")


def test_a_name_differing_only_in_case_is_a_duplicate(package: Path, tmp_path: Path) -> None:
    odd = _copy(package, tmp_path / "case.zip")
    with zipfile.ZipFile(odd, "a") as archive:
        archive.writestr(f"{package.stem}/BAGIT.TXT", b"BagIt-Version: 1.0\n")
    report = verify_package(odd)
    assert len(report.problems) == 1 and "appears 2 times" in report.problems[0]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/cron.d/x", "C:/Windows/x.dll",
                                  "rec/..\\..\\x"])
def test_an_unsafe_name_is_one_line(package: Path, tmp_path: Path, name: str) -> None:
    odd = _copy(package, tmp_path / "unsafe.zip")
    with zipfile.ZipFile(odd, "a") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"x")
    report = verify_package(odd)
    assert not report.ok
    assert [p for p in report.problems if "unsafe path" in p] == [
        f"{zipfile.ZipInfo(name).filename}: đường dẫn không an toàn — unsafe path in zip"]


@pytest.mark.parametrize("keep", [0.5, 0.97, 0.999])
def test_a_truncated_zip_is_one_line(package: Path, tmp_path: Path, keep: float) -> None:
    raw = package.read_bytes()
    odd = tmp_path / "truncated.zip"
    odd.write_bytes(raw[: int(len(raw) * keep)])
    report = verify_package(odd)
    assert len(report.problems) == 1 and "not a readable zip" in report.problems[0]


def test_damage_anywhere_never_raises(package: Path, tmp_path: Path) -> None:
    """Bytes overwritten at many places (headers, data, directory): a report every time."""
    raw = package.read_bytes()
    rng = random.Random(21)
    odd = tmp_path / "damaged.zip"
    failures = 0
    for _ in range(60):
        damaged = bytearray(raw)
        at = rng.randrange(len(raw))
        damaged[at: at + 4] = rng.randbytes(4)
        odd.write_bytes(bytes(damaged))
        report = verify_package(odd)  # must return, whatever the damage
        assert all(isinstance(p, str) and "\n" not in p for p in report.problems)
        failures += not report.ok
    assert failures > 30  # most damage is found (some lands where it changes nothing checked)


def test_cli_reports_each_odd_package_and_goes_on(package: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    encrypted = _copy(package, tmp_path / "encrypted.zip")
    _patch_header(encrypted, _pdf_member(encrypted), flags=0x1)
    method = _copy(package, tmp_path / "method.zip")
    _patch_header(method, _pdf_member(method), method=12)  # bzip2 declared, deflate stored
    duplicate = _copy(package, tmp_path / "duplicate.zip")
    with warnings.catch_warnings(), zipfile.ZipFile(duplicate, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr(f"{package.stem}/bagit.txt", b"BagIt-Version: 1.0\n")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(package.read_bytes()[:-30])
    odd = [encrypted, method, duplicate, truncated]
    code = main(["verify", *map(str, odd), str(package)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    for path in odd:
        assert sum(line.startswith(f"{path}: ") for line in lines) == 1, (path, lines)
    assert f"{package}: hợp lệ — valid" in captured.out
