"""Benchmark: packages over a slow link that cuts connections; bytes on the wire vs payload.

Targets (issue 6): 50 MB over 256 kbit/s with 5% of connections cut:
bytes sent <= 1.1 x payload, every package delivered (once, sha256 verified).
Runs the official tus server (tests/upload/tus-server) behind the tests' fault proxy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "upload"))
sys.path.insert(0, str(ROOT))

from bench_workspace import open_bench_workspace  # noqa: E402
from conftest import file_sha, make_package, start_tus_server  # noqa: E402
from faultproxy import FaultProxy  # noqa: E402

import upload  # noqa: E402
from storage import outbox  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--payload-mb", type=float, default=50.0, help="total payload (MB)")
    parser.add_argument("--package-mb", type=float, default=5.0, help="size of each package")
    parser.add_argument("--rate-kbit", type=float, default=256.0, help="link speed, kbit/s")
    parser.add_argument("--cut", type=float, default=0.05,
                        help="share of connections (and of each further --segment-kib "
                             "carried on a kept-alive connection) that are cut")
    parser.add_argument("--segment-kib", type=int, default=256,
                        help="bytes per fresh cut draw on a long connection (KiB)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    payload_target = int(args.payload_mb * 1_000_000)
    package_size = int(args.package_mb * 1_000_000)
    rate = args.rate_kbit * 1000 / 8
    with tempfile.TemporaryDirectory(prefix="sohoa-upload-bench-") as tmp_name:
        tmp = Path(tmp_name)
        server = start_tus_server(tmp / "server")
        try:
            ws = open_bench_workspace(tmp / "ws")
            packages = []
            made = 0
            while made < payload_target:
                size = min(package_size, payload_target - made)
                packages.append(make_package(tmp / f"p{len(packages):03d}.zip", size,
                                             seed=args.seed * 1000 + len(packages)))
                made += size
            for p in packages:
                upload.queue_package(ws, p)
            payload = sum(p.stat().st_size for p in packages)
            with FaultProxy(server.port, rate=rate, cut_probability=args.cut,
                            cut_max_bytes=args.segment_kib * 1024,
                            cut_segment=args.segment_kib * 1024, seed=args.seed) as proxy:
                options = upload.UploadOptions(endpoint=proxy.url, retries=1000,
                                               backoff_base=1.0, backoff_cap=10.0)
                started = time.monotonic()
                result = upload.Uploader(ws, options).run()
                elapsed = time.monotonic() - started
            delivered = server.delivered()
            all_once = all(delivered.get(file_sha(p)) == 1 for p in packages)
            duplicates = sum(1 for e in server.ledger() if e.get("duplicate"))
            client_sent = sum(j.bytes_sent for j in outbox.list_jobs(ws))
            ws.close()
        finally:
            server.stop()
    ratio = proxy.bytes_up / payload
    print(f"payload: {payload} bytes in {len(packages)} packages")
    print(f"link: {args.rate_kbit:.0f} kbit/s, cut share {args.cut:.0%} "
          f"(per connection and per {args.segment_kib} KiB carried)")
    print(f"connections: {proxy.connections}, cut: {proxy.cuts}")
    print(f"time: {elapsed:.1f} s ({payload / elapsed * 8 / 1000:.0f} kbit/s effective)")
    print(f"bytes on the wire (client to server, headers included): {proxy.bytes_up}")
    print(f"bytes sent / payload: {ratio:.4f}   target <= 1.1   "
          f"{'OK' if ratio <= 1.1 else 'MISSED'}")
    print(f"client-counted body bytes / payload: {client_sent / payload:.4f}")
    print(f"delivered exactly once, sha256 verified: {all_once} (duplicates: {duplicates}, "
          f"left: {result.remaining})   target: all   {'OK' if all_once else 'MISSED'}")
    return 0 if all_once and ratio <= 1.1 else 1


if __name__ == "__main__":
    sys.exit(main())
