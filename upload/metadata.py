"""What the server is told about a package: filename, sha256, dossier, procedure, format.

Known values come from the workspace's record of the package, else from the
package itself (BagIt bag-info.txt or a JSON manifest inside the zip).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from storage import Workspace
from vntext import nfc

# Names in bag-info.txt or JSON manifests that carry each value, folded to
# lower case with "-" and " " as "_".
_DOSSIER_KEYS = ("dossier_code", "ma_ho_so", "external_identifier", "dossier")
_PROCEDURE_KEYS = ("procedure_code", "ma_thu_tuc", "procedure")
_VERSION_KEYS = ("package_format_version", "format_version", "sohoa_package_version",
                 "profile_version", "bagit_profile_version")
_MAX_MEMBER = 1 << 20  # manifests are small; never read a scan into memory for this


@dataclass(frozen=True)
class PackageMetadata:
    filename: str
    sha256: str
    dossier_code: str | None = None
    procedure_code: str | None = None
    format_version: str | None = None

    def as_tus(self) -> dict[str, str]:
        """The ``Upload-Metadata`` pairs; unknown values are left out, never sent empty."""
        pairs = {"filename": self.filename, "sha256": self.sha256}
        if self.dossier_code:
            pairs["dossier_code"] = self.dossier_code
        if self.procedure_code:
            pairs["procedure_code"] = self.procedure_code
        if self.format_version:
            pairs["package_format_version"] = self.format_version
        return pairs

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> PackageMetadata:
        return cls(values["filename"], values["sha256"], values.get("dossier_code"),
                   values.get("procedure_code"), values.get("package_format_version"))


def _norm(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def _pick(values: Mapping[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = values.get(key)
        if value:
            return nfc(value.strip())
    return None


def _flatten(obj: object, into: dict[str, str]) -> None:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                into.setdefault(_norm(str(key)), str(value))
            else:
                _flatten(value, into)


def read_package_fields(path: Path) -> dict[str, str]:
    """Key/value pairs from bag-info.txt and JSON manifests inside a zip (best effort)."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename.rsplit("/", 1)[-1].lower()
                if info.file_size > _MAX_MEMBER:
                    continue
                if name == "bag-info.txt":
                    for line in archive.read(info).decode("utf-8", "replace").splitlines():
                        if ":" in line and not line[:1].isspace():
                            key, value = line.split(":", 1)
                            found.setdefault(_norm(key), value.strip())
                elif name.endswith(".json") and ("manifest" in name or "metadata" in name):
                    try:
                        _flatten(json.loads(archive.read(info).decode("utf-8")), found)
                    except (ValueError, UnicodeDecodeError):
                        continue
    except (OSError, zipfile.BadZipFile):
        pass  # not a zip we can read: the server still gets filename and sha256
    return found


def package_metadata(ws: Workspace, path: Path, sha256: str) -> PackageMetadata:
    fields = read_package_fields(path)
    dossier = _pick(fields, _DOSSIER_KEYS)
    procedure = _pick(fields, _PROCEDURE_KEYS)
    version = _pick(fields, _VERSION_KEYS)
    row = ws.conn.execute(
        "SELECT d.code, d.provisional_id, d.procedure_code, r.profile FROM record r "
        "JOIN dossier d ON d.id = r.dossier_id WHERE r.package_sha = ?", (sha256,)
    ).fetchone()
    if row is not None:
        dossier = row["code"] or dossier or row["provisional_id"]
        procedure = row["procedure_code"] or procedure
        version = version or row["profile"]
    return PackageMetadata(nfc(path.name), sha256, dossier, procedure, version)
