"""Blob store: every original and derived file, known by its sha256.

In an encrypted workspace each blob is AES-256-GCM in chunks under a keyed
name (so neither its content nor its hash shows on disk); a plaintext store
(old workspaces, before they are converted) keeps files under their sha256.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storage.crypto import BlobCipher, CryptoError, DecryptingReader, WorkspaceKeys
from storage.errors import BlobMissing
from storage.files import atomic_writer, fsync_dir, private_mkdir, remove_if_abandoned

_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pieces(handle: BinaryIO, size: int = _CHUNK) -> Iterator[bytes]:
    while chunk := handle.read(size):
        yield chunk


class BlobStore:
    """Blobs live at ``root/ab/cdef…``; a blob is visible only once complete."""

    def __init__(self, root: Path, keys: WorkspaceKeys | None = None) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"
        self._keys = keys
        self._cipher: BlobCipher | None = keys.cipher() if keys is not None else None
        private_mkdir(self.root)
        private_mkdir(self.tmp)

    @property
    def encrypted(self) -> bool:
        return self._cipher is not None

    def name(self, sha: str) -> str:
        """The file name a blob is stored under (keyed when encrypted)."""
        return self._keys.blob_name(sha) if self._keys is not None else sha

    def path(self, sha: str) -> Path:
        """Where the blob's (possibly encrypted) bytes are: use :meth:`open` to read them."""
        name = self.name(sha)
        return self.root / name[:2] / name[2:]

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def _write(self, sha: str, pieces: Iterator[bytes]) -> None:
        target = self.path(sha)
        private_mkdir(target.parent)
        digest = hashlib.sha256()

        def hashed() -> Iterator[bytes]:
            for piece in pieces:
                digest.update(piece)
                yield piece

        with atomic_writer(target, tmp_dir=self.tmp) as out:
            if self._cipher is not None:
                self._cipher.encrypt_stream(hashed(), out)
            else:
                for piece in hashed():
                    out.write(piece)
            if digest.hexdigest() != sha:
                raise OSError("the data changed while it was being stored")
        fsync_dir(target.parent)

    def put_bytes(self, data: bytes) -> str:
        sha = sha256_bytes(data)
        if not self.has(sha):
            self._write(sha, iter((data,)))
        return sha

    def put_file(self, source: Path, sha: str | None = None) -> str:
        """Copy ``source`` into the store (encrypting it); returns its sha256."""
        sha = sha or sha256_file(source)
        if not self.has(sha):
            try:
                with open(source, "rb") as src:
                    self._write(sha, _pieces(src))
            except OSError as e:
                if "changed while" in str(e):
                    raise OSError(f"{source}: changed while it was being copied") from e
                raise
        return sha

    def open(self, sha: str) -> BinaryIO:
        """The blob's plaintext as a read-only, seekable file (decrypted chunk by chunk)."""
        try:
            handle = open(self.path(sha), "rb")  # noqa: SIM115 (returned to the caller)
        except FileNotFoundError as e:
            raise BlobMissing(f"blob {sha[:12]} is missing from the workspace") from e
        if self._cipher is None:
            return handle
        try:
            return DecryptingReader(self._cipher, handle)  # type: ignore[return-value]
        except BaseException:
            handle.close()
            raise

    def size(self, sha: str) -> int:
        """The blob's plaintext size in bytes."""
        with self.open(sha) as handle:
            return int(handle.seek(0, io.SEEK_END))

    def read(self, sha: str) -> bytes:
        with self.open(sha) as handle:
            return handle.read()

    def export(self, sha: str, target: Path) -> None:
        """Write a blob's plaintext out of the store (atomically) to ``target``.

        The one way plaintext leaves the workspace: only when a person asks.
        """
        with atomic_writer(target) as out, self.open(sha) as src:
            shutil.copyfileobj(src, out, _CHUNK)

    def verify(self, sha: str) -> bool:
        """The blob is there, authenticates and hashes to ``sha``."""
        digest = hashlib.sha256()
        try:
            with self.open(sha) as handle:
                for piece in _pieces(handle):
                    digest.update(piece)
        except (BlobMissing, CryptoError, OSError):
            return False
        return digest.hexdigest() == sha

    def __iter__(self) -> Iterator[str]:
        """Stored names (the sha256 in a plaintext store, a keyed name when encrypted)."""
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir() and len(sub.name) == 2:
                for blob in sorted(sub.iterdir()):
                    if not blob.name.startswith("."):
                        yield sub.name + blob.name

    def clean_temporary(self) -> int:
        """Remove leftovers of writes cut short by a crash; returns how many.

        Temporary files of writers still at work (another Sohoa process on the
        same workspace) are left alone.
        """
        with contextlib.suppress(FileNotFoundError):
            return sum(remove_if_abandoned(leftover) for leftover in list(self.tmp.iterdir()))
        return 0
