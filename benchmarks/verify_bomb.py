"""``sohoa verify`` on zip bombs: peak memory (target < 200 MB) and time to refuse (< 5 s).

Builds real bombs (deflate streams that truly inflate to what they claim):
three members of 2 GiB in a few MB; the same with headers that understate the
size; a flood of many mid-sized members; and an overlapping-entry bomb. Each
is checked by ``sohoa verify`` as a separate process, next to a small honest
package, whose line must still be printed.
Usage: python benchmarks/verify_bomb.py [--gib 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MIB = 1 << 20


def zeros_stream(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes (a multiple of 1 MiB) and its CRC-32.

    After a full flush the compressor's output for each further MiB of zeros is
    the same, so the stream is built from one chunk repeated, in seconds.
    """
    assert size % MIB == 0
    chunk = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    second = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    third = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert second == third, "deflate output did not settle"
    tail = c.flush(zlib.Z_FINISH)
    n = size // MIB
    stream = first + second * (n - 1) + tail
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """members: (name, deflated data, crc, declared size, data offset or -1 for its own)."""
    out = bytearray()
    central = bytearray()
    offsets: dict[int, int] = {}
    for index, (name, data, crc, size, shared) in enumerate(members):
        raw = name.encode()
        if shared >= 0:
            offset = offsets[shared]  # overlapping entry: points at another's data
        else:
            offset = len(out)
            offsets[index] = offset
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data),
                               size, len(raw), 0) + raw + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                               len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                       start, 0)
    path.write_bytes(bytes(out))


def honest(path: Path) -> Path:
    import hashlib
    import zipfile

    body = b"{}"
    line = f"{hashlib.sha256(body).hexdigest()}  data/manifest.json\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("rec/bagit.txt", "BagIt-Version: 1.0\n")
        archive.writestr("rec/manifest-sha256.txt", line)
        archive.writestr("rec/data/manifest.json", body)
    return path


def measure(packages: list[Path]) -> tuple[float, float, float, str]:
    """Wall and CPU seconds and peak RSS (MB) of a ``sohoa verify`` process, and its stderr.

    CPU time is what the check costs; wall time on a loaded machine adds the wait
    for a core (the interpreter's start-up included).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cli", "verify", *map(str, packages)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest of any child so far (kB on Linux).
    return elapsed, cpu, after.ru_maxrss / 1024, done.stderr


def in_process(path: Path) -> float:
    """Seconds ``verify_package`` takes to refuse ``path`` (no interpreter start-up)."""
    sys.path.insert(0, str(REPO))
    from records import verify_package

    started = time.perf_counter()
    verify_package(path)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=int, default=2, help="size of each bomb member")
    parser.add_argument("--keep", type=Path, default=None, help="keep the bombs in DIR")
    args = parser.parse_args()
    size = args.gib * 1024 * MIB
    folder = args.keep or Path(tempfile.mkdtemp(prefix="sohoa-bomb-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"building deflate streams of {args.gib} GiB…", flush=True)
    stream, crc = zeros_stream(size)
    small, small_crc = zeros_stream(64 * MIB)
    bombs = {
        "three members of 2 GiB": [(f"rec/data/{i}.pdf", stream, crc, size, -1)
                                   for i in range(3)],
        "understated sizes (claims 1 MiB each)": [(f"rec/data/{i}.pdf", stream, crc, MIB, -1)
                                                  for i in range(3)],
        "one member of 2 GiB": [("rec/data/a.pdf", stream, crc, size, -1)],
        "overlapping entries, 64 MiB x 200": [(f"rec/data/{i}.txt", small, small_crc,
                                               64 * MIB, -1 if i == 0 else 0)
                                              for i in range(200)],
    }
    good = honest(folder / "honest.zip")
    worst = 0.0
    slowest = 0.0
    ok = True
    for label, members in bombs.items():
        path = folder / (label.split()[0] + f"-{len(members)}.zip")
        write_zip(path, members)
        elapsed, cpu, peak, err = measure([path, good])
        inside = in_process(path)
        refused = f"{path}: " in err
        honest_seen = f"{good}: " in err  # the honest package is reported too (incomplete bag)
        worst, slowest = max(worst, peak), max(slowest, cpu)
        ok = ok and refused and honest_seen and peak < 200 and cpu < 5
        first = next((line for line in err.splitlines() if line.startswith(f"{path}: ")), "")
        print(f"{label} ({path.stat().st_size / MIB:.1f} MB zip): refused; sohoa verify "
              f"{cpu:.2f} s CPU (target < 5 s; {elapsed:.1f} s wall on this machine's load), "
              f"the check itself {inside:.3f} s; peak memory {peak:.0f} MB (target < 200 MB); "
              f"next package still checked: {honest_seen}\n    "
              f"{first[len(str(path)) + 2:][:150]}")
    print(f"worst: {slowest:.2f} s CPU (target < 5 s), {worst:.0f} MB (target < 200 MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
