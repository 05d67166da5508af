"""PAdES signing of record PDFs with a PKCS#12 file and a SoftHSM2 token, and checking them:
PDF/A-2b kept, bag computed after signing, poppler's pdfsig as an independent validator."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from pdfa import check_pdfa
from records import (
    CertificateRefusedError,
    DocumentSpec,
    DossierSpec,
    KeyUnavailableError,
    Pkcs11Key,
    Pkcs12Key,
    SignatureCheck,
    SignatureLevel,
    SigningOptions,
    Stamp,
    load_certificates,
    open_signer,
    pack_dossier,
    verify_package,
)
from records import bag as bagmod
from tests.records.pki import KEY, P12_PASSPHRASE, PIN, SigningPki, Token
from tests.records.test_records_pack import _page

CODE = "000.00.06.H56-231027-0361"
WHEN = datetime(2023, 10, 27, 14, 5, 9, tzinfo=UTC)


def _spec(code: str = CODE, pages: int = 2) -> DossierSpec:
    return DossierSpec(
        documents=(
            DocumentSpec("to_khai_khai_sinh", "Tờ khai đăng ký khai sinh",
                         tuple(_page(f"Tờ khai trang {n}", n, dpi=200) for n in range(pages))),
            DocumentSpec("giay_chung_sinh", "Giấy chứng sinh", (_page("Giấy chứng sinh", 9),)),
        ),
        digitised_by="Trần Thị Bình", digitised_at=WHEN, dossier_code=code,
        procedure_code="1.001193", procedure_name="Thủ tục đăng ký khai sinh",
        agency_id="000.00.06.H56",
    )


def _pdfs(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {Path(n).name: archive.read(n) for n in archive.namelist() if n.endswith(".pdf")}


def _pdfsig(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def _p12(pki: SigningPki, **kwargs: object) -> SigningOptions:
    return SigningOptions(Pkcs12Key(pki.signer_p12), **kwargs)  # type: ignore[arg-type]


def _trust(pki: SigningPki) -> SignatureCheck:
    return SignatureCheck(trust=tuple(load_certificates(pki.trust_file)))


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pack_dossier(_spec(), tmp_path_factory.mktemp("unsigned"), jobs=1)


@pytest.fixture(scope="module")
def p12_package(tmp_path_factory: pytest.TempPathFactory, pki: SigningPki) -> Path:
    with open_signer(_p12(pki, agency_name="UBND xã Thử Nghiệm"), P12_PASSPHRASE) as signer:
        return pack_dossier(_spec(), tmp_path_factory.mktemp("p12"), signer=signer, jobs=1)


def test_pkcs12_signed_package_verifies_and_stays_pdfa(
        p12_package: Path, unsigned: Path, pki: SigningPki, tmp_path: Path) -> None:
    report = verify_package(p12_package, signatures=_trust(pki))
    assert report.ok, report.problems
    assert [d.signed for d in report.signatures] == [True, True]
    for document in report.signatures:
        (sig,) = document.signatures
        assert "Trần Thị Bình" in (sig.signer or "")
        assert sig.intact and sig.trusted is True
        assert sig.level is SignatureLevel.B_B and sig.timestamp is None
        assert sig.signed_at is not None and abs(
            (datetime.now(UTC) - sig.signed_at).total_seconds()) < 600
    signed, plain = _pdfs(p12_package), _pdfs(unsigned)
    assert signed.keys() == plain.keys()
    for name, data in signed.items():
        # An incremental update: the unsigned file, byte for byte, then the signature.
        assert data.startswith(plain[name]) and len(data) > len(plain[name])
        # Full PDF/A-2b validation of the signed bytes (not skipped as already validated).
        check = check_pdfa(io.BytesIO(data))
        assert check.ok, check.problems
        out = _pdfsig(data, tmp_path)
        assert "Signature is Valid" in out and "Total document signed" in out, out
    # The bag's manifests were computed over the signed bytes.
    with zipfile.ZipFile(p12_package) as archive:
        top = p12_package.stem
        manifest = archive.read(f"{top}/manifest-sha256.txt").decode()
    for name, data in signed.items():
        assert f"{hashlib.sha256(data).hexdigest()}  data/{name}" in manifest


def test_visible_stamp_embeds_its_font(p12_package: Path) -> None:
    data = next(iter(_pdfs(p12_package).values()))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (widget,) = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/FT") == "/Sig"]
        rect = [float(v) for v in widget.Rect]
        assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 30  # a visible box
        assert int(widget.F) & 4  # printed, as PDF/A asks
        appearance = widget.AP.N
        fonts = []

        def walk(xobject: pikepdf.Object) -> None:
            resources = xobject.get("/Resources", {})
            for font in resources.get("/Font", {}).values():
                fonts.append(font)
            for inner in resources.get("/XObject", {}).values():
                walk(inner)

        walk(appearance)
        assert fonts, "the stamp shows no text"
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant.FontDescriptor or \
                "/FontFile3" in descendant.FontDescriptor


def test_signed_pdf_is_walked_whole_for_pdfa(p12_package: Path) -> None:
    """pikepdf's validator stops at a signature's form; the rest of a signed file is still
    walked, and the signature's widget is held to the rules for annotations."""
    from pdfa import check_signed_update

    data = next(iter(_pdfs(p12_package).values()))
    assert check_pdfa(io.BytesIO(data)).ok and check_signed_update(data) == []
    # A font that is not embedded, drawn on the signed page: a PDF/A-2b violation past
    # the signature's form in the catalogue.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        page.Resources.Font = pdf.make_indirect(pikepdf.Dictionary(
            Fx=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                  BaseFont=pikepdf.Name.Helvetica)))
        page.contents_add(pdf.make_stream(b"BT /Fx 12 Tf 10 10 Td (x) Tj ET"))
        out = io.BytesIO()
        pdf.save(out)
    check = check_pdfa(io.BytesIO(out.getvalue()))
    assert not check.ok and any("font" in p.lower() for p in check.problems), check.problems
    # A hidden stamp breaks PDF/A's rule for annotations, in both checks.
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (widget,) = [a for a in pdf.pages[0].Annots if a.get("/FT") == "/Sig"]
        widget.F = 2
        out = io.BytesIO()
        pdf.save(out)
    hidden = out.getvalue()
    for problems in (check_pdfa(io.BytesIO(hidden)).problems, check_signed_update(hidden)):
        assert any("6.3.2" in p and "hidden" in p for p in problems), problems


def test_signature_value_ending_in_zero_is_read_whole(p12_package: Path) -> None:
    """The signature value is padded with zeros; one whose last byte is 0x00 is not cut."""
    from asn1crypto import cms

    from pdfa.signed import _cms_problems

    data = next(iter(_pdfs(p12_package).values()))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        contents = bytes(pdf.Root.AcroForm.Fields[0].V.Contents)
    info = cms.ContentInfo.load(contents)
    signer = info["content"]["signer_infos"][0]
    # The signer info ends with the signature value; make that end in a zero byte.
    assert not signer["unsigned_attrs"]
    signer["signature"] = bytes(signer["signature"].native[:-1]) + b"\x00"
    der = info.dump(force=True)
    assert der.endswith(b"\x00")
    assert _cms_problems(der + bytes(4000)) == []
    assert _cms_problems(der + b"\x01" + bytes(10)) != []


def test_packer_quick_check_of_signatures(p12_package: Path) -> None:
    """The packer's check of the signatures it just made: what they cover, their value."""
    from records.signing import quick_signatures

    data = next(iter(_pdfs(p12_package).values()))
    found = quick_signatures(data)
    assert found is not None and found.ok
    assert [s.level for s in found.signatures] == [SignatureLevel.B_B]
    assert "Trần Thị Bình" in (found.signatures[0].signer or "")
    image = re.search(rb"/Subtype\s*/Image", data)
    assert image is not None
    flipped = bytearray(data)
    flipped[data.index(b"stream", image.end()) + 500] ^= 0x01
    broken = quick_signatures(bytes(flipped))
    assert broken is not None and not broken.ok
    assert "signature broken" in broken.signatures[0].problems[0]
    appended = quick_signatures(data + b"\n%%EOF\n")
    assert appended is not None and any("changed after it was signed" in p
                                        for p in appended.signatures[0].problems)
    # The signature value itself altered (its last bytes, before the zero padding).
    match = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    assert match is not None
    value = match.group(1).rstrip(b"0")
    at = match.start(1) + len(value) - 2
    forged = bytearray(data)
    forged[at:at + 2] = b"00" if data[at:at + 2] != b"00" else b"11"
    result = quick_signatures(bytes(forged))
    assert result is None or not result.ok


def test_token_signing_invisible(token: Token, pki: SigningPki, tmp_path: Path) -> None:
    options = SigningOptions(Pkcs11Key(token.lib, token.label, KEY), stamp=Stamp.INVISIBLE)
    with open_signer(options, PIN) as signer:
        assert signer.certificate.common_name == "Trần Thị Bình"
        package = pack_dossier(_spec(), tmp_path, signer=signer, jobs=1)
    report = verify_package(package, signatures=_trust(pki))
    assert report.ok, report.problems
    assert all(d.ok for d in report.signatures)
    for data in _pdfs(package).values():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            (widget,) = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/FT") == "/Sig"]
            assert [float(v) for v in widget.Rect] == [0, 0, 0, 0]
        out = _pdfsig(data, tmp_path)
        assert "Signature is Valid" in out and "Total document signed" in out, out
        assert "Trần Thị Bình" in out


def test_token_signing_visible_stamp_passes_pdfsig_and_pdfa(
        token: Token, pki: SigningPki, tmp_path: Path) -> None:
    """The software token (SoftHSM2) with the visible stamp: every signed PDF is valid and
    unmodified for poppler's pdfsig, passes the full PDF/A-2b check, and shows its stamp
    with the font embedded."""
    options = SigningOptions(Pkcs11Key(token.lib, token.label, KEY), stamp=Stamp.VISIBLE,
                             agency_name="UBND xã Thử Nghiệm")
    with open_signer(options, PIN) as signer:
        package = pack_dossier(_spec(), tmp_path, signer=signer, jobs=1)
    report = verify_package(package, signatures=_trust(pki))
    assert report.ok, report.problems
    assert [d.ok for d in report.signatures] == [True, True]
    for name, data in _pdfs(package).items():
        check = check_pdfa(io.BytesIO(data))
        assert check.ok, (name, check.problems)
        out = _pdfsig(data, tmp_path)
        assert "Signature is Valid" in out, out
        assert "Total document signed" in out, out  # nothing added after the signature
        assert "Trần Thị Bình" in out
        with pikepdf.open(io.BytesIO(data)) as pdf:
            (widget,) = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/FT") == "/Sig"]
            rect = [float(v) for v in widget.Rect]
            assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 30
            resources = widget.AP.N.get("/Resources", {})
            inner = [x.get("/Resources", {}) for x in resources.get("/XObject", {}).values()]
            fonts = [f for r in (resources, *inner) for f in r.get("/Font", {}).values()]
            assert fonts, "the stamp shows no text"
            for font in fonts:
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor


def test_flipped_byte_fails_with_a_clear_reason(p12_package: Path, pki: SigningPki,
                                                tmp_path: Path) -> None:
    top = p12_package.stem
    with zipfile.ZipFile(p12_package) as archive:
        files = {n[len(top) + 1:]: archive.read(n) for n in archive.namelist()
                 if not n.endswith("/")}
    name = next(n for n in files if n.endswith(".pdf"))
    data = bytearray(files[name])
    # A byte of the page image's data, well inside the signed range.
    image = re.search(rb"/Subtype\s*/Image", data)
    assert image is not None
    data[data.index(b"stream", image.end()) + 500] ^= 0x01
    files[name] = bytes(data)
    # Rebuilt so that every checksum matches: only the signature can tell.
    payload = {n[len("data/"):]: d for n, d in files.items() if n.startswith("data/")}
    manifest = json.loads(payload["manifest.json"])
    for document in manifest["documents"]:
        if f"data/{document['file']}" == name:
            document["sha256"] = hashlib.sha256(data).hexdigest()
            document["bytes"] = len(data)
    payload["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    info = [tuple(line.split(": ", 1)) for line in
            files["bag-info.txt"].decode().splitlines() if not line.startswith("Payload-Oxum")]
    rebuilt = tmp_path / f"{top}.zip"
    with rebuilt.open("wb") as handle:
        bagmod.write_zip(handle, top, bagmod.build_bag(payload, info), WHEN)  # type: ignore[arg-type]
    report = verify_package(rebuilt, signatures=_trust(pki))
    assert not report.ok
    assert any(name in p and "chữ ký hỏng" in p and "signature broken" in p
               for p in report.problems), report.problems
    # Flipped in the zip as it came: the package is refused, naming the file.
    raw = bytearray(p12_package.read_bytes())
    start = bytes(raw).find(files[name][:4096])
    raw[start + len(files[name]) // 3] ^= 0x01
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(raw))
    report = verify_package(broken, signatures=_trust(pki))
    assert not report.ok and any(Path(name).name in p for p in report.problems), report.problems


def test_untrusted_anchor_and_required_signature(p12_package: Path, unsigned: Path,
                                                 pki: SigningPki, tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki.stranger_root.pem)
    report = verify_package(p12_package, signatures=SignatureCheck(
        trust=tuple(load_certificates(stranger))))
    assert not report.ok
    assert any("does not chain to the trust anchors" in p for p in report.problems)
    # Without anchors the chain is not judged, and the signatures still count as intact.
    plain = verify_package(p12_package)
    assert plain.ok and all(s.trusted is None for d in plain.signatures for s in d.signatures)
    # Unsigned records are valid records, unless a signature is required.
    assert verify_package(unsigned).ok
    required = verify_package(unsigned, signatures=SignatureCheck(require=True))
    assert sum("not signed" in p for p in required.problems) == 2
    assert verify_package(p12_package, signatures=SignatureCheck(require=True)).ok


@pytest.mark.parametrize("who", ["expired", "future"])
def test_certificate_outside_validity_is_refused(who: str, pki: SigningPki) -> None:
    path = pki.p12(getattr(pki, who), who)
    with pytest.raises(CertificateRefusedError) as refused:
        open_signer(SigningOptions(Pkcs12Key(path)), P12_PASSPHRASE).__enter__()
    text = str(refused.value)
    assert ("expired" in text) if who == "expired" else ("not valid until" in text)


def test_expired_certificate_on_token_is_refused(token: Token) -> None:
    with pytest.raises(CertificateRefusedError, match="expired"):
        open_signer(SigningOptions(Pkcs11Key(token.lib, token.label, "expired")),
                    PIN).__enter__()


def test_wrong_pin_and_passphrase(token: Token, pki: SigningPki) -> None:
    with pytest.raises(KeyUnavailableError, match="wrong PIN"):
        open_signer(SigningOptions(Pkcs11Key(token.lib, token.label, KEY)), "000000").__enter__()
    with pytest.raises(KeyUnavailableError, match="not found"):
        open_signer(SigningOptions(Pkcs11Key(token.lib, "no-such-token", KEY)), PIN).__enter__()
    with pytest.raises(KeyUnavailableError, match="wrong passphrase"):
        open_signer(_p12(pki), "not-it").__enter__()


def test_token_unplugged_mid_batch(token: Token, pki: SigningPki, tmp_path: Path) -> None:
    """The first dossier stays signed, the second leaves nothing, and packing resumes."""
    options = SigningOptions(Pkcs11Key(token.lib, token.label, KEY), stamp=Stamp.INVISIBLE)
    out = tmp_path / "out"
    first, second = _spec("000.00.06.H56-231027-0001"), _spec("000.00.06.H56-231027-0002")
    with open_signer(options, PIN) as signer:
        done = pack_dossier(first, out, signer=signer, jobs=1)
        # Injected fault: the token goes away (its session ends under the signer).
        signer._session.close()
        with pytest.raises(KeyUnavailableError) as stopped:
            pack_dossier(second, out, signer=signer, jobs=1)
    assert "unplugged" in str(stopped.value)
    assert sorted(p.name for p in out.iterdir()) == [done.name]
    assert verify_package(done, signatures=SignatureCheck(require=True)).ok
    with open_signer(options, PIN) as signer:
        resumed = pack_dossier(second, out, signer=signer, jobs=1)
    assert verify_package(resumed, signatures=SignatureCheck(require=True)).ok


def test_timestamp_and_revocation_levels(pki: SigningPki, tmp_path: Path) -> None:
    before = len(pki.services.requests)
    with open_signer(_p12(pki, tsa_url=pki.services.tsa_url), P12_PASSPHRASE) as signer:
        timestamped = pack_dossier(_spec(pages=1), tmp_path / "t", signer=signer, jobs=1)
    with open_signer(_p12(pki, tsa_url=pki.services.tsa_url, revocation=True,
                          trust=(pki.trust_file,)), P12_PASSPHRASE) as signer:
        long_term = pack_dossier(_spec(pages=1), tmp_path / "lt", signer=signer, jobs=1)
    asked = pki.services.requests[before:]
    assert "/tsa" in asked and "/ocsp/int" in asked
    for package, level in ((timestamped, SignatureLevel.B_T), (long_term, SignatureLevel.B_LT)):
        report = verify_package(package, signatures=_trust(pki))
        assert report.ok, report.problems
        for document in report.signatures:
            (sig,) = document.signatures
            assert sig.level is level and sig.timestamp is not None
        for data in _pdfs(package).values():
            assert check_pdfa(io.BytesIO(data)).ok
            assert "Signature is Valid" in _pdfsig(data, tmp_path)


def test_pdfsig_is_installed() -> None:
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) is needed for the signature tests"


def test_offline_package_is_upgraded_later(pki: SigningPki, tmp_path: Path) -> None:
    from records import SigningError
    from records.upgrade import upgrade_package

    with open_signer(_p12(pki, stamp=Stamp.INVISIBLE), P12_PASSPHRASE) as signer:
        package = pack_dossier(_spec(pages=1), tmp_path, signer=signer, jobs=1)
    offline = _pdfs(package)
    # The timestamp server is down: the package stays as it was.
    before = package.read_bytes()
    with pytest.raises(SigningError, match="cannot add the timestamp"):
        upgrade_package(package, "http://127.0.0.1:9/tsa")
    assert package.read_bytes() == before
    result = upgrade_package(package, pki.services.tsa_url)
    assert result.level is SignatureLevel.B_T and len(result.upgraded) == 2
    report = verify_package(package, signatures=SignatureCheck(
        trust=tuple(load_certificates(pki.trust_file)), require=True))
    assert report.ok, report.problems
    for name, data in _pdfs(package).items():
        assert data.startswith(offline[name])  # the signature itself is untouched
        assert check_pdfa(io.BytesIO(data)).ok
        assert "Signature is Valid" in _pdfsig(data, tmp_path)
    # Already timestamped: nothing to do, unless revocation data is asked for too.
    assert upgrade_package(package, pki.services.tsa_url).upgraded == ()
    result = upgrade_package(package, pki.services.tsa_url, revocation=True,
                             trust=tuple(load_certificates(pki.trust_file)))
    assert result.level is SignatureLevel.B_LT
    assert verify_package(package, signatures=_trust(pki)).ok


_FRESH_SIGNING = """
import json, sys
from pathlib import Path
from records import (Pkcs12Key, SignatureCheck, SigningOptions, load_certificates,
                     open_signer, pack_dossier, verify_package)
from tests.records.test_signing import _spec

p12, trust, tsa, down, out = sys.argv[1:]
seen = {}
with open_signer(SigningOptions(Pkcs12Key(Path(p12))), "mat-khau-thu") as signer:
    pack_dossier(_spec(pages=1), Path(out) / "bb", signer=signer, jobs=1)
    seen["offline"] = "aiohttp" in sys.modules
    seen["cut"] = Path(out, "cache").exists()  # the shipped cut stamp font was used
with open_signer(SigningOptions(Pkcs12Key(Path(p12)), tsa_url=down), "mat-khau-thu") as signer:
    pack_dossier(_spec(pages=1), Path(out) / "down", signer=signer, jobs=1)
    seen["down"] = [signer.offline, signer.last_level, signer.take_notes()[:1]]
with open_signer(SigningOptions(Pkcs12Key(Path(p12)), tsa_url=tsa, revocation=True,
                                trust=(Path(trust),)), "mat-khau-thu") as signer:
    package = pack_dossier(_spec(pages=1), Path(out) / "lt", signer=signer, jobs=1)
    seen["lt"] = signer.last_level
report = verify_package(package, signatures=SignatureCheck(
    trust=tuple(load_certificates(Path(trust))), require=True))
seen["ok"] = report.ok
seen["levels"] = sorted({s.level.value for d in report.signatures for s in d.signatures})
print(json.dumps(seen))
"""


def test_fresh_process_loads_the_http_client_only_for_services(
        pki: SigningPki, tmp_path: Path) -> None:
    """In a process that had not loaded aiohttp (as ``sohoa pack --sign``), signing offline
    leaves it unloaded, and the timestamp server and OCSP responder are still reached
    through it afterwards; a server that is down still falls back to B-B. The visible stamp
    uses the shipped cut of DejaVu Sans: nothing is cut or cached."""
    import os
    import sys

    from tests.records.pki import stopped_tsa_url

    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_SIGNING, str(pki.signer_p12), str(pki.trust_file),
         pki.services.tsa_url, stopped_tsa_url(), str(tmp_path)],
        cwd=repo, env={**os.environ, "PYTHONPATH": str(repo),
                       "XDG_CACHE_HOME": str(tmp_path / "cache")}, capture_output=True,
        text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["offline"] is False
    assert seen["cut"] is False, "the visible stamp cut DejaVu Sans instead of the shipped cut"
    offline, level, notes = seen["down"]
    assert offline is True and level == "B-B"
    assert "did not answer" in notes[0]
    assert seen["lt"] == "B-LT"
    assert seen["ok"] is True and seen["levels"] == ["B-LT"]
