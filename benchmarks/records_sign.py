"""Signing cost: a 20-page dossier (8 documents) packed into a verified compact record without
a signature, then signed (PAdES B-B) with a software token (SoftHSM2, PKCS#11) and with a
PKCS#12 file, visible stamp and invisible signature.

Target: signing adds < 1 s to packing the 20-page dossier with a software token, judged on CPU
time (wall time is printed beside it; a shared machine disturbs it). A test PKI
and a SoftHSM2 token are made in a temporary folder (SoftHSM2 and OpenSC must be installed:
scripts/bootstrap.sh does it). Pages are encoded in this process alone (``--jobs 1``) unless
told otherwise, so the figures compare like with like on a shared machine.

``--fresh`` times whole commands instead, each in a fresh process as a person (or a
checker) runs them: ``sohoa pack --dossier ID --sign`` against ``sohoa pack --dossier ID``
on a workspace holding the 20 pages (imported and recognised once, copied afresh for every
run), and with ``--folder`` also ``sohoa pack --sign --out DIR FOLDER`` against
``sohoa pack --out DIR FOLDER`` (which recognises the pages each time). A fresh process pays
for opening the key (imports, the token's library, the stamp font): the command opens it
in the background while the pages are converted, which hides it from the wall clock but
not from the CPU time. The commands take turns; the added time is the least CPU time of
the signed runs minus the least of the unsigned ones (the process and its children; the
target is judged on it), with the median wall time signed minus unsigned beside it.
Every command gets a cache folder of the benchmark's own (``XDG_CACHE_HOME``), where a
signing process keeps a stamp font it had to cut (DejaVu Sans comes already cut with
Sohoa; another font is cut once); "first run" times the visible stamp with an empty cache
folder each time, as the first ``pack --sign`` on a machine.
``--all-keys`` also times the token without a stamp and a PKCS#12 file with the stamp.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_S = 1.0
# Issue 18's target, word for word; the figures are printed beside it.
TARGET = ("Signing adds < 1 s to packing a 20-page dossier with a software token "
          "(benchmark records_sign.py; report with and without)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="packs per variant (median)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--fresh", action="store_true",
                        help="time whole sohoa pack commands in fresh processes")
    parser.add_argument("--all-keys", action="store_true",
                        help="with --fresh, also sign with the token and no stamp, and with "
                             "a PKCS#12 file (default: the token with the visible stamp)")
    parser.add_argument("--folder", action="store_true",
                        help="with --fresh, also pack the pages as a folder (recognised anew "
                             "each run: slower, noisier)")
    args = parser.parse_args()
    if args.fresh:
        return fresh(args)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from tests.records.pki import KEY, P12_PASSPHRASE, PIN, make_pki, make_token

        pki = make_pki(folder / "pki")
        token = make_token(folder / "hsm", pki)
        # SoftHSM2 reads its configuration when this process first loads it.
        os.environ["SOFTHSM2_CONF"] = str(token.conf)

        from benchmarks.records_pages import scan_pages
        from records import (
            DocumentSpec,
            DossierSpec,
            PageSpec,
            Pkcs11Key,
            Pkcs12Key,
            SignatureCheck,
            SigningOptions,
            Stamp,
            open_signer,
            pack_dossier,
            verify_package,
        )

        specs = [PageSpec(p.png, p.dpi, p.words, 90.0) for p in scan_pages(args.pages)]
        sizes, documents, start = [5, 3, 1, 4, 2, 1, 2, 2], [], 0
        for size in sizes:
            if start < len(specs):
                documents.append(DocumentSpec(None, None, tuple(specs[start:start + size])))
                start += size
        if start < len(specs):
            documents.append(DocumentSpec(None, None, tuple(specs[start:])))
        spec = DossierSpec(documents=tuple(documents), digitised_by="Trần Thị Bình",
                           digitised_at=datetime(2025, 1, 1, tzinfo=UTC),
                           dossier_code="000.00.06.H56-250101-0001", agency_id="000.00.06.H56")
        variants = [
            ("unsigned", None),
            ("token (SoftHSM2), visible stamp",
             SigningOptions(Pkcs11Key(token.lib, token.label, KEY), Stamp.VISIBLE)),
            ("token (SoftHSM2), invisible",
             SigningOptions(Pkcs11Key(token.lib, token.label, KEY), Stamp.INVISIBLE)),
            ("PKCS#12 file, visible stamp",
             SigningOptions(Pkcs12Key(pki.signer_p12), Stamp.VISIBLE)),
        ]
        wall: dict[str, list[float]] = {label: [] for label, _ in variants}
        cpu: dict[str, list[float]] = {label: [] for label, _ in variants}
        opening: list[float] = []
        opening_cpu: list[float] = []
        pack_dossier(spec, folder / "warm", jobs=args.jobs)  # imports, caches
        # CPU time spent inside the signer's calls, per pack: the signatures themselves,
        # measured apart from the pages' encoding (whose cost varies more than signing's).
        inside: dict[str, list[float]] = {label: [] for label, _ in variants}
        # Variants take turns in each round, so a burst of load on a shared machine
        # disturbs all of them alike; CPU time (this process: pages are encoded here with
        # --jobs 1, and SoftHSM2 runs in-process) is the figure the target is judged on.
        for run in range(args.repeat):
            for number, (label, options) in enumerate(variants):
                out = folder / f"{number}-{run}"
                if options is None:
                    w, c = time.perf_counter(), time.process_time()
                    pack_dossier(spec, out, jobs=args.jobs)
                    wall[label].append(time.perf_counter() - w)
                    cpu[label].append(time.process_time() - c)
                    continue
                secret = PIN if isinstance(options.key, Pkcs11Key) else P12_PASSPHRASE
                # Opening the key (PIN, certificate check) is once per batch: timed apart.
                w, c = time.perf_counter(), time.process_time()
                with open_signer(options, secret) as signer:
                    opening.append(time.perf_counter() - w)
                    opening_cpu.append(time.process_time() - c)
                    spent = _Timed(signer)
                    w, c = time.perf_counter(), time.process_time()
                    path = pack_dossier(spec, out, signer=spent, jobs=args.jobs)
                    wall[label].append(time.perf_counter() - w)
                    cpu[label].append(time.process_time() - c)
                    inside[label].append(spent.cpu)
                report = verify_package(path, signatures=SignatureCheck(require=True))
                assert report.ok, report.problems
        pki.close()
    # CPU time only grows with contention on a shared machine: the least of the runs is
    # the best estimate of each variant's own cost (medians are printed beside).
    base_wall = statistics.median(wall["unsigned"])
    base_cpu = min(cpu["unsigned"])
    print(f"{len(specs)} pages in {len(documents)} documents, {args.repeat} packs each "
          "(median wall s; least CPU s, median CPU s):")
    for label, _ in variants:
        w, c = statistics.median(wall[label]), min(cpu[label])
        line = (f"  {label}: {w:.2f} s wall; {c:.2f} s CPU least, "
                f"{statistics.median(cpu[label]):.2f} s CPU median")
        if label != "unsigned":
            line += (f"; signing adds {c - base_cpu:+.2f} s CPU (least vs least), "
                     f"{w - base_wall:+.2f} s wall; inside the signer's calls "
                     f"{min(inside[label]):.2f} s CPU "
                     f"({min(inside[label]) / len(documents) * 1000:.0f} ms per document)")
        print(line)
    open_cpu = max(opening_cpu)
    print(f"  opening the key (PIN or passphrase, certificate check, stamp font; once per "
          f"batch): {statistics.median(opening):.2f} s wall, "
          f"{statistics.median(opening_cpu):.2f} s CPU median; the first in this process "
          f"(imports, cutting the stamp font, loading the token's library) {open_cpu:.2f} s "
          "CPU")
    key = "token (SoftHSM2), visible stamp"
    added_cpu = min(cpu[key]) - base_cpu
    added_wall = statistics.median(wall[key]) - base_wall
    # Judged on what the first batch of a process pays (a fresh sohoa pack --sign signs
    # one batch): the signatures and opening the key with the imports it needs.
    first = added_cpu + open_cpu
    ok = first < TARGET_S
    one, five, _ = os.getloadavg()
    print(f"signing adds {added_cpu:.2f} s CPU ({added_wall:+.2f} s wall) to packing a "
          f"{len(specs)}-page dossier with a software token (visible stamp), key already "
          f"open; the first batch of a process also pays {open_cpu:.2f} s CPU to open the "
          f"key  [load {one:.1f} (5 min {five:.1f}): on a shared machine wall time is "
          "disturbed; CPU time is this process's own]")
    print(f"target (issue 18): {TARGET}\n  in one process, first batch: signing adds "
          f"{first:.2f} s CPU  < {TARGET_S:.0f} s: {'met' if ok else 'NOT met'} (--fresh "
          "times whole commands)")
    return 0 if ok else 1


def fresh(args: argparse.Namespace) -> int:
    import resource
    import shutil
    import subprocess

    from benchmarks.bench_workspace import login_env, open_bench_workspace
    from benchmarks.records_pages import scan_pages
    from tests.records.pki import KEY, P12_PASSPHRASE, PIN, make_pki, make_token

    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pki = make_pki(folder / "pki")
        token = make_token(folder / "hsm", pki)
        env = login_env()
        env.update(SOFTHSM2_CONF=str(token.conf),
                   PYTHONPATH=str(repo), OMP_THREAD_LIMIT="1")
        pages = folder / "dossier"
        pages.mkdir()
        for page in scan_pages(args.pages):
            (pages / f"{page.name}.jpg").write_bytes(page.png)
        template = folder / "ws-template"
        from dossier import import_and_process
        from storage import dossiers as dossier_store

        ws = open_bench_workspace(template)
        try:
            report = import_and_process(ws, sorted(pages.glob("*.jpg")), jobs=os.cpu_count())
            assert report.problems == [], report.problems
            dossiers = dossier_store.list_dossiers(ws)
            counts = {d.id: ws.conn.execute(
                "SELECT count(*) FROM document_page dp JOIN document doc ON doc.id = "
                "dp.document_id WHERE doc.dossier_id = ?", (d.id,)).fetchone()[0]
                for d in dossiers}
        finally:
            ws.close()
        dossier_id = max(counts, key=lambda k: counts[k])
        token_key = ["--sign", "--pkcs11-lib", token.lib, "--token", token.label, "--key",
                     KEY]
        # The key sources and stamps signed with, each timed against the same unsigned runs.
        keys = {"token (SoftHSM2), visible stamp": [*token_key, "--stamp", "visible"],
                "token (SoftHSM2), visible stamp, first run (empty cache folder)":
                    [*token_key, "--stamp", "visible"],
                "token (SoftHSM2), invisible": [*token_key, "--stamp", "invisible"],
                "PKCS#12 file, visible stamp": ["--sign", "--pkcs12", str(pki.signer_p12),
                                                "--stamp", "visible"]}
        if not args.all_keys:
            keys = dict(list(keys.items())[:2])
        cache = folder / "cache"  # the stamp font cut by the first signing process, kept
        secrets = {label: (P12_PASSPHRASE if "--pkcs12" in extra else PIN)
                   for label, extra in keys.items()}
        jobs = ["--jobs", str(args.jobs)]
        python = [sys.executable, "-m", "cli"]
        variants: dict[str, list[str]] = {
            f"pack --dossier (workspace dossier of {counts[dossier_id]} pages)":
                [*python, "--workspace", "{ws}", "pack", "--dossier", str(dossier_id),
                 "--allow-missing", "benchmark", "--out", "{out}", *jobs]}
        if args.folder:
            variants[f"pack FOLDER ({args.pages} pages, recognised each run)"] = [
                *python, "pack", "--out", "{out}", *jobs, str(pages)]
        ok = True
        verdict: dict[tuple[str, str], tuple[float, float, bool]] = {}
        kept = folder / "unsigned-pdfs"  # an unsigned pack's PDFs, signed alone below
        print(f"fresh processes, --jobs {args.jobs}, {args.repeat} runs each, turns taken:")
        for label, command in variants.items():
            runs = [("unsigned", None), *keys.items()]
            wall: dict[str, list[float]] = {name: [] for name, _ in runs}
            cpu: dict[str, list[float]] = {name: [] for name, _ in runs}
            for run in range(args.repeat + 1):  # the first round warms the disk cache
                for number, (name, extra) in enumerate(runs):
                    work = folder / f"run-{run}-{number}"
                    shutil.copytree(template, work / "ws")
                    argv = [a.replace("{ws}", str(work / "ws")).replace("{out}", str(work / "out"))
                            for a in command]
                    if extra is not None:
                        argv = [*argv[:argv.index("pack") + 1], *extra,
                                *argv[argv.index("pack") + 1:]]
                    env["SOHOA_SIGN_PIN"] = secrets.get(name, PIN)
                    env["XDG_CACHE_HOME"] = str(work / "cache" if "first run" in name
                                                else cache)
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True,
                                          text=True, check=False)
                    elapsed = time.perf_counter() - start
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    if done.returncode != 0:
                        print(f"  {' '.join(argv)}: exit {done.returncode}\n{done.stderr}")
                        return 2
                    if extra is None and not kept.exists():
                        _keep_pdfs(Path(done.stdout.split()[0]), kept)
                    if extra is not None:
                        package = Path(done.stdout.split()[0])
                        check = subprocess.run(
                            [*python, "verify", "--require-signature", str(package)],
                            cwd=repo, env=env, capture_output=True, text=True, check=False)
                        assert check.returncode == 0, check.stderr
                    shutil.rmtree(work)
                    if run:
                        wall[name].append(elapsed)
                        cpu[name].append(after.ru_utime + after.ru_stime
                                         - before.ru_utime - before.ru_stime)
            base_wall = statistics.median(wall["unsigned"])
            base_cpu = min(cpu["unsigned"])
            print(f"  {label}: unsigned {base_wall:.2f} s wall (median; runs "
                  f"{', '.join(f'{w:.2f}' for w in wall['unsigned'])}), {base_cpu:.2f} s CPU "
                  f"(least; runs {', '.join(f'{c:.2f}' for c in cpu['unsigned'])})")
            for name, _ in runs[1:]:
                added_wall = statistics.median(wall[name]) - base_wall
                added_cpu = min(cpu[name]) - base_cpu
                added_median = statistics.median(cpu[name]) - statistics.median(cpu["unsigned"])
                met = added_cpu < TARGET_S
                ok = ok and met
                verdict[label, name] = (added_cpu, added_wall, met)
                print(f"    {name}: {statistics.median(wall[name]):.2f} s wall (runs "
                      f"{', '.join(f'{w:.2f}' for w in wall[name])}), {min(cpu[name]):.2f} s "
                      f"CPU (runs {', '.join(f'{c:.2f}' for c in cpu[name])}); signing adds "
                      f"{added_cpu:+.2f} s CPU (least vs least; {added_median:+.2f} median vs "
                      f"median), {added_wall:+.2f} s wall (median vs median)  target < "
                      f"{TARGET_S:.0f} s CPU: {'met' if met else 'NOT met'}")
        # Signing alone, in fresh processes that first import what an unsigned pack has
        # loaded: the same work the signed commands add (opening the key with its imports,
        # signing and checking each PDF), without the pages' conversion around it, whose
        # CPU time varies by more than signing costs on a loaded machine.
        alone: dict[str, list[float]] = {name: [] for name in keys}
        for _ in range(2 * args.repeat):
            for name, extra in keys.items():
                env["SOHOA_SIGN_PIN"] = secrets[name]
                env["XDG_CACHE_HOME"] = str(folder / "cache-alone" if "first run" in name
                                            else cache)
                shutil.rmtree(folder / "cache-alone", ignore_errors=True)
                done = subprocess.run([sys.executable, "-c", _SIGN_ALONE, str(kept),
                                       str(folder / "alone"), *extra], cwd=repo, env=env,
                                      capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(f"  signing alone ({name}): exit {done.returncode}\n{done.stderr}")
                    return 2
                alone[name].append(float(done.stdout.split()[-1]))
        documents = len(list(kept.glob("*.pdf")))
        print(f"  signing alone, fresh processes ({documents} PDFs of the unsigned pack, "
              f"{2 * args.repeat} runs each; least CPU s, median):")
        for name, spent in alone.items():
            print(f"    {name}: {min(spent):.2f} s CPU ({statistics.median(spent):.2f} median)")
            verdict["signing alone", name] = (min(spent), float("nan"), min(spent) < TARGET_S)
        pki.close()
    one, five, _ = os.getloadavg()
    print(f"  [load {one:.1f} (5 min {five:.1f}): a shared machine disturbs wall time, and "
          "CPU time a little; CPU time is the commands' own]")
    print(f"target (issue 18): {TARGET}")
    for (label, name), (added_cpu, added_wall, met) in verdict.items():
        if name.startswith("token (SoftHSM2), visible stamp"):
            wall_text = "" if added_wall != added_wall else f" ({added_wall:+.2f} s wall)"
            print(f"  {label.split(' (')[0]}, {name}: signing adds {added_cpu:.2f} s CPU"
                  f"{wall_text} to a fresh sohoa pack  < {TARGET_S:.0f} s: "
                  f"{'met' if met else 'NOT met'}")
    return 0 if ok else 1


# A fresh process that signs the PDFs of an unsigned pack as ``sohoa pack --sign`` does,
# after importing what an unsigned pack has loaded; prints the CPU time signing took.
_SIGN_ALONE = """
import shutil, sys, time
from datetime import UTC, datetime
from pathlib import Path

import cli.cmd_pack, dossier.packing, pdfa, records, storage  # loaded by an unsigned pack

start = time.process_time()
from dossier.signing import KeyChoice, signing_options
from records import DossierSpec, open_signer_ahead
from records.signing import quick_signatures

source, work, *extra = sys.argv[1:]
value = dict(zip(extra[1::2], extra[2::2]))
choice = KeyChoice(pkcs11_lib=value.get("--pkcs11-lib"), token=value.get("--token"),
                   key=value.get("--key"), stamp=value.get("--stamp"),
                   pkcs12=Path(value["--pkcs12"]) if "--pkcs12" in value else None)
import os
spec = DossierSpec(documents=(), digitised_by="Trần Thị Bình",
                   digitised_at=datetime(2025, 1, 1, tzinfo=UTC), agency_id="000.00.06.H56")
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(source, work)
with open_signer_ahead(signing_options(None, choice), os.environ["SOHOA_SIGN_PIN"]) as signer:
    for pdf in sorted(Path(work).glob("*.pdf")):
        signer.sign(pdf, spec, None)
        data = pdf.read_bytes()
        assert not pdfa.check_signed_update(data)
        assert quick_signatures(data).ok
print(time.process_time() - start)
"""


def _keep_pdfs(package: Path, folder: Path) -> None:
    import zipfile

    folder.mkdir(parents=True)
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            if name.endswith(".pdf"):
                (folder / Path(name).name).write_bytes(archive.read(name))


class _Timed:
    """A signer that adds up the CPU time spent in the wrapped signer's calls."""

    def __init__(self, signer: object) -> None:
        self.signer = signer
        self.cpu = 0.0

    def sign(self, pdf: Path, dossier: object, document: object) -> None:
        start = time.process_time()
        try:
            self.signer.sign(pdf, dossier, document)  # type: ignore[attr-defined]
        finally:
            self.cpu += time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
