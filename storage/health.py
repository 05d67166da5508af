"""Workspace health check: everything in the workspace that can be wrong, each problem named.

Database integrity, blob hashes, pages with their blobs, batches cut short,
pages in no dossier or in two, outbox packages and records whose bytes are gone
or altered. ``dossier.repair`` fixes what can be fixed without guessing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from storage import pages as page_store
from storage.locks import batch_lock_name, is_busy
from storage.model import Batch, BatchPlan, PageState, UploadState
from storage.workspace import Workspace


class Finding(enum.StrEnum):
    DATABASE = "database"
    BLOB_DAMAGED = "blob_damaged"
    BLOB_MISSING = "blob_missing"
    BATCH_INTERRUPTED = "batch_interrupted"
    PAGE_NOT_RECOGNISED = "page_not_recognised"
    PAGE_IN_NO_DOSSIER = "page_in_no_dossier"
    PAGE_IN_TWO_DOSSIERS = "page_in_two_dossiers"
    OUTBOX_PACKAGE_MISSING = "outbox_package_missing"
    OUTBOX_PACKAGE_ALTERED = "outbox_package_altered"
    RECORD_MISSING = "record_missing"
    AUDIT_CHAIN = "audit_chain"
    REPORT_SUMMARY = "report_summary"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, named for people in ``text``; ``subject`` is the row it is about."""

    kind: Finding
    text: str
    subject: int | str | None = None


@dataclass
class HealthReport:
    ok: bool = True
    pages: int = 0
    dossiers: int = 0
    problems: list[str] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    in_progress: list[int] = field(default_factory=list)   # batches a live process works on

    def problem(self, text: str, kind: Finding = Finding.DATABASE,
                subject: int | str | None = None) -> None:
        self.ok = False
        self.problems.append(text)
        self.findings.append(Problem(kind, text, subject))

    def of_kind(self, kind: Finding) -> list[Problem]:
        return [f for f in self.findings if f.kind == kind]


# Outbox states whose package must still be in the workspace to be sent (or retried).
_OUTBOX_NEEDS_BYTES = (UploadState.QUEUED, UploadState.UPLOADING, UploadState.FAILED)


def check_workspace(ws: Workspace) -> HealthReport:
    report = HealthReport()
    for (result,) in ws.conn.execute("PRAGMA integrity_check"):
        if result != "ok":
            report.problem(f"database: {result}")
    for row in ws.conn.execute("PRAGMA foreign_key_check"):
        report.problem(f"database: broken reference in {row[0]} row {row[1]}")
    report.pages = ws.conn.execute("SELECT COUNT(*) FROM page WHERE deleted = 0").fetchone()[0]
    report.dossiers = ws.conn.execute("SELECT COUNT(*) FROM dossier").fetchone()[0]
    _check_blobs(ws, report)
    unfinished = _check_batches(ws, report)
    _check_dossier_pages(ws, report, unfinished)
    chain = ws.audit.verify()
    if not chain.ok:
        report.problem(chain.message(), Finding.AUDIT_CHAIN, chain.first_broken)
    _check_report_summary(ws, report)
    return report


def _check_report_summary(ws: Workspace, report: HealthReport) -> None:
    """The report's summary table agrees with the tables it is computed from."""
    from storage import reports

    count, first = reports.differences(ws.conn)
    if count:
        report.problem(f"report summary: {count} received dossier(s) counted wrong "
                       f"({'; '.join(first)}{'; …' if count > len(first) else ''})",
                       Finding.REPORT_SUMMARY, count)


def _check_blobs(ws: Workspace, report: HealthReport) -> None:
    referenced: dict[str, list[tuple[Finding, str, int | str]]] = {}

    def need(sha: str | None, kind: Finding, owner: str, subject: int | str) -> None:
        if sha:
            referenced.setdefault(sha, []).append((kind, owner, subject))

    for page_id, source_sha, image_sha, words_sha, clean_sha in ws.conn.execute(
        "SELECT id, source_sha, image_sha, words_sha, clean_sha FROM page"
    ):
        for role, sha in (
            ("original", source_sha),
            ("image", image_sha),
            ("words", words_sha),
            ("cleaned image", clean_sha),
        ):
            need(sha, Finding.BLOB_MISSING, f"page {page_id} ({role})", page_id)
    for record_id, sha, name in ws.conn.execute("SELECT id, package_sha, package_name FROM record"):
        need(sha, Finding.RECORD_MISSING, f"record {record_id} ({name})", record_id)
    marks = ",".join("?" * len(_OUTBOX_NEEDS_BYTES))
    for job_id, sha, name in ws.conn.execute(
        f"SELECT id, package_sha256, filename FROM upload_job WHERE state IN ({marks})",
        [str(s) for s in _OUTBOX_NEEDS_BYTES],
    ):
        need(sha, Finding.OUTBOX_PACKAGE_MISSING, f"outbox job {job_id} ({name})", job_id)
    for item_id, sha in ws.conn.execute("SELECT id, blob_sha FROM reuse_item"):
        need(sha, Finding.BLOB_MISSING, f"document on file {item_id}", item_id)

    # Stored names are keyed in an encrypted workspace: go from the database's
    # hashes to the files, and authenticate and hash each one.
    present = set()
    for sha in referenced:
        if not ws.blobs.has(sha):
            continue
        present.add(sha)
        if ws.blobs.verify(sha):
            continue
        owners = referenced.get(sha, [])
        outbox = [o for o in owners if o[0] == Finding.OUTBOX_PACKAGE_MISSING]
        for _kind, owner, subject in outbox:
            report.problem(f"{owner}: package altered (its sha256 no longer matches)",
                           Finding.OUTBOX_PACKAGE_ALTERED, subject)
        named = ", ".join(o[1] for o in owners if o not in outbox)
        if named or not outbox:
            report.problem(
                f"blob {sha[:12]}: content does not match its sha256 (damaged file)"
                + (f", used by {named}" if named else ""),
                Finding.BLOB_DAMAGED, sha,
            )
    for sha, owners in sorted(referenced.items(), key=lambda kv: kv[1][0][1]):
        if sha in present:
            continue
        for kind, owner, subject in owners:
            what = "package" if kind != Finding.BLOB_MISSING else "blob"
            report.problem(f"{owner}: {what} {sha[:12]} is missing", kind, subject)
    # Temporary files in blobs/tmp are invisible partial writes (a writer at
    # work, or one killed before its rename); they are not part of the
    # workspace and are removed when it is next opened.


def _check_batches(ws: Workspace, report: HealthReport) -> set[int]:
    """Batches short of their plan: in progress elsewhere, or interrupted (a problem)."""
    unfinished = set()
    for batch in page_store.unfinished_batches(ws):
        unfinished.add(batch.id)
        if is_busy(ws.root, batch_lock_name(batch.id)):
            report.in_progress.append(batch.id)
            continue
        again = page_store.get_batch(ws, batch.id)   # it may have finished meanwhile
        if again is not None and again.finished:
            unfinished.discard(batch.id)
            continue
        report.problem(_interrupted(ws, batch), Finding.BATCH_INTERRUPTED, batch.id)
    for page_id, batch_id in ws.conn.execute(
        "SELECT p.id, p.batch_id FROM page p JOIN batch b ON b.id = p.batch_id "
        "WHERE p.state = ? AND p.deleted = 0 AND b.plan != 'import' "
        "AND b.state IN ('processed', 'assembled')",
        (PageState.NEW,),
    ):
        report.problem(
            f"page {page_id} (batch {batch_id}): not recognised though its batch is finished",
            Finding.PAGE_NOT_RECOGNISED, page_id,
        )
    return unfinished


def _interrupted(ws: Workspace, batch: Batch) -> str:
    pages = page_store.list_pages(ws, batch.id)
    left = page_store.work_left(ws, batch)
    parts = [f"{len(pages)} page(s)"]
    if left.files:
        parts.append(f"{left.files} file(s) not yet imported")
    if left.recognise:
        parts.append(f"{left.recognise} page(s) not yet recognised")
    if left.assemble:
        parts.append(f"{left.assemble} page(s) not yet in a dossier")
    return (f"batch {batch.id}: interrupted while {batch.state} ({', '.join(parts)}); "
            f"`sohoa check --repair` finishes it")


def _check_dossier_pages(ws: Workspace, report: HealthReport, unfinished: set[int]) -> None:
    for page_id, name, dossiers, documents in ws.conn.execute(
        "SELECT p.id, p.source_name, GROUP_CONCAT(DISTINCT d.dossier_id), COUNT(*) "
        "FROM page p JOIN document_page dp ON dp.page_id = p.id "
        "JOIN document d ON d.id = dp.document_id WHERE p.deleted = 0 "
        "GROUP BY p.id HAVING COUNT(*) > 1"
    ):
        owners = sorted(int(x) for x in str(dossiers).split(","))
        where = (f"dossiers {', '.join(map(str, owners))}" if len(owners) > 1
                 else f"{documents} documents of dossier {owners[0]}")
        report.problem(f"page {page_id} ({name}): in {where}", Finding.PAGE_IN_TWO_DOSSIERS,
                       page_id)
    for batch in page_store.list_batches(ws):
        if not batch.plan.assembles or batch.id in unfinished:
            continue
        for page in page_store.pages_without_dossier(ws, batch.id):
            report.problem(f"page {page.id} ({page.source_name}, batch {batch.id}): "
                           "in no dossier", Finding.PAGE_IN_NO_DOSSIER, page.id)
        if batch.plan == BatchPlan.ASSEMBLE:
            # One dossier of the whole batch has no separator sheets: a page left out
            # (a blank page, by an older assembly) is a page in no dossier.
            for page in page_store.left_out_pages(ws, batch.id):
                report.problem(f"page {page.id} ({page.source_name}, batch {batch.id}): "
                               f"in no dossier (left out as {page.left_out})",
                               Finding.PAGE_IN_NO_DOSSIER, page.id)
