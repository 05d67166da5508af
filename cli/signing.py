"""Signing options shared by ``sohoa pack --sign`` (key source, PIN) and ``sohoa verify``
(trust anchors)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import open_workspace, workspace_named

if TYPE_CHECKING:
    from dossier.session import Workspace
    from records import PadesSigner, PendingSigner, SignatureCheck

PIN_VARIABLE = "SOHOA_SIGN_PIN"


def add_pack_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "signing", "PAdES signature on every PDF; the PIN or passphrase comes from "
                   f"${PIN_VARIABLE}, else it is asked for on the terminal")
    group.add_argument("--sign", action="store_true",
                       help="sign every record PDF (key source from the options below, else "
                            "from the workspace's signing.* settings)")
    group.add_argument("--pkcs11-lib", metavar="LIB", help="the token's PKCS#11 library")
    group.add_argument("--token", metavar="LABEL", help="the token's label")
    group.add_argument("--key", metavar="LABEL", help="the signing key's label on the token")
    group.add_argument("--pkcs12", type=Path, metavar="FILE",
                       help="a PKCS#12 (.p12/.pfx) file holding the key and certificate")
    group.add_argument("--stamp", choices=["visible", "invisible"],
                       help="a visible 'Đã số hóa' stamp on each first page (default) or none")
    group.add_argument("--tsa", metavar="URL",
                       help="timestamp server (PAdES B-T; default: signing.tsa_url)")
    group.add_argument("--ltv", action="store_true", default=None,
                       help="embed revocation data (PAdES B-LT); needs --trust")
    group.add_argument("--trust", type=Path, metavar="FILE",
                       help="trust anchors (PEM) the chain is built to, for --ltv")


def _secret(what: str) -> str | None:
    value = os.environ.get(PIN_VARIABLE)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"{what}: ")
    return None


@contextmanager
def signer_from_args(args: argparse.Namespace, agency_name: str | None = None, *,
                     ahead: bool = False, ws: Workspace | None = None,
                     ) -> Iterator[PadesSigner | PendingSigner | None]:
    """The signer ``--sign`` asks for, opened (certificate checked) before any packing;
    None without ``--sign``. With ``ahead`` it is opened in the background while the
    caller packs (a PendingSigner: opening errors come from its first ``sign``, or
    ``wait``, before anything is signed). The signing.* settings are read from ``ws``
    when the caller has the workspace open already (no second login)."""
    if not getattr(args, "sign", False):
        yield None
        return
    from dossier.signing import KeyChoice, signing_options
    from records import Pkcs12Key, open_signer, open_signer_ahead

    choice = KeyChoice(pkcs11_lib=args.pkcs11_lib, token=args.token, key=args.key,
                       pkcs12=args.pkcs12, stamp=args.stamp, tsa_url=args.tsa,
                       revocation=args.ltv, trust=args.trust)
    if ws is not None:
        options = signing_options(ws, choice, agency_name)
    elif workspace_named(args):
        with open_workspace(args) as opened:
            options = signing_options(opened, choice, agency_name)
    else:
        options = signing_options(None, choice, agency_name)
    what = ("Mật khẩu tệp PKCS#12 — PKCS#12 passphrase" if isinstance(options.key, Pkcs12Key)
            else f"Mã PIN token {options.key.token} — token PIN")
    opening = open_signer_ahead if ahead else open_signer
    with opening(options, _secret(what)) as signer:
        yield signer


def signature_check(args: argparse.Namespace) -> SignatureCheck:
    """What ``sohoa verify`` asks of signatures: ``--trust FILE``, ``--require-signature``."""
    from records import SignatureCheck, load_certificates

    trust = tuple(load_certificates(args.trust)) if args.trust else ()
    return SignatureCheck(trust=trust, require=args.require_signature)
