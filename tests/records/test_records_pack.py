"""Packing and verifying electronic records: BagIt, manifest, PDF/A, determinism, failures."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import bagit
import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from records import (
    DocumentSpec,
    DossierSpec,
    PackageInvalidError,
    PageSpec,
    Profile,
    SpecError,
    pack_dossier,
    verify_package,
)
from records import bag as bagmod

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CODE = "000.00.06.H56-231027-0361"
WHEN = datetime(2023, 10, 27, 14, 5, 9, tzinfo=UTC)


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]


def _page(text: str, seed: int, dpi: int = 100) -> PageSpec:
    """A small grainy page with one line of text; the words' boxes are where they are drawn."""
    image = Image.new("RGB", (int(4 * dpi), int(3 * dpi)), (244, 240, 230))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(12 * dpi / 72))
    words, x = [], dpi // 3
    for token in text.split():
        box = draw.textbbox((x, dpi // 2), token, font=font)
        draw.text((x, dpi // 2), token, fill=(20, 20, 30), font=font)
        words.append(Word(token, box))
        x = box[2] + font.size // 3
    grain = np.random.default_rng(seed).normal(0, 6, (image.height, image.width, 3))
    noisy = np.clip(np.asarray(image, dtype=np.float64) + grain, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noisy).save(buf, "PNG")
    return PageSpec(image=buf.getvalue(), dpi=dpi, words=words, mean_confidence=90.0 + seed)


@pytest.fixture(scope="module")
def spec() -> DossierSpec:
    return DossierSpec(
        documents=(
            DocumentSpec("to_khai_khai_sinh", "Tờ khai đăng ký khai sinh",
                         (_page("Tờ khai đăng ký khai sinh", 1), _page("Nguyễn Văn An", 2))),
            DocumentSpec("giay_chung_sinh", "Giấy chứng sinh", (_page("Giấy chứng sinh", 3),)),
        ),
        digitised_by="Trần Thị Bình",
        digitised_at=WHEN,
        dossier_code=CODE,
        procedure_code="1.001193",
        procedure_name="Thủ tục đăng ký khai sinh",
        applicant_name="Nguyễn Văn An",
        applicant_id="001203004567",
        date_received=date(2023, 10, 27),
        agency_id="000.00.06.H56",
        components_present=("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
        components_missing=(),
    )


@pytest.fixture(scope="module")
def packed(spec: DossierSpec, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pack_dossier(spec, tmp_path_factory.mktemp("out"), jobs=1)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if not i.is_dir()}


def _rezip(path: Path, files: dict[str, bytes], out: Path) -> Path:
    """Rewrite a package with changed members (and, optionally, fixed-up bag manifests)."""
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    return out


def _refresh_manifests(files: dict[str, bytes], top: str) -> dict[str, bytes]:
    """Recompute the bag's checksums so only the deliberate defect remains."""
    inner = {k[len(top) + 1:]: v for k, v in files.items()}
    payload = {k[5:]: v for k, v in inner.items() if k.startswith("data/")}
    info = [tuple(line.split(": ", 1)) for line in inner["bag-info.txt"].decode().splitlines()
            if not line.startswith("Payload-Oxum")]
    rebuilt = bagmod.build_bag(payload, [(k, v) for k, v in info])
    return {f"{top}/{k}": v for k, v in rebuilt.items()}


def test_package_layout_names_and_verification(packed: Path) -> None:
    assert packed.name == f"{CODE}.zip"
    assert not [p for p in packed.parent.iterdir() if p.name.startswith(".")]  # no staging left
    with zipfile.ZipFile(packed) as archive:
        names = archive.namelist()
    assert {n.split("/")[0] for n in names} == {CODE}
    assert f"{CODE}/data/{CODE}.01.pdf" in names
    assert f"{CODE}/data/{CODE}.02.pdf" in names
    for required in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt",
                     "tagmanifest-sha256.txt", "data/manifest.json"):
        assert f"{CODE}/{required}" in names
    report = verify_package(packed)
    assert report.ok, report.problems
    assert (report.documents, report.pages) == (2, 3)
    assert report.low_resolution_pages == 3  # drawn at 100 dpi, under the 200 dpi rule


def test_bagit_library_accepts_the_extracted_bag(packed: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(packed) as archive:
        archive.extractall(tmp_path)
    bag = bagit.Bag(str(tmp_path / CODE))
    bag.validate(completeness_only=False, fast=False)
    assert bag.is_valid()
    assert "sha256" in bag.algorithms
    assert bag.info["External-Identifier"] == CODE
    assert bag.info["Applicant-ID"] == "001203004567"
    assert bag.info["Procedure-Code"] == "1.001193"


def test_manifest_states_dossier_and_documents(packed: Path) -> None:
    files = _members(packed)
    manifest = json.loads(files[f"{CODE}/data/manifest.json"])
    dossier = manifest["dossier"]
    assert dossier["code"] == CODE and dossier["code_kind"] == "official"
    assert dossier["procedure"] == {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh"}
    assert dossier["applicant"] == {"name": "Nguyễn Văn An", "id_number": "001203004567"}
    assert dossier["date_received"] == "2023-10-27"
    assert dossier["agency_id"] == "000.00.06.H56"
    assert dossier["digitised_at"] == "2023-10-27T14:05:09Z"
    first, second = manifest["documents"]
    assert first["file"] == f"{CODE}.01.pdf" and first["page_count"] == 2
    assert first["component"]["name"] == "Tờ khai đăng ký khai sinh"
    assert first["ocr_mean_confidence"] == pytest.approx(91.5)
    assert first["source_resolution_dpi"] == 100
    assert second["component"]["key"] == "giay_chung_sinh"
    pdf = files[f"{CODE}/data/{CODE}.02.pdf"]
    assert second["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert second["bytes"] == len(pdf)


def test_same_spec_packs_to_identical_bytes(spec: DossierSpec, packed: Path,
                                            tmp_path: Path) -> None:
    again = pack_dossier(spec, tmp_path / "again", jobs=2)
    assert again.read_bytes() == packed.read_bytes()
    with zipfile.ZipFile(again) as archive:
        infos = archive.infolist()
    assert all(i.date_time == (2023, 10, 27, 14, 5, 8) for i in infos)
    assert all((i.external_attr >> 16) & 0o777 in (0o644, 0o755) for i in infos)
    later = pack_dossier(
        DossierSpec(**{**spec.__dict__, "digitised_at": WHEN.replace(hour=15)}),
        tmp_path / "later", jobs=1)
    assert later.read_bytes() != packed.read_bytes()


def test_provisional_id_is_deterministic(spec: DossierSpec, tmp_path: Path) -> None:
    local = DossierSpec(**{**spec.__dict__, "dossier_code": None, "agency_id": None,
                           "applicant_id": None, "procedure_code": None,
                           "procedure_name": None})
    first = pack_dossier(local, tmp_path / "a", profile=Profile.ARCHIVAL, jobs=1)
    second = pack_dossier(local, tmp_path / "b", profile=Profile.ARCHIVAL, jobs=1)
    assert first.name == second.name
    assert first.name.startswith("LOCAL-231027-") and len(first.stem) == len("LOCAL-231027-") + 8
    assert first.read_bytes() == second.read_bytes()
    manifest = json.loads(_members(first)[f"{first.stem}/data/manifest.json"])
    assert manifest["dossier"]["code_kind"] == "provisional"
    assert manifest["dossier"]["profile"] == "archival"
    assert manifest["dossier"]["applicant"]["id_number"] is None


def test_verify_finds_a_changed_pdf(packed: Path, tmp_path: Path) -> None:
    files = _members(packed)
    name = f"{CODE}/data/{CODE}.01.pdf"
    data = bytearray(files[name])
    data[len(data) // 2] ^= 0xFF
    files[name] = bytes(data)
    report = verify_package(_rezip(packed, files, tmp_path / "bad.zip"))
    assert not report.ok
    assert any("sha256" in p and f"{CODE}.01.pdf" in p for p in report.problems)


def test_verify_finds_schema_page_count_and_pdfa_problems(packed: Path, tmp_path: Path) -> None:
    files = _members(packed)
    manifest = json.loads(files[f"{CODE}/data/manifest.json"])
    manifest["documents"][0]["page_count"] = 5
    manifest["dossier"]["applicant"]["id_number"] = "12AB"
    files[f"{CODE}/data/manifest.json"] = json.dumps(manifest).encode()
    report = verify_package(_rezip(packed, _refresh_manifests(files, CODE), tmp_path / "s.zip"))
    assert any("schema" in p and "id_number" in p for p in report.problems)

    files = _members(packed)
    manifest = json.loads(files[f"{CODE}/data/manifest.json"])
    manifest["documents"][0]["page_count"] = 5
    plain = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(plain, "PDF")
    files[f"{CODE}/data/{CODE}.02.pdf"] = plain.getvalue()
    manifest["documents"][1]["sha256"] = __import__("hashlib").sha256(
        plain.getvalue()).hexdigest()
    manifest["documents"][1]["bytes"] = len(plain.getvalue())
    files[f"{CODE}/data/manifest.json"] = json.dumps(manifest).encode()
    report = verify_package(_rezip(packed, _refresh_manifests(files, CODE), tmp_path / "p.zip"))
    problems = " | ".join(report.problems)
    assert "page count differs" in problems
    assert f"{CODE}.02.pdf: PDF/A-2b" in problems
    assert "page 1 has no text layer" in problems


def _blank_text_layers(pdf: bytes) -> bytes:
    """The same PDF with every page's text replaced by an empty text command."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            kept = [i for i in pikepdf.parse_content_stream(page)
                    if str(i.operator) not in ("BT", "ET", "Tf", "Tz", "Tm", "Tj", "Tr")]
            ops = [*kept,
                   pikepdf.ContentStreamInstruction([], pikepdf.Operator("BT")),
                   pikepdf.ContentStreamInstruction([pikepdf.Name.F1, 12],
                                                    pikepdf.Operator("Tf")),
                   pikepdf.ContentStreamInstruction([pikepdf.String(b"")],
                                                    pikepdf.Operator("Tj")),
                   pikepdf.ContentStreamInstruction([], pikepdf.Operator("ET"))]
            page.Contents = document.make_stream(pikepdf.unparse_content_stream(ops))
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def test_verify_requires_real_text_where_ocr_found_words(packed: Path, tmp_path: Path) -> None:
    files = _members(packed)
    manifest = json.loads(files[f"{CODE}/data/manifest.json"])
    assert [p["ocr_words"] for p in manifest["documents"][0]["pages"]] == [6, 3]
    name = f"{CODE}/data/{CODE}.02.pdf"
    emptied = _blank_text_layers(files[name])
    files[name] = emptied
    manifest["documents"][1]["sha256"] = hashlib.sha256(emptied).hexdigest()
    manifest["documents"][1]["bytes"] = len(emptied)
    files[f"{CODE}/data/manifest.json"] = json.dumps(manifest).encode()
    report = verify_package(_rezip(packed, _refresh_manifests(files, CODE), tmp_path / "e.zip"))
    assert any(f"{CODE}.02.pdf" in p and "page 1 has 3 OCR words but an empty text layer" in p
               for p in report.problems), report.problems
    # The same empty layer is right for a page OCR found nothing on.
    manifest["documents"][1]["pages"][0]["ocr_words"] = 0
    files[f"{CODE}/data/manifest.json"] = json.dumps(manifest).encode()
    report = verify_package(_rezip(packed, _refresh_manifests(files, CODE), tmp_path / "b.zip"))
    assert not [p for p in report.problems if "text layer" in p], report.problems


def test_a_blank_page_packs_and_verifies(spec: DossierSpec, tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (246, 242, 232)).save(buf, "PNG")
    blank = PageSpec(image=buf.getvalue(), dpi=100, words=[], mean_confidence=None)
    with_blank = DossierSpec(**{**spec.__dict__, "documents": (
        DocumentSpec(None, None, (spec.documents[0].pages[0], blank)),)})
    path = pack_dossier(with_blank, tmp_path, jobs=1)
    report = verify_package(path)
    assert report.ok, report.problems
    manifest = json.loads(_members(path)[f"{CODE}/data/manifest.json"])
    assert [p["ocr_words"] for p in manifest["documents"][0]["pages"]] == [6, 0]


def test_verify_skips_pdfa_validation_only_for_the_given_digests(packed: Path,
                                                                tmp_path: Path) -> None:
    files = _members(packed)
    manifest = json.loads(files[f"{CODE}/data/manifest.json"])
    plain = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(plain, "PDF")
    files[f"{CODE}/data/{CODE}.02.pdf"] = plain.getvalue()
    digest = hashlib.sha256(plain.getvalue()).hexdigest()
    manifest["documents"][1]["sha256"] = digest
    manifest["documents"][1]["bytes"] = len(plain.getvalue())
    files[f"{CODE}/data/manifest.json"] = json.dumps(manifest).encode()
    bad = _rezip(packed, _refresh_manifests(files, CODE), tmp_path / "p.zip")
    assert any("PDF/A-2b" in p for p in verify_package(bad).problems)
    trusted = verify_package(bad, validated={digest}).problems
    assert not any("PDF/A-2b" in p for p in trusted)
    # Pages and text are still read from the file.
    assert any("no text layer" in p for p in trusted)


def test_verify_rejects_two_top_folders_and_non_zips(packed: Path, tmp_path: Path) -> None:
    files = _members(packed)
    files["other/readme.txt"] = b"x"
    report = verify_package(_rezip(packed, files, tmp_path / "two.zip"))
    assert any("one top-level folder" in p for p in report.problems)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert not verify_package(junk).ok
    assert verify_package(tmp_path / "missing.zip").problems == ["không tìm thấy — not found"]


class _RecordingSigner:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        del dossier
        self.calls.append((pdf.name, len(document.pages)))


class _BreakingSigner:
    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        del dossier, document
        pdf.write_bytes(pdf.read_bytes()[:-200])


def test_signer_runs_per_document_before_hashing(spec: DossierSpec, tmp_path: Path) -> None:
    signer = _RecordingSigner()
    pack_dossier(spec, tmp_path, signer=signer, jobs=1)
    assert signer.calls == [(f"{CODE}.01.pdf", 2), (f"{CODE}.02.pdf", 1)]
    existing = tmp_path / f"{CODE}.zip"
    before = existing.read_bytes()
    with pytest.raises(PackageInvalidError):
        pack_dossier(spec, tmp_path, signer=_BreakingSigner(), jobs=1)
    # A package that fails verification never replaces the one in place; no staging is left.
    assert existing.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{CODE}.zip"]


def test_unusable_specs_are_refused_with_a_reason(spec: DossierSpec, tmp_path: Path) -> None:
    with pytest.raises(SpecError):
        pack_dossier(DossierSpec(**{**spec.__dict__, "documents": ()}), tmp_path)
    with pytest.raises(SpecError) as info:
        pack_dossier(DossierSpec(**{**spec.__dict__, "applicant_id": "12345"}), tmp_path)
    assert "12345" in str(info.value) and "—" in str(info.value)
    with pytest.raises(SpecError):
        pack_dossier(DossierSpec(**{**spec.__dict__, "dossier_code": "a/b"}), tmp_path)
    assert not list(tmp_path.iterdir()) or all(p.is_dir() for p in tmp_path.iterdir())


def test_worker_processes_give_the_same_bytes(spec: DossierSpec, tmp_path: Path) -> None:
    bigger = DossierSpec(**{**spec.__dict__, "documents": (
        *spec.documents, DocumentSpec(None, None, (_page("Bản sao giấy tờ", 4),)))})
    serial = pack_dossier(bigger, tmp_path / "serial", jobs=1)
    parallel = pack_dossier(bigger, tmp_path / "parallel", jobs=2)
    assert serial.read_bytes() == parallel.read_bytes()
    assert verify_package(parallel).documents == 3
