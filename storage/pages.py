"""Batches and pages in the workspace database."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from storage.database import transaction
from storage.model import Batch, BatchPlan, BatchProblem, BatchState, Page, PageState
from storage.search import index_page_text
from storage.workspace import Workspace, now_iso


@dataclass(frozen=True)
class NewPage:
    """A page image ready to be recorded; its blobs are already in the store."""

    source_sha: str
    source_page: int
    image_sha: str
    source_name: str
    media_type: str
    width: int
    height: int
    dpi: int | None


@dataclass(frozen=True)
class OcrOutcome:
    """What processing learnt about a page, to be stored on it."""

    rotation: int
    skew: float | None
    blank: bool
    text: str
    confidence: float | None
    words_sha: str | None
    clean_sha: str | None
    orientation_unsure: bool = False


def create_batch(
    ws: Workspace,
    source: str = "files",
    label: str | None = None,
    *,
    plan: BatchPlan = BatchPlan.IMPORT,
    inputs: Sequence[str] = (),
    before_commit: Callable[[int], None] | None = None,
) -> int:
    """A new batch in state ``importing``, with the input paths it was started with.

    Without a ``plan`` it promises pages only: whoever adds them does the rest.

    ``before_commit(batch_id)`` runs before the row becomes visible to other
    connections: the place to take the batch's lock, so no other process ever
    sees the new batch unowned (and takes it for an interrupted one).
    """
    with transaction(ws.conn):
        cur = ws.conn.execute(
            "INSERT INTO batch (created_at, source, state, label, plan) VALUES (?, ?, ?, ?, ?)",
            (now_iso(), source, BatchState.IMPORTING, label, plan),
        )
        batch_id = int(cur.lastrowid or 0)
        ws.conn.executemany(
            "INSERT INTO batch_input (batch_id, seq, path) VALUES (?, ?, ?)",
            [(batch_id, seq, path) for seq, path in enumerate(inputs, start=1)],
        )
        ws.log("batch.create", f"batch:{batch_id}", source)
        if before_commit is not None:
            before_commit(batch_id)
    return batch_id


def set_batch_state(ws: Workspace, batch_id: int, state: BatchState) -> None:
    with transaction(ws.conn):
        ws.conn.execute("UPDATE batch SET state = ? WHERE id = ?", (state, batch_id))


def set_batch_plan(ws: Workspace, batch_id: int, plan: BatchPlan) -> None:
    with transaction(ws.conn):
        ws.conn.execute("UPDATE batch SET plan = ? WHERE id = ?", (plan, batch_id))
        ws.log("batch.plan", f"batch:{batch_id}", str(plan))


def finish_batch_state(ws: Workspace, batch_id: int, state: BatchState) -> None:
    """The batch reached the last state its plan asks for."""
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE batch SET state = ?, finished_at = ? WHERE id = ?",
            (state, now_iso(), batch_id),
        )


def mark_assembled(ws: Workspace, batch_id: int, left_out: Mapping[int, str]) -> None:
    """Assembly of the batch is done; ``left_out`` pages (cover, separator) stay in no dossier.

    Call inside the transaction that wrote the dossiers, so that both land or neither.
    """
    with transaction(ws.conn):
        ws.conn.executemany(
            "UPDATE page SET left_out = ? WHERE id = ?",
            [(reason, page_id) for page_id, reason in left_out.items()],
        )
        ws.conn.execute(
            "UPDATE batch SET state = ?, finished_at = ? WHERE id = ?",
            (BatchState.ASSEMBLED, now_iso(), batch_id),
        )


def pending_inputs(ws: Workspace, batch_id: int) -> list[tuple[int, str]]:
    """Input paths of the batch not yet imported: ``(input_id, path)`` in order."""
    rows = ws.conn.execute(
        "SELECT id, path FROM batch_input WHERE batch_id = ? AND done = 0 ORDER BY seq",
        (batch_id,),
    )
    return [(int(r[0]), str(r[1])) for r in rows]


def add_inputs(ws: Workspace, batch_id: int, paths: Sequence[str]) -> None:
    with transaction(ws.conn):
        start = ws.conn.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM batch_input WHERE batch_id = ?", (batch_id,)
        ).fetchone()[0]
        ws.conn.executemany(
            "INSERT INTO batch_input (batch_id, seq, path) VALUES (?, ?, ?)",
            [(batch_id, start + i, path) for i, path in enumerate(paths, start=1)],
        )


def mark_input_done(ws: Workspace, batch_id: int, path: str) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE batch_input SET done = 1 WHERE batch_id = ? AND path = ?", (batch_id, path)
        )


def drop_pending_inputs(ws: Workspace, batch_id: int) -> None:
    """Forget the inputs not yet imported (the import was cancelled on purpose)."""
    with transaction(ws.conn):
        ws.conn.execute("DELETE FROM batch_input WHERE batch_id = ? AND done = 0", (batch_id,))


def drop_empty_batch(ws: Workspace, batch_id: int) -> bool:
    """Remove a batch that got no page and no problem (everything was already there)."""
    with transaction(ws.conn):
        busy = ws.conn.execute(
            "SELECT (SELECT COUNT(*) FROM page WHERE batch_id = :b) "
            "+ (SELECT COUNT(*) FROM batch_problem WHERE batch_id = :b) "
            "+ (SELECT COUNT(*) FROM dossier WHERE batch_id = :b) "
            "+ (SELECT COUNT(*) FROM watch_file WHERE batch_id = :b)",
            {"b": batch_id},
        ).fetchone()[0]
        if busy:
            return False
        ws.conn.execute("DELETE FROM batch WHERE id = ?", (batch_id,))
        ws.log("batch.drop", f"batch:{batch_id}", "nothing new")
    return True


def existing_page(ws: Workspace, source_sha: str, source_page: int) -> Page | None:
    row = ws.conn.execute(
        "SELECT * FROM page WHERE source_sha = ? AND source_page = ?", (source_sha, source_page)
    ).fetchone()
    return Page.from_row(row) if row else None


def pages_without_dossier(ws: Workspace, batch_id: int) -> list[Page]:
    """Live pages of the batch in no dossier that assembly did not leave out on purpose."""
    rows = ws.conn.execute(
        "SELECT * FROM page WHERE batch_id = ? AND deleted = 0 AND left_out IS NULL "
        "AND id NOT IN (SELECT page_id FROM document_page) ORDER BY seq",
        (batch_id,),
    )
    return [Page.from_row(r) for r in rows]


def left_out_pages(ws: Workspace, batch_id: int) -> list[Page]:
    """Live pages of the batch that assembly left out of every dossier (cover, separator)."""
    rows = ws.conn.execute(
        "SELECT * FROM page WHERE batch_id = ? AND deleted = 0 AND left_out IS NOT NULL "
        "AND id NOT IN (SELECT page_id FROM document_page) ORDER BY seq",
        (batch_id,),
    )
    return [Page.from_row(r) for r in rows]


def dossiers_of_page(ws: Workspace, page_id: int) -> list[int]:
    rows = ws.conn.execute(
        "SELECT DISTINCT d.dossier_id FROM document_page p JOIN document d "
        "ON d.id = p.document_id WHERE p.page_id = ? ORDER BY 1",
        (page_id,),
    )
    return [int(r[0]) for r in rows]


def record_problem(ws: Workspace, batch_id: int, item: str, reason: str) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO batch_problem (batch_id, item, reason, at) VALUES (?, ?, ?, ?)",
            (batch_id, item, reason, now_iso()),
        )
        ws.log("import.reject", item, reason)


def add_pages(ws: Workspace, batch_id: int, pages: list[NewPage]) -> list[tuple[int, bool]]:
    """Record the pages of one source file in one transaction.

    Returns ``(page_id, created)`` for each; a page already in the workspace
    (same source file content and page index) is not added again.
    """
    results: list[tuple[int, bool]] = []
    with transaction(ws.conn):
        next_seq = ws.conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM page WHERE batch_id = ?", (batch_id,)
        ).fetchone()[0]
        for new in pages:
            row = ws.conn.execute(
                "SELECT id FROM page WHERE source_sha = ? AND source_page = ?",
                (new.source_sha, new.source_page),
            ).fetchone()
            if row:
                results.append((int(row[0]), False))
                continue
            cur = ws.conn.execute(
                "INSERT INTO page (batch_id, seq, source_sha, source_page, image_sha, "
                "source_name, media_type, width, height, dpi, state, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    batch_id,
                    next_seq,
                    new.source_sha,
                    new.source_page,
                    new.image_sha,
                    new.source_name,
                    new.media_type,
                    new.width,
                    new.height,
                    new.dpi,
                    PageState.NEW,
                    now_iso(),
                ),
            )
            next_seq += 1
            results.append((int(cur.lastrowid or 0), True))
        added = sum(1 for _, created in results if created)
        if added:
            ws.log("page.import", f"batch:{batch_id}", f"{pages[0].source_name}: {added} page(s)")
    return results


def store_ocr(ws: Workspace, page_id: int, outcome: OcrOutcome) -> None:
    """Store a page's recognition result and index its text, in one transaction."""
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE page SET state = ?, rotation = ?, skew = ?, blank = ?, text = ?, "
            "confidence = ?, words_sha = ?, clean_sha = ?, error = NULL, processed_at = ?, "
            "orientation_unsure = ? WHERE id = ?",
            (
                PageState.PROCESSED,
                outcome.rotation,
                outcome.skew,
                int(outcome.blank),
                outcome.text,
                outcome.confidence,
                outcome.words_sha,
                outcome.clean_sha,
                now_iso(),
                int(outcome.orientation_unsure),
                page_id,
            ),
        )
        index_page_text(ws.conn, page_id, outcome.text)


def store_page_error(ws: Workspace, page_id: int, reason: str) -> None:
    with transaction(ws.conn):
        ws.conn.execute(
            "UPDATE page SET state = ?, error = ?, processed_at = ? WHERE id = ?",
            (PageState.FAILED, reason, now_iso(), page_id),
        )
        ws.log("page.fail", f"page:{page_id}", reason)


def update_page_text(ws: Workspace, page_id: int, text: str) -> None:
    """A clerk corrected the recognised text."""
    with transaction(ws.conn):
        ws.conn.execute("UPDATE page SET text = ? WHERE id = ?", (text, page_id))
        index_page_text(ws.conn, page_id, text)
        ws.log("page.edit_text", f"page:{page_id}")


def set_page_rotation(ws: Workspace, page_id: int, rotation: int) -> None:
    with transaction(ws.conn):
        # A person turned it: which way is up is settled.
        ws.conn.execute("UPDATE page SET rotation = ?, orientation_unsure = 0 WHERE id = ?",
                        (rotation % 360, page_id))
        ws.log("page.rotate", f"page:{page_id}", str(rotation % 360))


def set_page_deleted(ws: Workspace, page_id: int, deleted: bool) -> None:
    with transaction(ws.conn):
        ws.conn.execute("UPDATE page SET deleted = ? WHERE id = ?", (int(deleted), page_id))
        ws.log("page.delete" if deleted else "page.restore", f"page:{page_id}")


def reorder_pages(ws: Workspace, batch_id: int, page_ids: list[int]) -> None:
    with transaction(ws.conn):
        for seq, page_id in enumerate(page_ids, start=1):
            ws.conn.execute(
                "UPDATE page SET seq = ? WHERE id = ? AND batch_id = ?", (seq, page_id, batch_id)
            )
        ws.log("page.reorder", f"batch:{batch_id}")


def get_page(ws: Workspace, page_id: int) -> Page | None:
    row = ws.conn.execute("SELECT * FROM page WHERE id = ?", (page_id,)).fetchone()
    return Page.from_row(row) if row else None


def list_pages(
    ws: Workspace, batch_id: int | None = None, *, include_deleted: bool = False
) -> list[Page]:
    sql = "SELECT * FROM page"
    clauses, args = [], []
    if batch_id is not None:
        clauses.append("batch_id = ?")
        args.append(batch_id)
    if not include_deleted:
        clauses.append("deleted = 0")
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY batch_id, seq"
    return [Page.from_row(r) for r in ws.conn.execute(sql, args)]


def pages_needing_processing(ws: Workspace, batch_id: int | None = None) -> list[Page]:
    return [p for p in list_pages(ws, batch_id) if p.state == PageState.NEW]


def get_batch(ws: Workspace, batch_id: int) -> Batch | None:
    row = ws.conn.execute("SELECT * FROM batch WHERE id = ?", (batch_id,)).fetchone()
    return Batch.from_row(row) if row else None


def list_batches(ws: Workspace) -> list[Batch]:
    return [Batch.from_row(r) for r in ws.conn.execute("SELECT * FROM batch ORDER BY id")]


@dataclass(frozen=True)
class WorkLeft:
    """What a batch still lacks to be what its plan says."""

    files: int      # inputs not yet imported
    recognise: int  # live pages not yet recognised
    assemble: int   # live pages in no dossier, not left out on purpose

    def __bool__(self) -> bool:
        return bool(self.files or self.recognise or self.assemble)


def work_left(ws: Workspace, batch: Batch) -> WorkLeft:
    files = ws.conn.execute(
        "SELECT COUNT(*) FROM batch_input WHERE batch_id = ? AND done = 0", (batch.id,)
    ).fetchone()[0]
    recognise = 0
    if batch.plan.processes:
        recognise = ws.conn.execute(
            "SELECT COUNT(*) FROM page WHERE batch_id = ? AND state = ? AND deleted = 0",
            (batch.id, PageState.NEW),
        ).fetchone()[0]
    assemble = len(pages_without_dossier(ws, batch.id)) if batch.plan.assembles else 0
    return WorkLeft(int(files), int(recognise), assemble)


def unfinished_batches(ws: Workspace) -> list[Batch]:
    """Batches short of what their plan asks, with work left (being done, or interrupted).

    A batch whose state lags but that has nothing left to do (its pages all
    recognised and in dossiers) is not unfinished.
    """
    return [b for b in list_batches(ws) if not b.finished and work_left(ws, b)]


def batch_problems(ws: Workspace, batch_id: int) -> list[BatchProblem]:
    rows = ws.conn.execute(
        "SELECT batch_id, item, reason, at FROM batch_problem WHERE batch_id = ? ORDER BY id",
        (batch_id,),
    )
    return [BatchProblem(r[0], r[1], r[2], r[3]) for r in rows]


def drop_refused_batch(ws: Workspace, batch_id: int) -> bool:
    """Forget a batch that holds no page at all (every file in it was refused), so the
    clerk's list shows no empty batches. Returns whether it was removed."""
    with transaction(ws.conn):
        if ws.conn.execute("SELECT 1 FROM page WHERE batch_id = ? LIMIT 1",
                           (batch_id,)).fetchone():
            return False
        for table in ("dossier", "watch_file"):
            if ws.conn.execute(f"SELECT 1 FROM {table} WHERE batch_id = ? LIMIT 1",
                               (batch_id,)).fetchone():
                return False
        ws.conn.execute("DELETE FROM batch WHERE id = ?", (batch_id,))
        ws.log("batch.drop_empty", f"batch:{batch_id}")
    return True
