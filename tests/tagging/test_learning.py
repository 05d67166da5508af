"""The learned type model: training, saving without pickle, background retraining,
and training data read from a real workspace."""

from __future__ import annotations

import random

import pytest

from storage import Workspace, now_iso
from storage.training import confirmed_documents
from synth.forms import make_dossier
from tagging import (
    BackgroundTrainer,
    Catalogue,
    ModelError,
    PageText,
    TrainingExample,
    TypeModel,
    tag_dossier,
)
from tagging.learning import keep_model, retrain, workspace_model


def _examples(count: int, seed: int = 0) -> list[TrainingExample]:
    rng = random.Random(seed)
    out: list[TrainingExample] = []
    while len(out) < count:
        for doc in make_dossier(rng).documents:
            out.append(TrainingExample("\n".join(doc.page_texts()), doc.type_key))
    return out[:count]


def test_model_learns_types_and_survives_a_round_trip() -> None:
    model = TypeModel.train(_examples(200))
    held_out = _examples(60, seed=99)
    right = sum(max(model.predict(e.text).items(), key=lambda kv: kv[1])[0] == e.type_key
                for e in held_out)
    assert right / len(held_out) >= 0.9
    again = TypeModel.from_bytes(model.to_bytes())
    sample = held_out[0].text
    assert again.classes == model.classes
    assert again.predict(sample) == pytest.approx(model.predict(sample), abs=1e-3)


def test_model_needs_two_types_and_rejects_garbage() -> None:
    with pytest.raises(ModelError):
        TypeModel.train([TrainingExample("tờ khai", "a"), TrainingExample("tờ khai", "a")])
    with pytest.raises(ModelError):
        TypeModel.from_bytes(b"not a model")


def test_model_helps_where_titles_are_unreadable() -> None:
    catalogue = Catalogue.load()
    examples = _examples(300)
    model = TypeModel.train(examples)
    # A birth certificate whose title OCR lost entirely: only the body is left.
    body = next(e.text for e in examples if e.type_key == "giay_chung_sinh")
    body = "\n".join(line for line in body.splitlines() if "CHỨNG SINH" not in line)
    without = tag_dossier([PageText("p.png", body)], catalogue)
    with_model = tag_dossier([PageText("p.png", body)], catalogue, model)
    assert with_model.documents[0].type is not None
    assert with_model.documents[0].type.key == "giay_chung_sinh"
    got = without.documents[0].type
    assert got is None or got.confidence < with_model.documents[0].type.confidence


def _confirmed_workspace(ws: Workspace, examples: list[TrainingExample]) -> None:
    now = now_iso()
    with ws.transaction() as conn:
        batch = conn.execute("INSERT INTO batch (created_at) VALUES (?)", (now,)).lastrowid
        dossier = conn.execute(
            "INSERT INTO dossier (provisional_id, created_at, updated_at) VALUES ('L-1', ?, ?)",
            (now, now)).lastrowid
        for n, example in enumerate(examples):
            page = conn.execute(
                "INSERT INTO page (batch_id, seq, source_sha, image_sha, source_name, media_type,"
                " width, height, text, created_at) VALUES (?, ?, ?, ?, ?, 'image/png', 10, 10,"
                " ?, ?)", (batch, n, f"s{n}", f"i{n}", f"{n}.png", example.text, now)).lastrowid
            doc = conn.execute(
                "INSERT INTO document (dossier_id, seq, type_key, type_confirmed, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (dossier, n, example.type_key, int(n % 5 != 0), now)).lastrowid
            conn.execute("INSERT INTO document_page (document_id, page_id, seq) VALUES (?, ?, 1)",
                         (doc, page))


def test_retrain_from_workspace_in_background(workspace: Workspace) -> None:
    examples = _examples(80, seed=3)
    _confirmed_workspace(workspace, examples)
    confirmed = confirmed_documents(workspace)
    assert len(confirmed) == 64  # every fifth was only suggested, not confirmed
    assert all(c.text for c in confirmed)
    assert workspace_model(workspace) is None
    trainer = BackgroundTrainer()
    try:
        future = retrain(workspace, trainer)
        assert future is not None
        model = future.result(timeout=120)
    finally:
        trainer.close()
    assert model.trained_on == 64
    keep_model(workspace, model)
    loaded = workspace_model(workspace)
    assert loaded is not None and loaded.classes == model.classes
