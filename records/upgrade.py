"""Raising the signatures of a package signed offline: a timestamp (PAdES B-T), and
revocation data (B-LT), added before the package is sent. The bag is rebuilt around the
upgraded PDFs and verified before it replaces the package.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from records import bag
from records.errors import PackageInvalidError, RecordsError, SigningError
from records.manifest import MANIFEST_NAME
from records.signing import SignatureCheck, SignatureLevel, upgrade_pdf
from records.verify import verify_package
from storage import atomic_writer, fsync_dir

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509


@dataclass(frozen=True)
class UpgradeResult:
    path: Path
    upgraded: tuple[str, ...]  # PDFs that gained a timestamp (and revocation data)
    level: SignatureLevel  # the lowest level of the package's signatures now


def _wanted(level: SignatureLevel, revocation: bool) -> bool:
    if level is SignatureLevel.B_B:
        return True
    return revocation and level is SignatureLevel.B_T


def upgrade_package(path: Path, tsa_url: str, *, revocation: bool = False,
                    trust: Sequence[asn1_x509.Certificate] = ()) -> UpgradeResult:
    """Add a timestamp (and revocation data) to each signed PDF that lacks it, in place.

    The package must verify first; nothing changes unless every PDF could be upgraded.
    """
    path = Path(path)
    report = verify_package(path)
    if not report.ok:
        raise PackageInvalidError(f"{path.name}: gói không hợp lệ, không nâng cấp — invalid "
                                  "package, not upgraded: " + "; ".join(report.problems[:3]))
    if not any(d.signed for d in report.signatures):
        raise SigningError(f"{path.name}: gói chưa được ký số — the package is not signed")
    with zipfile.ZipFile(path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        top = infos[0].filename.split("/")[0]
        moment = datetime(*infos[0].date_time)
        files = {i.filename[len(top) + 1:]: archive.read(i) for i in infos}
    upgraded = []
    for document in report.signatures:
        level = min((s.level for s in document.signatures), default=SignatureLevel.NONE,
                    key=list(SignatureLevel).index)
        if document.signed and _wanted(level, revocation):
            files[document.name] = upgrade_pdf(files[document.name], tsa_url,
                                               revocation=revocation, trust=trust)
            upgraded.append(document.name)
    if not upgraded:
        return UpgradeResult(path, (), _lowest(report.signatures))
    manifest = json.loads(files[f"data/{MANIFEST_NAME}"])
    for entry in manifest["documents"]:
        data = files[f"data/{entry['file']}"]
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        entry["bytes"] = len(data)
    files[f"data/{MANIFEST_NAME}"] = (json.dumps(
        manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    info = []
    for line in files["bag-info.txt"].decode("utf-8").splitlines():
        label, _, value = line.partition(": ")
        if label and label != "Payload-Oxum":
            info.append((label, value))
    payload = {name[len("data/"):]: data for name, data in files.items()
               if name.startswith("data/")}
    rebuilt = bag.build_bag(payload, info)
    staging = Path(tempfile.mkdtemp(prefix=f".upgrade-{path.stem}-", dir=path.parent))
    try:
        staged = staging / path.name
        with atomic_writer(staged) as handle:
            bag.write_zip(handle, top, rebuilt, moment)
        os.chmod(staged, 0o644)
        check = verify_package(staged, signatures=SignatureCheck(require=True))
        if not check.ok:
            raise PackageInvalidError(f"{path.name}: gói nâng cấp không hợp lệ — upgraded "
                                      "package failed verification: "
                                      + "; ".join(check.problems[:3]))
        os.replace(staged, path)
        fsync_dir(path.parent)
    except OSError as e:
        raise RecordsError(f"{path.name}: không ghi được gói — cannot write ({e})") from e
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
    return UpgradeResult(path, tuple(upgraded), _lowest(check.signatures))


def _lowest(documents: Sequence[object]) -> SignatureLevel:
    order = list(SignatureLevel)
    found = [s.level for d in documents for s in getattr(d, "signatures", ())]
    return min(found, key=order.index) if found else SignatureLevel.NONE


__all__ = ["UpgradeResult", "upgrade_package"]
