"""Field extraction: ID numbers, names, dates, dossier codes; unknown stays empty."""

from __future__ import annotations

from tagging import Fields, extract_fields


def test_twelve_digit_id_with_ocr_lookalikes_in_numeric_context() -> None:
    fields = extract_fields("Số định danh cá nhân: 0012O30O4567\nNgày sinh: 05/06/2003")
    assert fields.id_numbers == ("001203004567",)


def test_id_rejected_for_unknown_province_or_century() -> None:
    assert extract_fields("Số định danh: 003203004567").id_numbers == ()  # no province 003
    assert extract_fields("Số định danh: 001703004567").id_numbers == ()  # century digit 7


def test_id_must_agree_with_birth_year_written_beside_it() -> None:
    text = "Họ và tên: Lê Văn An\nNgày sinh: 12/03/1990\nSố CCCD: 001085004567"
    assert extract_fields(text).id_numbers == ()
    text = "Họ và tên: Lê Văn An\nNgày sinh: 12/03/1985\nSố CCCD: 001085004567"
    assert extract_fields(text).id_numbers == ("001085004567",)


def test_old_nine_digit_id_needs_its_label() -> None:
    assert extract_fields("Số CMND: 123456789").id_numbers == ("123456789",)
    assert extract_fields("Cân nặng 123456789 gam").id_numbers == ()


def test_letters_in_words_are_not_turned_into_digits() -> None:
    assert extract_fields("Số nhà: BOOK lOl SOS").id_numbers == ()


def test_dates_both_styles_normalised_and_invalid_dropped() -> None:
    text = "Ngày sinh: 5/3/2023\nLàm tại Hà Nội, ngày 12 tháng 11 năm 2024\nNgày 31/02/2020"
    assert extract_fields(text).dates == ("05/03/2023", "12/11/2024")
    assert extract_fields("ngày ... tháng ... năm ...").dates == ()


def test_dossier_code_read_and_repaired_in_digits_only() -> None:
    fields = extract_fields("Mã hồ sơ: 000.00.O6.H56-231O27-0361")
    assert fields.dossier_code == "000.00.06.H56-231027-0361"
    assert extract_fields("Mã hồ sơ: 000.00.06.H56-231399-0361").dossier_code is None


def test_names_after_labels_in_proper_case() -> None:
    text = (
        "Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ THUỶ   Giới tính: Nữ\n"
        "Họ và tên cha: trần văn bình\n"
        "Ông/Bà: LÊ QUỐC CHI\n"
        "Họ, chữ đệm và tên / Full name:\n"
        "ĐỖ MINH KHÔI\n"
        "Họ và tên người làm chứng: ......................\n"
    )
    assert extract_fields(text).full_names == (
        "Nguyễn Thị Thuỷ", "Trần Văn Bình", "Lê Quốc Chi", "Đỗ Minh Khôi",
    )


def test_name_marks_restored_from_lexicon_only_when_unknown() -> None:
    text = "Họ và tên: NGUYÊN THU HĂNG\nHọ và tên mẹ: Phạm Phương Vân"
    assert extract_fields(text).full_names == ("Nguyễn Thu Hằng", "Phạm Phương Vân")


def test_nothing_found_means_empty() -> None:
    assert extract_fields("") == Fields()
    assert extract_fields("Tờ khai không có thông tin") == Fields()


def test_name_labels_tolerate_ocr_slips_and_a_lost_colon() -> None:
    text = (
        "Họ, chữđêm, lên người yêu cầu; TRẦN THỊ MAI\n"
        "H0 và tên người cha LÊ VĂN HÙNG\n"
        "Ngày, tháng, năm sinh: 01/02/1990\n"
    )
    assert extract_fields(text).full_names == ("Trần Thị Mai", "Lê Văn Hùng")


def test_a_name_wrapped_at_the_right_margin_is_joined() -> None:
    text = (
        "Kính gửi: Ủy ban nhân dân xã Hòa Bình, tỉnh Hà Giang\n"
        "Họ, chữ đệm, tên người đi đăng ký khai sinh cho con: NGUYỄN THỊ\n"
        "THU HƯƠNG\n"
        "Họ và tên: Lê Văn An\n"
        "Nam\n"
    )
    # The short line does not reach the margin: "Nam" below it is another field.
    assert extract_fields(text).full_names == ("Nguyễn Thị Thu Hương", "Lê Văn An")


def test_id_numbers_in_boxes_or_groups_are_closed_up() -> None:
    assert extract_fields("Số định danh cá nhân: 0 0 1 2 0 3 0 0 4 5 6 7").id_numbers == \
        ("001203004567",)
    assert extract_fields("Số CCCD: |0|0|1|2|0|3|0|0|4|5|6|7|").id_numbers == ("001203004567",)
    assert extract_fields("Số CCCD: 0012 0300 4567").id_numbers == ("001203004567",)
    assert extract_fields("Cân nặng: 3 2 0 0 gam, con thứ 1 2").id_numbers == ()


def test_rare_marked_names_read_in_lower_case_are_kept() -> None:
    text = "Họ và tên: Nguyễn Bảo Triều\nHọ và tên mẹ: Thân Ẩn Tuệ\nHọ và tên cha: NGUYÊN VĂN ẤN"
    assert extract_fields(text).full_names == (
        "Nguyễn Bảo Triều", "Thân Ẩn Tuệ", "Nguyễn Văn Ấn",
    )


def test_ong_is_a_title_only_before_a_surname() -> None:
    text = "Ông/Bà: Ông Bá Tâm\nHọ và tên chủ hộ: Ông Nguyễn Văn Hải"
    assert extract_fields(text).full_names == ("Ông Bá Tâm", "Nguyễn Văn Hải")


def test_a_stray_space_inside_an_id_number_is_closed_up() -> None:
    assert extract_fields("Số định danh cá nhân: 0 37186071935").id_numbers == ("037186071935",)


def test_a_grouped_id_number_broken_across_a_line_end_is_joined() -> None:
    text = ("Số định danh cá nhân / Personal identification number: 019 188 483\n447\n"
            "Họ, chữ đệm và tên khai sinh / Full name: BÙI HẢI LAN")
    assert extract_fields(text).id_numbers == ("019188483447",)
    # Without an ID label, or when the parts do not make twelve digits, nothing is joined.
    assert extract_fields("Tổng cộng: 019 188 483\n447 đồng").id_numbers == ()
    # (nine digits after a label still read as an old identity card number).
    assert extract_fields("Số định danh: 019 188 483\n4471 bản").id_numbers == ("019188483",)
