"""Words OCR often misreads by one mark: a near-spelling of a word every form is full of.

"nắm" where the form says "năm", "ngảy" for "ngày": Tesseract can be sure of the wrong
marks. A word whose letters (marks folded away) are those of a common form word, but whose
marks are none of that word's spellings, deserves a second look.
"""

from __future__ import annotations

from vntext.fold import fold, nfc

# Words of the civil-status and residence forms a commune desk reads all day, each with the
# spellings that are right; a word folding to one of these keys with other marks is suspect.
_COMMON = (
    "năm", "nam", "ngày", "tháng", "nơi", "sinh", "họ", "tên", "số", "giấy", "khai", "cấp",
    "chứng", "quê", "quán", "dân", "tộc", "quốc", "tịch", "nữ", "địa", "chỉ", "thường", "trú",
    "con", "cha", "mẹ", "vợ", "chồng", "đăng", "ký", "tờ", "người", "của", "được", "tại",
    "xã", "huyện", "tỉnh", "việt", "hộ", "khẩu", "định", "danh", "nhân", "cư", "ủy", "ban",
    "hôn", "kết", "tử", "báo", "yêu", "cầu", "nộp", "hồ", "sơ",
)
# Other real words with the same letters, right wherever they appear: never flagged.
_ALSO_RIGHT = (
    "nội", "nói", "nối", "nằm", "số", "sở", "sổ", "so", "sơ", "còn", "cơn", "bán", "bạn",
    "bản", "bàn", "đan", "đàn", "dẫn", "dành", "đánh", "đành", "đình", "đính", "dinh", "tài",
    "tai", "tái", "cập", "nhận", "nhẫn", "hơn", "từ", "tư", "tứ", "tự", "bao", "bảo", "bào",
    "câu", "cấu", "hô", "hổ", "hố", "hò", "xa", "xá", "cửa", "cua", "viết", "quan", "quản",
    "quận", "chị", "chi", "chí", "đĩa", "trụ", "trừ", "thưởng", "thương", "que", "tốc",
    "tích", "khái", "khải", "chưng", "chừng", "giây", "giầy", "thang", "thắng", "thẳng",
    "ngay", "uy", "yếu", "cứ", "cử", "cự", "tơ", "tớ", "to", "tô", "tổ", "tố", "tỏ", "me",
    "mê", "vớ", "vở", "chống", "chông", "đang", "dạng", "đáng", "dáng", "danh", "sinh",
    "ky", "kỳ", "kỹ", "kẻ", "kể", "kê", "cấp", "cáp", "hòn", "hôn", "kết", "báo", "cầu",
    "tên", "tiền", "đặt", "đất", "nam", "nấm", "ngày", "ngày", "việc", "vì",
)
_SPELLINGS: dict[str, set[str]] = {}
for _word in _COMMON:
    _SPELLINGS.setdefault(fold(_word), set()).add(nfc(_word))
for _word in _ALSO_RIGHT:
    if fold(_word) in _SPELLINGS:
        _SPELLINGS[fold(_word)].add(nfc(_word))


def misread_mark(word: str) -> bool:
    """True for a word that is a common form word with the wrong tone or vowel marks."""
    text = nfc(word.strip(".,;:!?()\"'“”")).lower()
    if not text or not text.isalpha():
        return False
    right = _SPELLINGS.get(fold(text))
    return right is not None and text not in right
