"""The reuse store: each citizen's digitised documents still valid, found by ID number, so a
returning citizen is not asked for the same paper again.

Documents enter when a dossier or a result is packed (the PDF from its record, by hash); a
clerk reuses one in a new dossier, which records it by reference and hash in its manifest.
Expired documents are not offered. ``forget_holder`` and ``holder_items`` serve retention and
subject requests. Tables: ``reuse_item`` (what is on file) and ``reuse_use`` (each reuse).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dossier.errors import DossierError, NotFound
from storage import Workspace, now_iso, transaction
from storage import dossiers as dossier_store
from vntext.dates import months_later
from vntext.idnumber import compact_id_number

#: Document types worth keeping for a citizen's next procedure, and how long each stays
#: valid from the day it was issued or received (None: without limit).
REUSABLE: dict[str, int | None] = {
    "can_cuoc": None,
    "giay_khai_sinh": None,
    "giay_chung_nhan_ket_hon": None,
    "giay_xac_nhan_hon_nhan": 6,  # months (Decree 123/2015, art. 23)
    "giay_to_cho_o": None,
}


@dataclass(frozen=True)
class ReuseItem:
    id: int
    holder_id: str
    holder_name: str | None
    type_key: str
    type_name: str
    blob_sha: str
    source: str
    valid_until: str | None
    added_at: str


@dataclass(frozen=True)
class Offer:
    """A component the dossier still lacks and the citizen has on file, valid."""

    component_key: str
    component_name: str
    required: bool
    item: ReuseItem


def normalise_id(value: str | None) -> str | None:
    return compact_id_number(value)


def _item(row: object) -> ReuseItem:
    r = row  # sqlite3.Row
    return ReuseItem(r["id"], r["holder_id"], r["holder_name"], r["type_key"],  # type: ignore[index]
                     r["type_name"], r["blob_sha"], r["source"], r["valid_until"],  # type: ignore[index]
                     r["added_at"])  # type: ignore[index]


def lookup(ws: Workspace, id_number: str, on: dt.date | None = None) -> list[ReuseItem]:
    """The citizen's documents on file still valid ``on`` (default today), newest first."""
    holder = normalise_id(id_number)
    if holder is None:
        return []
    day = (on or dt.date.today()).isoformat()
    rows = ws.conn.execute(
        "SELECT * FROM reuse_item WHERE holder_id = ? AND (valid_until IS NULL OR "
        "valid_until >= ?) ORDER BY added_at DESC, id DESC", (holder, day)).fetchall()
    return [_item(r) for r in rows]


def holder_items(ws: Workspace, id_number: str) -> list[ReuseItem]:
    """Everything on file for one person, expired included (for a subject request)."""
    holder = normalise_id(id_number)
    if holder is None:
        return []
    return [_item(r) for r in ws.conn.execute(
        "SELECT * FROM reuse_item WHERE holder_id = ? ORDER BY id", (holder,))]


def forget_holder(ws: Workspace, id_number: str) -> int:
    """Delete a person's documents on file (rows; the blobs go when nothing else uses them).

    Reuses already recorded in dossiers keep their reference and hash, not the document.
    """
    holder = normalise_id(id_number)
    if holder is None:
        return 0
    with transaction(ws.conn):
        shas = [r[0] for r in ws.conn.execute(
            "SELECT blob_sha FROM reuse_item WHERE holder_id = ?", (holder,))]
        count = ws.conn.execute("DELETE FROM reuse_item WHERE holder_id = ?",
                                (holder,)).rowcount
        ws.log("reuse.forget", None, f"{count} document(s)")
    for sha in shas:
        if not ws.conn.execute("SELECT 1 FROM reuse_item WHERE blob_sha = ? LIMIT 1",
                               (sha,)).fetchone() and not _blob_in_use(ws, sha):
            path = ws.blobs.path(sha)
            path.unlink(missing_ok=True)
    return int(count)


def _blob_in_use(ws: Workspace, sha: str) -> bool:
    for sql in ("SELECT 1 FROM page WHERE image_sha = ? OR source_sha = ? LIMIT 1",
                "SELECT 1 FROM record WHERE package_sha = ? OR package_sha = ? LIMIT 1"):
        if ws.conn.execute(sql, (sha, sha)).fetchone():
            return True
    return False


def add_item(ws: Workspace, *, holder_id: str, holder_name: str | None, type_key: str,
             type_name: str, data: bytes, source: str, valid_until: str | None) -> int | None:
    """Keep one document for a citizen (once per content); returns its row id."""
    holder = normalise_id(holder_id)
    if holder is None:
        return None
    sha = ws.blobs.put_bytes(data)
    with transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO reuse_item (holder_id, holder_name, type_key, type_name, blob_sha, "
            "source, valid_until, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(holder_id, blob_sha) DO UPDATE SET valid_until = excluded.valid_until",
            (holder, holder_name, type_key, type_name, sha, source, valid_until, now_iso()))
        row = ws.conn.execute("SELECT id FROM reuse_item WHERE holder_id = ? AND blob_sha = ?",
                              (holder, sha)).fetchone()
        ws.log("reuse.add", source, type_key)
    return int(row[0])


def _package_documents(package: Path | BinaryIO) -> list[tuple[dict[str, object], bytes]]:
    """(manifest entry, PDF bytes) of each document in a record package."""
    out = []
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        manifest_name = next(n for n in names if n.endswith("/data/manifest.json"))
        prefix = manifest_name[: -len("manifest.json")]
        manifest = json.loads(z.read(manifest_name))
        for entry in manifest["documents"]:
            out.append((entry, z.read(prefix + entry["file"])))
    return out


def add_dossier_to_store(ws: Workspace, dossier_id: int, package: Path) -> int:
    """Keep the reusable documents of a packed dossier for its applicant; returns how many."""
    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None or normalise_id(dossier.applicant_id) is None:
        return 0
    base = dt.date.fromisoformat(dossier.received_date[:10]) if dossier.received_date \
        else dt.date.today()
    added = 0
    for entry, data in _package_documents(package):
        component = entry.get("component") or {}
        key = component.get("key") if isinstance(component, dict) else None
        if not isinstance(key, str) or key not in REUSABLE:
            continue
        months = REUSABLE[key]
        until = months_later(base, months).isoformat() if months else None
        name = component.get("name") if isinstance(component, dict) else None
        if add_item(ws, holder_id=dossier.applicant_id or "", holder_name=dossier.applicant_name,
                    type_key=key, type_name=str(name or key), data=data,
                    source=f"dossier:{dossier.display_code}", valid_until=until) is not None:
            added += 1
    return added


def replace_upgraded(ws: Workspace, old_package: Path | BinaryIO, new_package: Path) -> int:
    """After a package was raised (``sohoa timestamp``: a timestamp added to its signed
    PDFs), the documents on file taken from it are its upgraded PDFs: each one kept
    with the old bytes is kept with the new ones (and reuses not yet packed follow).
    Returns how many stored documents were replaced."""
    new_files = {str(entry.get("file")): data for entry, data in _package_documents(new_package)}
    pairs = []
    for entry, data in _package_documents(old_package):
        upgraded = new_files.get(str(entry.get("file")))
        if upgraded is not None and upgraded != data:
            pairs.append((hashlib.sha256(data).hexdigest(), upgraded))
    replaced = 0
    for old_sha, data in pairs:
        if not ws.conn.execute("SELECT 1 FROM reuse_item WHERE blob_sha = ? LIMIT 1",
                               (old_sha,)).fetchone():
            continue
        new_sha = ws.blobs.put_bytes(data)
        with transaction(ws.conn):
            # A holder who has the new copy already keeps that one row.
            replaced += ws.conn.execute(
                "UPDATE OR IGNORE reuse_item SET blob_sha = ? WHERE blob_sha = ?",
                (new_sha, old_sha)).rowcount
            ws.conn.execute("DELETE FROM reuse_item WHERE blob_sha = ?", (old_sha,))
            ws.conn.execute("UPDATE reuse_use SET blob_sha = ? WHERE blob_sha = ?",
                            (new_sha, old_sha))
    return replaced


def add_result_to_store(ws: Workspace, result_id: int, package: Path) -> int | None:
    """Keep an issued result for its holder when it is a paper later procedures ask for."""
    from dossier.results import get_result
    from tagging.results import kind_by_code

    result = get_result(ws, result_id)
    kind = kind_by_code(result.result_code)
    if kind is None or kind.reusable_as is None or not result.holder_id:
        return None
    [(_, data)] = _package_documents(package)[:1]
    return add_item(ws, holder_id=result.holder_id, holder_name=result.holder_name,
                    type_key=kind.reusable_as, type_name=result.type_name or kind.name,
                    data=data, source=f"result:{result_id}", valid_until=result.valid_until)


def offers(ws: Workspace, dossier_id: int, id_number: str | None = None,
           on: dt.date | None = None) -> list[Offer]:
    """Components of the dossier's procedure not yet in it that the citizen has on file."""
    from dossier.assembly import catalogue

    dossier = dossier_store.get_dossier(ws, dossier_id)
    if dossier is None:
        raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
    holder = id_number or dossier.applicant_id
    if not dossier.procedure_code or not holder:
        return []
    present = {d.type_key for d in dossier_store.documents_of(ws, dossier_id) if d.type_key}
    present |= {r[0] for r in ws.conn.execute(
        "SELECT type_key FROM reuse_use WHERE dossier_id = ?", (dossier_id,))}
    on_file: dict[str, ReuseItem] = {}
    for item in lookup(ws, holder, on):
        on_file.setdefault(item.type_key, item)  # newest first
    out = []
    for component in catalogue().components(dossier.procedure_code):
        if component.key in present or component.key not in on_file:
            continue
        out.append(Offer(component.key, component.name, component.required,
                         on_file[component.key]))
    return out


def reuse(ws: Workspace, dossier_id: int, item_id: int, on: dt.date | None = None) -> None:
    """Use a document on file as one of the dossier's components (instead of scanning it)."""
    row = ws.conn.execute("SELECT * FROM reuse_item WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound(f"không có giấy tờ lưu số {item_id} — no document on file {item_id}")
    item = _item(row)
    if item.valid_until and item.valid_until < (on or dt.date.today()).isoformat():
        raise DossierError(f"{item.type_name}: đã hết hạn ngày {item.valid_until} — expired")
    with transaction(ws.conn):
        ws.conn.execute(
            "INSERT INTO reuse_use (dossier_id, item_id, type_key, type_name, blob_sha, source, "
            "used_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(dossier_id, type_key) DO UPDATE "
            "SET item_id = excluded.item_id, blob_sha = excluded.blob_sha, "
            "source = excluded.source, used_at = excluded.used_at",
            (dossier_id, item.id, item.type_key, item.type_name, item.blob_sha, item.source,
             now_iso()))
        if not dossier_store.get_dossier(ws, dossier_id):
            raise NotFound(f"không có hồ sơ số {dossier_id} — no dossier {dossier_id}")
        ws.log("reuse.use", f"dossier:{dossier_id}", item.type_key)


def unreuse(ws: Workspace, dossier_id: int, type_key: str) -> None:
    with transaction(ws.conn):
        ws.conn.execute("DELETE FROM reuse_use WHERE dossier_id = ? AND type_key = ?",
                        (dossier_id, type_key))
        ws.log("reuse.undo", f"dossier:{dossier_id}", type_key)


@dataclass(frozen=True)
class Used:
    type_key: str
    type_name: str
    blob_sha: str
    source: str
    valid_until: str | None


def used_in(ws: Workspace, dossier_id: int) -> list[Used]:
    return [Used(r["type_key"], r["type_name"], r["blob_sha"], r["source"], r["valid_until"])
            for r in ws.conn.execute(
                "SELECT u.type_key, u.type_name, u.blob_sha, u.source, i.valid_until "
                "FROM reuse_use u LEFT JOIN reuse_item i ON i.id = u.item_id "
                "WHERE u.dossier_id = ? ORDER BY u.id", (dossier_id,))]


def reused_keys(ws: Workspace, dossier_id: int) -> Sequence[str]:
    return [u.type_key for u in used_in(ws, dossier_id)]
