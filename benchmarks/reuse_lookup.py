"""Speed of the reuse-store lookup by ID number over 1,000,000 documents on file.
Target: median < 50 ms.

Usage: python benchmarks/reuse_lookup.py [--documents N] [--lookups N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import open_bench_workspace

from dossier.reuse import REUSABLE, lookup
from storage import Workspace, transaction

TARGET_MS = 50.0


def populate(ws: Workspace, count: int, rng: random.Random) -> list[str]:
    """``count`` documents for about count/3 people; returns the ID numbers used."""
    people = [f"{rng.randrange(1, 96):03d}{rng.randrange(4)}{rng.randrange(100):02d}"
              f"{rng.randrange(10**6):06d}" for _ in range(max(1, count // 3))]
    keys = list(REUSABLE)
    rows = []
    for n in range(count):
        holder = people[n % len(people)]
        until = f"20{rng.randint(20, 35)}-06-30" if rng.random() < 0.3 else None
        rows.append((holder, keys[n % len(keys)], "Giấy tờ", f"{n:064x}", f"dossier:{n}", until,
                     "2025-01-01T00:00:00+00:00"))
    # A big page cache while building: random index inserts otherwise thrash the disk.
    ws.conn.execute("PRAGMA cache_size = -400000")
    with transaction(ws.conn):
        ws.conn.executemany(
            "INSERT OR IGNORE INTO reuse_item (holder_id, type_key, type_name, blob_sha, source, "
            "valid_until, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "ws"
        with open_bench_workspace(root) as ws:
            t0 = time.perf_counter()
            people = populate(ws, args.documents, rng)
            print(f"stored {args.documents} documents for {len(people)} people in "
                  f"{time.perf_counter() - t0:.1f} s")
        with open_bench_workspace(root) as ws:
            times = []
            found = 0
            for i in range(args.lookups):
                # Half known citizens, half numbers never seen.
                who = rng.choice(people) if i % 2 == 0 else f"{rng.randrange(10**12):012d}"
                t0 = time.perf_counter()
                found += len(lookup(ws, who))
                times.append((time.perf_counter() - t0) * 1000)
            median = statistics.median(times)
            p95 = sorted(times)[int(len(times) * 0.95)]
            print(f"reuse lookup by ID number: median {median:.2f} ms, p95 {p95:.2f} ms "
                  f"(target median < {TARGET_MS:.0f} ms) — "
                  f"{'OK' if median < TARGET_MS else 'MISSED'}; {found} valid documents found")


if __name__ == "__main__":
    main()
