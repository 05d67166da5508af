"""Reading rules on text as real OCR gave it from photocopied cards and scanned forms
(strings taken from recognised synthetic pages, damage and all)."""

from __future__ import annotations

import datetime as dt

from tagging import Catalogue, PageText, extract_fields, read_identity, tag_dossier
from tagging.identity import find_mrz

# Two chip cards copied on halftone sheets, one after the other; OCR damaged the
# labels so much that neither reads as a card by its layout, but both QR codes read.
CARD_A = """3 ".." ˆ.uux
_ CỘNG HÒA XÃ HỘI Ủ NGHĨA VIỆT NA Đi Việt
SOCIALIST REPUBLIC OF VIET NAM Si hà
CĂN CƯỚC
JDENTEY CARD
Số định danh cá nhân / Persopal idendificetion numP@F:
3 066095639287
Họ, chừ đệm và vên khi sinh / Fuũ nat©:
PHẠM SỸ TUẦN
Ngày sinh / Đate of bìth: 05/07/1995
39287? 966995639287<<35
<<<<<<<<Â"""
QR_A = ("066095639287||Phạm Sỹ Tuấn|05071995|Nam|Tổ dân phố 8, xã Kim Sơn, tỉnh Quảng Bình"
        "|07042020")
CARD_B = """: CỘNG HÒA XÃ HÔ » XS
M Độ Su 2Í CHỦ NG l ^ "——=<=RHRi-
ị crï: CAN CƯỚC Cống kh ti
lê: nã nen | 04191931soo Mhn, - _.
ị : Đội Ch c h HÙNG THỤy MY “Ful hame; : ì h
Đài kợ si Giới tính ; Sa: lạc c "1h: 27/02/1991 . ị
ị TDVNM19193159690664191931590<<8 ị
| Bảppha£8&F3102271VNM<<<<<<<<<<<6
PHUNG<<THUY<MY<<<<<<<<<<<<<<<<"""
QR_B = "004191931590||Phùng Thụy My|27021991|Nữ|Tổ dân phố 5, xã Tiên Lữ, tỉnh Gia Lai|23122016"


def test_each_card_is_its_own_paper_when_its_qr_code_names_the_holder() -> None:
    form = PageText("01.png", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỢP ĐỒNG MUA BÁN XE\n"
                              "Họ và tên: Phạm Sỹ Tuấn\nSố CCCD: 066095639287")
    tag = tag_dossier([form, PageText("02.jpg", CARD_A, (QR_A,)),
                       PageText("03.jpg", CARD_B, (QR_B,))], Catalogue.load())
    cards = [d for d in tag.documents if d.page_indices in ((1,), (2,))]
    assert [d.page_indices for d in cards] == [(1,), (2,)]
    assert all(d.type is not None and d.type.key == "can_cuoc" for d in cards)
    assert cards[0].fields.id_numbers[0] == "066095639287"
    assert cards[1].fields.id_numbers[0] == "004191931590"
    assert cards[1].fields.full_names == ("Phùng Thụy My",)
    assert cards[1].fields.birth_dates == ("27/02/1991",)


def test_a_zone_whose_first_letter_ocr_read_as_t_is_still_found() -> None:
    mrz = find_mrz(CARD_B)
    assert mrz is not None
    assert (mrz.surname, mrz.given) == ("PHUNG", "THUY MY")
    # A line that only looks like the zone's filler is not one.
    assert find_mrz("Ghi chú: <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTrang 2") is None


def test_capitals_with_broken_marks_take_the_lower_case_copy_on_the_page() -> None:
    text = ("Họ, chữ đệm và tên người yêu cầu: VÕ THANH HUYỂN\n"
            "Nơi cư trú: Thôn 4, xã Kim Sơn, tỉnh Bến Tre\n"
            "Họ, chữ đệm, tên: VÕ THANH HUYỄN\nNgày, tháng, năm sinh: 12/12/1971\n"
            "NGƯỜI YÊU CẦU\n(Ký, ghi rõ họ, chữ đệm, tên)\nVõ Thanh Huyền")
    fields = extract_fields(text)
    assert fields.full_names == ("Võ Thanh Huyền",)
    assert fields.reliability == (3,)
    # A lower-case copy whose marks are no known name is not taken.
    spoilt = text.replace("Võ Thanh Huyền", "Võ Thành Huyểm")
    assert extract_fields(spoilt).full_names != ("Võ Thành Huyểm",)


def test_card_reading_keeps_the_qr_holder_over_a_damaged_print() -> None:
    reading = read_identity(CARD_B, (QR_B,))
    assert reading is not None and reading.qr
    assert (reading.id_number, reading.full_name, reading.birth_date) == (
        "004191931590", "Phùng Thụy My", dt.date(1991, 2, 27))


def test_birth_dates_are_read_whatever_their_separators() -> None:
    cases = {
        "Ngày sinh / Date of birth: 05/07!1995": "05/07/1995",  # "/" read as "!"
        "Ngày sinh: 05.07 1995": "05/07/1995",
        "Sinh ngày: 3l/12/1990 Nguyên quán": "31/12/1990",     # "l" for "1"
        "Ngày sinh: 05l07l1995": "05/07/1995",                  # both "/" read as "l"
        "Ngày, tháng, năm sinh: 12\\03\\1975": "12/03/1975",
        "Ngày sinh: 0507/1995": "05/07/1995",                   # a separator lost
        "Ngày sinh: 05/071995": "05/07/1995",
        "Ngày sinh / Date of birth: O5/O7/I995": "05/07/1995",
        "Ngày sinh: 10/09/ 19B9": "10/09/1989",                 # "B" for "8"
    }
    for line, want in cases.items():
        assert extract_fields(line).birth_dates == (want,), line
    # Not a date: nothing is made up.
    assert extract_fields("Ngày sinh: chưa rõ 12 người").birth_dates == ()
    assert extract_fields("Ngày sinh: 45/13/1990").birth_dates == ()


def test_a_number_under_its_label_is_read_digit_for_digit() -> None:
    text = ("Họ và tên mẹ: Trần Thị Lan\nNăm sinh: 1990\nSố căn cước công dân:\n"
            "0141903604T4\nĐã sinh con vào lúc: 07 giờ 35 phút, 14/09/2024")
    assert extract_fields(text).id_numbers == ("014190360474",)
    # A phone number under the label is not an ID number.
    assert extract_fields("Số căn cước công dân:\n0912 345 678\n").id_numbers == ()
    # The century/sex digit must still agree with the birth year beside it.
    wrong = text.replace("Năm sinh: 1990", "Năm sinh: 1985")
    assert "014190360474" not in extract_fields(wrong).id_numbers


def test_a_birth_year_with_lookalikes_still_vouches_for_the_number() -> None:
    # "l999" and "19B9" are 1999 and 1989: the numbers beside them agree.
    text = ("Họ và tên mẹ: Lê Thị Hoa\nNăm sinh: l999\nSố định danh cá nhân: 07719941I862\n"
            "Đã sinh con vào lúc: 13 giờ 55 phút, 18-02-2024")
    assert extract_fields(text).id_numbers == ("077199411862",)
    text = ("II. NGƯỜI ĐƯỢC ỦY QUYỀN:\nHọ và tên: Lê Văn Bình\nNgày sinh: 10/09/ 19B9\n"
            "Sỗ định danh cá nhân: 094089393091\n")
    assert extract_fields(text).id_numbers == ("094089393091",)


def test_identity_paper_label_and_letters_for_digits_after_it() -> None:
    text = "Họ và tên: Lê Văn An\nGiấy tờ tùy thân số: 07719BT58576\n"
    assert extract_fields(text).id_numbers == ("077198758576",)
