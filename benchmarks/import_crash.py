"""Crash safety: kill -9 real imports at random moments; two imports at once; report what survived.

Three loops, each against real `sohoa` processes:

1. import only (`--no-process`): after every kill the workspace is healthy and
   holds every page committed before, each once; a final rerun completes it.
2. import with processing and assembly: kills land while importing, while
   recognising, while assembling (and while finishing an earlier interrupted
   batch). After each kill nothing is damaged and no page is in two dossiers;
   after a final rerun of every folder, every page is in exactly one dossier,
   one dossier per folder, and `sohoa check` says healthy.
3. two `sohoa import` runs of the same folders at the same time: same result.

Usage: python benchmarks/import_crash.py [--kills 100] [--files 300]
       [--process-kills 100] [--concurrent 20] [--jobs 1]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_workspace import (  # noqa: E402
    ensure_workspace,
    login_env,
    open_bench_workspace,
    raw_connection,
)

from storage import check_workspace  # noqa: E402
from storage import dossiers as dossier_store  # noqa: E402
from storage import pages as page_store  # noqa: E402
from storage.errors import StorageError  # noqa: E402
from storage.health import Finding  # noqa: E402

args_verbose = False


def sohoa(ws: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cli", "--workspace", str(ws), *args]


def popen(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**login_env(), "PYTHONPATH": str(REPO)})


# Inputs ----------------------------------------------------------------------------


def _page(text: str, size: tuple[int, int], rng: random.Random) -> Image.Image:
    from synth import render_page

    rendered = render_page([text], dpi=100, size="A5").image.convert("RGB")
    if rendered.size != size:
        rendered = rendered.resize(size)
    # Light varies: a grey or yellowish paper now and then.
    tint = rng.choice([(255, 255, 255), (236, 236, 230), (250, 244, 220)])
    paper = Image.new("RGB", size, tint)
    return Image.composite(rendered, paper, rendered.convert("L").point(lambda v: 255 - v))


def make_folders(root: Path, count: int, rng: random.Random) -> dict[str, int]:
    """``count`` dossier folders of 2–4 pages: PNG, JPEG, a multi-page TIFF, a PDF."""
    pages_of: dict[str, int] = {}
    for n in range(count):
        folder = root / f"ho-so-{n}"
        folder.mkdir(parents=True)
        size = rng.choice([(583, 827), (620, 877), (827, 583)])
        texts = [f"Hồ sơ số {n} trang {i} Ủy ban nhân dân xã Yên Lạc {rng.randint(1, 999)}"
                 for i in range(rng.randint(2, 4))]
        images = [_page(t, size, rng) for t in texts]
        kind = n % 4
        if kind == 0:
            for i, image in enumerate(images):
                image.save(folder / f"{i:02d}.png", dpi=(100, 100))
        elif kind == 1:
            for i, image in enumerate(images):
                image.save(folder / f"{i:02d}.jpg", quality=85, dpi=(100, 100))
        elif kind == 2:
            images[0].save(folder / "scan.tif", save_all=True, append_images=images[1:],
                           dpi=(100, 100), compression="tiff_deflate")
        else:
            buffer = io.BytesIO()
            images[0].save(buffer, "PDF", save_all=True, append_images=images[1:],
                           resolution=100)
            (folder / "scan.pdf").write_bytes(buffer.getvalue())
        pages_of[str(folder)] = len(images)
    return pages_of


# Looking at a workspace -----------------------------------------------------------------


@dataclass
class Verdict:
    damaged: list[str]        # problems other than a batch waiting to be finished
    doubled: int              # pages in more than one dossier
    orphans: int              # live pages in no dossier (outside interrupted batches)
    dossiers_by_pages: Counter[int]
    healthy: bool


def inspect(ws_path: Path) -> Verdict:
    with open_bench_workspace(ws_path) as ws:
        report = check_workspace(ws)
        damaged = [p.text for p in report.findings if p.kind != Finding.BATCH_INTERRUPTED]
        owner: Counter[int] = Counter()
        sizes: Counter[int] = Counter()
        for d in dossier_store.list_dossiers(ws):
            ids = {pid for doc in dossier_store.documents_of(ws, d.id) for pid in doc.page_ids}
            owner.update(ids)
            sizes[len(ids)] += 1
        doubled = sum(1 for n in owner.values() if n > 1)
        orphans = len(report.of_kind(Finding.PAGE_IN_NO_DOSSIER))
    return Verdict(damaged, doubled, orphans, sizes, report.ok)


def phase(ws_path: Path) -> str:
    """Where the last run was cut: the least advanced unfinished batch's state."""
    try:
        conn = raw_connection(ws_path, timeout=10)
        try:
            rows = conn.execute("SELECT state, plan FROM batch ORDER BY id").fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, StorageError):
        return "starting"
    for state, plan in rows:
        if state == "importing":
            return "importing"
        if state in ("imported", "processing"):
            return "processing"
        if state == "processed" and plan == "assemble":
            return "assembling"
    return "after the end" if rows else "starting"


def wait_for_state(ws_path: Path, states: tuple[str, ...], proc: subprocess.Popen[bytes],
                   timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if True:
            try:
                conn = raw_connection(ws_path)
                try:
                    marks = ",".join("?" * len(states))
                    row = conn.execute(
                        f"SELECT 1 FROM batch WHERE state IN ({marks}) LIMIT 1", states
                    ).fetchone()
                finally:
                    conn.close()
                if row:
                    return True
            except (sqlite3.Error, StorageError):
                pass
        time.sleep(0.01)
    return False


# Loop 1: import only ---------------------------------------------------------------


def import_only(kills: int, files: int, tmp: Path, rng: random.Random) -> bool:
    folder = tmp / "plain"
    folder.mkdir()
    for i in range(files):
        image = Image.new("RGB", (827, 1169), "white")
        ImageDraw.Draw(image).text((60, 60 + i % 900), f"page {i}", fill="black")
        image.save(folder / f"{i:04d}.png")
    unhealthy = lost = duplicated = mid = 0
    ws_path = ensure_workspace(tmp / "plain-ws")
    committed = 0
    for round_no in range(kills):
        if round_no and round_no % 10 == 0:
            committed = 0   # start over now and then so kills keep landing mid-import
            ws_path = ensure_workspace(tmp / f"plain-ws{round_no}")
        proc = popen(sohoa(ws_path, "import", "--no-process", str(folder)))
        time.sleep(rng.uniform(0.2, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with open_bench_workspace(ws_path) as ws:
            report = check_workspace(ws)
            pages = page_store.list_pages(ws)
        unhealthy += bool([p for p in report.findings if p.kind != Finding.BATCH_INTERRUPTED])
        lost += len(pages) < committed
        duplicated += len({p.source_sha for p in pages}) != len(pages)
        mid += len(pages) < files
        committed = len(pages)
    final = popen(sohoa(ws_path, "import", "--no-process", str(folder)))
    final.wait()
    with open_bench_workspace(ws_path) as ws:
        complete = len(page_store.list_pages(ws)) == files and check_workspace(ws).ok
    print(f"[import only] kills: {kills} (landed mid-import: {mid}); damaged after a kill: "
          f"{unhealthy} (target 0); lost committed pages: {lost} (target 0); duplicates: "
          f"{duplicated} (target 0); final rerun complete and healthy: {complete} (target True)")
    return unhealthy == lost == duplicated == 0 and complete


# Loop 2: import with processing and assembly --------------------------------------------


def calibrate(folders: dict[str, int], tmp: Path, jobs: int) -> float:
    ws_path = ensure_workspace(tmp / "calibrate")
    start = time.monotonic()
    for folder in folders:
        popen(sohoa(ws_path, "import", "--jobs", str(jobs), folder)).wait()
    return (time.monotonic() - start) / len(folders)


def with_processing(kills: int, folders: dict[str, int], tmp: Path, rng: random.Random,
                    jobs: int) -> bool:
    """Kill imports with processing until ``kills`` kills have landed while one was running.

    A run that ends before its kill is not counted as a kill (its workspace is done: the
    next round starts a fresh one, since rerunning a finished folder is a no-op).
    """
    typical = calibrate(folders, tmp, jobs)
    print(f"[with processing] one folder imports, recognises and assembles in ~{typical:.1f} s",
          flush=True)
    names = list(folders)
    phases: Counter[str] = Counter()
    damaged_rounds = doubled_rounds = ended_first = 0
    failures: list[str] = []
    workspaces: list[Path] = []
    ws_path: Path | None = None
    landed = round_no = in_this = 0
    while landed < kills:
        if ws_path is None or in_this >= 10:
            if ws_path is not None:
                failures += finish_and_verify(ws_path, folders, jobs)
                if args_verbose:
                    print(f"  workspace {ws_path.name} after its final reruns: "
                          f"{'whole' if not failures else failures[-1]}", flush=True)
            ws_path = ensure_workspace(tmp / f"proc-ws{len(workspaces)}")
            workspaces.append(ws_path)
            in_this = 0
        folder = names[round_no % len(names)]
        proc = popen(sohoa(ws_path, "import", "--jobs", str(jobs), folder))
        mode = round_no % 4
        round_no += 1
        if mode == 1:     # right when assembly starts
            wait_for_state(ws_path, ("processed",), proc, typical * 4)
            time.sleep(rng.uniform(0.0, 0.15))
        elif mode == 2:   # while pages are being recognised
            wait_for_state(ws_path, ("imported", "processing"), proc, typical * 4)
            time.sleep(rng.uniform(0.0, typical * 0.5))
        else:             # any moment of the run
            time.sleep(rng.uniform(0.0, typical * 0.9))
        if proc.poll() is not None:
            # It finished first: nothing was cut. A fresh workspace for the next round
            # once every folder has been through this one.
            proc.wait()
            ended_first += 1
            if _dossiers(ws_path) >= len(names):
                in_this = 10
            continue
        cut = phase(ws_path)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        landed += 1
        in_this += 1
        phases[cut] += 1
        verdict = inspect(ws_path)
        if verdict.damaged:
            damaged_rounds += 1
            failures.append(f"round {round_no}: damaged: {verdict.damaged[:3]}")
        if verdict.doubled:
            doubled_rounds += 1
            failures.append(f"round {round_no}: {verdict.doubled} page(s) in two dossiers")
        if args_verbose:
            print(f"  kill {landed}: landed {cut}; damaged {len(verdict.damaged)}, "
                  f"pages in two dossiers {verdict.doubled}", flush=True)
    assert ws_path is not None
    failures += finish_and_verify(ws_path, folders, jobs)
    if args_verbose:
        print(f"  workspace {ws_path.name} after its final reruns: "
              f"{'whole' if not failures else failures[-1]}", flush=True)
    where = ", ".join(f"{k}: {v}" for k, v in sorted(phases.items()))
    print(f"[with processing] kills landed while an import ran: {landed} ({where}); runs that "
          f"ended before their kill, not counted: {ended_first}; damaged after a kill: "
          f"{damaged_rounds} (target 0); pages in two dossiers after a kill: {doubled_rounds} "
          "(target 0)")
    bad_ws = len({f.split(':')[0] for f in failures if f.startswith('workspace')})
    print(f"[with processing] after the final reruns: {len(workspaces) - bad_ws} of "
          f"{len(workspaces)} workspaces whole — one dossier per folder, every page in "
          f"exactly one, check healthy (target {len(workspaces)} of {len(workspaces)})")
    for line in failures[:10]:
        print("   ", line)
    return not failures


def _dossiers(ws_path: Path) -> int:
    """How many dossiers ``ws_path`` holds (read as another process works in it)."""
    try:
        conn = raw_connection(ws_path, timeout=10)
        try:
            return int(conn.execute("SELECT count(*) FROM dossier").fetchone()[0])
        finally:
            conn.close()
    except (sqlite3.Error, StorageError):
        return 0


def finish_and_verify(ws_path: Path, folders: dict[str, int], jobs: int) -> list[str]:
    """Rerun every folder once, uninterrupted; then the workspace must be whole."""
    for folder in folders:
        proc = popen(sohoa(ws_path, "import", "--jobs", str(jobs), folder))
        _out, err = proc.communicate()
        if proc.returncode != 0:
            return [f"workspace {ws_path.name}: rerun of {folder} exited {proc.returncode}: "
                    f"{err.decode(errors='replace')[-300:]}"]
    return verify(ws_path, folders)


def verify(ws_path: Path, folders: dict[str, int]) -> list[str]:
    verdict = inspect(ws_path)
    expected = Counter(folders.values())
    problems = []
    if verdict.dossiers_by_pages != expected:
        problems.append(f"workspace {ws_path.name}: dossiers by page count "
                        f"{dict(verdict.dossiers_by_pages)}, expected {dict(expected)}")
    if verdict.doubled or verdict.orphans:
        problems.append(f"workspace {ws_path.name}: {verdict.doubled} page(s) in two dossiers, "
                        f"{verdict.orphans} in none")
    check = subprocess.run(sohoa(ws_path, "check", "--json"), cwd=REPO, capture_output=True,
                           text=True, env={**login_env(), "PYTHONPATH": str(REPO)})
    report = json.loads(check.stdout)
    if check.returncode != 0 or not report["ok"]:
        problems.append(f"workspace {ws_path.name}: check: {report['problems'][:3]}")
    listed = subprocess.run(sohoa(ws_path, "dossiers", "--json"), cwd=REPO,
                            capture_output=True, text=True,
                            env={**login_env(), "PYTHONPATH": str(REPO)})
    pages = sorted(d["pages"] for d in json.loads(listed.stdout))
    if pages != sorted(folders.values()):
        problems.append(f"workspace {ws_path.name}: `sohoa dossiers` pages {pages}")
    return problems


# Loop 3: two imports at once ------------------------------------------------------------


def concurrent(runs: int, folders: dict[str, int], tmp: Path, jobs: int,
               rng: random.Random) -> bool:
    failures: list[str] = []
    names = list(folders)
    for run in range(runs):
        ws_path = ensure_workspace(tmp / f"pair-ws{run}")
        # Two clerks' scripts, each importing every folder (in its own order).
        orders = [names, names[::-1] if run % 2 else names]
        script = ("import subprocess, sys\n"
                  "for folder in sys.argv[2:]:\n"
                  "    r = subprocess.run([sys.executable, '-m', 'cli', '--workspace', "
                  f"sys.argv[1], 'import', '--jobs', '{jobs}', folder])\n"
                  "    if r.returncode: sys.exit(r.returncode)\n")
        procs = []
        for order in orders:
            procs.append(popen([sys.executable, "-c", script, str(ws_path), *order]))
            time.sleep(rng.uniform(0.0, 0.3))
        for proc in procs:
            _out, err = proc.communicate()
            if proc.returncode != 0:
                failures.append(f"run {run}: an import exited {proc.returncode}: "
                                f"{err.decode(errors='replace')[-300:]}")
        found = [f"run {run}: {p}" for p in verify(ws_path, folders)]
        failures += found
        if args_verbose:
            print(f"  pair {run + 1}: {'whole' if not found else found[0]}", flush=True)
    whole = runs - len({f.split(':')[0] for f in failures})
    print(f"[two at once] runs: {runs}; workspaces whole (one dossier per folder, every page "
          f"in exactly one, check healthy): {whole} of {runs} (target {runs} of {runs})")
    for line in failures[:10]:
        print("   ", line)
    return not failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="import-only kills")
    parser.add_argument("--files", type=int, default=300, help="files in the import-only loop")
    parser.add_argument("--process-kills", type=int, default=100,
                        help="kills during import with processing and assembly")
    parser.add_argument("--concurrent", type=int, default=20,
                        help="runs of two imports of the same folders at once")
    parser.add_argument("--folders", type=int, default=2, help="dossier folders per workspace")
    parser.add_argument("--jobs", type=int, default=1, help="OCR workers per import")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="a line per kill and per run")
    args = parser.parse_args()
    global args_verbose
    args_verbose = args.verbose
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        folders = make_folders(tmp / "in", args.folders, rng)
        started = time.monotonic()
        if args.kills:
            results.append(import_only(args.kills, args.files, tmp, rng))
        if args.concurrent:
            results.append(concurrent(args.concurrent, folders, tmp, args.jobs, rng))
        if args.process_kills:
            results.append(with_processing(args.process_kills, folders, tmp, rng, args.jobs))
    print(f"took {time.monotonic() - started:.0f} s")
    print("crash safety:", "PASS" if all(results) else "FAIL")


if __name__ == "__main__":
    main()
