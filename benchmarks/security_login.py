"""Login time: unwrapping the workspace key with the real Argon2id parameters and
opening the encrypted database. Target: < 1 s (on a 2-core office PC).

Usage: python benchmarks/security_login.py [--logins N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import BENCH_PASSWORD, BENCH_USER, open_bench_workspace

from storage import Workspace
from storage.crypto import DEFAULT_KDF


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
        root = Path(tmp) / "ws"
        open_bench_workspace(root).close()
        timings, cpu = [], []
        for _ in range(args.logins):
            start, start_cpu = time.perf_counter(), time.process_time()
            ws = Workspace.open(root, BENCH_USER, BENCH_PASSWORD)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            ws.close()
    median, worst = statistics.median(timings), max(timings)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Argon2id t={DEFAULT_KDF.time_cost} m={DEFAULT_KDF.memory_kib // 1024} MiB "
          f"p={DEFAULT_KDF.parallelism}; {args.logins} logins; load average {load:.1f} on "
          f"{os.cpu_count()} cores (figures mean little when the machine is busy)")
    print(f"CPU time per login: {statistics.median(cpu):.2f} s, all threads (on an idle "
          f"machine the wall time is about this divided by the {DEFAULT_KDF.parallelism} lanes)")
    print(f"login median: {median:.2f} s, slowest: {worst:.2f} s (target < 1 s) -> "
          f"{'PASS' if worst < 1 else 'FAIL'}")


if __name__ == "__main__":
    main()
