"""How a package's signature state reads in the dossier and outbox views: whether it is
signed, at which PAdES level (B-B, B-T, B-LT), by whom and when, and whether it is valid."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dossier.session import Workspace
from dossier.signing import VIETNAM_TIME, RecordSignature, SignatureState, record_signature


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignatureState", text)


def _level(state: RecordSignature) -> str:
    """The level in words a clerk can act on: B-B still wants its timestamp."""
    if state.level == "B-B":
        return _tr("B-B, chưa có dấu thời gian")
    if state.level == "B-T":
        return _tr("B-T, có dấu thời gian")
    if state.level == "B-LT":
        return _tr("B-LT, có dấu thời gian và dữ liệu thu hồi")
    return state.level or ""


def describe(state: RecordSignature) -> str:
    if state.state is SignatureState.UNSIGNED:
        return _tr("Chưa ký số")
    when = state.signed_at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y") \
        if state.signed_at else ""
    who = state.signer or ""
    level = _level(state)
    if state.state is SignatureState.SIGNED:
        if state.trusted:
            return _tr("Đã ký số ({level}): {who}, {when} — hợp lệ").format(
                level=level, who=who, when=when)
        return _tr("Đã ký số ({level}): {who}, {when} — còn nguyên vẹn (chưa cài chứng thư "
                   "gốc để kiểm tra người ký)").format(level=level, who=who, when=when)
    if state.state is SignatureState.UNTRUSTED:
        return _tr("Đã ký số ({level}): {who} — không hợp lệ: chứng thư không thuộc gốc tin "
                   "cậy").format(level=level, who=who)
    if not who:
        return _tr("Chữ ký hỏng — không hợp lệ: gói đã bị sửa hoặc không đọc được")
    return _tr("Chữ ký hỏng ({who}) — không hợp lệ: tệp đã bị sửa hoặc chưa ký đủ").format(
        who=who)


def describe_short(state: RecordSignature) -> str:
    """The state in a few words, for a table cell: level, signer, valid or not."""
    if state.state is SignatureState.UNSIGNED:
        return _tr("Chưa ký số")
    if state.state is SignatureState.BROKEN:
        return _tr("Chữ ký hỏng")
    who = state.signer or ""
    if state.state is SignatureState.UNTRUSTED:
        return _tr("{level} · {who} · không hợp lệ").format(level=state.level, who=who)
    if state.trusted:
        return _tr("{level} · {who} · hợp lệ").format(level=state.level, who=who)
    return _tr("{level} · {who} · nguyên vẹn").format(level=state.level, who=who)


def signature_text(owner: object, ws: Workspace, package_sha: str, *,
                   short: bool = False) -> str:
    del owner
    try:
        state = record_signature(ws, package_sha)
        return describe_short(state) if short else describe(state)
    except Exception as e:  # shown in the state line; never stops the view
        return _tr("Không kiểm tra được chữ ký") + f" ({type(e).__name__})"
