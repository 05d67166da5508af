"""Long PDFs streamed: a 500-page PDF (scans as JPEG and Flate images, typed vector pages,
pictures with typed text; A4, A5, Letter, A4 landscape) through the real commands.

- ``sohoa import --no-process`` of it: pages/s (target ≥ 20 pages/s);
- ``sohoa ocr --jobs J`` of it: time to the first page recognised (target < 10 s) and
  peak resident memory of the whole process tree (target < 500 MB), sampled from /proc
  every 0.2 s, with the memory after every 10 pages so that growth with pages shows.

By default OCR runs over the first ``--ocr-pages`` pages and is then stopped (all 500
pages with one worker take most of an hour here); ``--full`` runs it to the end, PDF
writing included. The first page out is reported by the command's own result stream: a
small wrapper around ``recognise_many`` in the child prints one line per page.

Usage: python benchmarks/pdf_stream.py [--pages 500] [--seed 11] [--jobs 1]
       [--ocr-pages 40] [--full] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_workspace import ensure_workspace, login_env  # noqa: E402

from benchmarks.ocr_memory import _children, _rss  # noqa: E402

MB = 1024**2
IMPORT_TARGET = 20.0      # pages/s
FIRST_PAGE_TARGET = 10.0  # s
MEMORY_TARGET = 500 * MB

# Run in the child: ``sohoa ocr`` as it is, with each recognised page announced on stderr.
_OCR_CHILD = """
import sys, time
import cli.cmd_ocr as cmd
inner = cmd.recognise_many
def announced(*args, **kwargs):
    for n, item in enumerate(inner(*args, **kwargs), 1):
        print(f"BENCH-PAGE {n} {time.monotonic():.3f}", file=sys.stderr, flush=True)
        yield item
cmd.recognise_many = announced
from cli.main import main
sys.exit(main(sys.argv[1:]))
"""


_TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    tree = _children()
    todo, found = [root], []
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


class Sampler:
    """Peak summed RSS of a process tree (and of its root alone), and the CPU time of
    every process seen in it (workers stopped with the tree are counted too), sampled
    from /proc on a thread every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.peak_main = 0     # the command's own process
        self.peak_single = 0   # the largest one process (what RUSAGE_CHILDREN max RSS gives)
        self.peak_after = 0    # the tree, since mark() (the PDF being written)
        self.marked = False
        self.last = 0
        self.last_main = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _tree(self.pid)
            each = [_rss(pid) for pid in pids]
            rss = sum(each)
            self.last, self.last_main = rss, _rss(self.pid)
            self.peak = max(self.peak, rss)
            self.peak_main = max(self.peak_main, self.last_main)
            self.peak_single = max([self.peak_single, *each])
            if self.marked:
                self.peak_after = max(self.peak_after, rss)
            for pid in pids:
                self._cpu[pid] = max(self._cpu.get(pid, 0.0), _cpu_seconds(pid))
            self._stop.wait(0.2)

    def mark(self) -> None:
        self.marked = True

    @property
    def cpu(self) -> float:
        return sum(self._cpu.values())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def make_pdf(path: Path, pages: int, seed: int) -> None:
    from synth.pdfs import long_pdf

    started = time.perf_counter()
    path.write_bytes(long_pdf(pages, seed=seed))
    print(f"made {path.name}: {pages} pages, {path.stat().st_size / MB:.0f} MB "
          f"in {time.perf_counter() - started:.0f} s", flush=True)


def bench_import(pdf: Path, pages: int, workspace: Path) -> None:
    env = {**login_env(), "PYTHONPATH": str(ROOT)}
    ensure_workspace(workspace)
    cpu0 = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cli", "--workspace", str(workspace),
                             "import", "--no-process", str(pdf)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    _out, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    cpu = _children_cpu() - cpu0
    if proc.returncode != 0:
        print(f"import failed ({proc.returncode}): {err.strip()}")
        raise SystemExit(1)
    rate = pages / wall
    print(f"import --no-process: {pages} pages in {wall:.1f} s wall, {cpu:.1f} s CPU: "
          f"{rate:.1f} pages/s (target ≥ {IMPORT_TARGET:.0f}: {_verdict(rate >= IMPORT_TARGET)});"
          f" {pages / max(cpu, 1e-9):.1f} pages per CPU second; peak memory "
          f"{sampler.peak / MB:.0f} MB", flush=True)


def bench_ocr(pdf: Path, pages: int, jobs: int, stop_after: int | None, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _OCR_CHILD, "ocr", "--jobs", str(jobs),
                             "--out", str(out), str(pdf)], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    sampler = Sampler(proc.pid)
    first: float | None = None
    done = 0
    curve: list[tuple[int, float, int, int]] = []
    other: list[str] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        if not line.startswith("BENCH-PAGE "):
            other.append(line.rstrip())
            continue
        _, n, at = line.split()
        done = int(n)
        if first is None:
            first = float(at) - started
        if done % 10 == 0:
            curve.append((done, float(at) - started, sampler.last, sampler.last_main))
        if done == pages:
            sampler.mark()  # every page is recognised: what follows is writing the PDF
        if stop_after is not None and done >= stop_after:
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C: its spool folder is removed
            break
    code = proc.wait()
    wall = time.monotonic() - started
    sampler.stop()
    cpu = sampler.cpu
    if stop_after is None and code != 0:
        print(f"ocr failed ({code}): {' | '.join(other[-5:])}")
        raise SystemExit(1)
    print("ocr memory as pages go (tree / main process): " + ", ".join(
        f"{n} pages {rss / MB:.0f}/{main / MB:.0f} MB ({t:.0f} s)" for n, t, rss, main in curve),
        flush=True)
    if len(curve) >= 2:
        (n0, _, m0, _), (n1, _, m1, _) = curve[0], curve[-1]
        print(f"ocr memory growth from page {n0} to {n1}: "
              f"{(m1 - m0) / MB * 100 / max(n1 - n0, 1):+.1f} MB per 100 pages", flush=True)
    ran = "to the end, PDF written" if stop_after is None else f"stopped after {done} pages"
    print(f"ocr --jobs {jobs} ({ran}): {done} of {pages} pages in {wall:.0f} s wall, "
          f"{cpu:.0f} s CPU (workers included)", flush=True)
    assert first is not None, "no page was recognised"
    print(f"ocr first page out: {first:.1f} s (target < {FIRST_PAGE_TARGET:.0f} s: "
          f"{_verdict(first < FIRST_PAGE_TARGET)})", flush=True)
    print(f"ocr peak memory (process tree): {sampler.peak / MB:.0f} MB (target < "
          f"{MEMORY_TARGET / MB:.0f} MB: {_verdict(sampler.peak < MEMORY_TARGET)}); the "
          f"command's own process {sampler.peak_main / MB:.0f} MB, the largest single process "
          f"{sampler.peak_single / MB:.0f} MB"
          + (f", the tree while the PDF is written {sampler.peak_after / MB:.0f} MB"
             if sampler.marked else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--ocr-pages", type=int, default=40,
                        help="stop OCR after this many pages (ignored with --full)")
    parser.add_argument("--full", action="store_true", help="run OCR over every page")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the PDF and outputs in DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdf-stream-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = folder / f"long-{args.pages}-{args.seed}.pdf"
        if not pdf.exists():
            make_pdf(pdf, args.pages, args.seed)
        if not args.skip_import:
            bench_import(pdf, args.pages, Path(tmp) / "ws")
        if not args.skip_ocr:
            bench_ocr(pdf, args.pages, args.jobs, None if args.full else args.ocr_pages,
                      Path(tmp) / "out")


if __name__ == "__main__":
    main()
