"""``sohoa tag --json`` on rendered pages with real Tesseract."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cli.main import main
from synth import render_lines
from synth.forms import make_dossier


def test_tag_json_on_a_rendered_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(11)
    dossier = make_dossier(rng, "1.000656")
    while len([p for d in dossier.documents for p in d.pages]) > 3:
        dossier = make_dossier(rng, "1.000656")
    folder = tmp_path / "dossier"
    folder.mkdir()
    n = 0
    for doc in dossier.documents:
        for page in doc.pages:
            n += 1
            rendered = render_lines(list(page), dpi=200)
            rendered.image.convert("L").save(folder / f"{n:02d}.png")
    (tmp_path / "empty.png").write_bytes(b"")
    code = main(["tag", "--json", str(folder), str(tmp_path / "missing"),
                 str(tmp_path / "empty.png")])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{tmp_path / 'missing'}: " in captured.err
    assert "empty.png" in captured.err
    results = json.loads(captured.out)
    assert len(results) == 1
    result = results[0]
    assert result["path"] == str(folder)
    assert result["procedure"]["code"] == "1.000656"
    assert [d["type"]["key"] for d in result["documents"]] == list(dossier.type_keys)
    assert result["documents"][0]["pages"][0] == "01.png"


def test_sample_dossier_is_small_and_tags_as_complete_birth_registration(
        capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import resources

    sample = Path(str(resources.files("resources") / "sample"))
    scans = sorted(sample.glob("*.png"))
    assert 3 <= len(scans) <= 4
    assert sum(p.stat().st_size for p in scans) < 1_500_000
    assert "fictional" in (sample / "README.md").read_text(encoding="utf-8")
    assert main(["tag", "--json", str(sample)]) == 0
    result = json.loads(capsys.readouterr().out)[0]
    assert result["procedure"]["code"] == "1.001193"
    assert result["missing_components"] == []
    assert [d["type"]["key"] for d in result["documents"]] == \
        ["to_khai_khai_sinh", "giay_chung_sinh", "can_cuoc"]


def test_tag_json_keeps_a_blank_page_and_reads_a_card_copied_on_grey_paper(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    from synth import people
    from synth.idcards import CardKind, identity_sheet

    rng = random.Random(2)
    person = people.person(rng)
    sheet = identity_sheet(rng, person, CardKind.BARCODE)  # grey, halftone: reads as nothing
    folder = tmp_path / "dossier"
    folder.mkdir()
    sheet.image.save(folder / "01.jpg", "JPEG", quality=85, dpi=(300, 300))
    Image.new("RGB", (1654, 2339), "white").save(folder / "02.png", dpi=(200, 200))
    assert main(["tag", "--json", str(folder)]) == 0
    result = json.loads(capsys.readouterr().out)[0]
    assert [d["pages"] for d in result["documents"]] == [["01.jpg"], ["02.png"]]
    card, blank = result["documents"]
    assert card["type"]["key"] == "can_cuoc"
    assert sheet.truth.id_number in card["fields"]["id_numbers"]
    assert blank["type"] is None and blank["flags"] == ["blank"]
