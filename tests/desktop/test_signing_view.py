"""Signing from the dossier screen: the PIN asked for, a wrong one refused with nothing
packed, the signature state shown in the dossier and outbox views, the settings group."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import dossier
from storage import outbox as outbox_store
from tests.desktop.conftest import birth_dossier_pages
from tests.records.pki import P12_PASSPHRASE, SigningPki, make_pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SigningPki]:
    made = make_pki(tmp_path_factory.mktemp("pki"))
    try:
        yield made
    finally:
        made.close()


def answer_pack_dialog(dv) -> None:
    """Keep the provisional code and give a reason for missing papers, as a clerk would."""
    dialog = dv.pack_dialog
    if dialog is None:
        return
    if getattr(dialog, "keep_provisional", None) is not None:
        dialog.keep_provisional.setChecked(True)
    if getattr(dialog, "reason", None) is not None:
        dialog.reason.setText("Công dân bổ sung sau")
    assert dialog.pack_button.isEnabled()
    dialog.pack_button.click()


def pack_through_dialog(dv) -> None:
    dv.pack()
    answer_pack_dialog(dv)


def test_pack_signs_with_the_pin_typed(qtbot, window, tmp_path: Path, pki: SigningPki,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.pin_dialog as pin_dialog
    from dossier.assembly import assemble_pages

    ws = window.ctx.ws
    # The admin's settings, made through the settings screen.
    settings = window.settings_view.signing
    settings.enabled.setChecked(True)
    settings.source.setCurrentIndex(settings.source.findData("pkcs12"))
    settings.p12.setText(str(pki.signer_p12))
    settings.agency_name.setText("UBND xã Thử Nghiệm")
    assert settings.install_trust(pki.trust_file)
    assert not settings.install_trust(tmp_path / "missing.pem")
    assert "cannot read" in settings.message.text()
    window.settings_view.save()
    assert ws.get_setting("signing.enabled") == "on"

    paths, _ = birth_dossier_pages(tmp_path / "birth", dpi=200)
    report = dossier.import_paths(ws, paths)
    dossier.process_batch(ws, report.batch_id, jobs=2)
    window.open_dossier(assemble_pages(ws, report.page_ids, batch_id=report.batch_id))
    dv = window.dossier_view

    typed: list[str | None] = [None, "sai-mat-khau", P12_PASSPHRASE]
    asked: list[str] = []
    prompts: list[str] = []

    def ask(parent: object, what: str, reason: str = "") -> str | None:
        prompts.append(what)
        asked.append(reason)
        return typed.pop(0)

    monkeypatch.setattr(pin_dialog, "ask_pin", ask)
    pack_through_dialog(dv)  # cancelled at the PIN prompt
    assert "Đã hủy" in dv.pack_status.text()
    pack_through_dialog(dv)  # a wrong passphrase: refused, nothing packed or queued
    qtbot.waitUntil(lambda: "sai mật khẩu" in dv.pack_status.text(), timeout=60000)
    qtbot.waitUntil(dv.pack_button.isEnabled, timeout=10000)
    assert outbox_store.list_jobs(ws) == []
    with qtbot.waitSignal(dv.packed, timeout=120000):
        qtbot.keyClick(dv.docs, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        answer_pack_dialog(dv)
    # Asked again with the reason it failed the time before; the same prompt as the
    # results screen's (one place asks for the key).
    assert "sai mật khẩu" in asked[-1]
    assert asked[0] == ""
    assert prompts == ["Mật khẩu của tệp chứng thư signer.p12:"] * 3
    (job,) = outbox_store.list_jobs(ws)
    assert job.state == "queued"
    state, _kind = dv._state_text(dv.dossier)
    # Level, signer and validity (the installed anchors were reached).
    assert "Đã ký số (B-B, chưa có dấu thời gian): Trần Thị Bình" in state, state
    assert "hợp lệ" in state and "không hợp lệ" not in state
    window.go(2)
    window.outbox_view.refresh()
    model = window.outbox_view.model
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Ký số"
    assert model.data(model.index(0, 6)) == "B-B · Trần Thị Bình · hợp lệ"
    assert "Đã ký số (B-B" in model.data(model.index(0, 6), Qt.ItemDataRole.ToolTipRole)


def test_signing_not_set_up_is_said_plainly(qtbot, window, tmp_path: Path) -> None:
    from dossier.assembly import assemble_pages

    ws = window.ctx.ws
    ws.set_setting("signing.enabled", "on")
    paths, _ = birth_dossier_pages(tmp_path / "birth", dpi=200)
    report = dossier.import_paths(ws, paths[:1])
    window.open_dossier(assemble_pages(ws, report.page_ids, batch_id=report.batch_id))
    dv = window.dossier_view
    assert dv.pack() is None
    assert "chưa chọn khóa ký số" in dv.pack_status.text()
    assert outbox_store.list_jobs(ws) == []


def test_offline_signature_is_said_and_timestamped_from_the_outbox(
        qtbot, window, tmp_path: Path, pki: SigningPki) -> None:
    """Signed while the timestamp server was down: the pack line says so, and the outbox's
    button adds the timestamp later, the upgraded package taking the queued one's place."""
    import dataclasses
    import io
    import zipfile

    import upload
    from dossier.packing import PackOutcome, PackResult
    from records import (
        Pkcs12Key,
        SignatureCheck,
        SignatureLevel,
        SigningOptions,
        open_signer,
        pack_dossier,
        verify_package,
    )
    from tests.records.pki import stopped_tsa_url
    from tests.records.test_signing import _spec

    ws = window.ctx.ws
    options = SigningOptions(Pkcs12Key(pki.signer_p12), tsa_url=stopped_tsa_url())
    with open_signer(options, P12_PASSPHRASE) as signer:
        package = pack_dossier(_spec(pages=1), tmp_path, signer=signer, jobs=1)
        assert signer.offline
    queued = upload.queue_package(ws, package).job
    result = PackResult(1, package, package.name, queued.package_sha256, 1, None,
                        PackOutcome.QUEUED, (), (), 0)
    text, kind = window.dossier_view._packed_text(dataclasses.replace(result,
                                                                      signed_offline=True))
    assert "Máy chủ dấu thời gian không trả lời" in text and kind == "warning"
    assert "dấu thời gian" not in window.dossier_view._packed_text(result)[0]

    view = window.outbox_view
    window.go(2)
    view.refresh()
    assert not view.timestamp_button.isVisible()  # no timestamp server in the settings
    ws.set_setting("signing.tsa_url", pki.services.tsa_url)
    view.refresh()
    assert view.timestamp_button.isVisible() and view.timestamp_button.isEnabled()
    view.timestamp_button.click()
    qtbot.waitUntil(lambda: "Đã thêm dấu thời gian cho 1 gói" in view.message.text(),
                    timeout=60000)
    (job,) = outbox_store.pending(ws)
    assert job.package_sha256 != queued.package_sha256 and job.filename == package.name
    # The outbox names the new level (no anchors installed here: intact, chain not judged).
    view.refresh()
    (row,) = [r for r in range(view.model.rowCount()) if view.model.job(r).id == job.id]
    assert view.model.data(view.model.index(row, 6)) == "B-T · Trần Thị Bình · nguyên vẹn"
    data = ws.blobs.read(job.package_sha256)
    upgraded = tmp_path / "upgraded.zip"
    upgraded.write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    report = verify_package(upgraded, signatures=SignatureCheck(require=True))
    assert report.ok, report.problems
    assert {s.level for d in report.signatures for s in d.signatures} == {SignatureLevel.B_T}


def test_signature_state_names_level_signer_and_validity(tmp_path: Path,
                                                         pki: SigningPki) -> None:
    """Every state the views can show: unsigned, valid, intact but unjudged, untrusted
    chain, broken bytes — each with the level and the signer where there is one."""
    from desktop.signature_state import describe, describe_short
    from dossier.signing import SignatureState, package_signature
    from records import Pkcs12Key, SigningOptions, Stamp, open_signer, pack_dossier
    from tests.records.test_signing import _spec

    unsigned = pack_dossier(_spec(pages=1), tmp_path / "plain", jobs=1)
    state = package_signature(unsigned, pki.trust_file)
    assert state.state is SignatureState.UNSIGNED and describe(state) == "Chưa ký số"
    with open_signer(SigningOptions(Pkcs12Key(pki.signer_p12), Stamp.INVISIBLE),
                     P12_PASSPHRASE) as signer:
        package = pack_dossier(_spec(pages=1), tmp_path / "signed", signer=signer, jobs=1)
    valid = package_signature(package, pki.trust_file)
    assert valid.state is SignatureState.SIGNED and valid.trusted
    assert describe(valid).startswith("Đã ký số (B-B, chưa có dấu thời gian): Trần Thị Bình, ")
    assert describe(valid).endswith("— hợp lệ")
    assert describe_short(valid) == "B-B · Trần Thị Bình · hợp lệ"
    intact = package_signature(package)
    assert intact.trusted is None and "còn nguyên vẹn" in describe(intact)
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(pki.stranger_root.pem)
    untrusted = package_signature(package, stranger)
    assert untrusted.state is SignatureState.UNTRUSTED
    assert "không hợp lệ: chứng thư không thuộc gốc tin cậy" in describe(untrusted)
    assert describe_short(untrusted) == "B-B · Trần Thị Bình · không hợp lệ"
    # One byte of a signed PDF changed (stored uncompressed in the zip): broken.
    import zipfile

    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".pdf"))
        pdf = archive.read(name)
    raw = bytearray(package.read_bytes())
    start = bytes(raw).find(pdf[:4096])
    assert start >= 0
    raw[start + len(pdf) // 3] ^= 0x01
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(bytes(raw))
    broken = package_signature(tampered, pki.trust_file)  # the zip's checksum fails
    assert broken.state is SignatureState.BROKEN and "cannot read" in broken.detail
    assert describe(broken).startswith("Chữ ký hỏng — không hợp lệ")
    assert describe_short(broken) == "Chữ ký hỏng"
    # The same PDF changed inside a zip that reads well: the signature itself is broken.
    import io

    with zipfile.ZipFile(package) as archive:
        members = [(i, archive.read(i)) for i in archive.infolist()]
    rezipped = io.BytesIO()
    with zipfile.ZipFile(rezipped, "w") as archive:
        for info, data in members:
            if info.filename == name:  # a byte of the page image, inside the signed range
                data = bytearray(data)
                image = data.index(b"/Subtype /Image") if b"/Subtype /Image" in data \
                    else data.index(b"/Image")
                data[data.index(b"stream", image) + 500] ^= 0x01
            archive.writestr(info, bytes(data))
    changed = package_signature(io.BytesIO(rezipped.getvalue()), pki.trust_file)
    assert changed.state is SignatureState.BROKEN and changed.signer == "Trần Thị Bình"
    assert "signature broken" in changed.detail
    assert describe(changed).startswith("Chữ ký hỏng (Trần Thị Bình) — không hợp lệ")


def test_results_screen_packs_the_result_signed(qtbot, window, tmp_path: Path,
                                                pki: SigningPki,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """With signing on, the Results screen asks for the PIN (never kept) and the result's
    own record is signed, as a dossier's is; a cancelled PIN packs nothing."""
    import desktop.pin_dialog as pin_dialog
    from dossier import import_paths
    from dossier.results import create_result, get_result, update_result
    from dossier.signing import SignatureState, record_signature
    from storage import dossiers as dossier_store
    from tests.dossier import samples

    ws = window.ctx.ws
    ws.set_setting("signing.enabled", "on")
    ws.set_setting("signing.source", "pkcs12")
    ws.set_setting("signing.pkcs12", str(pki.signer_p12))
    dossier_id = dossier_store.create_dossier(ws, code="000.00.06.H56-251003-0001",
                                              procedure_code="1.001193")
    folder = tmp_path / "kq"
    folder.mkdir()
    samples.write_png(folder / "01.png", "GIAY KHAI SINH")
    result_id = create_result(ws, import_paths(ws, [folder]).pages_added,
                              dossier_id=dossier_id)
    update_result(ws, result_id, confirm=True, number_symbol="12/2025/TLKS",
                  date_signed="04/10/2025", signer="Lê Văn Tám",
                  agency="Ủy ban nhân dân xã An Bình")
    view = window.results_view
    view.refresh(select=result_id)
    assert view.current is not None and view.current.id == result_id
    typed: list[str | None] = [None, P12_PASSPHRASE]
    asked: list[str] = []

    def ask(parent: object, what: str, reason: str = "") -> str | None:
        asked.append(what)
        return typed.pop(0)

    monkeypatch.setattr(pin_dialog, "ask_pin", ask)
    view.pack()  # cancelled at the PIN prompt: nothing packed
    assert "Đã hủy" in view.message.text()
    assert not get_result(ws, result_id).packed
    with qtbot.waitSignal(view.packed, timeout=120000):
        view.pack()
    assert asked == ["Mật khẩu của tệp chứng thư signer.p12:"] * 2
    record = get_result(ws, result_id)
    assert record.packed
    sha = ws.conn.execute("SELECT package_sha FROM record WHERE id = ?",
                          (record.record_id,)).fetchone()[0]
    state = record_signature(ws, sha)
    assert state.state is SignatureState.SIGNED and state.signer == "Trần Thị Bình"
    assert state.level == "B-B"
