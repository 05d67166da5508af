"""Encryption at rest: the workspace key, its wrapping, and chunked AES-256-GCM blobs.

One random workspace key opens everything; subkeys for the database, the
blobs, blob names and the audit chain are derived from it (HKDF-SHA256).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.errors import StorageError

KEY_BYTES = 32
#: Plaintext bytes per encrypted chunk: a large file is never held whole in memory.
CHUNK = 64 * 1024
_TAG = 16
_MAGIC = b"SOHOAB1\n"
_HEADER = len(_MAGIC) + 8  # magic + the file's random nonce prefix


class CryptoError(StorageError):
    """Encrypted data that does not authenticate: damaged, tampered with, or the wrong key."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored beside each wrapped key so they can change later."""

    time_cost: int = 2
    memory_kib: int = 46 * 1024
    parallelism: int = 2

    def to_json(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_json(cls, data: dict[str, int]) -> KdfParams:
        return cls(int(data["t"]), int(data["m"]), int(data["p"]))


DEFAULT_KDF = KdfParams()


def derive_password_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    """The key that wraps the workspace key for one user (Argon2id)."""
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=params.time_cost,
        memory_cost=params.memory_kib, parallelism=params.parallelism,
        hash_len=KEY_BYTES, type=Type.ID,
    )


def _hkdf(key: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(key)


def wrap(kek: bytes, key: bytes, label: str) -> bytes:
    """AES-GCM of ``key`` under ``kek``; ``label`` (the user's name) is bound to it."""
    nonce = os.urandom(12)
    return nonce + AESGCM(kek).encrypt(nonce, key, label.encode("utf-8"))


def unwrap(kek: bytes, wrapped: bytes, label: str) -> bytes:
    try:
        return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], label.encode("utf-8"))
    except (InvalidTag, ValueError) as e:
        raise CryptoError("wrong password or recovery key") from e


# Recovery key --------------------------------------------------------------


def new_recovery_key() -> str:
    """32 random bytes as 13 groups of base32 letters, to print and keep."""
    text = base64.b32encode(secrets.token_bytes(KEY_BYTES)).decode("ascii").rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def recovery_kek(recovery_key: str) -> bytes:
    """The key that the recovery key stands for (it is random: no slow KDF needed)."""
    letters = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError as e:
        raise CryptoError("this is not a recovery key") from e
    if len(raw) != KEY_BYTES:
        raise CryptoError("this is not a recovery key")
    return _hkdf(raw, b"sohoa recovery wrap")


# The workspace key and its subkeys -------------------------------------------


class WorkspaceKeys:
    """Subkeys of the workspace key. Never written anywhere, never logged."""

    def __init__(self, master: bytes) -> None:
        if len(master) != KEY_BYTES:
            raise CryptoError("workspace key has the wrong length")
        self.master = master
        self.database = _hkdf(master, b"sohoa sqlcipher")
        self.blobs = _hkdf(master, b"sohoa blob aes-gcm")
        self.names = _hkdf(master, b"sohoa blob names")
        self.audit = _hkdf(master, b"sohoa audit chain")

    def __repr__(self) -> str:  # never print key material
        return "WorkspaceKeys(…)"

    @classmethod
    def generate(cls) -> WorkspaceKeys:
        return cls(secrets.token_bytes(KEY_BYTES))

    def database_pragma(self) -> str:
        """SQLCipher raw key: no PBKDF2 on top of an already random key."""
        return f"PRAGMA key = \"x'{self.database.hex()}'\""

    def blob_name(self, sha: str) -> str:
        """A blob's file name: keyed, so it does not reveal the content's hash."""
        return hmac.new(self.names, sha.encode("ascii"), hashlib.sha256).hexdigest()

    def cipher(self) -> BlobCipher:
        return BlobCipher(self.blobs)


# Chunked AES-256-GCM -----------------------------------------------------------


class BlobCipher:
    """File format: magic, 8-byte random prefix, then chunks of ``CHUNK`` plaintext bytes.

    Chunk ``i`` is AES-GCM with nonce ``prefix || i`` and associated data
    saying whether it is the last chunk, so a reordered, cut or extended
    file fails to authenticate instead of decrypting to something else.
    """

    def __init__(self, key: bytes) -> None:
        self._aes = AESGCM(key)

    @staticmethod
    def _nonce(prefix: bytes, index: int) -> bytes:
        return prefix + struct.pack(">I", index)

    @staticmethod
    def _aad(index: int, last: bool) -> bytes:
        return struct.pack(">I?", index, last)

    def encrypt_stream(self, chunks: Iterator[bytes], out: BinaryIO) -> int:
        """Encrypt what ``chunks`` yields into ``out``; returns the plaintext size."""
        prefix = os.urandom(8)
        out.write(_MAGIC + prefix)
        buffer = bytearray()
        index = 0
        total = 0
        for piece in chunks:
            total += len(piece)
            # Encrypt straight from the piece when nothing is held back (a whole blob
            # given at once is never copied); walk it by offset, and keep only the
            # tail, which may turn out to be the last chunk.
            if buffer:
                buffer += piece
                data: bytes | bytearray = buffer
            else:
                data = piece
            offset = 0
            with memoryview(data) as view:
                while len(data) - offset > CHUNK:
                    out.write(self._aes.encrypt(self._nonce(prefix, index),
                                                view[offset:offset + CHUNK],
                                                self._aad(index, False)))
                    offset += CHUNK
                    index += 1
                tail = bytes(view[offset:]) if data is piece else None
            if tail is None:
                del buffer[:offset]
            else:
                buffer = bytearray(tail)
        out.write(self._aes.encrypt(self._nonce(prefix, index), bytes(buffer),
                                    self._aad(index, True)))
        return total

    def plaintext_size(self, encrypted_size: int) -> int:
        body = encrypted_size - _HEADER
        full, rest = divmod(body, CHUNK + _TAG)
        if body < _TAG or (rest and rest < _TAG):
            raise CryptoError("encrypted file is cut short")
        if rest == 0:  # the last chunk was exactly CHUNK long
            return full * CHUNK
        return full * CHUNK + rest - _TAG

    def _chunk_count(self, encrypted_size: int) -> int:
        body = encrypted_size - _HEADER
        return max(1, -(-body // (CHUNK + _TAG)))

    def decrypt_chunk(self, handle: BinaryIO, index: int, count: int, prefix: bytes) -> bytes:
        handle.seek(_HEADER + index * (CHUNK + _TAG))
        data = handle.read(CHUNK + _TAG)
        try:
            return self._aes.decrypt(self._nonce(prefix, index), data,
                                     self._aad(index, index == count - 1))
        except InvalidTag as e:
            raise CryptoError(f"encrypted data does not authenticate (chunk {index})") from e

    def read_header(self, handle: BinaryIO) -> bytes:
        handle.seek(0)
        head = handle.read(_HEADER)
        if len(head) != _HEADER or not head.startswith(_MAGIC):
            raise CryptoError("not an encrypted workspace file")
        return head[len(_MAGIC):]

    def decrypt_stream(self, handle: BinaryIO) -> Iterator[bytes]:
        """Yield the plaintext chunk by chunk, each one authenticated before it is seen."""
        prefix = self.read_header(handle)
        size = os.fstat(handle.fileno()).st_size
        count = self._chunk_count(size)
        for index in range(count):
            yield self.decrypt_chunk(handle, index, count, prefix)


class DecryptingReader:
    """A read-only, seekable file over an encrypted blob (decrypts one chunk at a time)."""

    def __init__(self, cipher: BlobCipher, handle: BinaryIO) -> None:
        self._cipher = cipher
        self._handle = handle
        self._prefix = cipher.read_header(handle)
        encrypted = os.fstat(handle.fileno()).st_size
        self._count = cipher._chunk_count(encrypted)
        self.size = cipher.plaintext_size(encrypted)
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    def _chunk(self, index: int) -> bytes:
        if self._cached is None or self._cached[0] != index:
            self._cached = (index, self._cipher.decrypt_chunk(
                self._handle, index, self._count, self._prefix))
        return self._cached[1]

    def read(self, n: int = -1) -> bytes:
        end = self.size if n is None or n < 0 else min(self.size, self._pos + n)
        parts = []
        while self._pos < end:
            index, within = divmod(self._pos, CHUNK)
            chunk = self._chunk(index)
            piece = chunk[within:within + (end - self._pos)]
            if not piece:
                raise CryptoError("encrypted file is shorter than its chunks say")
            parts.append(piece)
            self._pos += len(piece)
        return b"".join(parts)

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> DecryptingReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
