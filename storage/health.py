"""Workspace health check: database integrity, blob hashes, pages with their blobs."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.workspace import Workspace


@dataclass
class HealthReport:
    ok: bool = True
    pages: int = 0
    dossiers: int = 0
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.ok = False
        self.problems.append(text)


def check_workspace(ws: Workspace) -> HealthReport:
    report = HealthReport()
    for (result,) in ws.conn.execute("PRAGMA integrity_check"):
        if result != "ok":
            report.problem(f"database: {result}")
    for row in ws.conn.execute("PRAGMA foreign_key_check"):
        report.problem(f"database: broken reference in {row[0]} row {row[1]}")
    report.pages = ws.conn.execute("SELECT COUNT(*) FROM page").fetchone()[0]
    report.dossiers = ws.conn.execute("SELECT COUNT(*) FROM dossier").fetchone()[0]

    referenced: dict[str, str] = {}
    for page_id, source_sha, image_sha, words_sha, clean_sha in ws.conn.execute(
        "SELECT id, source_sha, image_sha, words_sha, clean_sha FROM page"
    ):
        for role, sha in (
            ("original", source_sha),
            ("image", image_sha),
            ("words", words_sha),
            ("cleaned image", clean_sha),
        ):
            if sha:
                referenced.setdefault(sha, f"page {page_id} ({role})")
    for (sha,) in ws.conn.execute("SELECT package_sha FROM record"):
        referenced.setdefault(sha, "record package")
    for item_id, sha in ws.conn.execute("SELECT id, blob_sha FROM reuse_item"):
        referenced.setdefault(sha, f"document on file {item_id}")

    present = set()
    for sha in ws.blobs:
        present.add(sha)
        if not ws.blobs.verify(sha):
            report.problem(f"blob {sha[:12]}: content does not match its sha256 (damaged file)")
    for sha, owner in sorted(referenced.items(), key=lambda kv: kv[1]):
        if sha not in present:
            report.problem(f"{owner}: blob {sha[:12]} is missing")
    # Temporary files in blobs/tmp are invisible partial writes (a writer at
    # work, or one killed before its rename); they are not part of the
    # workspace and are removed when it is next opened.
    return report
