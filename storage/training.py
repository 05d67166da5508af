"""Training data for the document-type model: the documents clerks confirmed, with
their page text, and the trained model kept as a blob named by a workspace setting.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.workspace import Workspace

TYPE_MODEL_SETTING = "tagging.type_model"


@dataclass(frozen=True)
class ConfirmedDocument:
    """A document whose type a clerk confirmed, and its pages' text in order."""

    document_id: int
    type_key: str
    text: str


def confirmed_documents(ws: Workspace, limit: int | None = None) -> list[ConfirmedDocument]:
    """Confirmed documents, newest first (``limit`` keeps the most recent ones)."""
    ids = [
        (row[0], row[1])
        for row in ws.conn.execute(
            "SELECT id, type_key FROM document "
            "WHERE type_confirmed = 1 AND type_key IS NOT NULL AND type_key <> '' "
            "ORDER BY id DESC LIMIT ?",
            (-1 if limit is None else int(limit),),
        )
    ]
    out: list[ConfirmedDocument] = []
    for doc_id, key in ids:
        texts = [
            row[0] or ""
            for row in ws.conn.execute(
                "SELECT p.text FROM document_page dp JOIN page p ON p.id = dp.page_id "
                "WHERE dp.document_id = ? AND p.deleted = 0 ORDER BY dp.seq",
                (doc_id,),
            )
        ]
        text = "\n\f\n".join(texts)
        if text.strip():
            out.append(ConfirmedDocument(int(doc_id), str(key), text))
    return out


def save_type_model(ws: Workspace, data: bytes) -> str:
    """Store a trained model's bytes and make it the current one; returns its blob id."""
    sha = ws.blobs.put_bytes(data)
    ws.set_setting(TYPE_MODEL_SETTING, sha)
    return sha


def load_type_model(ws: Workspace) -> bytes | None:
    """The current model's bytes, or None if none was trained or its blob is gone."""
    sha = ws.get_setting(TYPE_MODEL_SETTING)
    if not sha or not ws.blobs.has(sha):
        return None
    return ws.blobs.read(sha)
