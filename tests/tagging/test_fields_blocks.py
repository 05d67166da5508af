"""Identity numbers are checked against the birth date of their own person block."""

from __future__ import annotations

from tagging import extract_fields


def test_requester_number_is_not_checked_against_the_childs_birth_date() -> None:
    text = (
        "Họ, chữ đệm, tên người yêu cầu: NGUYỄN THỊ LAN\n"
        "Số định danh cá nhân: 001190012345\n"
        "Họ, chữ đệm, tên: TRẦN MINH AN\n"
        "Ngày, tháng, năm sinh: 12/03/2023\n"
    )
    assert extract_fields(text).id_numbers == ("001190012345",)


def test_number_contradicting_its_holders_birth_date_is_dropped() -> None:
    consistent = "Họ và tên: Lê Văn Bình\nNgày sinh: 01/01/1985\nSố định danh: 001085012345"
    contradicting = "Họ và tên: Lê Văn Bình\nNgày sinh: 01/01/1985\nSố định danh: 001095012345"
    assert extract_fields(consistent).id_numbers == ("001085012345",)
    assert extract_fields(contradicting).id_numbers == ()
