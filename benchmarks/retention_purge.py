"""Retention purge: speed on 1,000 delivered dossiers, and kill -9 at random moments.

Part 1 times ``purge`` on a workspace of --dossiers delivered dossiers (plus
some not delivered) and checks the workspace afterwards (target < 60 s).
Part 2 runs ``sohoa purge`` as a real process and kills it (SIGKILL) at random
moments, --kills times over fresh copies of a smaller workspace; after every
kill: the workspace is healthy, every dossier is either wholly purged or wholly
intact, nothing not delivered lost a byte; a final rerun purges the rest.
Usage: python benchmarks/retention_purge.py [--dossiers 1000] [--kills 100] [--small 300]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_workspace import login_env, open_bench_workspace  # noqa: E402

from dossier.retention import purge  # noqa: E402
from storage import check_workspace  # noqa: E402
from synth.workspaces import add_dossier  # noqa: E402

OLD = "2025-01-02T08:00:00+00:00"


def build(root: Path, delivered: int, waiting: int, seed: int) -> None:
    # Building the fixture only: no fsync per blob (the purge itself runs as shipped).
    real_fsync = os.fsync
    os.fsync = lambda fd: None
    try:
        _build(root, delivered, waiting, seed)
    finally:
        os.fsync = real_fsync


def _build(root: Path, delivered: int, waiting: int, seed: int) -> None:
    rng = random.Random(seed)
    scratch = root.parent / f"{root.name}-scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    with open_bench_workspace(root) as ws:
        # Building the fixture only: the purge itself runs with the usual synchronous=FULL.
        ws.conn.execute("PRAGMA synchronous=OFF")
        ws.set_setting("retention.days", "30")
        first = None
        for i in range(delivered + waiting):
            shared = first if i % 10 == 5 else None  # every tenth shares an original
            built = add_dossier(ws, rng, delivered_at=OLD if i < delivered else None,
                                scratch=scratch, pages=rng.randint(2, 6), shared_original=shared)
            if first is None:
                first = ws.conn.execute("SELECT source_sha FROM page WHERE id = ?",
                                        (built.page_ids[0],)).fetchone()[0]
    shutil.rmtree(scratch, ignore_errors=True)


def snapshot(root: Path) -> dict[int, tuple[bool, int, bool]]:
    """dossier id → (delivered, pages still linked, purged)."""
    with open_bench_workspace(root) as ws:
        rows = ws.conn.execute(
            """SELECT d.id, d.purged_at IS NOT NULL,
                      (SELECT count(*) FROM document_page dp JOIN document doc
                       ON doc.id = dp.document_id WHERE doc.dossier_id = d.id),
                      EXISTS (SELECT 1 FROM record r JOIN upload_job j
                              ON j.package_sha256 = r.package_sha
                              WHERE r.dossier_id = d.id AND j.state = 'done')
               FROM dossier d""").fetchall()
        return {int(r[0]): (bool(r[3]), int(r[2]), bool(r[1])) for r in rows}


def violations(root: Path, before: dict[int, tuple[bool, int, bool]]) -> list[str]:
    problems = []
    with open_bench_workspace(root) as ws:
        health = check_workspace(ws)
        problems += [f"health: {p}" for p in health.problems]
        for dossier_id, (delivered, pages, _) in before.items():
            row = ws.conn.execute("SELECT purged_at, applicant_id FROM dossier WHERE id = ?",
                                  (dossier_id,)).fetchone()
            linked = ws.conn.execute(
                "SELECT count(*) FROM document_page dp JOIN document doc ON doc.id = "
                "dp.document_id WHERE doc.dossier_id = ?", (dossier_id,)).fetchone()[0]
            records = ws.conn.execute("SELECT package_sha FROM record WHERE dossier_id = ?",
                                      (dossier_id,)).fetchall()
            if row[0] is None:
                if linked != pages or row[1] is None or not records:
                    problems.append(f"dossier {dossier_id}: half-deleted")
                for (sha,) in records:
                    if not ws.blobs.has(sha):
                        problems.append(f"dossier {dossier_id}: package blob missing")
            else:
                if not delivered:
                    problems.append(f"dossier {dossier_id}: purged but never delivered")
                if linked or records or row[1] is not None:
                    problems.append(f"dossier {dossier_id}: purged but rows left")
    return problems


def speed(workdir: Path, n: int) -> float:
    root = workdir / "speed"
    print(f"building {n} delivered dossiers (+{n // 10} waiting)…", flush=True)
    build(root, n, n // 10, 1)
    with open_bench_workspace(root) as ws:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = purge(ws)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        healthy = check_workspace(ws).ok
        left = ws.conn.execute("SELECT count(*) FROM dossier WHERE purged_at IS NULL"
                               ).fetchone()[0]
    print(f"purge of {len(report.dossiers)} delivered dossiers: {elapsed:.1f} s "
          f"(target < 60 s; {cpu:.1f} s of CPU, the rest waiting for the disk or a core); "
          f"{report.blobs_deleted} blobs, {report.bytes_freed / 1e6:.1f} MB; "
          f"workspace healthy: {healthy}; not delivered, kept: {left}")
    return elapsed


def kills(workdir: Path, count: int, small: int) -> int:
    template = workdir / "template"
    print(f"building a {small}-dossier workspace for the kill runs…", flush=True)
    build(template, small, small // 5, 2)
    rng = random.Random(7)
    # When a purge process is busy deleting: it starts (interpreter, login) and then
    # purges. Timed once on a copy, unkilled: the kills land between the two ends.
    startup, total = _calibrate(workdir, template)
    print(f"  a whole purge takes {total:.1f} s, {startup:.1f} s of it starting up", flush=True)
    done = bad = rounds = landed = 0
    while done < count:
        rounds += 1
        root = workdir / f"kill-{rounds}"
        shutil.copytree(template, root)
        before = snapshot(root)
        # Kill purges of this copy until one runs to its end, then check the rerun.
        while done < count:
            proc = subprocess.Popen([sys.executable, "-m", "cli", "--workspace", str(root),
                                     "purge"], cwd=REPO, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=login_env())
            delay = rng.uniform(startup * 0.8, total)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=delay)
            finished = proc.poll() is not None
            if not finished:
                os.kill(proc.pid, signal.SIGKILL)
                done += 1
                landed += delay >= startup
            proc.wait()
            found = violations(root, before)
            if found:
                bad += 1
                print(f"  kill {done}: {found[:3]}", flush=True)
            if finished:
                break
        subprocess.run([sys.executable, "-m", "cli", "--workspace", str(root), "purge"],
                       cwd=REPO, check=True, stdout=subprocess.DEVNULL, env=login_env())
        final = violations(root, before)
        with open_bench_workspace(root) as ws:
            left_delivered = ws.conn.execute(
                "SELECT count(*) FROM dossier d WHERE d.purged_at IS NULL AND EXISTS "
                "(SELECT 1 FROM record r JOIN upload_job j ON j.package_sha256 = r.package_sha "
                "WHERE r.dossier_id = d.id AND j.state = 'done')").fetchone()[0]
            trash = ws.conn.execute("SELECT count(*) FROM blob_trash").fetchone()[0]
        if final or left_delivered or trash:
            bad += 1
            print(f"  after rerun: {final[:3]} delivered left {left_delivered}, trash {trash}")
        shutil.rmtree(root, ignore_errors=True)
        print(f"  {done}/{count} kills, {bad} with problems", flush=True)
    print(f"kill -9 during purge: {done} kills ({landed} after start-up, while purging), "
          f"{bad} with problems (target 0): nothing lost that was not delivered, nothing "
          "half-deleted, reruns finish the purge")
    return bad


def _calibrate(workdir: Path, template: Path) -> tuple[float, float]:
    """(seconds to start up and log in, seconds for a whole purge) of one ``sohoa purge``."""
    root = workdir / "calibrate"
    shutil.copytree(template, root)
    command = [sys.executable, "-m", "cli", "--workspace", str(root)]
    started = time.monotonic()
    # A cheap command starts up and logs in as a purge does.
    subprocess.run([*command, "outbox", "--json"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, env=login_env())
    startup = time.monotonic() - started
    started = time.monotonic()
    subprocess.run([*command, "purge"], cwd=REPO, check=True, stdout=subprocess.DEVNULL,
                   env=login_env())
    total = time.monotonic() - started
    shutil.rmtree(root, ignore_errors=True)
    return startup, max(total, startup + 0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--small", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sohoa-purge-") as tmp:
        workdir = Path(tmp)
        elapsed = speed(workdir, args.dossiers) if args.dossiers else 0.0
        bad = kills(workdir, args.kills, args.small) if args.kills else 0
    return 0 if elapsed < 60 and bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
