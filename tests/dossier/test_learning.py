"""The workspace's type model in the app's own assembly: a damaged model is only a
missing second opinion; a new model is picked up by the next assembly."""

from __future__ import annotations

from dossier.assembly import assemble_pages
from dossier.learning import type_model
from storage import Workspace
from storage import dossiers as dossier_store
from storage import pages as page_store
from storage.training import save_type_model
from tagging import TrainingExample, TypeModel
from tests.dossier.test_assembly import _add_page

GARDEN = ("SỔ THEO DÕI VƯỜN CÂY\nChủ vườn: Lê Văn Cường\nDiện tích vườn 420 mét vuông\n"
          "Cây xoài, cây nhãn, cây vải thiều được chăm bón\nTưới nước hằng tuần\n")
OTHER = "TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ, chữ đệm, tên người yêu cầu: Nguyễn Thị Lan\n"


def test_a_damaged_model_is_ignored_and_a_new_one_is_used(workspace: Workspace) -> None:
    batch = page_store.create_batch(workspace)
    save_type_model(workspace, b"not a model")
    assert type_model(workspace) is None
    first = assemble_pages(workspace, [_add_page(workspace, batch, 1, GARDEN)], batch_id=batch)
    assert dossier_store.documents_of(workspace, first)[0].type_key is None

    examples = [TrainingExample(GARDEN.replace("420", str(n)), "giay_to_chung_thuc")
                for n in range(100, 160)]
    examples += [TrainingExample(OTHER + f"Số {n}\n", "to_khai_khai_sinh") for n in range(60)]
    save_type_model(workspace, TypeModel.train(examples).to_bytes())
    model = type_model(workspace)
    assert model is not None and type_model(workspace) is model  # parsed once
    second = assemble_pages(workspace, [_add_page(workspace, batch, 2, GARDEN)], batch_id=batch)
    assert dossier_store.documents_of(workspace, second)[0].type_key == "giay_to_chung_thuc"
