"""``sohoa pack --sign`` and ``sohoa verify --trust --require-signature`` end to end."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cli.main import main
from storage import Workspace
from synth import apply, render_page
from tests.records.pki import KEY, P12_PASSPHRASE, PIN, SigningPki, Token

LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Văn An",
]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dossier")
    rng = random.Random(7)
    page = render_page(LINES, dpi=200, size=(148.0, 105.0))
    apply(page.image, "noise_jpeg_300", rng).save(folder / "01.png", dpi=(200, 200))
    return folder


def test_pack_sign_pkcs12_then_verify(dossier: Path, pki: SigningPki, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    out = tmp_path / "out"
    assert main(["pack", "--sign", "--pkcs12", str(pki.signer_p12), "--out", str(out),
                 str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    assert main(["verify", "--trust", str(pki.trust_file), "--require-signature",
                 str(package)]) == 0
    printed = capsys.readouterr().out
    assert "hợp lệ — valid" in printed
    assert "signed by" in printed and "Trần Thị Bình" in printed
    assert "intact" in printed and "trusted" in printed and "PAdES B-B" in printed
    # Against anchors it does not chain to, the same package fails with that reason.
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki.stranger_root.pem)
    assert main(["verify", "--trust", str(stranger), str(package)]) == 1
    assert "does not chain to the trust anchors" in capsys.readouterr().err


def test_unsigned_package_fails_require_signature(dossier: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "--out", str(tmp_path), str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    assert main(["verify", str(package)]) == 0
    capsys.readouterr()
    assert main(["verify", "--require-signature", str(package)]) == 1
    err = capsys.readouterr().err
    assert f"{package}: data/" in err and "not signed" in err


def test_pack_sign_refuses_expired_certificate_before_packing(
        dossier: Path, pki: SigningPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    out = tmp_path / "out"
    expired = pki.p12(pki.expired, "expired")
    assert main(["pack", "--sign", "--pkcs12", str(expired), "--out", str(out),
                 str(dossier)]) == 5
    captured = capsys.readouterr()
    assert "expired" in captured.err and captured.out == ""
    assert not out.exists() or not any(out.iterdir())


def test_pack_sign_with_token_from_settings(dossier: Path, token: Token, pki: SigningPki,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.signing import install_trust_anchors

    root = tmp_path / "ws"
    ws = Workspace.open(root)
    try:
        ws.set_setting("signing.source", "pkcs11")
        ws.set_setting("signing.pkcs11_lib", token.lib)
        ws.set_setting("signing.token", token.label)
        ws.set_setting("signing.key", KEY)
        ws.set_setting("signing.stamp", "invisible")
        assert install_trust_anchors(ws, pki.trust_file) == 1
    finally:
        ws.close()
    monkeypatch.setenv("SOHOA_SIGN_PIN", "999999")
    assert main(["--workspace", str(root), "pack", "--sign", "--out", str(tmp_path / "o"),
                 str(dossier)]) == 5
    assert "wrong PIN" in capsys.readouterr().err
    monkeypatch.setenv("SOHOA_SIGN_PIN", PIN)
    assert main(["--workspace", str(root), "pack", "--sign", "--out", str(tmp_path / "o"),
                 str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    assert main(["verify", "--trust", str(root / "trust-anchors.pem"), "--require-signature",
                 str(package)]) == 0


def test_pack_sign_without_a_key_source(dossier: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "--sign", "--out", str(tmp_path), str(dossier)]) == 5
    assert "no signing key chosen" in capsys.readouterr().err


def test_timestamp_command_upgrades_an_offline_package(
        dossier: Path, pki: SigningPki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOHOA_SIGN_PIN", P12_PASSPHRASE)
    assert main(["pack", "--sign", "--pkcs12", str(pki.signer_p12), "--out", str(tmp_path),
                 str(dossier)]) == 0
    package = Path(capsys.readouterr().out.split()[0])
    assert main(["timestamp", str(package)]) == 2
    assert "no timestamp server" in capsys.readouterr().err
    assert main(["timestamp", "--tsa", pki.services.tsa_url, str(package)]) == 0
    assert "PAdES B-T" in capsys.readouterr().out
    assert main(["verify", "--trust", str(pki.trust_file), "--require-signature",
                 str(package)]) == 0
    assert "timestamped" in capsys.readouterr().out
