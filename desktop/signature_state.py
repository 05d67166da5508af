"""How a package's signature state reads in the dossier and outbox views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dossier.signing import VIETNAM_TIME, RecordSignature, SignatureState, record_signature
from storage import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignatureState", text)


def describe(state: RecordSignature) -> str:
    if state.state is SignatureState.UNSIGNED:
        return _tr("Chưa ký số")
    when = state.signed_at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y") \
        if state.signed_at else ""
    who = state.signer or ""
    if state.state is SignatureState.SIGNED:
        return _tr("Đã ký số: {who}, {when}").format(who=who, when=when)
    if state.state is SignatureState.UNTRUSTED:
        return _tr("Đã ký số nhưng chứng thư không thuộc gốc tin cậy: {who}").format(who=who)
    return _tr("Chữ ký hỏng")


def signature_text(owner: object, ws: Workspace, package_sha: str) -> str:
    del owner
    try:
        return describe(record_signature(ws, package_sha))
    except Exception as e:  # shown in the state line; never stops the view
        return _tr("Không kiểm tra được chữ ký") + f" ({type(e).__name__})"
