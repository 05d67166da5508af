"""Vietnamese personal-name syllables, to restore marks OCR lost or changed in names.

Only a word that is not itself a known name syllable is replaced, and only by the
one known syllable that folds to the same letters at that position in the name.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from vntext import fold, nfc


def _words(text: str) -> frozenset[str]:
    return frozenset(nfc(w) for w in text.split())

SURNAMES = _words("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trịnh
Lương Mai Cao Tạ Hà Chu Lâm Tô Kiều Quách Triệu Thái Lại Khúc Âu Văn Tăng Trương Đào Đàm
Đồng Giang Hứa Kim La Lã Lạc Lục Mạc Mạnh Nghiêm Ninh Nông Phí Phùng Quan Quang Sầm Sơn
Tào Thạch Thân Thi Tiêu Tống Trình Từ Ông Ứng Vi Viên Vương Yên Khổng Khương Lò Lưu Mẫn
Mông Ngụy Nhữ Phó Tôn Trang Vưu Hầu Hàn Hồng Diệp Cù Cấn Bạch Bế Công Châu Chử Doãn
Đào Đậu Đoạn Hoa Huỳnh Khuất Kha Lều Liêu Long Lữ Mã Mẫn Ngọ Phương Sái Sử Thiều Tiết
Ưng Giáp Bì Cái Chế Danh Dư Đàm Đới Hoàng Khổng Kiều Lò Lỗ Mạch Mâu Ngân Nhan Phạm Quản
Quàng Thang Thẩm Tôn Trà Trầm Văn Vy Xa
""")

MIDDLE = _words("""
Văn Thị Hữu Đức Minh Quang Thành Công Xuân Ngọc Gia Anh Hoàng Tuấn Thanh Trọng Đình Bá
Mạnh Quốc Duy Thu Hồng Kim Bảo Phương Thùy Thuỳ Mai Diệu Khánh Quỳnh Thảo Hải Lan Tường Ánh
Mỹ Như Tuyết Bích Cẩm Kiều Diễm Hoài Huyền Khả Lệ Mộng Nguyệt Phúc Tâm Thục Thúy Thuý Trúc
Tú Vân Yến Hà Hương Hạnh Ngân Nhật Phước Thế Tiến Trung Viết Vĩnh Xuân Cao Chí Đăng Hiếu
Hồng Huy Khắc Kiến Long Ngọc Nhân Phi Quý Sỹ Sĩ Tấn Thái Thiện Thượng Tất Tự Uy Vũ Việt Bình
Đại Đắc Định Hào Hiển Hoà Hòa Hưng Khôi Lâm Lộc Nam Nhất Phú Tài Thắng Thịnh Trí Trường
""")

GIVEN = _words("""
An Ân Anh Ánh Bách Bằng Bảo Bích Bình Bội Cảnh Cát Châu Chi Chiến Chinh Chính Công Cúc
Cương Cường Danh Diệp Diệu Diễm Dinh Doanh Dung Dũng Dương Duy Duyên Đại Đan Đạo Đạt
Điệp Định Đoan Đông Đức Giang Giao Hà Hạ Hải Hân Hạnh Hào Hảo Hằng Hân Hậu Hiền Hiển
Hiệp Hiếu Hiểu Hoa Hòa Hoà Hóa Hoài Hoan Hoàng Học Hồng Huấn Huế Huệ Hùng Hưng Hương Hường
Huy Huyền Khải Khang Khánh Khanh Khiêm Khoa Khôi Khuê Kiên Kiệt Kiều Kim Lam Lâm Lan Lành
Lễ Lệ Liên Liêm Liễu Linh Loan Lộc Lợi Long Luân Lực Lương Ly Lý Mai Mạnh Minh My Mỹ
Nam Nga Ngà Ngân Nghĩa Nghị Ngọc Nguyên Nguyệt Nhàn Nhân Nhi Nhiên Nhu Như Nhung Ninh
Oanh Phát Phong Phú Phúc Phước Phụng Phương Phượng Quân Quang Quế Quốc Quý Quyên Quyết
Quỳnh Sang Sáng Sơn Sương Tài Tâm Tân Tấn Thạch Thái Thắm Thắng Thanh Thành Thảo Thao
Thịnh Thọ Thoa Thông Thu Thuận Thục Thủy Thuỷ Thúy Thuý Thùy Thuỳ Thư Thương Thường Tiến
Tiên Tín Toàn Trà Trâm Trang Trí Triết Trinh Trọng Trúc Trung Trường Tú Tuấn Tùng Tuyên
Tuyền Tuyết Tư Uyên Vân Văn Vi Việt Vinh Vĩnh Vũ Vy Xuân Yên Yến Bắc Cảnh Chung Diệp
Hợp Hữu Khương Lịch Lụa Nhạn Nhẫn Phấn Sa Sen Tám Tình Trịnh Tươi Út Vàng Xoan Đào Đoàn
Triều Triệu Khởi Khải Điềm Tuệ Ước Quỳ Lũy Luỹ Thoại Ửng Khiết Ngữ Doãn Luyến Thuyết Ý Ẩn
Uyển Thụy Thuỵ Kỳ Kỷ Hỷ Hy Khuyên Khuyến Nhã Nhạc Nhật Phán Quảng Soạn Sinh Sỹ Sĩ Tạo
Thiêm Thiện Thiều Thơ Thuần Tiệp Tịnh Toản Trác Trạch Tráng Trình Tuyển Tước Uy Vượng Vỹ Vĩ
Yên Bửu Cầm Chánh Chiêu Chương Diệm Dự Đắc Đằng Độ Hạo Hãn Hiến Hòe Hoè Huân Hướng Kha Khắc
Khiếu Khúc Lãm Lập Liêm Lĩnh Lũ Lưu Mạnh Mẫn Miên Nghiêm Ngôn Nhạn Nhị Phố Phụng Quới
Sửu Tấn Tần Thái Thạnh Thân Thể Thiết Thìn Thủ Thúc Thức Tĩnh Tỉnh Trà Trị Trực Tuân Tý Vạn
Vịnh Vọng Xướng Yến Ánh Ấn Ngà Nga Hường Huyên Huyền Diễn Điền Đoàn Hậu Hiên
""")

_ALL = SURNAMES | MIDDLE | GIVEN

# Where syllables fold alike ("Huyền"/"Huyên", "Văn"/"Vân") and nothing else tells,
# the more common spelling in names, most common first.
_COMMON_TEXT = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Đức Hữu
Thành Minh Quang Ngọc Thu Thanh Huyền Hương Hà Hải Hằng Hồng Hùng Dũng Cường Tuấn Thảo
Thủy Thúy Trang Trâm Linh Lan Loan Nga Ngân Phương Quỳnh Tâm Tú Vân Yến Anh An Bình Châu
Chi Công Đạt Đông Giang Hiền Hiếu Hòa Hoa Huy Khánh Kiên Lâm Long Mai Nam Nhung Oanh Phúc
Quân Sơn Tài Thắng Tiến Toàn Trung Tùng Việt Vinh Xuân Đình Gia Bảo Kim Diệu Mỹ Tường
"""
_COMMON = tuple(nfc(w) for w in _COMMON_TEXT.split())
_RANK = {w: n for n, w in enumerate(_COMMON)}


def commonness(word: str) -> int:
    """Higher for a spelling more common in names (0: not among the common ones)."""
    rank = _RANK.get(word)
    return 0 if rank is None else len(_COMMON) - rank


def _index(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        out.setdefault(fold(w), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


# "Thi" is a rare surname but, in the middle, almost always a mark-less "Thị".
_SETS = {"first": SURNAMES, "middle": MIDDLE | GIVEN | (SURNAMES - {"Thi"}), "last": GIVEN}
_BY_POSITION = {k: _index(v) for k, v in _SETS.items()}
_ANY = _index(_ALL)


def syllables_folding_to(folded: str, position: str) -> tuple[str, ...]:
    """Known syllables that fold to ``folded``, for ``position`` ("first", "middle",
    "last") first, any other place next."""
    return _BY_POSITION[position].get(folded) or _ANY.get(folded) or ()


def is_name_syllable(word: str) -> bool:
    """Whether ``word`` folds to a known Vietnamese name syllable (marks not compared)."""
    return fold(word) in _ANY


def is_known_syllable(word: str) -> bool:
    """Whether ``word``, marks and all, is a known Vietnamese name syllable."""
    return nfc(word) in _ALL


def _has_marks(word: str) -> bool:
    return fold(word) != word.lower()


def is_known_name(name: str) -> bool:
    """Whether every syllable of ``name`` is a known one for its place (surname first)."""
    words = name.split()
    return len(words) >= 2 and all(
        w in _SETS["first" if i == 0 else "last" if i == len(words) - 1 else "middle"]
        for i, w in enumerate(words)
    )


def is_surname(word: str) -> bool:
    """Whether ``word`` folds to a known surname."""
    return fold(word) in _BY_POSITION["first"]


def restore_marks(name: str, marks_reliable: bool = True) -> str:
    """``name`` with unknown syllables replaced by the known one that folds alike.

    Surnames are a short closed list, so an unknown one is always repaired. A
    middle or given name is only repaired when OCR lost its marks or they are not
    reliable (capitals, whose marks OCR often misreads): a marked syllable read
    from lower case is more likely a rarer real name than an OCR error.
    """
    words = name.split()
    out: list[str] = []
    for i, word in enumerate(words):
        position = "first" if i == 0 else "last" if i == len(words) - 1 else "middle"
        if word in _SETS[position] or len(words) < 2:
            out.append(word)
            continue
        if position != "first" and marks_reliable and _has_marks(word):
            out.append(word)
            continue
        key = fold(word)
        options = _BY_POSITION[position].get(key) or _ANY.get(key) or ()
        if not options:
            out.append(word)
            continue
        # Several syllables fold alike ("Văn"/"Vân"): keep the closest in marks.
        # (ties, "Khãnh" as far from "Khanh" as from "Khánh": the commoner spelling)
        best = max(options, key=lambda o: (fuzz.ratio(o, word), commonness(o)))
        out.append(best)
    return nfc(" ".join(out))
