"""No page is ever dropped: every page of every dossier the suite can make is in
exactly one document of the tagging, in order; one that reads as nothing is flagged."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cli.main import main
from synth.forms import PROCEDURES, make_dossier
from tagging import Catalogue, PageText, tag_dossier, to_json

_ODD_PAGES = ("", "   \n", "|||| ::: ....", "Ảnh chụp", "0 1 2 3 4 5 6 7 8 9",
              "IDVNM<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<", "Trang 2/3")


def _assert_every_page_once(pages: list[PageText]) -> None:
    tag = tag_dossier(pages, Catalogue.load())
    indices = [i for doc in tag.documents for i in doc.page_indices]
    assert indices == list(range(len(pages)))
    names = [n for doc in to_json(tag, "d")["documents"] for n in doc["pages"]]  # type: ignore[union-attr]
    assert names == [p.name for p in pages]
    for doc in tag.documents:
        if all(not pages[i].text.strip() for i in doc.page_indices):
            assert doc.type is None and doc.flags == ("blank",)


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_generated_page_is_in_exactly_one_document(procedure: str) -> None:
    rng = random.Random(procedure)
    for _ in range(12):
        dossier = make_dossier(rng, procedure)
        texts = [t for d in dossier.documents for t in d.page_texts()]
        # Separators, photos and unreadable scans anywhere in the dossier.
        for _ in range(rng.randint(0, 3)):
            texts.insert(rng.randint(0, len(texts)), rng.choice(_ODD_PAGES))
        _assert_every_page_once([PageText(f"{n:02d}.png", t) for n, t in enumerate(texts)])


def test_dossiers_of_nothing_but_odd_pages_keep_every_page() -> None:
    for n in range(1, len(_ODD_PAGES) + 1):
        _assert_every_page_once([PageText(f"{i}.png", t) for i, t in enumerate(_ODD_PAGES[:n])])


def test_the_shipped_sample_keeps_every_page_in_sohoa_tag(
        capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import resources

    sample = Path(str(resources.files("resources") / "sample"))
    scans = sorted(p.name for p in sample.glob("*.png"))
    assert main(["tag", "--json", str(sample)]) == 0
    result = json.loads(capsys.readouterr().out)[0]
    assert [n for d in result["documents"] for n in d["pages"]] == scans
