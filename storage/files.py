"""Crash-safe file writes: temporary name, fsync, rename, directory fsync."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(path: Path) -> None:
    """Flush a directory entry to disk where the OS allows it (not on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(target: Path, tmp_dir: Path | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``target`` atomically.

    On error the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    directory = tmp_dir or target.parent
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that readers see all of it or none."""
    with atomic_writer(target) as handle:
        handle.write(data)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write(target, text.encode("utf-8"))


def read_bytes(path: Path) -> bytes:
    """Read a file the workspace manages (the one place to add decryption later)."""
    return Path(path).read_bytes()
