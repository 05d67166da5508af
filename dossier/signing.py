"""The workspace's signing settings (``signing.*``): where the key is, the stamp, the
timestamp server, and the province's trust anchors, which the admin installs from a file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from dossier.errors import DossierError
from storage import Workspace, atomic_writer

if TYPE_CHECKING:
    from records import Pkcs11Key, SigningOptions

SOURCE = "signing.source"  # "pkcs11" or "pkcs12"; unset: records are not signed
PKCS11_LIB = "signing.pkcs11_lib"
TOKEN = "signing.token"
KEY = "signing.key"
PKCS12 = "signing.pkcs12"
STAMP = "signing.stamp"  # "visible" (default) or "invisible"
TSA_URL = "signing.tsa_url"
REVOCATION = "signing.revocation"  # "on": embed revocation data (PAdES B-LT)
AGENCY_NAME = "signing.agency_name"
ENABLED = "signing.enabled"  # "on": the desktop signs every record it packs
TRUST = "signing.trust"  # path of the installed trust anchors (PEM)

KEYS = (SOURCE, PKCS11_LIB, TOKEN, KEY, PKCS12, STAMP, TSA_URL, REVOCATION, AGENCY_NAME,
        ENABLED, TRUST)
_ON = ("on", "1", "true", "yes")


@dataclass(frozen=True)
class KeyChoice:
    """A key source given on the command line, overriding the settings."""

    pkcs11_lib: str | None = None
    token: str | None = None
    key: str | None = None
    pkcs12: Path | None = None
    stamp: str | None = None
    tsa_url: str | None = None
    revocation: bool | None = None
    trust: Path | None = None


def _on(value: str | None) -> bool:
    return (value or "").strip().lower() in _ON


def signing_options(ws: Workspace | None, choice: KeyChoice = KeyChoice(),
                    agency_name: str | None = None) -> SigningOptions:
    """The options to sign with: the command line's choice, else the workspace's settings.

    Raises DossierError naming what is missing when no key source is configured.
    """
    from records import Pkcs12Key, SigningOptions, Stamp

    def setting(key: str) -> str | None:
        return (ws.get_setting(key) or None) if ws is not None else None

    key_source: Pkcs11Key | Pkcs12Key
    if choice.pkcs12:
        key_source = Pkcs12Key(Path(choice.pkcs12))
    elif choice.pkcs11_lib or choice.token or choice.key:
        key_source = _pkcs11(choice.pkcs11_lib or setting(PKCS11_LIB),
                             choice.token or setting(TOKEN), choice.key or setting(KEY))
    elif setting(SOURCE) == "pkcs12" and setting(PKCS12):
        key_source = Pkcs12Key(Path(str(setting(PKCS12))))
    elif setting(SOURCE) == "pkcs11":
        key_source = _pkcs11(setting(PKCS11_LIB), setting(TOKEN), setting(KEY))
    else:
        raise DossierError(
            "chưa chọn khóa ký số (--pkcs11-lib/--token/--key hoặc --pkcs12, hoặc cài đặt "
            "signing.source) — no signing key chosen (give --pkcs11-lib/--token/--key or "
            "--pkcs12, or set signing.source)")
    stamp = choice.stamp or setting(STAMP) or Stamp.VISIBLE.value
    try:
        chosen_stamp = Stamp(stamp)
    except ValueError:
        raise DossierError(f"{STAMP}={stamp}: phải là visible hoặc invisible — must be "
                           "visible or invisible") from None
    trust = choice.trust or (Path(str(setting(TRUST))) if setting(TRUST) else None)
    revocation = choice.revocation if choice.revocation is not None else _on(setting(REVOCATION))
    if revocation and trust is None:
        raise DossierError(
            "cần chứng thư gốc tin cậy để nhúng dữ liệu thu hồi (--trust hoặc signing.trust) — "
            "embedding revocation data needs the trust anchors (--trust or signing.trust)")
    return SigningOptions(
        key=key_source, stamp=chosen_stamp,
        agency_name=setting(AGENCY_NAME) or agency_name,
        tsa_url=choice.tsa_url or setting(TSA_URL), revocation=revocation,
        trust=(trust,) if trust else ())


def _pkcs11(lib: str | None, token: str | None, key: str | None) -> Pkcs11Key:
    from records import Pkcs11Key

    missing = [name for name, value in (("--pkcs11-lib", lib), ("--token", token),
                                        ("--key", key)) if not value]
    if missing:
        raise DossierError(
            f"thiếu {', '.join(missing)} cho token PKCS#11 — the PKCS#11 token needs "
            f"{', '.join(missing)} (or the signing.* settings)")
    assert lib and token and key
    return Pkcs11Key(lib, token, key)


def install_trust_anchors(ws: Workspace, source: Path) -> int:
    """Copy the province's trust anchors (PEM or DER) into the workspace; how many certs.

    The copy is the one used from then on, whatever happens to ``source``.
    """
    from asn1crypto import pem

    from records import SigningError, load_certificates

    try:
        certs = load_certificates(Path(source))
    except SigningError as e:
        raise DossierError(str(e)) from e
    target = ws.root / "trust-anchors.pem"
    text = b"".join(pem.armor("CERTIFICATE", c.dump()) for c in certs)
    with atomic_writer(target) as handle:
        handle.write(text)
    ws.set_setting(TRUST, str(target))
    return len(certs)


def enabled(ws: Workspace) -> bool:
    """Whether the desktop signs every record it packs (``signing.enabled``)."""
    return _on(ws.get_setting(ENABLED))


class SignatureState(enum.StrEnum):
    UNSIGNED = "unsigned"
    SIGNED = "signed"  # every PDF signed, intact (and trusted, when anchors are installed)
    UNTRUSTED = "untrusted"  # intact, but the chain does not reach the installed anchors
    BROKEN = "broken"  # some signature does not verify, or some PDF is unsigned


@dataclass(frozen=True)
class RecordSignature:
    """What the views show of a package's signatures."""

    state: SignatureState
    signer: str | None = None
    signed_at: datetime | None = None
    level: str | None = None
    detail: str = ""
    # The chain reached the installed trust anchors (None: no anchors installed to judge).
    trusted: bool | None = None


# Dates shown to clerks are Vietnam's wall clock.
VIETNAM_TIME = timezone(timedelta(hours=7))
_STATES: dict[tuple[str, str], RecordSignature] = {}


def record_signature(ws: Workspace, package_sha256: str) -> RecordSignature:
    """The signature state of a package kept in the workspace (cached: packages never change
    once stored, they are addressed by content)."""
    trust_path = ws.get_setting(TRUST) or ""
    cached = _STATES.get((package_sha256, trust_path))
    if cached is not None:
        return cached
    # Blobs are encrypted at rest: the package is read through the store, never as a file.
    with ws.blobs.open(package_sha256) as package:
        state = package_signature(package, Path(trust_path) if trust_path else None)
    _STATES[(package_sha256, trust_path)] = state
    return state


def package_signature(package: Path | BinaryIO, trust: Path | None = None) -> RecordSignature:
    from records import SignatureCheck, SigningError, load_certificates, verify_signatures

    anchors: tuple[object, ...] = ()
    if trust is not None and trust.is_file():
        try:
            anchors = tuple(load_certificates(trust))
        except SigningError:
            anchors = ()
    documents = verify_signatures(package, SignatureCheck(trust=anchors))
    if not documents or not any(d.signed for d in documents):
        unreadable = [p for d in documents for p in d.problems]
        if unreadable:  # a package that cannot be read is not shown as merely unsigned
            return RecordSignature(SignatureState.BROKEN, detail="; ".join(unreadable))
        return RecordSignature(SignatureState.UNSIGNED)
    signatures = [s for d in documents for s in d.signatures]
    first = signatures[0]
    common = _common_name(first.signer)
    when = first.timestamp or first.signed_at
    # A package is at the level of its lowest signature.
    order = {"B-B": 0, "B-T": 1, "B-LT": 2}
    levels = sorted({str(s.level) for s in signatures}, key=lambda v: order.get(v, -1))
    problems = [p for d in documents for p in (*d.problems,
                                                *(q for s in d.signatures for q in s.problems))]
    if not all(d.signed for d in documents) or any(not s.intact for s in signatures):
        return RecordSignature(SignatureState.BROKEN, common, when, levels[0],
                               "; ".join(problems) or "một số tệp chưa ký — some files unsigned")
    if any(s.trusted is False for s in signatures):
        return RecordSignature(SignatureState.UNTRUSTED, common, when, levels[0],
                               "; ".join(problems))
    return RecordSignature(SignatureState.SIGNED, common, when, levels[0],
                           trusted=True if anchors else None)


def _common_name(subject: str | None) -> str | None:
    if not subject:
        return None
    for part in subject.split(", "):
        if part.startswith("Common Name: "):
            return part[len("Common Name: "):]
    return subject


# -- raising queued packages (timestamps added later) --------------------------------

@dataclass(frozen=True)
class UpgradedPackage:
    """A queued package whose signatures were raised, and what became of its outbox entry."""

    package_name: str
    old_sha256: str
    new_sha256: str
    level: str
    files: int  # PDFs that gained a timestamp (and revocation data)
    replaced: bool  # the outbox now holds the upgraded package instead


def replace_queued(ws: Workspace, old_sha256: str, upgraded: Path) -> bool:
    """Put ``upgraded`` in the outbox in place of the waiting package ``old_sha256``.

    The dossier's record follows (same name and version, the new bytes), so the outbox
    sends the upgraded package. False, changing nothing, when no package with those bytes
    waits (never queued, or sent meanwhile).
    """
    import upload
    from dossier.packing import queue_package
    from storage import dossiers as dossier_store
    from storage import outbox
    from storage.blobs import sha256_file

    job = outbox.get_by_sha(ws, old_sha256)
    if job is None or not job.pending:
        return False
    upgraded = Path(upgraded)
    new_sha = sha256_file(upgraded)
    if new_sha == old_sha256:
        return False
    record = dossier_store.record_by_sha(ws, old_sha256)
    # The bytes go into the store first, so the new outbox row always has them.
    ws.blobs.put_file(upgraded, new_sha)
    if not outbox.withdraw(ws, job.id, f"{upgraded.name}: replaced by its upgraded copy "
                                       "(timestamp added)"):
        return False  # sent meanwhile: that one stands
    if record is None:  # queued from outside the workspace (sohoa upload PACKAGE)
        upload.queue_package(ws, upgraded)
    else:
        dossier_store.add_record(
            ws, record.dossier_id, new_sha, record.package_name, record.profile,
            upgraded.stat().st_size, version=record.version, supersedes=record.supersedes,
            missing_reason=record.missing_reason, fingerprint=record.fingerprint)
        queue_package(ws, upgraded, record.dossier_id)
        dossier_store.delete_record(ws, record.id)
    # The documents kept for the citizen's next procedures are the upgraded ones too.
    from dossier.reuse import replace_upgraded

    with ws.blobs.open(old_sha256) as old_package:
        replace_upgraded(ws, old_package, upgraded)
    ws.audit.record("timestamp", dossier=record.dossier_id if record else None,
                    item=upgraded.name, detail=f"{old_sha256[:12]} -> {new_sha[:12]}")
    return True


def upgrade_queued(ws: Workspace, tsa_url: str, *, revocation: bool = False,
                   trust: tuple[object, ...] = (),
                   dossier_ids: set[int] | None = None) -> list[UpgradedPackage]:
    """Add a timestamp (and revocation data) to every signed package waiting in the outbox
    that lacks it, and queue the upgraded package in its place.

    Raises records.SigningError when the timestamp server does not answer (the packages
    done so far stay upgraded; the rest are as they were).
    """
    from records.upgrade import upgrade_package
    from storage import outbox
    from storage.blobs import sha256_file

    done = []
    for job in outbox.pending(ws):
        if dossier_ids is not None and job.dossier_id not in dossier_ids:
            continue
        if record_signature(ws, job.package_sha256).state is SignatureState.UNSIGNED:
            continue
        folder = ws.private_tmp() / f"upgrade-{job.id}"
        folder.mkdir(exist_ok=True)
        path = folder / job.filename
        try:
            ws.blobs.export(job.package_sha256, path)
            result = upgrade_package(path, tsa_url, revocation=revocation,
                                     trust=trust)
            if not result.upgraded:
                continue
            new_sha = sha256_file(path)
            replaced = replace_queued(ws, job.package_sha256, path)
            done.append(UpgradedPackage(job.filename, job.package_sha256, new_sha,
                                        str(result.level), len(result.upgraded), replaced))
        finally:
            path.unlink(missing_ok=True)
            folder.rmdir()
    return done
