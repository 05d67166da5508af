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


def test_zone_number_with_a_character_put_in_before_it_is_found_again() -> None:
    zone = ("TDVNM19332906906075193329069<<8\n9307067F3307065VNM<<<<<<<<<<<2\n"
            "NGUYEN<<0ANH<<<<<<<<<<<<<<<<<<")
    mrz = find_mrz(zone)
    assert mrz is not None and mrz.doc_ok and mrz.number == "075193329069"
    # A "0" OCR gave for the "O" of a name in the zone is the letter.
    assert (mrz.surname, mrz.given) == ("NGUYEN", "OANH")
    text = ("CĂN CƯỚC CÔNG DÂN\nS6/No: 07B193329069\nHọ và tên / Full name:\nNGUYEN OANH\n"
            "Ngày sinh / Date of birth: 06/07/1993\n" + zone)
    reading = read_identity(text)
    assert reading is not None
    assert (reading.id_number, reading.full_name) == ("075193329069", "Nguyễn Oanh")


def test_zone_province_code_misread_is_repaired_only_when_the_line_check_agrees() -> None:
    # Every province code starts with 0: "634…" is "034…", and line 1's last check
    # digit (over the document and full numbers) confirms it.
    zone = ("TDVNM1999828765634199982876<<8\n9908143F2408149VNM<<<<<<<<<<<8\n"
            "NGUYEN<<HUU<NHUNG<<<<<<<<<<<<<")
    mrz = find_mrz(zone)
    assert mrz is not None and mrz.number == "034199982876"
    spoilt = zone.replace("<<8\n99", "<<3\n99")  # the line's check digit disagrees
    mrz = find_mrz(spoilt)
    assert mrz is not None and mrz.number is None


def test_zone_full_number_misread_takes_the_checked_document_number() -> None:
    zone = ("TDVNM1958803147004195886314<<1\n9507133F20607139VNM<<<<<<<<<<<6\n"
            "LE<<TRAN<THT<QUYEN<<<<<<<<<<<<")
    mrz = find_mrz(zone)
    assert mrz is not None and mrz.number == "004195880314"
    reading = read_identity("CĂN CƯỚC CÔNG DÂN\n" + zone)
    assert reading is not None and reading.id_number == "004195880314"
    # "THT" is one OCR slip from the only syllable it can be.
    assert reading.full_name == "Lê Trần Thị Quyên"


def test_zone_name_slips_and_printed_name_that_reads_as_a_name_is_kept() -> None:
    zone = ("TDVNM1946895167015194689516<<9\n9406269F3406267VNM<<<<<<<<<<<8\n"
            "DTNH<<TU0NG<NGOC<<<<<<<<<<<<<<")
    reading = read_identity("CĂN CƯỚC CÔNG DÂN\n" + zone)
    assert reading is not None and reading.full_name == "Đinh Tường Ngọc"
    # The print reads "LAN", the zone "<t AN": both are names, the print is kept.
    text = ("CĂN CƯỚC CÔNG DÂN\nHọ và tên / Full name:\nPHẠM NGỌC LAN ĐIỀM\n"
            "TDVNM1723555110068172355511<<8\nị 7211276F3211278VNM<<<<<<<<<<<0\n"
            "| PHAM<<NGOC<t AN<DIEM<<<<<<<<<<<")
    reading = read_identity(text)
    assert reading is not None and reading.full_name == "Phạm Ngọc Lan Điềm"


def test_passport_personal_number_failing_its_check_digit_gives_way_to_the_print() -> None:
    text = ("HỘ CHIẾU ¡ PASSPORT\nHọ và tên / Full name:\nNGUYỄN QUỲNH DUYÊN\n"
            "Ngày sinh / Date of birth: 21/04/1978\nGiới tính / Sex: Nữ/F\n"
            "Số định danh / Personal No.: 092178049429\n"
            "P<VNMNGUYEN<<QUYNH<DUYEN<<<<<<<<<<<<<<<<<<<<\n"
            "N8648916<7VNM7804218F3401044092178949429<<96")
    mrz = find_mrz(text)
    assert mrz is not None and mrz.number is None  # "…949429" fails its check digit
    reading = read_identity(text, printed_ids=("092178049429",))
    assert reading is not None and reading.id_number == "092178049429"


def test_birth_date_from_the_cards_expiry_when_the_birth_line_is_lost() -> None:
    # The birth line did not survive the copy and the zone's birth date fails its
    # check; the card runs out on the 40th birthday: 05/07 of the number's year.
    text = ("CĂN CƯỚC\nNgày, tháng..năm hết hạn 4 Date dfexpiy: 05/07/2035 - : Ngn\n"
            "_ TDVNMô956392877066095639287<<5\n9567052M3597050VNM<<«<<<<<<<<<Ä4\n"
            "PHAM<<SY<TUAN<<<<<<<<<<<<<<<<<")
    reading = read_identity(text)
    assert reading is not None and reading.id_number == "066095639287"
    assert reading.birth_date == dt.date(1995, 7, 5)
    # An expiry that is no 25th, 40th or 60th birthday says nothing of the birth.
    other = text.replace("05/07/2035", "05/07/2031")
    reading = read_identity(other)
    assert reading is not None and reading.birth_date is None


def test_holder_name_under_a_label_ocr_broke() -> None:
    text = ("CĂN CƯỚC CÔNG DÂN\nSố: 031095181326\nlọ và tên:\nHỒ TUẤN DŨNG\n"
            "Ngày, tháng, năm sinh: 08/03/1995\nQUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI")
    reading = read_identity(text)
    assert reading is not None and reading.full_name == "Hồ Tuấn Dũng"
    # Capitals that are no name (a heading) are not taken for one.
    reading = read_identity("CĂN CƯỚC CÔNG DÂN\nSố: 031095181326\nlọ và tên:\n"
                            "CỤC TRƯỞNG CỤC CẢNH SÁT\n")
    assert reading is None or reading.full_name is None
