"""Dossier tagging on synthetic paperwork text: split, type, procedure, missing, JSON."""

from __future__ import annotations

import json
import random

import pytest

from synth.forms import PROCEDURES, make_dossier
from tagging import Catalogue, PageText, tag_dossier, to_json


def _pages(dossier: object) -> list[PageText]:
    texts = [t for d in dossier.documents for t in d.page_texts()]  # type: ignore[attr-defined]
    return [PageText(f"{n + 1:02d}.png", t) for n, t in enumerate(texts)]


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_each_procedure_recognised_with_documents_split_and_typed(procedure: str) -> None:
    catalogue = Catalogue.load()
    for seed in range(6):
        dossier = make_dossier(random.Random(seed * 31 + len(procedure)), procedure)
        tag = tag_dossier(_pages(dossier), catalogue)
        assert tag.procedure is not None and tag.procedure.key == procedure
        assert 0.0 < tag.procedure.confidence <= 1.0
        assert [d.type.key if d.type else None for d in tag.documents] == \
            list(dossier.type_keys)
        sizes = [len(d.page_indices) for d in tag.documents]
        assert sizes == [len(d.pages) for d in dossier.documents]
        for truth, doc in zip(dossier.documents, tag.documents, strict=True):
            assert set(truth.id_numbers) <= set(doc.fields.id_numbers)
            assert set(truth.full_names) <= set(doc.fields.full_names)


def test_missing_required_component_is_reported() -> None:
    dossier = make_dossier(random.Random(5), "1.001193", drop_required=True)
    tag = tag_dossier(_pages(dossier), Catalogue.load())
    assert tag.procedure is not None and tag.procedure.key == "1.001193"
    assert tag.missing_components == ("Giấy chứng sinh",)


def test_receipt_naming_the_procedure_wins() -> None:
    receipt = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: 000.00.06.H56-231027-0361\n"
        "Ông/Bà: NGUYỄN VĂN AN\nThủ tục: Đăng ký lại khai sinh\n"
    )
    # The other page is a birth declaration: the receipt still decides.
    form = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ và tên: Lê Văn An\n"
    tag = tag_dossier([PageText("01.png", receipt), PageText("02.png", form)], Catalogue.load())
    assert tag.procedure is not None and tag.procedure.key == "1.004884"
    assert tag.procedure.confidence >= 0.9
    assert tag.documents[0].fields.dossier_code == "000.00.06.H56-231027-0361"


def test_ocr_damaged_titles_still_match() -> None:
    pages = [
        PageText("a.png", "CONG HOA XA HOI CHU NGHIA VIET NAM\nT0 KHAI ĐANG KY KHAl TỬ\n"),
        PageText("b.png", "GlẤY BÁO TỬ\nHọ và tên: Trần Văn Hoà\n"),
    ]
    tag = tag_dossier(pages, Catalogue.load())
    assert [d.type.key if d.type else None for d in tag.documents] == \
        ["to_khai_khai_tu", "giay_bao_tu"]
    assert tag.procedure is not None and tag.procedure.key == "1.000656"
    assert tag.documents[1].fields.full_names == ("Trần Văn Hoà",)


def test_continuation_and_separator_pages() -> None:
    pages = [
        PageText("1.png", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\n"
                          "10. Nội dung đề nghị: Đăng ký tạm trú"),
        PageText("2.png", "Ý KIẾN CỦA CHỦ HỘ\nNGƯỜI KÊ KHAI\n"),
        PageText("3.png", "  \n"),
        PageText("4.png", "Trang tiếp theo không có tiêu đề\nvẫn là văn bản mới sau tờ phân cách"),
    ]
    tag = tag_dossier(pages, Catalogue.load())
    # The separator is a document of its own, flagged, not a page left out.
    assert [d.page_indices for d in tag.documents] == [(0, 1), (2,), (3,)]
    assert tag.documents[0].type is not None
    assert tag.documents[0].type.key == "to_khai_cu_tru"
    assert tag.documents[1].type is None and tag.documents[1].flags == ("blank",)
    assert tag.documents[2].type is None and tag.documents[2].flags == ("untyped",)
    assert tag.procedure is not None and tag.procedure.key == "1.004194"


def test_unknown_paper_gives_no_invented_answers() -> None:
    tag = tag_dossier([PageText("x.png", "Danh sách mua hàng\nGạo, muối, nước mắm")],
                      Catalogue.load())
    assert tag.procedure is None
    assert tag.documents[0].type is None
    assert tag.missing_components == ()
    out = to_json(tag, "x.png")
    assert out["procedure"] is None
    assert out["documents"][0]["fields"] == {  # type: ignore[index]
        "full_names": [], "id_numbers": [], "dates": [], "dossier_code": None}


def test_json_object_has_the_documented_shape() -> None:
    dossier = make_dossier(random.Random(1), "1.001193")
    tag = tag_dossier(_pages(dossier), Catalogue.load())
    out = json.loads(json.dumps(to_json(tag, "dossier"), ensure_ascii=False))
    assert set(out) == {"path", "procedure", "alternatives", "documents", "missing_components"}
    assert set(out["procedure"]) == {"code", "name", "confidence"}
    assert out["procedure"]["name"] == "Thủ tục đăng ký khai sinh"
    assert len(out["alternatives"]) <= 3
    for doc in out["documents"]:
        # "flags" (why the clerk should look), "document_name" (the paper's own title)
        # and "birth_dates" are added only when there is something to say.
        assert {"pages", "type", "fields"} <= set(doc) <= {"pages", "type", "fields", "flags"}
        assert {"key", "name", "confidence"} <= set(doc["type"]) <= \
            {"key", "name", "confidence", "document_name"}
        assert {"full_names", "id_numbers", "dates", "dossier_code"} <= set(doc["fields"]) <= \
            {"full_names", "id_numbers", "dates", "dossier_code", "birth_dates"}
    assert out["documents"][0]["pages"][0] == "01.png"


def test_body_labels_name_the_type_when_the_title_is_unreadable() -> None:
    text = (
        "SỞ Y TẾ TỈNH HÀ GIANG\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "G1Ấ¥ C~ỨN. 5IN~H\n"
        "Họ và tên mẹ: Lê Thị Hoa\n"
        "Đã sinh con vào lúc: 08 giờ 30 phút, 19/09/2025\n"
        "Số con trong lần sinh: 01\n"
        "Giới tính của con: Nữ   Cân nặng: 2800 gam\n"
        "NGƯỜI ĐỠ ĐẺ\n"
    )
    tag = tag_dossier([PageText("01.png", text)], Catalogue.load())
    assert tag.documents[0].type is not None
    assert tag.documents[0].type.key == "giay_chung_sinh"


def test_one_spelling_per_person_across_the_dossier() -> None:
    heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    pages = [
        PageText("01.png", heading + "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\n"
                 "1. Họ, chữ đệm và tên: Đoàn Tường Trầm\n"),
        PageText("02.png", heading + "CĂN CƯỚC CÔNG DÂN\nHọ và tên / Full name: ĐOÀN TƯỜNG TRÂM\n"
                 "Date of birth: 30/03/1970\nPlace of origin: Tiền Giang\n"),
        PageText("03.png", heading + "GIẤY CHỨNG SINH\nHọ và tên mẹ: ĐOÀN TƯỜNG TRÂM\n"),
    ]
    tag = tag_dossier(pages, Catalogue.load())
    assert [d.fields.full_names for d in tag.documents] == [("Đoàn Tường Trâm",)] * 3
