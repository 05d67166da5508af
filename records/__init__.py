"""Electronic records: one self-validating BagIt package of PDF/A-2b files per dossier.

``pack_dossier`` builds a package from a ``DossierSpec``; ``verify_package`` checks one.
"""

from __future__ import annotations

from pdfa import Profile
from records.errors import PackageInvalidError, RecordsError, SpecError
from records.manifest import Manifest, schema, schema_problems
from records.pack import pack_dossier
from records.signing import NoSigner, Signer
from records.spec import (
    DocumentSpec,
    DossierSpec,
    PageSpec,
    ResultSpec,
    ReusedSpec,
    provisional_id,
)
from records.verify import VerifyReport, verify_package

__all__ = [
    "DocumentSpec", "DossierSpec", "Manifest", "NoSigner", "PackageInvalidError", "PageSpec",
    "Profile", "RecordsError", "ResultSpec", "ReusedSpec", "Signer", "SpecError", "VerifyReport",
    "pack_dossier", "provisional_id", "schema", "schema_problems", "verify_package",
]
