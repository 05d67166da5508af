"""Fictional Vietnamese people for synthetic paperwork: names with marks, dates,
addresses and identity numbers consistent with sex and year of birth.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# (code, province of birth registration) — codes of the 12-digit personal number.
PROVINCES: tuple[tuple[str, str], ...] = (
    ("001", "Hà Nội"), ("002", "Hà Giang"), ("004", "Cao Bằng"), ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"), ("010", "Lào Cai"), ("011", "Điện Biên"), ("012", "Lai Châu"),
    ("014", "Sơn La"), ("015", "Yên Bái"), ("017", "Hòa Bình"), ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"), ("022", "Quảng Ninh"), ("024", "Bắc Giang"), ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"), ("027", "Bắc Ninh"), ("030", "Hải Dương"), ("031", "Hải Phòng"),
    ("033", "Hưng Yên"), ("034", "Thái Bình"), ("035", "Hà Nam"), ("036", "Nam Định"),
    ("037", "Ninh Bình"), ("038", "Thanh Hóa"), ("040", "Nghệ An"), ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"), ("045", "Quảng Trị"), ("046", "Thừa Thiên Huế"), ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"), ("051", "Quảng Ngãi"), ("052", "Bình Định"), ("054", "Phú Yên"),
    ("056", "Khánh Hòa"), ("058", "Ninh Thuận"), ("060", "Bình Thuận"), ("062", "Kon Tum"),
    ("064", "Gia Lai"), ("066", "Đắk Lắk"), ("067", "Đắk Nông"), ("068", "Lâm Đồng"),
    ("070", "Bình Phước"), ("072", "Tây Ninh"), ("074", "Bình Dương"), ("075", "Đồng Nai"),
    ("077", "Bà Rịa - Vũng Tàu"), ("079", "Hồ Chí Minh"), ("080", "Long An"),
    ("082", "Tiền Giang"), ("083", "Bến Tre"), ("084", "Trà Vinh"), ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"), ("089", "An Giang"), ("091", "Kiên Giang"), ("092", "Cần Thơ"),
    ("093", "Hậu Giang"), ("094", "Sóc Trăng"), ("095", "Bạc Liêu"), ("096", "Cà Mau"),
)

# Surnames with rough frequencies; the long tail matters for OCR of rarer marks.
SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4),
    ("Phan", 4), ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Đoàn", 1), ("Trịnh", 1), ("Lương", 1),
    ("Mai", 1), ("Cao", 1), ("Tạ", 1), ("Hà", 1), ("Chu", 1), ("Lâm", 1), ("Tô", 1),
    ("Kiều", 1), ("Quách", 1), ("Triệu", 1), ("Thái", 1), ("Lại", 1), ("Khúc", 1), ("Âu", 1),
    ("Ưng", 1), ("Nghiêm", 1), ("Khổng", 1), ("Tăng", 1), ("Thân", 1), ("Phùng", 1),
    ("Diệp", 1), ("Lục", 1), ("Ông", 1), ("Giáp", 1), ("Nông", 1), ("Tống", 1), ("Mạc", 1),
)
MIDDLE_MALE = ("Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Ngọc", "Gia",
               "Anh", "Hoàng", "Tuấn", "Thanh", "Trọng", "Đình", "Bá", "Mạnh", "Quốc", "Duy")
MIDDLE_FEMALE = ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Bảo", "Phương", "Thùy",
                 "Mai", "Diệu", "Khánh", "Quỳnh", "Thảo", "Hải", "Lan", "Tường", "Ánh", "Mỹ")
GIVEN_MALE = ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long",
              "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Toàn", "Trung",
              "Tuấn", "Việt", "Vinh", "Hiếu", "Khoa", "Lâm", "Nghĩa", "Quang", "Tài", "Thịnh",
              "Tú", "Hoà", "Lộc", "Đông", "Kiên", "Hưng", "Bảo", "Duy", "Hoàng", "Thuận")
# A long tail of rarer syllables and marks (ỷ, ẩ, ụ, ở …) that OCR finds harder.
RARE_MIDDLE = ("Thụy", "Khải", "Tuệ", "Hữu", "Kỳ", "Ẩn", "Sỹ", "Nhữ", "Lưu", "Uyển", "Hạ")
RARE_GIVEN = ("Hỷ", "Khởi", "Điềm", "Tuệ", "Ước", "Quỳ", "Lũy", "Thoại", "Nhẫn", "Ửng",
              "Khiết", "Huỳnh", "Ngữ", "Doãn", "Luyến", "Thuyết", "Triều", "Nguyên", "Ý")
GIVEN_FEMALE = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan",
                "Linh", "Loan", "Mai", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
                "Thảo", "Thủy", "Thuỷ", "Trang", "Trâm", "Uyên", "Vân", "Yến", "Hòa", "Nhi",
                "Duyên", "Khuê", "Xuân", "Huyền", "Tuyết", "Nguyệt", "Diệp", "Ly", "My")
ETHNICITIES = (("Kinh", 90), ("Tày", 2), ("Thái", 2), ("Mường", 2), ("Khmer", 1), ("Hoa", 1),
               ("Nùng", 1), ("H'Mông", 1))
COMMUNES = ("xã Hòa Bình", "xã Tân Phú", "xã Yên Lạc", "xã Quảng Phú", "phường Đông Hải",
            "xã Phú Lộc", "xã Thanh Sơn", "phường Bắc Sơn", "xã Kim Sơn", "xã An Thạnh",
            "xã Đại Đồng", "phường Ninh Xá", "xã Thuỷ Nguyên", "xã Vĩnh Hòa", "xã Tiên Lữ")
STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung",
           "Lý Thường Kiệt", "Phan Đình Phùng", "Hùng Vương", "Nguyễn Du", "Bà Triệu")


@dataclass(frozen=True)
class Person:
    """A fictional citizen; ``id_number`` agrees with province, sex and birth year."""

    full_name: str
    male: bool
    birth_date: dt.date
    id_number: str
    province: str
    ethnicity: str
    address: str
    old_id: str | None = None

    @property
    def sex(self) -> str:
        return "Nam" if self.male else "Nữ"


def full_name(rng: random.Random, male: bool, surname: str | None = None) -> str:
    surname = surname or rng.choices([s for s, _ in SURNAMES], [w for _, w in SURNAMES])[0]
    middle = MIDDLE_MALE if male else MIDDLE_FEMALE
    given = GIVEN_MALE if male else GIVEN_FEMALE
    parts = [surname]
    if rng.random() < 0.08:  # double surname, e.g. "Trần Nguyễn Bảo Ngọc"
        parts.append(rng.choice([s for s, _ in SURNAMES[:12] if s != surname]))
    shape = rng.random()
    if shape >= 0.05:  # a few names have no middle name at all ("Lê Na")
        parts.append(rng.choice(RARE_MIDDLE if rng.random() < 0.1 else middle))
    if shape > 0.7:
        parts.append(rng.choice(middle[1:]))
    parts.append(rng.choice(RARE_GIVEN if rng.random() < 0.12 else given))
    # Avoid a repeated word ("Minh Minh") which real names rarely have.
    out: list[str] = []
    for p in parts:
        if not out or out[-1] != p:
            out.append(p)
    return " ".join(out)


def id_number(rng: random.Random, province_code: str, male: bool, birth: dt.date) -> str:
    """A 12-digit personal identity number for that province, sex and birth year."""
    century = 0 if birth.year < 2000 else 2
    digit = century + (0 if male else 1)
    return f"{province_code}{digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


def address(rng: random.Random) -> str:
    province = rng.choice(PROVINCES)[1]
    commune = rng.choice(COMMUNES)
    kind = rng.random()
    if kind < 0.4:
        place = f"Thôn {rng.randint(1, 12)}"
    elif kind < 0.7:
        place = f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}"
    else:
        place = f"Tổ dân phố {rng.randint(1, 20)}"
    prefix = "thành phố" if province in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng",
                                         "Cần Thơ", "Huế") else "tỉnh"
    return f"{place}, {commune}, {prefix} {province}"


def random_date(rng: random.Random, start_year: int, end_year: int) -> dt.date:
    start = dt.date(start_year, 1, 1).toordinal()
    end = dt.date(end_year, 12, 28).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def person(rng: random.Random, male: bool | None = None, born: tuple[int, int] = (1955, 2004),
           surname: str | None = None) -> Person:
    male = rng.random() < 0.5 if male is None else male
    birth = random_date(rng, *born)
    code, province = rng.choice(PROVINCES)
    ethnicity = rng.choices([e for e, _ in ETHNICITIES], [w for _, w in ETHNICITIES])[0]
    old = f"{rng.randrange(10**8, 10**9)}" if rng.random() < 0.1 else None
    return Person(
        full_name=full_name(rng, male, surname), male=male, birth_date=birth,
        id_number=id_number(rng, code, male, birth), province=province, ethnicity=ethnicity,
        address=address(rng), old_id=old,
    )


def child(rng: random.Random, father_surname: str, born: dt.date) -> Person:
    """A newborn: no identity card yet, but the number is assigned at birth registration."""
    male = rng.random() < 0.5
    code, province = rng.choice(PROVINCES)
    return Person(
        full_name=full_name(rng, male, father_surname), male=male, birth_date=born,
        id_number=id_number(rng, code, male, born), province=province, ethnicity="Kinh",
        address=address(rng),
    )
