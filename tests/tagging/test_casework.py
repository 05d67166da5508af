"""Tagging on the second generator's dossiers (ground-truth text): multi-page contracts
keep their type, the certification procedures are told apart, papers keep their own
names, and every page is in exactly one document."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from synth import people
from synth.casework import HELD_OUT, TUNE, make_case, split_of
from synth.contracts import certification_request, commitment, contract, power_of_attorney
from tagging import Catalogue, PageText, tag_dossier, to_json

TODAY = dt.date(2025, 3, 14)
COMMUNE = "xã Yên Lạc"


def _pages(docs: list[object]) -> list[PageText]:
    texts = [t for d in docs for t in d.page_texts()]  # type: ignore[attr-defined]
    return [PageText(f"{n + 1:02d}.png", t) for n, t in enumerate(texts)]


def _card_text(who: people.Person) -> str:
    return ("CĂN CƯỚC CÔNG DÂN / Citizen Identity Card\nHọ và tên / Full name:\n"
            f"{who.full_name.upper()}\nSố / No.: {who.id_number}\n"
            f"Ngày sinh / Date of birth: {who.birth_date:%d/%m/%Y}\n"
            "Quê quán / Place of origin: Nam Định")


def test_held_out_part_is_fixed_and_both_parts_are_used() -> None:
    parts = [split_of(i) for i in range(200)]
    assert parts == [split_of(i) for i in range(200)]
    assert 60 < parts.count(HELD_OUT) < 140 and parts.count(TUNE) == 200 - parts.count(HELD_OUT)


def test_every_casework_page_is_in_one_document_of_its_type() -> None:
    catalogue = Catalogue.load()
    for index in range(0, 120, 3):
        dossier = make_case(index)
        pages = [PageText(f"{n:02d}.png", p.text) for n, p in enumerate(dossier.pages)]
        tag = tag_dossier(pages, catalogue)
        assert [i for d in tag.documents for i in d.page_indices] == list(range(len(pages)))
        owner = {i: d for d in tag.documents for i in d.page_indices}
        n = 0
        for truth in dossier.documents:
            for _ in truth.pages:
                got = owner[n].type
                assert (got.key if got else None) == truth.type_key, (index, n)
                n += 1


@pytest.mark.parametrize("kind", [0, 1, 2, 3])
def test_a_contract_keeps_its_type_over_all_its_pages(kind: int) -> None:
    rng = random.Random(kind)
    for _ in range(4):
        a, b = people.person(rng), people.person(rng)
        paper = contract(rng, TODAY, COMMUNE, a, b, kind, certifier="Lê Văn Tâm")
        assert len(paper.pages) >= 2
        card = PageText("card.png", _card_text(a))
        tag = tag_dossier([*_pages([paper]), card], Catalogue.load())
        first = tag.documents[0]
        assert first.page_indices == tuple(range(len(paper.pages)))
        assert first.type is not None and first.type.key == "du_thao_hop_dong"
        assert first.title is not None and first.title.startswith("Hợp đồng")
        assert a.full_name in first.fields.full_names and b.id_number in first.fields.id_numbers


def test_certification_procedures_are_told_apart_by_their_papers() -> None:
    rng = random.Random(3)
    catalogue = Catalogue.load()
    for _ in range(5):
        a, b = people.person(rng), people.person(rng)
        card = PageText("card.png", _card_text(a))
        signature = tag_dossier([*_pages([commitment(rng, TODAY, COMMUNE, a, b)]), card],
                                catalogue)
        assert signature.procedure is not None and signature.procedure.key == "2.000884"
        attorney = tag_dossier([*_pages([power_of_attorney(rng, TODAY, COMMUNE, a, b)]), card],
                               catalogue)
        assert attorney.procedure is not None and attorney.procedure.key == "2.000884"
        deal = tag_dossier([*_pages([contract(rng, TODAY, COMMUNE, a, b, 0)]), card], catalogue)
        assert deal.procedure is not None and deal.procedure.key == "2.001035"
        request = certification_request(rng, TODAY, COMMUNE, a, "2.000815", ["Bằng tốt nghiệp"])
        copy = tag_dossier(_pages([request, commitment(rng, TODAY, COMMUNE, a, b)]), catalogue)
        assert copy.procedure is not None and copy.procedure.key == "2.000815"


def test_a_commitment_letter_is_named_by_its_component_and_its_own_title() -> None:
    rng = random.Random(8)
    a, b = people.person(rng), people.person(rng)
    letter = commitment(rng, TODAY, COMMUNE, a, b)
    tag = tag_dossier(_pages([letter]), Catalogue.load())
    doc = to_json(tag, "d")["documents"][0]  # type: ignore[index]
    assert doc["type"]["name"] == "Giấy tờ, văn bản cần chứng thực"
    assert doc["type"]["document_name"].lower() in {
        "giấy cam kết", "bản cam kết", "đơn cam kết", "giấy cam đoan"}
