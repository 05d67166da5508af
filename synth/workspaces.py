"""Workspaces filled with delivered dossiers, built straight through the storage layer.

For retention and subject-request tests and benchmarks: each dossier has pages
(original, image, words blobs), OCR text naming its applicant, one document
with fields, a record whose package the outbox delivered, at a chosen time.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from storage import Workspace, outbox, transaction
from storage import dossiers as dossier_store
from storage import pages as page_store
from synth.people import person as random_person


@dataclass(frozen=True)
class BuiltDossier:
    dossier_id: int
    code: str
    name: str
    id_number: str
    page_ids: tuple[int, ...]
    package_sha: str
    job_id: int


def add_dossier(ws: Workspace, rng: random.Random, *, pages: int = 3, delivered_at: str | None,
                scratch: Path, shared_original: str | None = None,
                name: str | None = None, id_number: str | None = None) -> BuiltDossier:
    """One dossier; ``delivered_at`` None leaves its package queued (not delivered)."""
    person = random_person(rng)
    name = name or person.full_name
    id_number = id_number or person.id_number
    batch = page_store.create_batch(ws)
    new_pages = []
    for i in range(pages):
        original = shared_original if (shared_original and i == 0) else \
            ws.blobs.put_bytes(rng.randbytes(2048 + rng.randrange(2048)))
        new_pages.append(page_store.NewPage(original, 0 if original != shared_original else
                                            rng.randrange(1 << 30), original,
                                            f"scan-{rng.randrange(1 << 20):06d}.png", "image/png",
                                            1654, 2339, 200))
    page_ids = [pid for pid, _ in page_store.add_pages(ws, batch, new_pages)]
    for pid in page_ids:
        words = ws.blobs.put_bytes(json.dumps([{"text": name, "seed": rng.random()}]).encode())
        page_store.store_ocr(ws, pid, page_store.OcrOutcome(
            0, None, False, f"Họ và tên: {name}\nSố định danh cá nhân: {id_number}", 91.0,
            words, None))
    day = rng.randrange(1, 28)
    code = f"000.00.12.H56-2511{day:02d}-{rng.randrange(10000):04d}"
    while ws.conn.execute("SELECT 1 FROM dossier WHERE code = ?", (code,)).fetchone():
        code = f"000.00.12.H56-2511{day:02d}-{rng.randrange(10000):04d}"
    dossier_id = dossier_store.create_dossier(ws, batch_id=batch, code=code,
                                              procedure_code="1.001193")
    dossier_store.update_dossier(ws, dossier_id, applicant_name=name, applicant_id=id_number)
    dossier_store.add_document(ws, dossier_id, page_ids, type_key="to_khai_khai_sinh",
                               type_name="Tờ khai đăng ký khai sinh",
                               fields={"full_names": [name], "id_numbers": [id_number]})
    package = scratch / f"{code}.zip"
    package.write_bytes(rng.randbytes(4096) + name.encode())
    job = outbox.add(ws, package, {"filename": package.name, "dossier_code": code}).job
    dossier_store.add_record(ws, dossier_id, job.package_sha256, package.name, "compact",
                             package.stat().st_size)
    package.unlink()
    if delivered_at is not None:
        outbox.mark_done(ws, job.id, job.size)
        with transaction(ws.conn):
            ws.conn.execute("UPDATE upload_job SET finished_at = ? WHERE id = ?",
                            (delivered_at, job.id))
    return BuiltDossier(dossier_id, code, name, id_number, tuple(page_ids), job.package_sha256,
                        job.id)
