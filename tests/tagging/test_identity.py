"""Identity papers: the machine-readable zone with its check digits, the QR code,
the cross-checks of the personal number, and a photocopied card read end to end."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest

from synth import people
from synth.idcards import CardKind, identity_sheet, qr_payload, td1_lines, td3_lines
from tagging import Catalogue, PageText, decode_codes, read_identity, tag_dossier
from tagging.identity import find_mrz, layout_score, number_agrees, parse_qr

PERSON = people.Person(
    full_name="Nguyễn Thị Huyền", male=False, birth_date=dt.date(1994, 7, 21),
    id_number="038194012345", province="Thanh Hóa", ethnicity="Kinh",
    address="Thôn 3, xã Yên Lạc, tỉnh Thanh Hóa",
)


def test_card_zone_gives_number_birth_and_sex_when_its_check_digits_pass() -> None:
    zone = "\n".join(td1_lines(PERSON, dt.date(2034, 7, 21)))
    mrz = find_mrz("CĂN CƯỚC CÔNG DÂN\n" + zone)
    assert mrz is not None and mrz.checks_passed == mrz.checks_total == 2
    assert mrz.number == "038194012345"
    assert (mrz.birth, mrz.male) == (dt.date(1994, 7, 21), False)
    assert (mrz.surname, mrz.given) == ("NGUYEN", "THI HUYEN")
    reading = read_identity(zone)
    assert reading is not None and reading.source == "mrz"
    assert reading.id_number == "038194012345"


def test_passport_zone_carries_the_personal_number() -> None:
    zone = "\n".join(td3_lines(PERSON, "C7654321", dt.date(2031, 1, 5)))
    mrz = find_mrz(zone)
    assert mrz is not None and mrz.checks_passed == mrz.checks_total == 3
    assert mrz.number == "038194012345"
    assert mrz.birth == dt.date(1994, 7, 21)


def test_a_misread_zone_digit_fails_its_check_and_is_not_trusted() -> None:
    line1, line2, line3 = td1_lines(PERSON, dt.date(2034, 7, 21))
    # OCR turned a digit of the document number, of its copy in the full number, and
    # of the birth date.
    broken1 = line1[:8] + ("7" if line1[8] != "7" else "8") + line1[9:21] + \
        ("3" if line1[21] != "3" else "4") + line1[22:]
    broken2 = ("5" if line2[0] != "5" else "6") + line2[1:]
    mrz = find_mrz("\n".join((broken1, broken2, line3)))
    assert mrz is not None and not mrz.doc_ok and mrz.checks_passed == 0
    reading = read_identity("\n".join((broken1, broken2, line3)))
    assert reading is None or reading.id_number is None


def test_ocr_damaged_zone_and_number_still_give_the_holder_number() -> None:
    # As read off a halftone photocopy: the zone's marks, a "1" for "I", a "9" for "0"
    # in the optional data, and a printed number with letters in it.
    text = ("'”⁄*' 02606072g6aa\nHọ, chữ đệm và tên khai Sinh / Fuli name:\nPHẠM TUẤN AN\n"
            "1DVNMô607296336926960729633<<6\n6008293M9912315VNM<<<<<<<<<<<0\n"
            "PHAM<<TUAN<AN<<<<<<<<<<<<<<<<<")
    reading = read_identity(text)
    assert reading is not None
    assert reading.id_number == "026060729633"
    assert reading.birth_date == dt.date(1960, 8, 29)
    assert reading.full_name == "Phạm Tuấn An"


@pytest.mark.parametrize(("number", "birth", "male", "ok"), [
    ("038194012345", dt.date(1994, 7, 21), False, True),
    ("038094012345", dt.date(1994, 7, 21), False, False),   # male digit, woman
    ("038194012345", dt.date(1995, 7, 21), False, False),   # year disagrees
    ("038394012345", dt.date(2094, 7, 21), False, True),    # 2000s woman
    ("038494012345", None, None, False),                      # no such century digit
])
def test_number_agrees_with_birth_date_and_sex(number: str, birth: dt.date | None,
                                               male: bool | None, ok: bool) -> None:
    assert number_agrees(number, birth, male) is ok


def test_qr_payload_is_parsed_and_confirms_the_printed_number() -> None:
    payload = qr_payload(PERSON, dt.date(2021, 5, 2))
    qr = parse_qr(payload)
    assert qr is not None and qr.number == "038194012345" and qr.full_name == "Nguyễn Thị Huyền"
    assert parse_qr("https://example.vn/?ma=000.00.06.H56-231027-0361") is None
    reading = read_identity("CĂN CƯỚC CÔNG DÂN\nSố: 038194O12345", [payload],
                            printed_ids=())
    assert reading is not None and reading.qr and reading.id_number == "038194012345"
    assert reading.birth_date == dt.date(1994, 7, 21)


def test_layout_score_tells_a_card_from_a_form() -> None:
    card = ("Số định danh cá nhân / Personal identification number\nHọ và tên / Full name\n"
            "Ngày sinh / Date of birth: 21/07/1994\nQuê quán / Place of origin: Thanh Hóa")
    form = ("TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ, chữ đệm, tên người yêu cầu: Nguyễn Thị Huyền\n"
            "Ngày, tháng, năm sinh: 21/07/1994\nNơi cư trú: Thôn 3")
    assert layout_score(card) >= 0.5 > layout_score(form)


def test_photocopied_chip_card_is_typed_and_read_with_its_qr(tmp_path: object) -> None:
    """Real OCR and a real QR decoder on a tilted card copy with the front and back."""
    import ocr

    rng = random.Random(5)
    person = people.person(rng)
    sheet = identity_sheet(rng, person, CardKind.CHIP)
    buffer = io.BytesIO()
    sheet.image.save(buffer, "JPEG", quality=85)
    data = buffer.getvalue()
    text = ocr.recognise_page(data, ocr.OcrSettings()).text
    codes = decode_codes(data)
    form = PageText("01.png", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nGIẤY ỦY QUYỀN\n"
                              "Họ và tên: Trần Văn Bình\nSố CCCD: 001080012345")
    tag = tag_dossier([form, PageText("02.jpg", text, codes)], Catalogue.load())
    assert [d.page_indices for d in tag.documents] == [(0,), (1,)]
    card = tag.documents[1]
    assert card.type is not None and card.type.key == "can_cuoc"
    assert card.fields.id_numbers[0] == sheet.truth.id_number
    assert card.fields.full_names == (sheet.truth.full_name,)
    assert sheet.truth.birth_date.strftime("%d/%m/%Y") in card.fields.birth_dates


def test_a_card_on_grey_halftone_paper_is_cut_out_and_read() -> None:
    """The whole sheet reads as (nearly) nothing; each card cut out of it reads."""
    from dossier.cards import card_faces, poor_text, reread_cards

    rng = random.Random(2)
    person = people.person(rng)
    sheet = identity_sheet(rng, person, CardKind.BARCODE)
    buffer = io.BytesIO()
    sheet.image.save(buffer, "JPEG", quality=85)
    data = buffer.getvalue()
    import ocr

    whole = ocr.recognise_page(data, ocr.OcrSettings()).text
    assert poor_text(whole)
    assert len(card_faces(data)) == 2  # front and back
    text = reread_cards(data, whole)
    tag = tag_dossier([PageText("01.jpg", text)], Catalogue.load())
    card = tag.documents[0]
    assert card.type is not None and card.type.key == "can_cuoc"
    assert sheet.truth.id_number in card.fields.id_numbers


def test_a_chip_card_copied_on_white_paper_is_cut_out_by_its_edge_and_read() -> None:
    """Light card on white paper: no lighter region stands out, its printed edge does."""
    import numpy as np

    from dossier.cards import card_faces, recognise_text

    rng = random.Random(4)
    person = people.person(rng)
    sheet = identity_sheet(rng, person, CardKind.CHIP)
    assert np.asarray(sheet.image.convert("L"))[:60, :60].mean() > 240  # white paper
    buffer = io.BytesIO()
    sheet.image.convert("RGB").save(buffer, "JPEG", quality=85)
    faces = card_faces(buffer.getvalue())
    assert len(faces) == 2  # front and back
    text = "\n".join(recognise_text(face) for face in faces)
    tag = tag_dossier([PageText("01.jpg", text)], Catalogue.load())
    card = tag.documents[0]
    assert card.type is not None and card.type.key == "can_cuoc"
    assert sheet.truth.id_number in card.fields.id_numbers


def test_no_card_is_found_on_a_blank_or_a_text_page() -> None:
    from PIL import Image

    from dossier.cards import card_faces
    from synth import render_lines
    from synth.forms import make_dossier

    buffer = io.BytesIO()
    Image.new("RGB", (1654, 2339), "white").save(buffer, "PNG", dpi=(200, 200))
    assert card_faces(buffer.getvalue()) == []
    page = make_dossier(random.Random(4), "1.001193").documents[0].pages[0]
    buffer = io.BytesIO()
    render_lines(list(page), dpi=200).image.save(buffer, "PNG", dpi=(200, 200))
    assert card_faces(buffer.getvalue()) == []


def test_zone_name_corrects_the_printed_capitals_and_gets_their_marks() -> None:
    zone = "\n".join(td1_lines(PERSON, dt.date(2034, 7, 21)))
    # OCR broke a letter of the printed name; the zone (no marks) says which word it is.
    text = f"CĂN CƯỚC CÔNG DÂN\nHọ và tên / Full name:\nNGUYỄN THỊ HUYỀM\n{zone}"
    reading = read_identity(text)
    assert reading is not None and reading.full_name == "Nguyễn Thị Huyền"
    # Without a readable print the zone's name gets its marks from the known syllables.
    reading = read_identity(f"CĂN CƯỚC CÔNG DÂN\n{zone}")
    assert reading is not None and reading.full_name == "Nguyễn Thị Huyền"


def test_zone_birth_date_is_kept_when_its_own_check_digit_passes() -> None:
    line1, line2, line3 = td1_lines(PERSON, dt.date(2034, 7, 21))
    broken1 = line1[:8] + ("7" if line1[8] != "7" else "8") + line1[9:]  # number misread
    mrz = find_mrz("\n".join((broken1, line2, line3)))
    assert mrz is not None and mrz.birth_ok and mrz.checks_passed < mrz.checks_total
    reading = read_identity("\n".join((broken1, line2, line3)))
    assert reading is not None and reading.birth_date == dt.date(1994, 7, 21)
    broken2 = ("5" if line2[0] != "5" else "6") + line2[1:]  # the date itself misread
    reading = read_identity("\n".join((line1, broken2, line3)))
    assert reading is None or reading.birth_date != dt.date(1994, 7, 21)


def test_labelled_numbers_and_birth_dates_are_read_digit_for_digit() -> None:
    # A card's fields are digits only: letters OCR gave for digits are read back.
    text = ("CĂN CƯỚC CÔNG DÂN / Citizen Identity Card\nSố / No.: 038I94O1234S\n"
            "Họ và tên / Full name:\nNGUYỄN THỊ HUYỀN\nNgày sinh / Date of birth: 2l/O7-1994\n")
    reading = read_identity(text)
    assert reading is not None
    assert reading.id_number == "038194012345" and reading.birth_date == dt.date(1994, 7, 21)
    # On a form, grouped digits after the ID label, one of them misread.
    from tagging import extract_fields

    fields = extract_fields("Họ và tên: Nguyễn Văn An\nSố định danh cá nhân: 038 094 012 34S\n")
    assert fields.id_numbers == ("038094012345",)
    # Not a number: words after the label are left alone.
    assert extract_fields("Số định danh cá nhân: chưa có, sẽ bổ sung sau\n").id_numbers == ()
