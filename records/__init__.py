"""Electronic records: one self-validating BagIt package of PDF/A-2b files per dossier.

``pack_dossier`` builds a package from a ``DossierSpec``; ``verify_package`` checks one.
"""

from __future__ import annotations

from pdfa import Profile
from records.errors import (
    CertificateRefusedError,
    KeyUnavailableError,
    PackageInvalidError,
    RecordsError,
    SigningError,
    SpecError,
)
from records.manifest import Manifest, schema, schema_problems
from records.pack import pack_dossier
from records.signing import (
    DocumentSignatures,
    NoSigner,
    PadesSigner,
    PendingSigner,
    Pkcs11Key,
    Pkcs12Key,
    SignatureCheck,
    SignatureLevel,
    SignatureReport,
    Signer,
    SigningOptions,
    Stamp,
    check_signatures,
    load_certificates,
    open_signer,
    open_signer_ahead,
    verify_signatures,
)
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
    "CertificateRefusedError", "DocumentSignatures", "DocumentSpec", "DossierSpec",
    "KeyUnavailableError", "Manifest", "NoSigner", "PackageInvalidError", "PadesSigner",
    "PageSpec", "PendingSigner", "Pkcs11Key", "Pkcs12Key", "Profile", "RecordsError",
    "ResultSpec", "ReusedSpec",
    "SignatureCheck", "SignatureLevel", "SignatureReport", "Signer", "SigningError",
    "SigningOptions", "SpecError", "Stamp", "VerifyReport", "check_signatures",
    "load_certificates", "open_signer", "open_signer_ahead", "pack_dossier", "provisional_id",
    "schema", "schema_problems", "verify_package", "verify_signatures",
]
