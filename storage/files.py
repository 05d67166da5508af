"""Crash-safe file writes: temporary name, fsync, rename, directory fsync."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def fsync_dir(path: Path) -> None:
    """Flush a directory entry to disk where the OS allows it (not on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_mkdir(path: Path) -> Path:
    """Create ``path`` (and its parents) as folders only their owner can enter: 0700
    whatever the umask. An existing folder is tightened to 0700 too."""
    path = Path(path)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and (path.stat().st_mode & 0o777) != 0o700:
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """Tighten an existing file to 0600 (owner read and write only)."""
    if os.name != "nt" and Path(path).exists() and (Path(path).stat().st_mode & 0o777) != 0o600:
        os.chmod(path, 0o600)


@contextlib.contextmanager
def atomic_writer(target: Path, tmp_dir: Path | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on clean exit it replaces ``target`` atomically.

    On error the temporary file is removed and ``target`` is untouched. The
    file is 0600 (mkstemp's mode) and any folder it creates 0700.
    """
    target = Path(target)
    directory = tmp_dir or target.parent
    if not directory.is_dir():
        private_mkdir(directory)
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=directory)
    tmp = Path(tmp_name)
    _lock_for_writing(fd)
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


def _lock_for_writing(fd: int) -> None:
    """Hold an exclusive lock on a temporary file while it is written.

    Another process cleaning up after a crash removes only temporary files
    whose lock it can take: those whose writer is gone.
    """
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_if_abandoned(path: Path) -> bool:
    """Delete a temporary file left by a writer that died; keep one still being written."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # its writer is alive
        elif time.time() - os.fstat(fd).st_mtime < 3600:
            return False  # no advisory locks here: only old leftovers are safe to remove
        path.unlink(missing_ok=True)
        return True
    finally:
        os.close(fd)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that readers see all of it or none."""
    with atomic_writer(target) as handle:
        handle.write(data)


def atomic_write_text(target: Path, text: str) -> None:
    atomic_write(target, text.encode("utf-8"))


def read_bytes(path: Path) -> bytes:
    """Read a file the workspace manages (the one place to add decryption later)."""
    return Path(path).read_bytes()
