"""``sohoa check --repair``: fix what the health check found, where no guess is needed.

Interrupted batches are finished; pages an assembled batch left out by
accident join the one dossier the batch became; outbox packages and records
whose bytes were lost are restored from a file with the very same sha256. The
rest (a damaged original, a page in two dossiers) is reported for a person.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dossier.batches import BatchRun, batch_lock, resume_interrupted
from dossier.processing import process_pages
from storage import HealthReport, Workspace, check_workspace, sha256_file
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.health import Finding

__all__ = ["HealthReport", "RepairReport", "check_workspace", "repair_workspace"]


@dataclass
class RepairReport:
    fixed: list[str] = field(default_factory=list)
    after: HealthReport = field(default_factory=HealthReport)


def repair_workspace(ws: Workspace, *, jobs: int | None = None,
                     on_notice: Callable[[str], None] | None = None,
                     cancel: threading.Event | None = None) -> RepairReport:
    """Repair what can be repaired, then check again; ``after`` lists what is left."""
    report = RepairReport()
    for done in resume_interrupted(ws, jobs=jobs, on_notice=on_notice, cancel=cancel):
        report.fixed.append(f"batch {done.batch_id}: finished"
                            + (f" (dossier {', '.join(map(str, done.dossier_ids))})"
                               if done.dossier_ids else ""))
    before = check_workspace(ws)
    _recognise(ws, before, report, jobs)
    _reattach(ws, before, report)
    _restore_outbox(ws, before, report)
    _restore_records(ws, before, report)
    if before.of_kind(Finding.REPORT_SUMMARY):
        from storage import reports as report_store

        units = report_store.rebuild(ws.conn)
        report.fixed.append(f"report summary: recomputed ({units} received dossiers)")
    report.after = check_workspace(ws)
    return report


def _recognise(ws: Workspace, health: HealthReport, report: RepairReport,
               jobs: int | None) -> None:
    page_ids = [int(p.subject) for p in health.of_kind(Finding.PAGE_NOT_RECOGNISED)
                if p.subject is not None]
    if page_ids:
        done, failed = process_pages(ws, page_ids, jobs=jobs)
        report.fixed.append(f"{done + failed} page(s) recognised ({failed} could not be read)")


def _reattach(ws: Workspace, health: HealthReport, report: RepairReport) -> None:
    """A page of a one-dossier batch in no dossier belongs to that dossier: append it."""
    by_batch: dict[int, list[int]] = {}
    for problem in health.of_kind(Finding.PAGE_IN_NO_DOSSIER):
        page = page_store.get_page(ws, int(problem.subject or 0))
        if page is not None:
            by_batch.setdefault(page.batch_id, []).append(page.id)
    for batch_id, page_ids in by_batch.items():
        batch = page_store.get_batch(ws, batch_id)
        dossiers = [int(r[0]) for r in ws.conn.execute(
            "SELECT id FROM dossier WHERE batch_id = ? ORDER BY id", (batch_id,))]
        if batch is None or not batch.plan.assembles:
            continue
        lock = batch_lock(ws, batch_id)
        if not lock.acquire(0):
            continue
        run = BatchRun(batch_id, lock)
        try:
            if not dossiers:
                from dossier.batches import _assemble

                made = _assemble(ws, batch)
                report.fixed.append(f"batch {batch_id}: assembled into dossier "
                                    f"{', '.join(map(str, made))}")
            elif len(dossiers) == 1:
                pages = [page_store.get_page(ws, i) for i in page_ids]
                blank = [p.id for p in pages if p is not None and p.blank]
                rest = [i for i in page_ids if i not in blank]
                if rest:
                    dossier_store.add_document(ws, dossiers[0], rest)
                for page_id in blank:  # each a document of unknown type, for the clerk
                    dossier_store.add_document(ws, dossiers[0], [page_id],
                                               fields={"flags": ["blank"]})
                report.fixed.append(f"page(s) {', '.join(map(str, page_ids))}: attached to "
                                    f"dossier {dossiers[0]} (batch {batch_id}), as a document "
                                    "to sort")
            # Several dossiers: which one a page belongs to would be a guess.
        finally:
            run.done()


def _restore_from(ws: Workspace, candidates: list[Path], sha: str) -> Path | None:
    """Put back blob ``sha`` from the first candidate file with exactly that content."""
    for path in candidates:
        try:
            if not (path.is_file() and sha256_file(path) == sha):
                continue
            if ws.blobs.has(sha) and not ws.blobs.verify(sha):
                ws.blobs.path(sha).unlink()   # the altered copy gives way to the good one
            ws.blobs.put_file(path, sha)
            return path
        except OSError:
            continue
    return None


def _restore_outbox(ws: Workspace, health: HealthReport, report: RepairReport) -> None:
    subjects = {int(p.subject) for p in health.findings
                if p.kind in (Finding.OUTBOX_PACKAGE_MISSING, Finding.OUTBOX_PACKAGE_ALTERED)
                and p.subject is not None}
    for job_id in sorted(subjects):
        row = ws.conn.execute("SELECT package_sha256, package_path, filename FROM upload_job "
                              "WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            continue
        sha = str(row[0])
        found = _restore_from(ws, [Path(row[1]), ws.root / "records" / str(row[2])], sha)
        if found is not None:
            report.fixed.append(f"outbox job {job_id} ({row[2]}): package restored from {found}")


def _restore_records(ws: Workspace, health: HealthReport, report: RepairReport) -> None:
    for problem in health.of_kind(Finding.RECORD_MISSING):
        row = ws.conn.execute("SELECT package_sha, package_name FROM record WHERE id = ?",
                              (problem.subject,)).fetchone()
        if row is None or ws.blobs.has(str(row[0])):
            continue
        found = _restore_from(ws, [ws.root / "records" / str(row[1])], str(row[0]))
        if found is not None:
            report.fixed.append(f"record {problem.subject} ({row[1]}): restored from {found}")
