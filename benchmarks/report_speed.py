"""Speed of ``sohoa report`` over 100,000 dossiers. Target: < 2 s.

Builds a workspace with N received dossiers (register rows, workspace dossiers of 3 documents
and 6 pages, records, outbox jobs delivered or waiting, results, reuses), then times the
report (whole period and one month; median and worst of several runs, wall and CPU time:
on a shared machine quote the CPU time beside the wall time).

Vary the mix with --seed, --days (spread of receipt dates), --digitised (share of received
dossiers digitised here), --issued (share with a result) and --pages (pages per document).

Usage: python benchmarks/report_speed.py [--dossiers N] [--runs N] [--keep DIR] [--seed N]
       [--days N] [--digitised F] [--issued F] [--pages N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_workspace import open_bench_workspace

from dossier.reports import build_report
from storage import Workspace, transaction

PROCEDURES = ("1.001193", "1.000894", "1.000656", "1.004873", "2.000815", "2.000884",
              "1.004222", "2.000635")
TARGET_S = 2.0


def populate(ws: Workspace, count: int, seed: int = 1, days: int = 365,
             digitised: float = 0.85, issued_share: float = 0.8, pages: int = 2) -> None:
    rng = random.Random(seed)
    c = ws.conn
    start = dt.date(2025, 1, 1)
    rows: dict[str, list[tuple[object, ...]]] = {k: [] for k in (
        "register", "dossier", "document", "page", "document_page", "reuse", "record", "job",
        "result")}
    page_id = doc_id = rec_id = 0
    for n in range(1, count + 1):
        day = start + dt.timedelta(days=rng.randrange(days))
        code = f"000.00.06.H56-{day:%y%m%d}-{n % 10000:04d}-{n}"
        proc = rng.choice(PROCEDURES)
        issued = (day + dt.timedelta(days=rng.randint(1, 5))
                  if rng.random() < issued_share else None)
        rows["register"].append((code, proc, f"{day.isoformat()}T08:00:00",
                                 issued.isoformat() if issued else None))
        if rng.random() > digitised:
            continue  # received, not digitised here
        rows["dossier"].append((n, f"LOCAL-{n}", code, proc, day.isoformat()))
        for seq in range(1, 4):
            doc_id += 1
            rows["document"].append((doc_id, n, seq))
            for p in range(pages):
                page_id += 1
                rows["page"].append((page_id, page_id, f"s{page_id}"))
                rows["document_page"].append((doc_id, page_id, p))
        if rng.random() < 0.3:
            rows["reuse"].append((n,))
        rec_id += 1
        sha = f"{rec_id:064x}"
        rows["record"].append((rec_id, n, sha))
        done = rng.random() < 0.9
        finished = (dt.datetime.combine(day, dt.time(8)) + dt.timedelta(
            hours=rng.randint(1, 96))).isoformat() + "+00:00"
        rows["job"].append((rec_id, sha, "done" if done else "queued",
                            finished if done else None))
        if issued and rng.random() < 0.7:
            rows["result"].append((n, code, issued.isoformat(),
                                   rec_id if rng.random() < 0.8 else None))
    # A big page cache while building: random index inserts otherwise thrash the disk.
    c.execute("PRAGMA cache_size = -400000")
    with transaction(c):
        c.execute("INSERT INTO batch (id, created_at, source, state) VALUES "
                  "(1, '2025-01-01T00:00:00+00:00', 'files', 'processed')")
        c.executemany("INSERT INTO register_entry (dossier_code, procedure_code, received_at, "
                      "result_issued_at, source_file, imported_at) VALUES (?, ?, ?, ?, 'b', 'b')",
                      rows["register"])
        c.executemany("INSERT INTO dossier (id, provisional_id, code, batch_id, procedure_code, "
                      "state, received_date, created_at, updated_at) VALUES "
                      "(?, ?, ?, 1, ?, 'sent', ?, 'x', 'x')", rows["dossier"])
        c.executemany("INSERT INTO document (id, dossier_id, seq, type_key, created_at) "
                      "VALUES (?, ?, ?, 'to_khai_khai_sinh', 'x')", rows["document"])
        c.executemany("INSERT INTO page (id, batch_id, seq, source_sha, image_sha, source_name, "
                      "media_type, width, height, created_at) VALUES "
                      "(?, 1, ?, ?, 'i', 'p.png', 'image/png', 1, 1, 'x')", rows["page"])
        c.executemany("INSERT INTO document_page VALUES (?, ?, ?)", rows["document_page"])
        c.executemany("INSERT INTO reuse_use (dossier_id, type_key, type_name, blob_sha, "
                      "source, used_at) VALUES (?, 'can_cuoc', 'Căn cước', 'h', 's', 'x')",
                      rows["reuse"])
        c.executemany("INSERT INTO record (id, dossier_id, package_sha, package_name, profile, "
                      "size, created_at) VALUES (?, ?, ?, 'p.zip', 'compact', 1, 'x')",
                      rows["record"])
        c.executemany("INSERT INTO upload_job (id, package_sha256, package_path, filename, "
                      "size, state, finished_at, created_at, updated_at) VALUES "
                      "(?, ?, 'p', 'p.zip', 1, ?, ?, 'x', 'x')", rows["job"])
        c.executemany("INSERT INTO result (dossier_id, dossier_code, date_signed, record_id, "
                      "created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'x')", rows["result"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build the workspace here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=365, help="receipts spread over N days")
    parser.add_argument("--digitised", type=float, default=0.85)
    parser.add_argument("--issued", type=float, default=0.8)
    parser.add_argument("--pages", type=int, default=2, help="pages per document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "ws"
        with open_bench_workspace(root) as ws:
            if not ws.conn.execute("SELECT COUNT(*) FROM register_entry").fetchone()[0]:
                t0 = time.perf_counter()
                populate(ws, args.dossiers, args.seed, args.days, args.digitised,
                         args.issued, args.pages)
                print(f"built {args.dossiers} dossiers in {time.perf_counter() - t0:.1f} s")
        with open_bench_workspace(root) as ws:
            for label, period in (("whole period", (None, None)),
                                  ("one month", (dt.date(2025, 6, 1), dt.date(2025, 6, 30)))):
                times, cpu = [], []
                for _ in range(args.runs):
                    t0, c0 = time.perf_counter(), time.process_time()
                    report = build_report(ws, *period)
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                worst = max(times)
                print(f"report, {label}: median {statistics.median(times):.2f} s, "
                      f"worst {worst:.2f} s (target < {TARGET_S:.0f} s) — "
                      f"{'OK' if worst < TARGET_S else 'MISSED'}; CPU median "
                      f"{statistics.median(cpu):.2f} s; received "
                      f"{report.total.received}, digitised {report.total.digitised}")


if __name__ == "__main__":
    main()
