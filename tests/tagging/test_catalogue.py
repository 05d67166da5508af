"""The catalogue resource: every commune procedure, curated components, search."""

from __future__ import annotations

from tagging import Catalogue, checklist


def test_loads_all_commune_procedures() -> None:
    cat = Catalogue.load()
    assert len(cat.procedures) == 588
    birth = cat.get("1.001193")
    assert birth is not None
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.field == "Hộ tịch"
    assert birth.result_code == "KQ.G15.000031"
    assert cat.get("9.999999") is None


def test_search_ignores_marks_and_case() -> None:
    cat = Catalogue.load()
    found = cat.search("dang ky ket hon")
    assert found[0].code == "1.000894"
    assert cat.search("ĐĂNG KÝ THƯỜNG TRÚ")[0].code == "1.004222"
    assert cat.search("1.004873")[0].code == "1.004873"
    assert cat.search("   ") == []


def test_curated_components_have_names_phrases_and_requirement() -> None:
    cat = Catalogue.load()
    components = {c.key: c for c in cat.components("1.001193")}
    assert components["to_khai_khai_sinh"].required
    assert components["giay_chung_sinh"].required
    assert not components["uy_quyen"].required
    assert all(c.phrases for c in components.values())
    for code in ("1.000894", "1.000656", "1.004873", "2.000815", "2.000884", "2.001035",
                 "2.001019", "1.004222", "1.004194", "1.003677", "1.004859", "1.004837"):
        assert cat.get(code) is not None and cat.get(code).curated  # type: ignore[union-attr]
        assert any(c.required for c in cat.components(code))


def test_supporting_document_types_are_known() -> None:
    keys = {t.key for t in Catalogue.load().document_types()}
    assert {"can_cuoc", "uy_quyen", "giay_chung_sinh", "giay_bao_tu", "phieu_tiep_nhan"} <= keys


def test_uncurated_procedure_lists_cleaned_components() -> None:
    cat = Catalogue.load()
    uncurated = next(p for p in cat.procedures if not p.curated and p.listed_components)
    components = cat.components(uncurated.code)
    assert components and all(not c.required for c in components)
    assert all(not c.name.lower().startswith("trường hợp") for c in components)


def test_checklist_reports_present_missing_and_extra() -> None:
    cat = Catalogue.load()
    result = checklist(cat, "1.001193", ["to_khai_khai_sinh", "can_cuoc", "giay_bao_tu"])
    assert [c.key for c in result.present] == ["to_khai_khai_sinh"]
    assert [c.name for c in result.missing] == ["Giấy chứng sinh"]
    assert [c.key for c in result.optional_present] == ["can_cuoc"]
    assert result.extra == ("giay_bao_tu",)
