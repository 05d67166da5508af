"""Fields of an issued document (a result) proposed from its OCR text for the clerk to confirm.

Number and symbol from the ``Số:`` line, the date signed from the place-and-date line (or the
registration date), the signer from the last name under the signature titles, and the rest
(agency, holder, ID number, validity, kind of result) where the page states them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tagging.names import restore_marks
from vntext import fold, nfc
from vntext.dates import months_later
from vntext.idnumber import ID_IN_TEXT, is_id_shape


@dataclass(frozen=True)
class ResultKind:
    name: str
    code: str
    reusable_as: str | None  # the document type it becomes in a later dossier
    phrases: tuple[str, ...]  # folded title phrases
    valid_months: int | None = None  # validity from the date signed, when the law sets one


# Kinds of result a commune issues; title phrases folded, most specific first.
KINDS: tuple[ResultKind, ...] = (
    ResultKind("Giấy xác nhận tình trạng hôn nhân", "KQ.G15.000038", "giay_xac_nhan_hon_nhan",
               ("xac nhan tinh trang hon nhan",), 6),
    ResultKind("Giấy chứng nhận kết hôn", "KQ.G15.000032", "giay_chung_nhan_ket_hon",
               ("chung nhan ket hon",)),
    ResultKind("Trích lục khai tử", "KQ.G15.000034", None, ("trich luc khai tu",)),
    ResultKind("Trích lục thay đổi, cải chính hộ tịch", "KQ.G15.000037", None,
               ("trich luc thay doi", "trich luc cai chinh")),
    ResultKind("Trích lục đăng ký nhận cha, mẹ, con", "KQ.G15.000033", None,
               ("trich luc dang ky nhan cha", "trich luc nhan cha")),
    ResultKind("Trích lục đăng ký giám hộ", "KQ.G15.000035", None,
               ("trich luc dang ky giam ho",)),
    ResultKind("Bản sao trích lục hộ tịch", "KQ.G15.000342", None,
               ("ban sao trich luc", "trich luc khai sinh")),
    ResultKind("Bản sao được chứng thực từ bản chính", "KQ.G15.000021", None,
               ("chung thuc ban sao dung voi ban chinh", "sao dung voi ban chinh")),
    ResultKind("Giấy khai sinh", "KQ.G15.000031", "giay_khai_sinh", ("giay khai sinh",)),
)


@dataclass(frozen=True)
class ResultFields:
    """What OCR proposes; ``None`` where the page does not say (never guessed)."""

    kind: ResultKind | None
    number_symbol: str | None
    date_signed: dt.date | None
    signer: str | None
    agency: str | None
    summary: str | None
    holder_name: str | None
    holder_id: str | None
    valid_until: dt.date | None


# "Số: 12/2025/QĐ-UBND", "Số chứng thực: 156", "Số 45/TLKT". Not "Quyển số", "Số định danh".
_NUMBER = re.compile(
    r"(?:^|[\s(])(?<![a-z])so(?:\s+chung\s+thuc)?\s*[:.;,]?\s*"
    r"([0-9][0-9a-z]*(?:\s?[/-]\s?[0-9a-z][0-9a-z.]*)*)", re.IGNORECASE)
_NOT_NUMBER_BEFORE = ("quyen", "dinh danh", "cccd", "cmnd", "can cuoc", "ho chieu", "dien thoai",
                      "nha", "the")
_PLACE_DATE = re.compile(
    r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_REGISTERED = re.compile(r"ngay\s*,?\s*(?:thang\s*,?\s*nam\s*)?(?:dang\s*ky|cap|ky)\b")
# Signature titles, as words (OCR drops, doubles or adds dots and commas: "KT.CHỦ TỊCH",
# "NGƯỜI THỰC HIỆN CHỨNG, THỰC").
_TITLES = ("chu tich", "pho chu tich", "tm uy ban", "kt chu tich", "nguoi ky",
           "nguoi thuc hien chung thuc", "cong chuc tu phap", "truong phong", "giam doc", "ktm",
           "q chu tich")


# The same titles with their words run together, as OCR reads a tight title ("CHỦTỊCH").
_TITLES_RUN_TOGETHER = tuple(t.replace(" ", "") for t in _TITLES if len(t.replace(" ", "")) >= 7)


def _has_title(folded: str) -> bool:
    words = re.findall(r"[a-z0-9]+", folded)
    spaced = " " + " ".join(words) + " "
    if any(f" {t} " in spaced for t in _TITLES):
        return True
    squashed = "".join(words)
    return any(t in squashed for t in _TITLES_RUN_TOGETHER)


_NOTE = re.compile(r"\(.*?(ky|ghi ro|dong dau).*?\)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _upper_initial(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower() or word.isupper())


def _name_at_end(line: str) -> str | None:
    """A name ending a line OCR ran together with the other column ("- Lưu: VT, HT. Hồ Bá
    Tú"): the words after the last punctuation."""
    tail = re.split(r"[.,;:()\[\]{}|]", _NOTE.sub(" ", line))[-1]
    return _name_in(tail) if tail.strip() != line.strip() else None


def _name_in(line: str) -> str | None:
    """A person's name in a line: 2 to 5 words, each capitalised (title or upper case)."""
    text = _NOTE.sub(" ", line)
    folded = fold(text)
    if _has_title(folded) or ":" in text:
        return None
    words = _WORD.findall(text)
    run: list[str] = []
    best: list[str] = []
    for w in words:
        if _upper_initial(w) and len(w) <= 8:
            run.append(w)
        else:
            if len(run) >= len(best):
                best = run
            run = []
    if len(run) >= len(best):
        best = run
    if not 2 <= len(best) <= 5:
        return None
    # Names are title case; an all-capital run is a heading unless the whole line is the name.
    if all(w.isupper() and len(w) > 1 for w in best):
        return None
    if sum(len(w) for w in best) < len(re.sub(r"[\W\d_]", "", text)) * 0.6:
        return None
    # OCR confuses tone marks in rare syllables ("Khống" for the surname "Khổng").
    return restore_marks(" ".join(w[:1].upper() + w[1:].lower() for w in best),
                         marks_reliable=False)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        d = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return d if 1950 <= d.year <= 2100 else None


def _number(lines: Sequence[str]) -> str | None:
    for line in lines:
        folded = fold(line)
        for m in _NUMBER.finditer(folded):
            before = folded[:m.start() + 1].rstrip()[-14:]
            if any(before.endswith(b) or before.endswith(b + " ") for b in _NOT_NUMBER_BEFORE):
                continue
            if any(b in folded[max(0, m.start() - 14):m.start() + 1] for b in
                   _NOT_NUMBER_BEFORE):
                continue
            start, end = m.span(1)
            # The folded line keeps its length, so the span maps onto the original text.
            value = line[start:end] if len(line) == len(folded) else m.group(1)
            value = re.sub(r"\s*([/-])\s*", r"\1", value).strip(" .,;")
            if is_id_shape(value):  # an ID number, not a document number
                continue
            return value.upper().replace("Đ", "Đ")
    return None


def _date_signed(lines: Sequence[str]) -> dt.date | None:
    folded = [fold(line) for line in lines]
    # 1. "<place>, ngày 12 tháng 3 năm 2025" — the date of the document.
    for f in folded:
        m = _PLACE_DATE.search(f)
        if m and ("," in f[:m.start()] or f[:m.start()].strip() == ""):
            d = _date(*m.groups())
            if d and not re.search(r"\b(sinh|chet|mat)\b", f[:m.start()]):
                return d
    # 2. "Ngày, tháng, năm đăng ký: 08/06/2025", "Ngày cấp: …".
    for f in folded:
        if _REGISTERED.search(f):
            m = _NUMERIC_DATE.search(f) or _PLACE_DATE.search(f.split(":", 1)[-1])
            if m:
                d = _date(*m.groups())
                if d:
                    return d
    return None


def _signer(lines: Sequence[str]) -> str | None:
    folded = [fold(line) for line in lines]
    last_title = None
    for i, f in enumerate(folded):
        if _has_title(f) and not re.search(r"\bcua\b|\bde nghi\b", f):
            last_title = i
    if last_title is None:
        return None
    block = lines[last_title + 1:last_title + 9]
    found = None
    for line in block:
        name = _name_in(line)
        if name:
            found = name
    if found is None:  # the name line run together with the left column's last lines
        for line in block:
            name = _name_at_end(line)
            if name:
                found = name
    return found


def _agency(lines: Sequence[str]) -> str | None:
    for i, line in enumerate(lines[:8]):
        f = fold(line)
        m = re.search(r"u[yỷ] ban nhan dan", f)
        if m and "kinh gui" not in f:
            rest = line[m.end():].strip(" ,-")
            rest_f = fold(rest)
            place = ""
            if re.match(r"(xa|phuong|thi tran|dac khu)\b", rest_f):
                place = rest
            else:
                # Two-column headers: OCR may put the national heading between the two.
                place = next((n for n in lines[i + 1:i + 4]
                              if re.match(r"(xa|phuong|thi tran|dac khu)\b", fold(n))), "")
            if place:
                words = place.split()
                # Stop before the national heading when OCR ran the columns together.
                cut = next((k for k, w in enumerate(words) if fold(w) in ("cong", "doc")),
                           len(words))
                place = " ".join(words[:cut])
                return nfc("Ủy ban nhân dân " + place[:1].lower() + place[1:].lower().title()
                           .replace(" Xã ", " xã "))
    for line in lines:
        m = re.search(r"noi dang ky\s*:\s*(.+)$", fold(line))
        if m:
            return nfc(line[line.find(":") + 1:].split(",")[0].strip())
    return None


def _kind(text_folded: str) -> ResultKind | None:
    for kind in KINDS:
        if any(p in text_folded for p in kind.phrases):
            return kind
    return None


def _holder(lines: Sequence[str]) -> tuple[str | None, str | None]:
    name = None
    number = None
    for line in lines:
        f = fold(line)
        if name is None and re.match(r"\s*ho(,| va)? (chu dem,? )?(va )?ten\s*:", f) \
                and "cha" not in f and "me" not in f.split(":")[0]:
            value = line.split(":", 1)[1].strip()
            if value:
                name = " ".join(w[:1].upper() + w[1:].lower() for w in value.split()[:6])
        if number is None and ("dinh danh" in f or "can cuoc" in f or "cccd" in f):
            m = ID_IN_TEXT.search(re.sub(r"(?<=\d)[ .](?=\d)", "", line))
            if m:
                number = m.group(1)
    return name, number


def _valid_until(lines: Sequence[str], signed: dt.date | None,
                 kind: ResultKind | None) -> dt.date | None:
    for line in lines:
        f = fold(line)
        m = re.search(r"gia tri (?:su dung )?(?:den|toi) ngay\s*(.+)", f)
        if m:
            d = _NUMERIC_DATE.search(m.group(1)) or _PLACE_DATE.search(m.group(0))
            if d:
                return _date(*d.groups())
        m = re.search(r"gia tri su dung trong (?:thoi han )?0?(\d{1,2}) thang", f)
        if m and signed:
            return months_later(signed, int(m.group(1)))
    if kind and kind.valid_months and signed:
        return months_later(signed, kind.valid_months)
    return None


def extract_result_fields(text: str) -> ResultFields:
    """Propose a result's fields from the OCR text of its pages (pages joined by form feed)."""
    lines = [nfc(line) for line in re.split(r"[\n\f]", text) if line.strip()]
    folded_text = fold(" ".join(lines))
    kind = _kind(folded_text)
    signed = _date_signed(lines)
    holder_name, holder_id = _holder(lines)
    summary = None
    if kind is not None:
        summary = kind.name + (f" của {holder_name}" if holder_name else "")
    return ResultFields(
        kind=kind, number_symbol=_number(lines), date_signed=signed, signer=_signer(lines),
        agency=_agency(lines), summary=summary, holder_name=holder_name, holder_id=holder_id,
        valid_until=_valid_until(lines, signed, kind),
    )


def kind_by_code(code: str | None) -> ResultKind | None:
    return next((k for k in KINDS if k.code == code), None) if code else None
