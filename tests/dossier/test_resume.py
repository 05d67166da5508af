"""Interrupted batches are finished, not restarted; one import at a time; nothing doubled."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dossier import ImportItem, expand_paths, import_items, resume_interrupted, run_import
from dossier.batches import open_batch
from dossier.queries import dossier_summaries
from storage import BatchPlan, BatchState, Workspace, check_workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.health import Finding
from storage.locks import IMPORT, work_lock
from tests.dossier import samples


def _folder(root: Path, count: int, tag: str = "p") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        samples.write_png(root / f"{tag}{i:02d}.png", f"Trang {tag} {i} UBND xa Yen Lac")
    return root


def _interrupt(ws: Workspace, folder: Path, plan: BatchPlan, imported: int) -> int:
    """A batch as a killed import leaves it: some files in, the rest only recorded."""
    items = expand_paths([folder])
    run = open_batch(ws, source="files", label=None, plan=plan,
                     inputs=[str(i.path) for i in items])
    for _ in import_items(ws, items[:imported], batch_id=run.batch_id):
        pass
    page_store.set_batch_state(ws, run.batch_id, BatchState.PROCESSING)
    run.done()   # the process died: its lock is gone
    return run.batch_id


def _one_dossier_per_page(ws: Workspace) -> dict[int, int]:
    owner: dict[int, int] = {}
    for d in dossier_store.list_dossiers(ws):
        for doc in dossier_store.documents_of(ws, d.id):
            for page_id in doc.page_ids:
                assert page_id not in owner, f"page {page_id} in two dossiers"
                owner[page_id] = d.id
    return owner


def test_interrupted_batch_is_finished_with_every_file_in_one_dossier(
        workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 5)
    batch_id = _interrupt(workspace, folder, BatchPlan.ASSEMBLE, imported=2)
    report = check_workspace(workspace)
    assert not report.ok
    [stuck] = report.of_kind(Finding.BATCH_INTERRUPTED)
    assert stuck.subject == batch_id and "3 file(s) not yet imported" in stuck.text

    done = resume_interrupted(workspace, jobs=1)
    assert [r.batch_id for r in done] == [batch_id] and len(done[0].dossier_ids) == 1
    pages = page_store.list_pages(workspace)
    assert len(pages) == 5 and {p.batch_id for p in pages} == {batch_id}
    owner = _one_dossier_per_page(workspace)
    assert set(owner) == {p.id for p in pages} and set(owner.values()) == set(done[0].dossier_ids)
    assert check_workspace(workspace).ok
    assert resume_interrupted(workspace) == []   # nothing left to finish


def test_rerun_of_the_same_folder_finishes_the_batch_and_names_it(
        workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 4)
    batch_id = _interrupt(workspace, folder, BatchPlan.ASSEMBLE, imported=2)
    notices: list[str] = []
    outcomes: list[object] = []
    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1,
                        on_notice=notices.append, on_progress=outcomes.append)
    # No second, empty batch: the pages are all in the interrupted one, now finished.
    assert report.batch_id == batch_id and report.resumed == [batch_id]
    assert [b.id for b in page_store.list_batches(workspace)] == [batch_id]
    assert all(getattr(o, "already_in", None) == batch_id for o in outcomes)
    assert "already imported in batch" in (getattr(outcomes[0], "notice", "") or "")
    assert any("finished interrupted batch" in n for n in notices)
    [summary] = dossier_summaries(workspace)
    assert summary.pages == 4
    assert check_workspace(workspace).ok


def test_a_failed_assembly_leaves_no_half_dossier(workspace: Workspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path / "in", 3)
    calls = {"n": 0}
    real = dossier_store.add_document

    def dies_after_the_dossier_row(*args: object, **kwargs: object) -> int:
        calls["n"] += 1
        raise OSError("injected: power cut")

    # The dossier row is written by then: it must go with the rest.
    monkeypatch.setattr(dossier_store, "add_document", dies_after_the_dossier_row)
    with pytest.raises(OSError):
        run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1)
    assert calls["n"] == 1 and dossier_store.list_dossiers(workspace) == []
    assert workspace.conn.execute("SELECT COUNT(*) FROM document").fetchone()[0] == 0
    [batch] = page_store.list_batches(workspace)
    assert batch.state == BatchState.PROCESSED
    monkeypatch.setattr(dossier_store, "add_document", real)
    resume_interrupted(workspace, jobs=1)
    assert len(dossier_store.list_dossiers(workspace)) == 1
    assert len(_one_dossier_per_page(workspace)) == 3
    assert check_workspace(workspace).ok


def test_second_import_waits_for_the_first_and_finds_the_pages(
        workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 2)
    first = run_import(workspace, expand_paths([folder]), plan=BatchPlan.IMPORT)
    held = work_lock(workspace.root, IMPORT)
    assert held.acquire(0)
    notices: list[str] = []
    result: list[object] = []
    other = Workspace.open(workspace.root)
    worker = threading.Thread(target=lambda: result.append(run_import(
        other, expand_paths([folder]), plan=BatchPlan.IMPORT, on_notice=notices.append)))
    worker.start()
    worker.join(1.0)
    assert worker.is_alive() and any("waiting" in n for n in notices)
    held.release()
    worker.join(30)
    other.close()
    [second] = result
    assert second.batch_id == first.batch_id  # type: ignore[attr-defined]
    assert len(page_store.list_batches(workspace)) == 1


def test_import_only_batch_met_by_a_processing_import_is_processed(
        workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 2)
    first = run_import(workspace, expand_paths([folder]), plan=BatchPlan.IMPORT)
    again = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1)
    assert again.batch_id == first.batch_id
    batch = page_store.get_batch(workspace, first.batch_id)
    assert batch is not None and batch.state == BatchState.ASSEMBLED
    assert len(_one_dossier_per_page(workspace)) == 2


def test_same_content_twice_in_one_import_is_named(workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 1)
    (folder / "zz-copy.png").write_bytes((folder / "p00.png").read_bytes())
    outcomes: list[object] = []
    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.IMPORT,
                        on_progress=outcomes.append)
    notices = [getattr(o, "notice", None) for o in outcomes]
    assert notices[0] is None
    assert notices[1] == (f"đã nhập trong lô {report.batch_id} (trùng với p00.png) — already "
                          f"imported in batch {report.batch_id} (same content as p00.png)")


def test_page_in_two_dossiers_and_in_none_are_found_and_reattached(
        workspace: Workspace, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 3)
    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1)
    [dossier_id] = report.dossier_ids
    docs = dossier_store.documents_of(workspace, dossier_id)
    lost = docs[-1].page_ids[-1]
    dossier_store.set_document_pages(workspace, docs[-1].id,
                                     [p for p in docs[-1].page_ids if p != lost])
    other = dossier_store.create_dossier(workspace)
    doubled = docs[0].page_ids[0]
    dossier_store.add_document(workspace, other, [doubled])
    health = check_workspace(workspace)
    assert [p.subject for p in health.of_kind(Finding.PAGE_IN_NO_DOSSIER)] == [lost]
    assert [p.subject for p in health.of_kind(Finding.PAGE_IN_TWO_DOSSIERS)] == [doubled]

    from dossier.repair import repair_workspace

    repaired = repair_workspace(workspace)
    assert any("attached to dossier" in line for line in repaired.fixed)
    assert repaired.after.of_kind(Finding.PAGE_IN_NO_DOSSIER) == []
    # Which of two dossiers a page belongs to is a person's call: reported, not fixed.
    assert [p.subject for p in repaired.after.of_kind(Finding.PAGE_IN_TWO_DOSSIERS)] == [doubled]


def test_outbox_package_missing_or_altered_is_found_and_restored(
        workspace: Workspace, tmp_path: Path) -> None:
    from dossier.repair import repair_workspace
    from storage import outbox

    package = tmp_path / "goi.zip"
    package.write_bytes(b"PK fake package bytes " * 100)
    job = outbox.add(workspace, package).job
    assert check_workspace(workspace).ok
    blob = workspace.blobs.path(job.package_sha256)
    blob.unlink()
    [missing] = check_workspace(workspace).of_kind(Finding.OUTBOX_PACKAGE_MISSING)
    assert f"outbox job {job.id} (goi.zip)" in missing.text
    repaired = repair_workspace(workspace)
    assert repaired.after.ok and blob.is_file()

    blob.chmod(0o644)
    blob.write_bytes(b"tampered")
    [altered] = check_workspace(workspace).of_kind(Finding.OUTBOX_PACKAGE_ALTERED)
    assert altered.subject == job.id
    package.unlink()   # nothing left to restore from: reported, not guessed
    assert not repair_workspace(workspace).after.ok


def test_scanner_items_are_not_recorded_as_inputs(workspace: Workspace) -> None:
    items = (ImportItem(f"scan{i}.png", data=samples.jpeg_bytes(f"scan {i}")) for i in range(2))
    report = run_import(workspace, items, source="scan", plan=BatchPlan.IMPORT)
    assert page_store.pending_inputs(workspace, report.batch_id) == []
    assert len(report.pages_added) == 2


def test_import_lock_is_free_while_pages_are_still_being_recognised(
        workspace: Workspace, tmp_path: Path) -> None:
    from dossier.batches import import_lock
    from storage.locks import is_busy

    folder = _folder(tmp_path / "in", 4)
    seen: list[tuple[bool, bool]] = []

    def on_page(_event: object) -> None:
        batch = page_store.list_batches(workspace)[-1]
        seen.append((is_busy(workspace.root, IMPORT), batch.finished))

    report = run_import(workspace, expand_paths([folder]), plan=BatchPlan.ASSEMBLE, jobs=1,
                        on_page=on_page)
    assert len(seen) == 4
    # By the last recognised page every file was committed long since: another import
    # (a watched folder, a second window) could have gone ahead.
    assert seen[-1] == (False, False)
    assert not import_lock(workspace).path.exists() or not is_busy(workspace.root, IMPORT)
    assert len(report.dossier_ids) == 1
