"""The key a desktop pack signs with: the signing.* settings, and the PIN (or PKCS#12
passphrase) asked for at that moment. The PIN goes to the signer and nowhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from dossier.session import Workspace

if TYPE_CHECKING:
    from records import SigningOptions


def _tr(text: str) -> str:
    return QCoreApplication.translate("SigningKey", text)


def configured_options(ws: Workspace) -> SigningOptions | None:
    """The signing options when the desktop signs what it packs (``signing.enabled``),
    else None. Raises DossierError naming what is missing when signing is on but not
    set up."""
    from dossier import signing as signing_settings

    if not signing_settings.enabled(ws):
        return None
    return signing_settings.signing_options(ws, agency_name=ws.get_setting("agency_id"))


def prompt(options: SigningOptions) -> str:
    """What the PIN dialog asks for: the token's PIN or the PKCS#12 file's passphrase."""
    from records import Pkcs12Key

    if isinstance(options.key, Pkcs12Key):
        return _tr("Mật khẩu của tệp chứng thư {name}:").format(name=options.key.path.name)
    return _tr("Mã PIN của token {token}:").format(token=options.key.token)


def ask_secret(parent: QWidget, options: SigningOptions, reason: str = "") -> str | None:
    """The PIN typed for ``options`` (None: cancelled)."""
    from desktop import pin_dialog

    return pin_dialog.ask_pin(parent, prompt(options), reason)
