"""A throwaway PKI for signature tests and benchmarks: CAs, signer certificates, a SoftHSM2
token holding the signer's key, and a timestamp authority and OCSP responder on loopback.

Everything lives in one temporary folder; the HTTP services listen on an ephemeral port.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import tsp as asn1_tsp
from asn1crypto import x509 as asn1_x509
from certomancer.services import (
    RevocationInfoInterface,
    SimpleOCSPResponder,
    TimeStamper,
    choose_signed_digest,
)
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
TOKEN = "sohoa-test"
KEY = "signer"
PIN = "246810"
SO_PIN = "13579135"
P12_PASSPHRASE = "mat-khau-thu"


def softhsm_lib() -> str | None:
    return next((p for p in SOFTHSM_LIBS if Path(p).exists()), None)


@dataclass
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.der)

    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(self.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))


def _name(common: str, org: str = "UBND xã Thử Nghiệm") -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])




def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _issue(subject: x509.Name, issuer: Issued | None, *, ca: bool, not_before: datetime,
           not_after: datetime, ocsp_url: str | None = None,
           eku: list[x509.ObjectIdentifier] | None = None) -> Issued:
    key = _key()
    signing_key = issuer.key if issuer else key
    issuer_name = issuer.cert.subject if issuer else subject
    builder = (x509.CertificateBuilder()
               .subject_name(subject).issuer_name(issuer_name)
               .public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False)
    if ca:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False,
            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    if ocsp_url:
        builder = builder.add_extension(x509.AuthorityInformationAccess([
            x509.AccessDescription(x509.oid.AuthorityInformationAccessOID.OCSP,
                                   x509.UniformResourceIdentifier(ocsp_url))]), critical=False)
    cert = builder.sign(signing_key, hashes.SHA256())
    return Issued(cert, key)


class _AllGood(RevocationInfoInterface):
    def __init__(self, issuer: Issued, revoked: set[int]) -> None:
        self.issuer = issuer
        self.revoked = revoked

    def get_issuer_cert(self) -> asn1_x509.Certificate:
        return self.issuer.asn1_cert()

    def check_revocation_status(self, cid: asn1_ocsp.CertId, at_time: datetime):  # type: ignore[no-untyped-def]
        serial = cid["serial_number"].native
        if serial in self.revoked:
            return asn1_ocsp.CertStatus(name="revoked", value=asn1_ocsp.RevokedInfo(
                {"revocation_time": at_time - timedelta(days=1),
                 "revocation_reason": "key_compromise"})), []
        return asn1_ocsp.CertStatus(name="good", value=None), []


@dataclass
class Services:
    """The TSA at ``tsa_url``; OCSP for the root's and the intermediate's certificates."""

    server: ThreadingHTTPServer
    port: int
    requests: list[str] = field(default_factory=list)
    handlers: dict[str, object] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tsa_url(self) -> str:
        return f"{self.base}/tsa"


def _serve() -> Services:
    services: Services

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            services.requests.append(self.path)
            handler = services.handlers.get(self.path)
            if handler is None:
                self.send_error(404)
                return
            kind, answer = handler(body)  # type: ignore[operator]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    services = Services(server, server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return services


def stopped_tsa_url() -> str:
    """The address of a loopback timestamp server that was started and then stopped: the
    port is closed, so a request is refused at once, as when the server is down."""
    services = _serve()
    url = services.tsa_url
    services.server.shutdown()
    services.server.server_close()
    return url


@dataclass
class SigningPki:
    """Root → intermediate → signer, TSA; signers that are expired, not yet valid, revoked."""

    folder: Path
    services: Services
    root: Issued
    intermediate: Issued
    signer: Issued
    tsa: Issued
    expired: Issued
    future: Issued
    revoked: Issued
    stranger_root: Issued

    @property
    def trust_file(self) -> Path:
        return self.folder / "trust.pem"

    def p12(self, who: Issued, name: str) -> Path:
        path = self.folder / f"{name}.p12"
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            name.encode(), who.key, who.cert, [self.intermediate.cert, self.root.cert],
            serialization.BestAvailableEncryption(P12_PASSPHRASE.encode())))
        return path

    @property
    def signer_p12(self) -> Path:
        return self.p12(self.signer, "signer")

    def close(self) -> None:
        self.services.server.shutdown()
        self.services.server.server_close()


def make_pki(folder: Path) -> SigningPki:
    folder.mkdir(parents=True, exist_ok=True)
    services = _serve()
    now = datetime.now(UTC).replace(microsecond=0)
    long_ago, far = now - timedelta(days=400), now + timedelta(days=3650)
    root = _issue(_name("Sohoa Test Root CA", "Sohoa Test PKI"), None, ca=True,
                  not_before=long_ago, not_after=far)
    intermediate = _issue(_name("Sohoa Test Signing CA", "Sohoa Test PKI"), root, ca=True,
                          not_before=long_ago, not_after=far,
                          ocsp_url=f"{services.base}/ocsp/root")
    leaf_ocsp = f"{services.base}/ocsp/int"
    signer = _issue(_name("Trần Thị Bình"), intermediate, ca=False, not_before=now - timedelta(
        days=30), not_after=now + timedelta(days=700), ocsp_url=leaf_ocsp)
    tsa = _issue(_name("Sohoa Test TSA", "Sohoa Test PKI"), intermediate, ca=False,
                 not_before=long_ago, not_after=far, ocsp_url=leaf_ocsp,
                 eku=[ExtendedKeyUsageOID.TIME_STAMPING])
    expired = _issue(_name("Cán bộ hết hạn"), intermediate, ca=False,
                     not_before=now - timedelta(days=365), not_after=now - timedelta(days=2),
                     ocsp_url=leaf_ocsp)
    future = _issue(_name("Cán bộ chưa hiệu lực"), intermediate, ca=False,
                    not_before=now + timedelta(days=5), not_after=now + timedelta(days=400),
                    ocsp_url=leaf_ocsp)
    revoked = _issue(_name("Cán bộ bị thu hồi"), intermediate, ca=False,
                     not_before=now - timedelta(days=30), not_after=now + timedelta(days=300),
                     ocsp_url=leaf_ocsp)
    stranger = _issue(_name("Some Other Root", "Elsewhere"), None, ca=True,
                      not_before=long_ago, not_after=far)

    def tsa_handler(body: bytes) -> tuple[str, bytes]:
        stamper = TimeStamper(tsa.asn1_cert(), tsa.asn1_key(),
                              certs_to_embed=[intermediate.asn1_cert()])
        answer = stamper.request_tsa_response(asn1_tsp.TimeStampReq.load(body))
        return "application/timestamp-reply", answer.dump()

    def ocsp_handler(issuer: Issued, revoked_serials: set[int]):  # type: ignore[no-untyped-def]
        def handle(body: bytes) -> tuple[str, bytes]:
            cert = issuer.asn1_cert()
            responder = SimpleOCSPResponder(
                cert, issuer.asn1_key(), choose_signed_digest("sha256", cert.public_key),
                datetime.now(UTC) - timedelta(minutes=1), _AllGood(issuer, revoked_serials))
            answer = responder.build_ocsp_response(asn1_ocsp.OCSPRequest.load(body))
            return "application/ocsp-response", answer.dump()
        return handle

    services.handlers["/tsa"] = tsa_handler
    services.handlers["/ocsp/root"] = ocsp_handler(root, set())
    services.handlers["/ocsp/int"] = ocsp_handler(intermediate, {revoked.cert.serial_number})
    pki = SigningPki(folder, services, root, intermediate, signer, tsa, expired, future,
                  revoked, stranger)
    pki.trust_file.write_bytes(root.pem)
    return pki


@dataclass(frozen=True)
class Token:
    """A SoftHSM2 token: its library, label, PIN and the ``SOFTHSM2_CONF`` to run it with."""

    lib: str
    label: str
    pin: str
    conf: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf)}


def make_token(folder: Path, pki: SigningPki, keys: dict[str, Issued] | None = None) -> Token:
    """A fresh SoftHSM2 token in ``folder`` holding each key (by label) and its certificate,
    plus the intermediate CA's certificate, as an agency's token carries its chain."""
    lib = softhsm_lib()
    if lib is None or shutil.which("softhsm2-util") is None or shutil.which("pkcs11-tool") is None:
        raise RuntimeError("SoftHSM2 and OpenSC are needed (scripts/bootstrap.sh installs them)")
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\nslots.removable = false\n")
    token = Token(lib, TOKEN, PIN, conf)
    env = token.env()

    def run(*cmd: str) -> None:
        subprocess.run(cmd, env=env, check=True, capture_output=True)

    run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN,
        "--so-pin", SO_PIN)
    for number, (label, who) in enumerate((keys or {KEY: pki.signer}).items(), 1):
        key_file = folder / f"{label}.key.pem"
        key_file.write_bytes(who.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        cert_file = folder / f"{label}.der"
        cert_file.write_bytes(who.der)
        ident = f"{number:02x}"
        run("softhsm2-util", "--import", str(key_file), "--token", TOKEN, "--label", label,
            "--id", ident, "--pin", PIN)
        run("pkcs11-tool", "--module", lib, "--token-label", TOKEN, "--login", "--pin", PIN,
            "--write-object", str(cert_file), "--type", "cert", "--id", ident, "--label", label)
        key_file.unlink()
    ca_file = folder / "intermediate.der"
    ca_file.write_bytes(pki.intermediate.der)
    run("pkcs11-tool", "--module", lib, "--token-label", TOKEN, "--login", "--pin", PIN,
        "--write-object", str(ca_file), "--type", "cert", "--id", "ff", "--label",
        "Sohoa Test Signing CA")
    return token
