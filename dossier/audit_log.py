"""Reading, checking and exporting the audit log: every look at it is itself logged."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storage import ChainReport, Workspace
from storage.audit import write_csv
from storage.model import OVERSIGHT_ROLES, AuditEntry


def entries(ws: Workspace, *, user: str | None = None, since: str | None = None,
            until: str | None = None, dossier: str | None = None, subject: str | None = None,
            limit: int | None = None) -> list[AuditEntry]:
    """Entries oldest first, filtered; leaders and admins only. The look is logged."""
    ws.require(*OVERSIGHT_ROLES, action="audit.view")
    found = ws.audit.entries(user=user, since=since, until=until, dossier=dossier,
                             subject=subject, limit=limit)
    wanted = {"user": user, "since": since, "until": until, "dossier": dossier,
              "subject": subject}
    shown = ", ".join(f"{k}={v}" for k, v in wanted.items() if v) or "all"
    ws.audit.record("audit.view", dossier=dossier, subject=subject,
                    detail=f"{shown} ({len(found)} entries)")
    return found


def verify_chain(ws: Workspace) -> ChainReport:
    """Walk the log's chain of MACs; the check is logged with its outcome."""
    ws.require(*OVERSIGHT_ROLES, action="audit.verify")
    report = ws.audit.verify()
    ws.audit.record("audit.verify", outcome="ok" if report.ok else "failed",
                    detail=report.message())
    return report


def export_csv(ws: Workspace, found: Sequence[AuditEntry], target: Path) -> int:
    """Write entries to a CSV file a person asked for (an export: logged)."""
    write_csv(found, Path(target))
    ws.audit.record("audit.export", detail=f"{len(found)} entries to {Path(target).name}")
    return len(found)
