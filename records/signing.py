"""The agency's digital signature (PAdES) on each record PDF, and checking signatures.

Signing comes after PDF/A conversion and before the file is hashed into the bag.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import importlib
import logging
import os
import re
import sys
import threading
import types
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Protocol

from records.errors import CertificateRefusedError, KeyUnavailableError, SigningError
from records.spec import DocumentSpec, DossierSpec

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import Signer as HankoSigner

# The stamp's text is Vietnamese: a font with its marks, embedded in the file (PDF/A).
STAMP_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
FIELD_NAME = "SohoaSignature"
# DejaVu Sans cut to STAMP_CHARACTERS (scripts/make_stamp_font.py; its licence beside it).
SHIPPED_STAMP_FONT = Path(__file__).with_name("fonts") / "DejaVuSans-stamp.ttf"
# pyHanko logs each chain it cannot build, with a traceback; the reason reaches people in
# the signature reports instead, so its records need a handler of the application's.
for _logger in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())


class _LaterModule(types.ModuleType):
    """Stands in for ``aiohttp`` while pyHanko is imported (see ``_load_pyhanko``).

    Names pyHanko's modules look up at import time (annotations only) get placeholder
    classes; any later lookup imports the real module, once, and answers from it.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self.__dict__.get("_sohoa_importing"):
            return type(name, (), {"__module__": self.__name__})
        return getattr(importlib.import_module(self.__name__), name)


_PYHANKO_LOCK = threading.Lock()
_PYHANKO_LOADED = False


def _load_pyhanko() -> None:
    """Import the parts of pyHanko signing and checking use, without its HTTP client.

    pyHanko's timestamp client and revocation fetchers import aiohttp when they are
    imported (a quarter of a second, most of it making TLS contexts) although only a
    timestamp server or revocation fetching uses it. While pyHanko is imported, ``aiohttp``
    is a stand-in; the real one is imported the first time one of them calls it. When
    aiohttp is already loaded, or the stand-in does not do, pyHanko is imported as usual.
    (pyHanko imports it unconditionally: its signers package imports its timestamp client.
    Importing it costs a fresh ``sohoa pack --sign`` about 0.17 s of CPU, half of what
    signing a dossier adds. ``test_fresh_process_loads_the_http_client_only_for_services``
    checks both that it stays unloaded and that the services are still reached.)
    """
    global _PYHANKO_LOADED
    if _PYHANKO_LOADED:
        return
    with _PYHANKO_LOCK:
        if _PYHANKO_LOADED:
            return
        stand_in = None
        if "aiohttp" not in sys.modules and "pyhanko.sign" not in sys.modules:
            stand_in = _LaterModule("aiohttp")
            stand_in.__dict__["_sohoa_importing"] = True
            sys.modules["aiohttp"] = stand_in
        try:
            import pyhanko.sign.signers
            import pyhanko.sign.validation
        except Exception:
            if stand_in is None:
                raise
            for name in [m for m in sys.modules if m.startswith(("pyhanko", "aiohttp"))]:
                del sys.modules[name]
            stand_in = None
            import pyhanko.sign.signers
            import pyhanko.sign.validation  # noqa: F401
        finally:
            if stand_in is not None:
                stand_in.__dict__["_sohoa_importing"] = False
                if sys.modules.get("aiohttp") is stand_in:
                    del sys.modules["aiohttp"]
        _PYHANKO_LOADED = True


# Dates on the stamp are Vietnam's wall clock (UTC+7, no daylight saving).
VIETNAM = timezone(timedelta(hours=7))
# Size of the visible stamp and its distance from the first page's bottom-right corner (pt).
STAMP_SIZE = (240.0, 66.0)
STAMP_MARGIN = 14.0
# What the stamp's font is cut down to once per batch (Vietnamese and Latin letters, digits,
# punctuation): embedding then subsets this small font instead of the whole of DejaVu Sans.
# A stamp text with a character outside these ranges uses the whole font.
STAMP_CHARACTERS = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF),
                    (0x2010, 0x205E), (0x20AB, 0x20AC))


class Signer(Protocol):
    """Signs one written PDF/A file in place (e.g. a PAdES incremental update).

    Called by ``pack_dossier`` once per document, after the PDF/A file is written and
    before its sha256 goes into the manifest and the bag, so the signed bytes are the ones
    recorded. A signer must keep the file PDF/A-2b (the package is verified afterwards) and
    must be deterministic if byte-identical re-packs are wanted.
    """

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None: ...


class NoSigner:
    """The default: records are not signed (signing is the agency's step)."""

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        del pdf, dossier, document


class Stamp(enum.StrEnum):
    VISIBLE = "visible"  # "Đã số hóa" box on the first page
    INVISIBLE = "invisible"


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token: the token's library, the token's and the key's labels."""

    lib: str
    token: str
    key: str

    def describe(self) -> str:
        return f"token {self.token}, key {self.key}"


@dataclass(frozen=True)
class Pkcs12Key:
    """A key and certificate chain in a PKCS#12 (.p12/.pfx) file."""

    path: Path

    def describe(self) -> str:
        return str(self.path)


KeySource = Pkcs11Key | Pkcs12Key


@dataclass(frozen=True)
class SigningOptions:
    """How to sign: the key, the stamp, and the services that raise the level.

    ``tsa_url`` adds a timestamp (PAdES B-T) when the server answers; ``revocation``
    also embeds the certificates' revocation data (B-LT), which needs ``trust`` (the
    anchors the chain is built to) and the CA's responders to answer.
    """

    key: KeySource
    stamp: Stamp = Stamp.VISIBLE
    agency_name: str | None = None
    tsa_url: str | None = None
    revocation: bool = False
    trust: tuple[Path, ...] = ()
    font: Path | None = None


@dataclass(frozen=True)
class CertificateFacts:
    subject: str
    common_name: str | None
    organisation: str | None
    issuer: str
    serial: int
    not_before: datetime
    not_after: datetime


def certificate_facts(cert: asn1_x509.Certificate) -> CertificateFacts:
    subject = cert.subject.native
    return CertificateFacts(
        subject=cert.subject.human_friendly, common_name=subject.get("common_name"),
        organisation=subject.get("organization_name"), issuer=cert.issuer.human_friendly,
        serial=cert.serial_number, not_before=cert.not_valid_before,
        not_after=cert.not_valid_after)


def check_validity(facts: CertificateFacts, now: datetime | None = None) -> None:
    """Refuse a certificate outside its validity period (before anything is signed)."""
    now = now or datetime.now(UTC)
    who = facts.common_name or facts.subject
    if now < facts.not_before:
        raise CertificateRefusedError(
            f"chứng thư số của {who} chưa có hiệu lực (từ "
            f"{facts.not_before.astimezone(VIETNAM):%d/%m/%Y}) — the certificate of {who} "
            f"is not valid until {facts.not_before:%Y-%m-%d}")
    if now > facts.not_after:
        raise CertificateRefusedError(
            f"chứng thư số của {who} đã hết hạn ngày "
            f"{facts.not_after.astimezone(VIETNAM):%d/%m/%Y} — the certificate of {who} "
            f"expired on {facts.not_after:%Y-%m-%d}")


def load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    """Certificates from a PEM bundle or a DER file (trust anchors, chains)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SigningError(f"{path}: không đọc được tệp chứng thư — cannot read ({e})") from e
    try:
        if pem.detect(data):
            certs = [asn1_x509.Certificate.load(der) for kind, _, der in pem.unarmor(
                data, multiple=True) if kind == "CERTIFICATE"]
        else:
            certs = [asn1_x509.Certificate.load(data)]
        for cert in certs:
            _ = cert.subject  # parse now, not at first use
    except (ValueError, TypeError) as e:
        raise SigningError(
            f"{path}: không phải tệp chứng thư — not a certificate file ({e})") from e
    if not certs:
        raise SigningError(f"{path}: không có chứng thư nào — no certificate in the file")
    return certs


def _pkcs11_error(key: Pkcs11Key, e: BaseException) -> KeyUnavailableError:
    """One plain reason for what a token library reported."""
    name = type(e).__name__
    if name == "PinIncorrect":
        return KeyUnavailableError(f"sai mã PIN của {key.token} — wrong PIN for {key.token}")
    if name == "PinLocked":
        return KeyUnavailableError(f"token {key.token} đã bị khóa PIN — the token's PIN is "
                                   "locked (too many wrong PINs)")
    if name in ("PinLenRange", "PinInvalid", "ArgumentsBad"):
        return KeyUnavailableError(f"mã PIN không hợp lệ — the PIN is not valid ({name})")
    if name in ("TokenNotPresent", "DeviceRemoved", "SessionClosed", "SessionHandleInvalid",
                "TokenNotRecognised", "DeviceError", "NoSuchToken", "SlotIDInvalid"):
        return KeyUnavailableError(
            f"token {key.token} đã bị rút ra hoặc không đọc được — the token was unplugged "
            f"or cannot be read ({name})")
    return KeyUnavailableError(f"token {key.token}: {name} {e}".strip())


class PadesSigner:
    """Signs record PDFs with one key, opened once for a whole batch.

    Opening checks the certificate's validity period, so an expired or not-yet-valid
    certificate is refused before anything is signed. ``sign`` writes the signed file
    next to the original and renames it into place: a failure leaves the file unsigned,
    never half-signed. Use as a context manager (the token session is closed on exit).
    """

    def __init__(self, options: SigningOptions, secret: str | None,
                 now: datetime | None = None) -> None:
        self.options = options
        self._session: Any = None
        _load_pyhanko()
        self._signer = self._open(secret)
        try:
            self.certificate = certificate_facts(self._signer.signing_cert)
            check_validity(self.certificate, now)
            self._trust = [c for path in options.trust for c in load_certificates(path)]
            self._font = self._stamp_font() if options.stamp is Stamp.VISIBLE else None
            # One stamp style for the batch: reading and cutting the font is the costly part.
            self._style, self._full_style = self._stamp_styles()
        except BaseException:
            self.close()  # the token must not stay logged in for a refused key
            raise
        # What the last signature reached: "B-B", "B-T" or "B-LT" (and why not more).
        self.last_level = ""
        self.notes: list[str] = []
        # Room kept for the signature value (hex digits), measured on the batch's first
        # signature: pyHanko would otherwise sign a dummy each time to estimate it.
        self._reserved: int | None = None
        # The timestamp server did not answer during this batch: signing goes on as B-B.
        self.offline = False

    # -- opening the key -------------------------------------------------------------
    def _open(self, secret: str | None) -> HankoSigner:
        key = self.options.key
        if isinstance(key, Pkcs12Key):
            return _open_pkcs12(key, secret)
        return self._open_pkcs11(key, secret)

    def _open_pkcs11(self, key: Pkcs11Key, pin: str | None) -> HankoSigner:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        if not Path(key.lib).exists():
            raise KeyUnavailableError(
                f"{key.lib}: không có thư viện PKCS#11 của token — the token's PKCS#11 "
                "library is not there (is the token's software installed?)")
        if not pin:
            raise KeyUnavailableError(f"cần mã PIN của {key.token} — the PIN is needed")
        try:
            self._session = open_pkcs11_session(
                key.lib, token_criteria=TokenCriteria(label=key.token), user_pin=pin)
        except Exception as e:  # the library's errors are many; one message each
            if "No token matching" in str(e):
                raise KeyUnavailableError(
                    f"không thấy token {key.token} — token {key.token} not found "
                    "(is it plugged in?)") from e
            raise _pkcs11_error(key, e) from e
        signer = PKCS11Signer(self._session, cert_label=key.key, key_label=key.key,
                              other_certs_to_pull=None)
        try:
            asyncio.run(signer.ensure_objects_loaded())  # type: ignore[no-untyped-call]
        except Exception as e:
            self.close()
            raise KeyUnavailableError(
                f"không thấy khóa hoặc chứng thư {key.key} trên token {key.token} — "
                f"no key or certificate labelled {key.key} on the token ({e})") from e
        return signer

    def _stamp_font(self) -> Path:
        chosen = self.options.font
        candidates = [chosen] if chosen else [Path(p) for p in STAMP_FONTS]
        for path in candidates:
            if path is not None and path.is_file():
                return path
        raise SigningError(
            f"không có phông chữ cho dấu chữ ký ({chosen or 'DejaVu Sans'}) — no font for the "
            "visible stamp; install DejaVu Sans or choose an invisible signature")

    # -- signing ---------------------------------------------------------------------
    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        del document
        pdf = Path(pdf)
        signed = pdf.with_name(pdf.name + ".signing")
        try:
            with open(pdf, "rb") as source, open(signed, "w+b") as out:
                try:
                    self._sign_stream(source, out, dossier)
                except Exception as e:
                    if not self._recover(e, pdf.name):
                        raise
                    source.seek(0)
                    out.seek(0)
                    out.truncate()
                    self._sign_stream(source, out, dossier)
                out.flush()
                os.fsync(out.fileno())
            os.replace(signed, pdf)
        except SigningError:
            raise
        except OSError as e:
            raise SigningError(f"{pdf.name}: không ghi được tệp đã ký — cannot write ({e})") from e
        except Exception as e:
            if self._token_gone(e):
                assert isinstance(self.options.key, Pkcs11Key)
                raise _pkcs11_error(self.options.key, e) from e
            raise SigningError(f"{pdf.name}: không ký được — signing failed "
                               f"({type(e).__name__}: {e})") from e
        finally:
            signed.unlink(missing_ok=True)

    def _recover(self, e: BaseException, name: str) -> bool:
        """Whether a failed signature can be made again another way: without the timestamp
        server when it does not answer (PAdES B-B, upgraded later), or with room measured
        afresh when the signature outgrew the room kept for it."""
        if self.options.tsa_url and not self.offline and _service_down(e):
            self.offline = True
            self.notes.append(
                f"{name}: máy chủ dấu thời gian {self.options.tsa_url} không trả lời, đã ký "
                "PAdES B-B (thêm dấu thời gian sau bằng sohoa timestamp) — the timestamp "
                "server did not answer: signed PAdES B-B; add the timestamp later with "
                "sohoa timestamp")
            return True
        if self._reserved is not None and "allocated" in str(e):
            self._reserved = None
            return True
        return False

    def take_notes(self) -> list[str]:
        """What the signer noticed since last asked (e.g. signing fell back to B-B)."""
        notes, self.notes = self.notes, []
        return notes

    def _token_gone(self, e: BaseException) -> bool:
        if not isinstance(self.options.key, Pkcs11Key):
            return False
        chain: BaseException | None = e
        while chain is not None:
            if type(chain).__module__.startswith("pkcs11"):
                return True
            chain = chain.__cause__ or chain.__context__
        return False

    def _sign_stream(self, source: Any, out: Any, dossier: DossierSpec) -> None:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers

        writer = IncrementalPdfFileWriter(source, strict=False)
        now = datetime.now(VIETNAM)
        # Once the timestamp server did not answer, the rest of the batch is signed offline
        # (B-B) at once rather than each document waiting for it.
        timestamper = None if self.offline else self._timestamper()
        validation = (self._validation_context()
                      if self.options.revocation and not self.offline else None)
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason="Đã số hóa — digitised copy of the original",
            location=self.options.agency_name or dossier.agency_id,
            embed_validation_info=validation is not None,
            validation_context=validation,
        )
        spec = fields.SigFieldSpec(FIELD_NAME, on_page=0, box=self._stamp_box(writer))
        params = {"agency": self._agency(dossier), "date": f"{now:%d/%m/%Y %H:%M}",
                  "officer": dossier.digitised_by or "",
                  "signer_name": self.certificate.common_name or self.certificate.subject}
        params = {k: unicodedata.normalize("NFC", v) for k, v in params.items()}
        style = self._style
        if style is not None and not _covered("".join(params.values())):
            style = self._full_style
        signer = signers.PdfSigner(meta, signer=self._signer, timestamper=timestamper,
                                   stamp_style=style, new_field_spec=spec)
        # The first signature of the batch is measured (a dummy signature); later ones
        # reuse the room it took, with a margin, as their signatures are the same size
        # (a timestamp token may vary a little: pyHanko's own margin is 50 %).
        signer.sign_pdf(writer, output=out, appearance_text_params=params,
                        bytes_reserved=self._reserved)
        if self._reserved is None:
            self._reserved = _reserved_room(out)
        self.last_level = "B-LT" if validation else ("B-T" if timestamper else "B-B")

    def _agency(self, dossier: DossierSpec) -> str:
        return (self.options.agency_name or self.certificate.organisation
                or dossier.agency_id or "")

    def _stamp_box(self, writer: Any) -> tuple[int, int, int, int] | None:
        if self.options.stamp is Stamp.INVISIBLE:
            return None
        page_ref, _ = writer.find_page_for_modification(0)
        box = [float(v) for v in page_ref.get_object()["/MediaBox"]]
        width, height = STAMP_SIZE
        right = box[2] - STAMP_MARGIN
        bottom = box[1] + STAMP_MARGIN
        return (int(right - width), int(bottom), int(right), int(bottom + height))

    def _stamp_styles(self) -> tuple[Any, Any]:
        """The batch's stamp style on the cut-down font, and one on the whole font."""
        if self._font is None:
            # No stamp, no font: pyHanko's font embedding (fontTools' subsetter, a tenth of
            # a second to import) is left unloaded.
            return None, None
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
        from pyhanko.pdf_utils.text import TextBoxStyle
        from pyhanko.stamp import TextStampStyle

        def style(font: Any) -> Any:
            return TextStampStyle(
                stamp_text="ĐÃ SỐ HÓA — %(date)s\n%(agency)s\nNgười số hóa: %(officer)s\n"
                           "Ký số: %(signer_name)s",
                text_box_style=TextBoxStyle(font=font, font_size=9),
                border_width=1, background=None)

        full = style(GlyphAccumulatorFactory(str(self._font)))
        try:
            if (self.options.font is None and self._font.name == "DejaVuSans.ttf"
                    and SHIPPED_STAMP_FONT.is_file()):
                # DejaVu Sans already cut to STAMP_CHARACTERS, shipped with Sohoa: no
                # process cuts it (a fifth of a second the first time on a machine).
                small = _small_font(SHIPPED_STAMP_FONT, cut=False)
            else:
                small = _small_font(self._font)
        except Exception:  # a font fontTools cannot cut is embedded whole, as before
            return full, full
        return style(small), full

    def _timestamper(self) -> Any:
        if not self.options.tsa_url:
            return None
        from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

        return HTTPTimeStamper(self.options.tsa_url, timeout=10)

    def _validation_context(self) -> Any:
        from pyhanko_certvalidator import ValidationContext

        return ValidationContext(trust_roots=self._trust, allow_fetching=True,
                                 revocation_mode="hard-fail")

    def close(self) -> None:
        if self._session is not None:
            # A token pulled out cannot close its session; there is nothing to keep.
            with contextlib.suppress(Exception):
                self._session.close()
            self._session = None

    def __enter__(self) -> PadesSigner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _service_down(e: BaseException) -> bool:
    """Whether an error came from a timestamp server that did not answer (or said no)."""
    from aiohttp import ClientError  # pyHanko's HTTP client for timestamp servers
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    chain: BaseException | None = e
    while chain is not None:
        if isinstance(chain, TimestampRequestError | ClientError | TimeoutError):
            return True
        chain = chain.__cause__ or chain.__context__
    return False


def _covered(text: str) -> bool:
    return all(any(low <= ord(c) <= high for low, high in STAMP_CHARACTERS)
               for c in text if c not in "\n\t")


def _cut_font(path: Path) -> bytes:
    """The stamp font cut to ``STAMP_CHARACTERS``, without layout tables (stamp text is
    NFC: Vietnamese letters are whole glyphs, not marks placed by the layout tables) and
    without hinting."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM", "kern"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # a 9 pt stamp needs no hinting; the font is half the size
    font = TTFont(str(path))
    if "glyf" not in font:  # CFF outlines are embedded differently: kept whole
        raise ValueError(f"{path}: not a TrueType font")
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[u for low, high in STAMP_CHARACTERS
                                 for u in range(low, high + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# Cut fonts by (path, size, modification time): the process's later batches reuse them, and
# the font programs made for their glyphs (the desktop packs batch after batch).
_SMALL_FONTS: dict[tuple[str, int, int], _SmallFontFactory] = {}


def _small_font(path: Path, cut: bool = True) -> _SmallFontFactory:
    """The stamp's font cut to ``STAMP_CHARACTERS`` (``cut=False``: ``path`` already is)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    factory = _SMALL_FONTS.get(key)
    if factory is None:
        data = _cached_cut_font(path, key) if cut else path.read_bytes()
        factory = _SMALL_FONTS[key] = _SmallFontFactory(data, 9)
    return factory


# The cut font is kept in the user's cache folder too: a fresh process (each sohoa pack
# --sign) reads it instead of cutting DejaVu Sans again (a third of a second). It holds
# glyphs of a public font, nothing of any dossier.
_CUT_FONT_FORMAT = 1


def _font_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("Sohoa", appauthor=False)) / "stamp-fonts"


def _cached_cut_font(path: Path, key: tuple[str, int, int]) -> bytes:
    """``_cut_font(path)``, from the cache when it holds it (checked by its digest)."""
    import hashlib
    import tempfile

    import fontTools

    name = hashlib.sha256(repr((key, STAMP_CHARACTERS, fontTools.version,
                                _CUT_FONT_FORMAT)).encode()).hexdigest()[:32]
    cached = _font_cache_dir() / f"{name}.ttf"
    try:
        data = cached.read_bytes()
        digest, body = data[:32], data[32:]
        if body and hashlib.sha256(body).digest() == digest:
            return body
    except OSError:
        pass
    body = _cut_font(path)
    try:  # a cache that cannot be written only costs the next process the cut again
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".part",
                                         delete=False) as handle:
            handle.write(hashlib.sha256(body).digest() + body)
        os.replace(handle.name, cached)
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(handle.name)
    return body


class _SmallFontFactory:
    """pyHanko's glyph accumulator over a font held in memory (the batch's cut font).

    The font program embedded for a set of glyphs is made once and kept: the documents
    of a dossier carry the same stamp text, so cutting the font again would be wasted.
    """

    def __init__(self, data: bytes, size: int) -> None:
        self.data = data
        self.size = size
        self.programs: dict[frozenset[int], bytes] = {}

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
        import io

        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        programs = self.programs

        class Accumulator(GlyphAccumulator):
            def _extract_subset(self, options: Any = None) -> None:
                key = frozenset(self._glyphs)
                program = programs.get(key)
                if program is None:
                    super()._extract_subset(options)
                    buffer = io.BytesIO()
                    self.tt.save(buffer)
                    if len(programs) >= 64:  # a long session's many officers' names
                        programs.clear()
                    program = programs[key] = buffer.getvalue()
                cid_font = self.cidfont_obj

                def set_font_file(writer: Any) -> Any:
                    stream = generic.StreamObject(stream_data=program)
                    stream.compress()  # type: ignore[no-untyped-call]
                    ref = writer.add_object(stream)
                    cid_font._font_descriptor[generic.pdf_name("/FontFile2")] = ref
                    return ref

                cid_font.set_font_file = set_font_file  # type: ignore[method-assign]

        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return Accumulator(writer=writer, font_handle=io.BytesIO(self.data),
                           font_size=self.size, obj_stream=obj_stream)


def _reserved_room(out: Any) -> int | None:
    """The hex digits a written signature's /Contents holds, plus a margin, or None."""
    import re

    try:
        end = out.seek(0, os.SEEK_END)
        out.seek(max(0, end - 200_000))
        tail = out.read()
    except (OSError, ValueError, AttributeError):
        return None
    found = list(re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]", tail))
    if not found:
        return None
    first, second = (int(v) for v in found[-1].groups())
    room = second - first - 2
    return room + 2 * (room // 8) if room > 0 else None


def _file_key_signer() -> type:
    """pyHanko's signer for a key in memory, loading the key once for the batch (pyHanko
    loads, and checks, an RSA key again for every signature)."""
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class FileKeySigner(SimpleSigner):
        def __init__(self, private: Any, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._private = private

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
            try:
                algorithm = mechanism.signature_algo
            except ValueError:
                algorithm = mechanism["algorithm"].native
            if isinstance(self._private, RSAPrivateKey) and algorithm == "rsassa_pkcs1v15":
                return bytes(self._private.sign(
                    data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)))
            return bytes(super().sign_raw(data, digest_algorithm))

    return FileKeySigner


def _file_key(private: Any, **kwargs: Any) -> HankoSigner:
    return _file_key_signer()(private, **kwargs)  # type: ignore[no-any-return]


def _open_pkcs12(key: Pkcs12Key, passphrase: str | None) -> HankoSigner:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        data = Path(key.path).read_bytes()
    except OSError as e:
        raise KeyUnavailableError(f"{key.path}: không đọc được tệp khóa — cannot read ({e})") from e
    try:
        private, cert, extra = pkcs12.load_key_and_certificates(
            data, passphrase.encode() if passphrase else None)
    except ValueError as e:
        raise KeyUnavailableError(
            f"{key.path}: sai mật khẩu hoặc không phải tệp PKCS#12 — wrong passphrase or not "
            "a PKCS#12 file") from e
    if private is None or cert is None:
        raise KeyUnavailableError(
            f"{key.path}: tệp không có khóa và chứng thư — no key and certificate in the file")
    der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in extra]
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return _file_key(private, signing_cert=signing_cert,
                          signing_key=asn1_keys.PrivateKeyInfo.load(der),
                          cert_registry=SimpleCertificateStore.from_certs(chain))  # type: ignore[no-untyped-call]


@contextmanager
def open_signer(options: SigningOptions, secret: str | None,
                now: datetime | None = None) -> Iterator[PadesSigner]:
    signer = PadesSigner(options, secret, now)
    try:
        yield signer
    finally:
        signer.close()


class PendingSigner:
    """A ``PadesSigner`` opened in a background thread while the batch's pages are
    converted: importing pyHanko (and fontTools' subsetter for a visible stamp), loading
    the token's library and logging in take a few tenths of a second in a fresh process
    (more the first time on a machine, when the stamp font is cut), hidden from the wall
    clock behind the PDF/A work though not from the CPU time.

    ``sign`` waits for the opening first, so a wrong PIN, a missing token or a refused
    certificate is raised before anything is signed (the very error opening raised;
    ``opening_error`` tells it apart from a failure of one signature). ``wait`` surfaces
    it where no signature was asked for. Use as a context manager: the token session is
    closed on exit, after the opening finished.
    """

    def __init__(self, options: SigningOptions, secret: str | None,
                 now: datetime | None = None) -> None:
        import threading

        self.options = options
        self._signer: PadesSigner | None = None
        self.opening_error: BaseException | None = None

        def opening() -> None:
            try:
                self._signer = PadesSigner(options, secret, now)
            except BaseException as e:  # raised again in the caller's thread by wait()
                self.opening_error = e

        self._thread = threading.Thread(target=opening, name="sohoa-open-signer",
                                        daemon=True)
        self._thread.start()

    def wait(self) -> PadesSigner:
        """The opened signer; raises what opening raised."""
        self._thread.join()
        if self.opening_error is not None:
            raise self.opening_error
        assert self._signer is not None
        return self._signer

    def sign(self, pdf: Path, dossier: DossierSpec, document: DocumentSpec) -> None:
        self.wait().sign(pdf, dossier, document)

    def take_notes(self) -> list[str]:
        if not self._thread.is_alive() and self._signer is not None:
            return self._signer.take_notes()
        return []

    def __getattr__(self, name: str) -> Any:  # certificate, last_level, offline, ...
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.wait(), name)

    def close(self) -> None:
        self._thread.join()
        if self._signer is not None:
            self._signer.close()

    def __enter__(self) -> PendingSigner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def open_signer_ahead(options: SigningOptions, secret: str | None,
                      now: datetime | None = None) -> Iterator[PendingSigner]:
    """``open_signer`` whose opening runs behind the caller's work (see PendingSigner)."""
    signer = PendingSigner(options, secret, now)
    try:
        yield signer
    finally:
        signer.close()


# -- checking ------------------------------------------------------------------------

class SignatureLevel(enum.StrEnum):
    NONE = "none"
    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"


@dataclass(frozen=True)
class SignatureReport:
    """One signature of one PDF: who, when, whether the bytes are intact and trusted.

    ``trusted`` is None when no trust anchors were given. ``problems`` are the reasons
    the signature is not acceptable (an untrusted chain only counts when anchors were given).
    """

    field: str
    signer: str | None
    signed_at: datetime | None
    timestamp: datetime | None
    intact: bool
    trusted: bool | None
    level: SignatureLevel
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class DocumentSignatures:
    """The signatures of one PDF of a package (an empty tuple: not signed)."""

    name: str
    signatures: tuple[SignatureReport, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        return self.signed and not self.problems and all(s.ok for s in self.signatures)


def _status_problems(status: Any, trust_given: bool) -> list[str]:
    from pyhanko.sign.validation import SignatureCoverageLevel

    problems = []
    if not status.intact:
        problems.append("chữ ký hỏng: nội dung đã bị sửa sau khi ký — signature broken: "
                        "the signed bytes were changed")
    elif not status.valid:
        problems.append("chữ ký không hợp lệ về mật mã — the signature value does not verify")
    coverage = status.coverage
    if coverage is not SignatureCoverageLevel.ENTIRE_FILE and (
            coverage is not SignatureCoverageLevel.ENTIRE_REVISION
            or not status.docmdp_ok):
        problems.append("tệp đã bị thay đổi sau khi ký — the document was changed after "
                        "it was signed")
    if trust_given and not status.trusted:
        problems.append("chứng thư không dẫn về chứng thư gốc tin cậy — the certificate does "
                        "not chain to the trust anchors")
    return problems


def check_signatures(data: bytes | IO[bytes],
                     trust: Sequence[asn1_x509.Certificate] | None = None,
                     name: str = "") -> DocumentSignatures:
    """Every signature in one PDF, checked against ``trust`` (anchors) when given."""
    import io

    _load_pyhanko()
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data) if isinstance(data, bytes) else data,
                               strict=False)
        embedded = list(reader.embedded_regular_signatures)
        stamps = list(reader.embedded_timestamp_signatures)
    except Exception as e:
        return DocumentSignatures(name, (), (
            f"không đọc được chữ ký — cannot read the signatures ({type(e).__name__}: {e})",))
    has_dss = "/DSS" in reader.root
    reports = []
    for sig in embedded:
        context = ValidationContext(trust_roots=list(trust or ()), allow_fetching=False,
                                    revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context,
                                            ts_validation_context=context)
        except Exception as e:
            reports.append(SignatureReport(sig.field_name, None, None, None, False, None,
                                           SignatureLevel.NONE, (
                f"không kiểm tra được chữ ký — cannot check the signature "
                f"({type(e).__name__}: {e})",)))
            continue
        timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
        if timestamp is None and stamps:
            timestamp = _document_timestamp(stamps)
        level = (SignatureLevel.B_LT if has_dss and timestamp else
                 SignatureLevel.B_T if timestamp else SignatureLevel.B_B)
        signer = status.signing_cert.subject.human_friendly if status.signing_cert else None
        reports.append(SignatureReport(
            sig.field_name, signer, status.signer_reported_dt, timestamp,
            bool(status.intact and status.valid), bool(status.trusted) if trust else None,
            level, tuple(_status_problems(status, bool(trust)))))
    return DocumentSignatures(name, tuple(reports))


@dataclass(frozen=True)
class SignatureCheck:
    """What ``verify_package`` asks of signatures: the anchors to trust (none: the chain
    is not judged) and whether every PDF must carry a good signature."""

    trust: tuple[asn1_x509.Certificate, ...] = ()
    require: bool = False
    # The packer's check of signatures just made: the bytes each covers and the value
    # against the signer's own certificate, without building or judging its chain.
    quick: bool = False


_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def quick_signatures(data: bytes, name: str = "") -> DocumentSignatures | None:
    """Whether each signature in ``data`` covers the bytes it names, whose digest it holds,
    and whether its value verifies with the certificate it carries; the last covers the
    file to its end. None when a signature is of a kind this does not read (the full check
    is then needed): only PAdES signatures (RSA PKCS#1 v1.5 or ECDSA) are read here."""
    import hashlib

    from asn1crypto import cms
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    reports = []
    end = 0
    for match in _BYTE_RANGE.finditer(data):
        a, b, c, d = (int(v) for v in match.groups())
        if a != 0 or not 0 < b < c or c + d > len(data):
            return None
        end = max(end, c + d)
        hex_value = data[b + 1:c - 1]
        if data[b:b + 1] != b"<" or data[c - 1:c] != b">":
            return None
        try:
            info = cms.ContentInfo.load(bytes.fromhex(hex_value.decode("ascii")), strict=False)
            signed = info["content"]
            (signer,) = signed["signer_infos"]
            algorithm = signer["digest_algorithm"]["algorithm"].native
            attrs = signer["signed_attrs"]
            digests = [a["values"][0].native for a in attrs if a["type"].native ==
                       "message_digest"]
            sid = signer["sid"].chosen
            certs = [cc.chosen for cc in signed["certificates"] or [] if cc.name == "certificate"]
            cert = next(cc for cc in certs if cc.issuer == sid["issuer"]
                        and cc.serial_number == sid["serial_number"].native)
            mechanism = signer["signature_algorithm"].signature_algo
        except (ValueError, TypeError, KeyError, StopIteration, UnicodeDecodeError):
            return None
        if algorithm not in ("sha256", "sha384", "sha512") or len(digests) != 1:
            return None
        covered = hashlib.new(algorithm)
        covered.update(data[a:a + b])
        covered.update(data[c:c + d])
        problems = []
        if covered.digest() != digests[0]:
            problems.append("chữ ký hỏng: nội dung đã bị sửa sau khi ký — signature broken: "
                            "the signed bytes were changed")
        key = x509.load_der_x509_certificate(cert.dump()).public_key()
        signed_bytes = b"\x31" + attrs.dump()[1:]  # signed over as a SET, not [0]
        hash_algorithm: hashes.HashAlgorithm = {
            "sha256": hashes.SHA256(), "sha384": hashes.SHA384(),
            "sha512": hashes.SHA512()}[algorithm]
        value = signer["signature"].native
        try:
            if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
                key.verify(value, signed_bytes, padding.PKCS1v15(), hash_algorithm)
            elif mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
                key.verify(value, signed_bytes, ec.ECDSA(hash_algorithm))
            else:
                return None
        except InvalidSignature:
            problems.append("chữ ký không hợp lệ về mật mã — the signature value does not "
                            "verify")
        unsigned = signer["unsigned_attrs"]
        stamped = bool(unsigned) and any(u["type"].native == "signature_time_stamp_token"
                                         for u in unsigned)
        level = (SignatureLevel.B_LT if stamped and b"/DSS" in data else
                 SignatureLevel.B_T if stamped else SignatureLevel.B_B)
        reports.append(SignatureReport(FIELD_NAME, cert.subject.human_friendly, None, None,
                                       not problems, None, level, tuple(problems)))
    if reports and end != len(data):
        if b"/DSS" in data[end:]:
            return None  # revocation data added after signing (B-LT): the full check judges
        reports[-1] = dataclasses.replace(reports[-1], problems=(
            *reports[-1].problems, "tệp đã bị thay đổi sau khi ký — the document was changed "
            "after it was signed"))
    return DocumentSignatures(name, tuple(reports))


class SignatureRun:
    """One package's signature checks: the problems of each PDF, and what was found."""

    def __init__(self, check: SignatureCheck) -> None:
        self.options = check
        self.found: list[DocumentSignatures] = []

    def check(self, name: str, data: bytes | IO[bytes]) -> list[str]:
        """The problems of one PDF's signatures (``data``: its bytes, or a seekable file)."""
        quick = None
        if isinstance(data, bytes) and b"/ByteRange" not in data:
            # Without a signature value there is nothing to parse (unsigned records).
            quick = DocumentSignatures(name)
        elif self.options.quick and isinstance(data, bytes):
            quick = quick_signatures(data, name)
        result = (quick if quick is not None
                  else check_signatures(data, self.options.trust or None, name))
        self.found.append(result)
        problems = [f"{name}: {p}" for p in result.problems]
        for signature in result.signatures:
            problems += [f"{name}: {p}" for p in signature.problems]
        if self.options.require and not result.signed:
            problems.append(f"{name}: chưa được ký số — not signed")
        return problems


def verify_signatures(package: Path | BinaryIO, check: SignatureCheck | None = None,
                      ) -> list[DocumentSignatures]:
    """The signatures of every PDF in a package zip (a path, or an open file such as a
    decrypted workspace blob), without the rest of verification (for showing a package's
    signature state; ``verify_package`` does it all)."""
    import zipfile

    run = SignatureRun(check or SignatureCheck())
    try:
        with zipfile.ZipFile(package) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                parts = info.filename.split("/")
                if len(parts) == 3 and parts[1] == "data" and parts[2].endswith(".pdf"):
                    run.check(f"data/{parts[2]}", archive.read(info))
    except (OSError, zipfile.BadZipFile) as e:
        return [DocumentSignatures(str(getattr(package, "name", package)), (), (
            f"không đọc được gói — cannot read the package ({e})",))]
    return run.found


def upgrade_pdf(data: bytes, tsa_url: str, *, revocation: bool = False,
                trust: Sequence[asn1_x509.Certificate] = ()) -> bytes:
    """A signed PDF raised to PAdES B-T (a document timestamp), or B-LT with revocation.

    Both are incremental updates after the signature, which they leave intact. Raises
    SigningError when the timestamp server or the CA's responders do not answer.
    """
    import io

    _load_pyhanko()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper
    from pyhanko.sign.validation import add_validation_info
    from pyhanko_certvalidator import ValidationContext

    try:
        current = data
        context = None
        if revocation:
            context = ValidationContext(trust_roots=list(trust), allow_fetching=True,
                                        revocation_mode="hard-fail")
            reader = PdfFileReader(io.BytesIO(current), strict=False)
            for signature in reader.embedded_regular_signatures:
                out = io.BytesIO()
                add_validation_info(signature, context, output=out)
                current = out.getvalue()
                reader = PdfFileReader(io.BytesIO(current), strict=False)
        writer = IncrementalPdfFileWriter(io.BytesIO(current), strict=False)
        out = io.BytesIO()
        PdfTimeStamper(HTTPTimeStamper(tsa_url, timeout=10)).timestamp_pdf(
            writer, "sha256", validation_context=context, output=out)
        return out.getvalue()
    except Exception as e:  # the services' and the library's errors: one message
        raise SigningError(
            f"không thêm được dấu thời gian ({tsa_url}) — cannot add the timestamp "
            f"({type(e).__name__}: {e})") from e


def _document_timestamp(stamps: Sequence[Any]) -> datetime | None:
    from pyhanko.sign.validation import validate_pdf_timestamp

    for stamp in stamps:
        try:
            status = validate_pdf_timestamp(stamp)
        except Exception:  # an unreadable timestamp gives no time; the signature still counts
            continue
        if status.intact and status.valid:
            return status.timestamp
    return None


__all__ = [
    "FIELD_NAME",
    "CertificateFacts",
    "DocumentSignatures",
    "KeySource",
    "NoSigner",
    "PadesSigner",
    "PendingSigner",
    "Pkcs11Key",
    "Pkcs12Key",
    "SignatureCheck",
    "SignatureLevel",
    "SignatureReport",
    "SignatureRun",
    "Signer",
    "SigningOptions",
    "Stamp",
    "check_signatures",
    "check_validity",
    "load_certificates",
    "open_signer",
    "open_signer_ahead",
    "upgrade_pdf",
    "verify_signatures",
]
