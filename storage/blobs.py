"""Content-addressed blob store: every original and derived file, named by its sha256."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from storage.errors import BlobMissing
from storage.files import atomic_writer, fsync_dir, remove_if_abandoned

_CHUNK = 1 << 20


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class BlobStore:
    """Blobs live at ``root/ab/cdef…``; a blob is visible only once complete."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"
        self.root.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha[2:]

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put_bytes(self, data: bytes) -> str:
        sha = sha256_bytes(data)
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            with atomic_writer(target, tmp_dir=self.tmp) as handle:
                handle.write(data)
            fsync_dir(target.parent)
        return sha

    def put_file(self, source: Path, sha: str | None = None) -> str:
        """Copy ``source`` into the store byte for byte; returns its sha256."""
        sha = sha or sha256_file(source)
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            digest = hashlib.sha256()
            with atomic_writer(target, tmp_dir=self.tmp) as out, open(source, "rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                if digest.hexdigest() != sha:
                    raise OSError(f"{source}: changed while it was being copied")
            fsync_dir(target.parent)
        return sha

    def read(self, sha: str) -> bytes:
        try:
            return self.path(sha).read_bytes()
        except FileNotFoundError as e:
            raise BlobMissing(f"blob {sha[:12]} is missing from the workspace") from e

    def export(self, sha: str, target: Path) -> None:
        """Copy a blob out of the store (atomically) to ``target``."""
        with atomic_writer(target) as out, open(self.path(sha), "rb") as src:
            shutil.copyfileobj(src, out, _CHUNK)

    def verify(self, sha: str) -> bool:
        path = self.path(sha)
        return path.is_file() and sha256_file(path) == sha

    def __iter__(self) -> Iterator[str]:
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
        return sum(remove_if_abandoned(leftover) for leftover in list(self.tmp.iterdir()))
