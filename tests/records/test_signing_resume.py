"""Signing that cannot reach its services or is run again: a timestamp server that is down
gives PAdES B-B with a clear line (upgraded later, the outbox then sending the upgraded
package), and a rerun of ``pack --sign`` signs nothing twice — folders and workspace dossiers.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from cli.main import main
from pdfa import check_pdfa
from records import (
    PadesSigner,
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
from storage import dossiers as dossier_store
from storage import outbox
from synth import apply, render_page
from tests.records.pki import P12_PASSPHRASE, SigningPki, stopped_tsa_url
from tests.records.test_signing import _pdfs, _pdfsig, _spec
from tests.workspaces import open_workspace

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
]


def _folder(parent: Path, name: str, seed: int) -> Path:
    folder = parent / name
    folder.mkdir(parents=True)
    page = render_page([*LINES, f"Số: {seed}"], dpi=200, size=(148.0, 105.0))
    apply(page.image, "noise_jpeg_300", random.Random(seed)).save(folder / "01.png",
                                                                   dpi=(200, 200))
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    parent = tmp_path_factory.mktemp("folders")
    return [_folder(parent, f"dossier-{n}", n) for n in (1, 2)]


def _levels(package: Path | object, pki: SigningPki) -> set[SignatureLevel]:
    report = verify_package(package, signatures=SignatureCheck(  # type: ignore[arg-type]
        trust=tuple(load_certificates(pki.trust_file)), require=True))
    assert report.ok, report.problems
    return {s.level for d in report.signatures for s in d.signatures}


def test_timestamp_server_down_gives_bb_and_says_so(pki: SigningPki, tmp_path: Path) -> None:
    from records.upgrade import upgrade_package

    down = stopped_tsa_url()
    options = SigningOptions(Pkcs12Key(pki.signer_p12), Stamp.VISIBLE, tsa_url=down)
    with open_signer(options, P12_PASSPHRASE) as signer:
        package = pack_dossier(_spec(pages=1), tmp_path, signer=signer, jobs=1)
        notes = signer.take_notes()
        assert signer.offline and signer.last_level == "B-B"
    # One line, for the first document; the second was signed offline without waiting.
    assert len(notes) == 1 and "timestamp server did not answer" in notes[0], notes
    assert "B-B" in notes[0] and "sohoa timestamp" in notes[0]
    assert _levels(package, pki) == {SignatureLevel.B_B}
    # Later, with the server up, the same package is raised to B-T.
    assert upgrade_package(package, pki.services.tsa_url).level is SignatureLevel.B_T
    assert _levels(package, pki) == {SignatureLevel.B_T}
    for data in _pdfs(package).values():
        assert check_pdfa(io.BytesIO(data)).ok
        out = _pdfsig(data, tmp_path)
        assert "Signature is Valid" in out and "Total document signed" in out, out


def test_cli_pack_with_timestamp_server_down(folders: list[Path], pki: SigningPki,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    out = tmp_path / "out"
    assert main(["pack", "--sign", "--pkcs12", str(pki.signer_p12), "--tsa", stopped_tsa_url(),
                 "--out", str(out), str(folders[0])]) == 0
    captured = capsys.readouterr()
    package = Path(captured.out.split()[0])
    assert "timestamp server did not answer: signed PAdES B-B" in captured.err
    assert _levels(package, pki) == {SignatureLevel.B_B}
    assert main(["timestamp", "--tsa", pki.services.tsa_url, str(package)]) == 0
    assert _levels(package, pki) == {SignatureLevel.B_T}


def test_rerun_of_pack_sign_does_not_sign_again(folders: list[Path], pki: SigningPki,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    out = tmp_path / "out"
    sign = ["pack", "--sign", "--pkcs12", str(pki.signer_p12), "--out", str(out)]
    # The first run stopped after the first folder (the token was pulled out, say).
    assert main([*sign, str(folders[0])]) == 0
    first = Path(capsys.readouterr().out.split()[0])
    signed_once = first.read_bytes()
    signed = []

    real_sign = PadesSigner.sign

    def counting(self: PadesSigner, pdf: Path, *args: object) -> None:
        signed.append(pdf.name)
        real_sign(self, pdf, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(PadesSigner, "sign", counting)
    assert main([*sign, str(folders[0]), str(folders[1])]) == 0
    captured = capsys.readouterr()
    printed = [Path(p) for p in captured.out.split()]
    assert printed[0] == first and len(printed) == 2
    assert "already packed and signed" in captured.err
    # The first folder was not signed again (a new signature would carry a new time).
    assert first.read_bytes() == signed_once
    assert signed and all(not name.startswith(first.stem + ".") for name in signed), signed
    assert _levels(printed[1], pki) == {SignatureLevel.B_B}
    # A package changed on disk is not taken as done: it is packed and signed afresh.
    first.write_bytes(b"not a package")
    signed.clear()
    assert main([*sign, str(folders[0])]) == 0
    capsys.readouterr()
    assert signed and _levels(first, pki) == {SignatureLevel.B_B}


def _workspace_dossier(root: Path, folder: Path) -> int:
    from dossier import import_and_process

    with open_workspace(root) as ws:
        report = import_and_process(ws, sorted(folder.glob("*.png")), jobs=1)
        assert report.problems == []
        [dossier] = dossier_store.list_dossiers(ws)
        return dossier.id


def _queued(root: Path) -> outbox.OutboxJob:
    with open_workspace(root) as ws:
        [job] = outbox.pending(ws)
        return job


def _blob_levels(root: Path, sha: str, pki: SigningPki, tmp_path: Path) -> set[SignatureLevel]:
    path = tmp_path / f"{sha[:12]}.zip"
    with open_workspace(root) as ws:
        ws.blobs.export(sha, path)
    try:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
        return _levels(path, pki)
    finally:
        path.unlink()


def test_pack_dossier_sign_resume_and_timestamp_replace_the_queued_copy(
        folders: list[Path], pki: SigningPki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    dossier_id = _workspace_dossier(root, folders[1])
    base = ["--workspace", str(root), "pack", "--dossier", str(dossier_id),
            "--allow-missing", "Công dân bổ sung sau"]
    # Packed unsigned first: queued as it is.
    assert main(base) == 0
    unsigned = _queued(root)
    with open_workspace(root) as ws:
        from dossier.signing import SignatureState, record_signature

        assert record_signature(ws, unsigned.package_sha256).state is SignatureState.UNSIGNED
    # --sign passes through to the dossier's packing: the unsigned package is replaced.
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    sign = [*base, "--sign", "--pkcs12", str(pki.signer_p12)]
    assert main(sign) == 0
    assert "replaced" in capsys.readouterr().err
    signed = _queued(root)
    assert signed.package_sha256 != unsigned.package_sha256
    assert _blob_levels(root, signed.package_sha256, pki, tmp_path) == {SignatureLevel.B_B}
    # A rerun signs nothing again: the signed package waiting stays.
    assert main(sign) == 0
    assert "unchanged" in capsys.readouterr().err
    assert _queued(root).package_sha256 == signed.package_sha256
    # The timestamp added later replaces the queued copy: the outbox sends the B-T one.
    assert main(["--workspace", str(root), "timestamp", "--outbox",
                 "--tsa", pki.services.tsa_url]) == 0
    assert "replaced in the outbox" in capsys.readouterr().out
    upgraded = _queued(root)
    assert upgraded.package_sha256 != signed.package_sha256
    assert upgraded.filename == signed.filename and upgraded.dossier_id == dossier_id
    assert upgraded.version == signed.version
    # Its manifests were computed again: the blob verifies whole, signatures B-T.
    assert _blob_levels(root, upgraded.package_sha256, pki, tmp_path) == {SignatureLevel.B_T}
    with open_workspace(root) as ws:
        records = dossier_store.records_of(ws, dossier_id)
        assert [r.package_sha for r in records] == [upgraded.package_sha256]
        assert outbox.get_by_sha(ws, signed.package_sha256) is None


def test_timestamp_of_a_written_copy_replaces_the_queued_one(
        folders: list[Path], pki: SigningPki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    dossier_id = _workspace_dossier(root, folders[0])
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    out = tmp_path / "out"
    assert main(["--workspace", str(root), "pack", "--dossier", str(dossier_id), "--sign",
                 "--pkcs12", str(pki.signer_p12), "--allow-missing", "bổ sung sau",
                 "--out", str(out)]) == 0
    written = Path(capsys.readouterr().out.split()[0])
    queued = _queued(root)
    assert main(["--workspace", str(root), "timestamp", "--tsa", pki.services.tsa_url,
                 str(written)]) == 0
    assert "the copy waiting in the outbox was replaced" in capsys.readouterr().err
    now = _queued(root)
    assert now.package_sha256 != queued.package_sha256
    with open_workspace(root) as ws:
        assert ws.blobs.read(now.package_sha256) == written.read_bytes()
    assert _levels(written, pki) == {SignatureLevel.B_T}


def test_pack_dossiers_sign_stops_cleanly_and_resumes(
        folders: list[Path], pki: SigningPki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier import import_and_process
    from records import KeyUnavailableError

    root = tmp_path / "ws"
    with open_workspace(root) as ws:
        for folder in folders:
            assert import_and_process(ws, sorted(folder.glob("*.png")), jobs=1).problems == []
        first, second = dossier_store.list_dossiers(ws)[:2]
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    sign = ["--workspace", str(root), "pack", "--dossier", str(first.id), str(second.id),
            "--sign", "--pkcs12", str(pki.signer_p12), "--allow-missing", "bổ sung sau"]
    real_sign = PadesSigner.sign
    signed: list[str | None] = []

    def unplugged(self: PadesSigner, pdf: Path, dossier: object, document: object) -> None:
        # Injected fault: the token goes away while the second dossier is signed.
        signed.append(getattr(dossier, "provisional_id", None))
        if getattr(dossier, "provisional_id", None) == second.provisional_id:
            raise KeyUnavailableError("token sohoa-test đã bị rút ra — the token was unplugged")
        real_sign(self, pdf, dossier, document)  # type: ignore[arg-type]

    monkeypatch.setattr(PadesSigner, "sign", unplugged)
    assert main(sign) == 1
    err = capsys.readouterr().err
    assert f"{second.id}: " in err and "unplugged" in err
    with open_workspace(root) as ws:
        [job] = outbox.pending(ws)
        assert job.dossier_id == first.id  # the first stays packed, signed and queued
        assert dossier_store.records_of(ws, second.id) == []  # nothing half-signed
        assert not any(ws.private_tmp().iterdir())
        done = job.package_sha256
    # The token is back: the rerun signs the second only.
    monkeypatch.setattr(PadesSigner, "sign", real_sign)
    counted: list[str | None] = []

    def counting(self: PadesSigner, pdf: Path, dossier: object, document: object) -> None:
        counted.append(getattr(dossier, "provisional_id", None))
        real_sign(self, pdf, dossier, document)  # type: ignore[arg-type]

    monkeypatch.setattr(PadesSigner, "sign", counting)
    assert main(sign) == 0
    assert "unchanged" in capsys.readouterr().err
    assert counted and set(counted) == {second.provisional_id}
    with open_workspace(root) as ws:
        jobs = {j.dossier_id: j.package_sha256 for j in outbox.pending(ws)}
    assert jobs[first.id] == done and set(jobs) == {first.id, second.id}
    assert _blob_levels(root, jobs[second.id], pki, tmp_path) == {SignatureLevel.B_B}


def test_timestamp_replaces_the_documents_on_file_with_the_upgraded_ones(
        folders: list[Path], pki: SigningPki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.reuse import lookup
    from records import check_signatures

    root = tmp_path / "ws"
    dossier_id = _workspace_dossier(root, folders[1])
    holder = "001085012345"
    with open_workspace(root) as ws:
        dossier_store.update_dossier(ws, dossier_id, applicant_id=holder,
                                     applicant_name="Nguyễn Văn An")
        [document, *_] = dossier_store.documents_of(ws, dossier_id)
        dossier_store.set_document_type(ws, document.id, "giay_khai_sinh", "Giấy khai sinh")
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    assert main(["--workspace", str(root), "pack", "--dossier", str(dossier_id), "--sign",
                 "--pkcs12", str(pki.signer_p12), "--allow-missing", "bổ sung sau"]) == 0
    signed = _queued(root)
    with open_workspace(root) as ws:
        [before] = lookup(ws, holder)
        kept = ws.blobs.read(before.blob_sha)
    assert {s.level for s in check_signatures(kept).signatures} == {SignatureLevel.B_B}
    capsys.readouterr()
    assert main(["--workspace", str(root), "timestamp", "--outbox",
                 "--tsa", pki.services.tsa_url]) == 0
    upgraded = _queued(root)
    assert upgraded.package_sha256 != signed.package_sha256
    with open_workspace(root) as ws:
        [after] = lookup(ws, holder)
        now = ws.blobs.read(after.blob_sha)
        with ws.blobs.open(upgraded.package_sha256) as package, \
                zipfile.ZipFile(package) as archive:
            in_package = [archive.read(n) for n in archive.namelist()
                          if n.endswith(".01.pdf")]
        # The one document on file, now the upgraded PDF (the very bytes the outbox sends).
        assert after.id == before.id and after.blob_sha != before.blob_sha
        assert in_package == [now]
        assert ws.conn.execute("SELECT count(*) FROM reuse_item WHERE blob_sha = ?",
                               (before.blob_sha,)).fetchone()[0] == 0
    report = check_signatures(now, tuple(load_certificates(pki.trust_file)))
    assert report.ok and {s.level for s in report.signatures} == {SignatureLevel.B_T}
