"""Identity papers in a dossier: citizen cards (chip, older, 9-digit) and passports,
recognised by their printed layout and machine-readable zone, and read with cross-checks.

The machine-readable zone (ICAO 9303) carries check digits: a number or date that
passes them is trusted over the printed field, and the 12-digit personal number
must agree with the birth date and sex it encodes. A card's QR code, when the
page image gave one, confirms the reading.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tagging.matching import fold_line
from vntext import fold, nfc

# Printed labels of identity papers (folded). Bilingual labels are the chip cards'
# and passports'; the others are the older cards'. Forms that cite a card ("Căn cước
# công dân số …, cấp ngày …") share some words, so a label counts only on a short
# line of its own, and the card's titles only as a line's start.
_LABELS = (
    "full name", "date of birth", "place of origin", "place of residence", "nationality",
    "date of expiry", "personal identification", "ngon tro trai", "ngon tro phai",
    "dac diem nhan dang", "dau vet rieng va di hinh", "nguyen quan", "noi dkhk thuong tru",
    "place of birth", "date of issue", "ministry of public security", "co gia tri den",
    "socialist republic of viet nam", "personal no", "passport no",
)
_TITLES = ("citizen identity card", "can cuoc cong dan", "giay chung minh nhan dan",
           "ho chieu", "passport", "identity card", "can cuoc", "dau vet rieng va di hinh",
           "dac diem nhan dang", "ngon tro trai", "ngon tro phai")
_SHORT_LINE = 64


@dataclass(frozen=True)
class IdentityReading:
    """What an identity paper says about its holder, and how it was read."""

    id_number: str | None
    full_name: str | None  # marks as printed when the printed name was read, else none
    birth_date: dt.date | None
    male: bool | None
    # "mrz" (check digits passed), "qr", "printed"
    source: str
    mrz: bool = False
    qr: bool = False


def layout_score(text: str) -> float:
    """How much ``text`` looks like an identity paper: 0 (not at all) .. 1 (surely)."""
    lines = [fold_line(line) for line in text.splitlines()]
    short = " | ".join(line for line in lines if len(line) <= _SHORT_LINE)
    hits = sum(label in short for label in _LABELS)
    strong = sum(any(line.startswith(t) and len(line) <= 40 for line in lines) for t in _TITLES)
    score = min(1.0, 0.18 * hits + 0.25 * strong)
    if score < 1.0 and find_mrz(text) is not None:
        score = 1.0
    return score


# --- machine-readable zone ------------------------------------------------------------

_MRZ_VALUES = {**{str(d): d for d in range(10)},
               **{chr(ord("A") + i): 10 + i for i in range(26)}, "<": 0}
_FILLERS = str.maketrans({"«": "<<", "‹": "<", "く": "<", "〈": "<", "(": "<", "{": "<",
                          "[": "<", "£": "<", "€": "<"})
_FILLER_CHARS = frozenset("<«‹く〈([{£€")
_TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1",
                           "Z": "2", "S": "5", "B": "8", "G": "6", "T": "7", "<": "0"})


# The name line holds letters only: digits in it are OCR's for the letters.
_TO_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G",
                            "4": "A", "7": "T"})


def _check(field: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, ch in enumerate(field):
        value = _MRZ_VALUES.get(ch)
        if value is None:
            return "?"
        total += value * weights[i % 3]
    return str(total % 10)


def _digits(field: str) -> str:
    return field.upper().translate(_TO_DIGIT)


def _plain(text: str) -> str:
    """Letters without their marks (OCR puts Vietnamese marks on the zone's capitals)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_NOT_ZONE = re.compile(r"[^A-Z0-9<]")


def _mrz_candidates(text: str) -> list[str]:
    """Lines that look like the zone: long runs of capitals, digits and fillers."""
    out = []
    for raw in text.splitlines():
        if len(raw) < 24 or not (_FILLER_CHARS & set(raw) or raw.lstrip()[:1] in "I1P"):
            continue  # cheap test first: most lines of a dossier are no zone
        line = _plain(raw.translate(_FILLERS)).replace(" ", "").upper()
        line = re.sub(r"(?<=<)[KC](?=<)|(?<=<)[KC]$", "<", line)  # OCR reads "<" as K or C
        stray = _NOT_ZONE.findall(line)
        if stray and len("".join(stray)) <= 0.15 * len(line):
            line = _NOT_ZONE.sub("", line)  # specks and the card's edge read as "|", "&", "."
        if len(line) >= 24 and (line.count("<") >= 2 or re.match(r"^([I1][DO0]|P<)", line)) \
                and re.fullmatch(r"[A-Z0-9<]+", line):
            out.append(line)
    return out


@dataclass(frozen=True)
class Mrz:
    number: str | None   # the 12-digit personal number when the zone carries it
    doc_number: str
    birth: dt.date | None
    male: bool | None
    surname: str
    given: str
    checks_passed: int
    checks_total: int
    doc_ok: bool = False  # the document number passed its check digit
    birth_ok: bool = False  # the birth date passed its own check digit


def _mrz_date(field: str, past: bool) -> dt.date | None:
    digits = _digits(field)
    if not digits.isdigit() or len(digits) != 6:
        return None
    yy, mm, dd = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    this = dt.date.today().year % 100
    century = (1900 if yy > this else 2000) if past else 2000
    try:
        return dt.date(century + yy, mm, dd)
    except ValueError:
        return None


def _name_field(line: str) -> tuple[str, str]:
    line = line.strip("<")
    surname, _, given = line.partition("<<")
    given = given.split("<<")[0]
    def clean(part: str) -> str:
        part = part.translate(_TO_LETTER)
        return " ".join(w for w in re.sub(r"[^A-Z<]", "", part).split("<") if w)

    return clean(surname), clean(given)


def find_mrz(text: str) -> Mrz | None:
    """The machine-readable zone in ``text`` (TD1 card or TD3 passport), or None."""
    lines = _mrz_candidates(text)
    for i, line in enumerate(lines):
        # OCR reads the zone's "I" as "1", "L" or "T", its "D" as "O" or "0".
        start = re.search(r"[I1LT][DO0]VNM", line)
        if start and i + 1 < len(lines):
            return _td1(line[start.start():], lines[i + 1], lines[i + 2] if i + 2 < len(lines)
                        else "")
        start = re.search(r"P<VNM", line)
        if start and i + 1 < len(lines):
            return _td3(line[start.start():], lines[i + 1])
    return None


def _td1(l1: str, l2: str, l3: str) -> Mrz | None:
    from vntext.idnumber import PROVINCE_CODES

    l1 = (l1 + "<" * 30)[:30]
    l2 = (l2 + "<" * 30)[:30]
    doc = _digits(l1[5:14])
    passed = total = 0
    total += 1
    passed += _check(doc) == _digits(l1[14])
    optional = _digits(l1[15:27])
    number = optional if optional.isdigit() and len(optional) == 12 else None
    if number is not None and number[3:] != doc and _check(number[3:]) == _digits(l1[14]):
        doc = number[3:]  # the document number was misread; the full number agrees
    if (number is None or number[3:] != doc) and doc.isdigit() and passed:
        # OCR put in or dropped a character before the optional data: the checked
        # document number, found again at the end of a 12-digit run of it.
        number = _shifted_number(_digits(l1[14:]), doc) or number
    birth_field = _digits(l2[0:6])
    total += 1
    birth_ok = _check(birth_field) == _digits(l2[6])
    passed += birth_ok
    birth = _mrz_date(birth_field, past=True)
    sex = l2[7]
    surname, given = _name_field(l3) if l3 else ("", "")
    if number is not None and number[3:] != doc and _check(doc) == _digits(l1[14]):
        # The checked document number and the copy in the full number disagree: the
        # full number's province code with the checked digits, if the line's last
        # check digit (over both) agrees.
        joined = number[:3] + doc
        number = joined if _check(l1[5:15] + joined + l1[27:29]) == _digits(l1[29]) else None
    if number is not None and number[3:] != doc:
        number = None  # the two copies of the number disagree: trust neither
    if number is not None and number[:3] not in PROVINCE_CODES:
        # Every province code starts with 0 ("634…" is "034…" misread); the line's
        # last check digit, over the document and full numbers, must agree.
        repaired = "0" + number[1:]
        if repaired[:3] in PROVINCE_CODES and \
                _check(l1[5:15] + repaired + l1[27:29]) == _digits(l1[29]):
            number = repaired
        else:
            number = None
    return Mrz(number, doc, birth, True if sex == "M" else False if sex == "F" else None,
               surname, given, passed, total, _check(doc) == _digits(l1[14]), birth_ok)


def _shifted_number(area: str, doc: str) -> str | None:
    from vntext.idnumber import PROVINCE_CODES

    for start in range(0, max(0, len(area) - 11)):
        window = area[start:start + 12]
        if window.isdigit() and window[3:] == doc and window[:3] in PROVINCE_CODES:
            return window
    return None


def _td3(l1: str, l2: str) -> Mrz | None:
    l2 = (l2 + "<" * 44)[:44]
    surname, given = _name_field(l1[5:])
    doc = l2[0:9]
    passed = total = 0
    total += 1
    passed += _check(doc) == _digits(l2[9])
    birth_field = _digits(l2[13:19])
    total += 1
    birth_ok = _check(birth_field) == _digits(l2[19])
    passed += birth_ok
    personal = _digits(l2[28:42].replace("<", ""))
    number = None
    if len(personal) == 12 and personal.isdigit():
        total += 1
        personal_ok = _check(_digits(l2[28:40]) + l2[40:42]) == _digits(l2[42])
        passed += personal_ok
        # Only a personal number that passes its own check digit: the checks of the
        # passport number and birth date say nothing about a digit misread in it.
        number = personal if personal_ok else None
    sex = l2[20]
    return Mrz(number, doc, _mrz_date(birth_field, past=True),
               True if sex == "M" else False if sex == "F" else None, surname, given,
               passed, total, _check(doc) == _digits(l2[9]), birth_ok)


# --- QR code ---------------------------------------------------------------------------

_QR = re.compile(r"^(\d{12})\|(\d{9})?\|([^|]{3,60})\|(\d{8})\|([^|]{2,4})\|")


@dataclass(frozen=True)
class QrIdentity:
    number: str
    old_number: str | None
    full_name: str
    birth: dt.date | None
    male: bool | None


def parse_qr(payload: str) -> QrIdentity | None:
    """A chip card's QR text: ``number|old number|name|ddmmyyyy|sex|address|issued``."""
    m = _QR.match(payload.strip())
    if m is None:
        return None
    try:
        birth: dt.date | None = dt.datetime.strptime(m.group(4), "%d%m%Y").date()
    except ValueError:
        birth = None
    sex = fold(m.group(5)).strip()
    return QrIdentity(m.group(1), m.group(2) or None, nfc(m.group(3).strip()), birth,
                      True if sex == "nam" else False if sex == "nu" else None)


# --- cross-checks ------------------------------------------------------------------------

def number_agrees(number: str, birth: dt.date | None, male: bool | None) -> bool:
    """The 12-digit number's century/sex digit and year against a birth date and sex."""
    if len(number) != 12 or not number.isdigit():
        return len(number) == 9 and number.isdigit()
    digit = int(number[3])
    if digit > 3:
        return False
    if birth is not None:
        century = 1900 if digit in (0, 1) else 2000
        if century + int(number[4:6]) != birth.year:
            return False
    return male is None or (digit % 2 == 0) == male


_CARD_NAME_LABEL = re.compile(r"fu[l1i]{2}\s?n[a-z]{2,3}\b|\bh[o0]\W{0,3}(?:va\W{0,3})?ten\b"
                              r"|chu\W{0,2}dem\W{0,3}(?:va\W{0,3})?ten")
_UPPER_NAME = re.compile(r"^[^\W\d_]+(?:\s+[^\W\d_]+){1,5}$")


def printed_name(text: str) -> str | None:
    """The holder's name as a card prints it: capitals after (or under) the name label."""
    from tagging.names import is_name_syllable, restore_marks

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        folded = fold(line)
        m = _CARD_NAME_LABEL.search(folded) if len(folded) == len(line) else None
        if m is None:
            continue
        rest = line[m.end():].strip(" :;.")
        # "Họ và tên / Full name: NGUYỄN VĂN AN", or the name on the next line
        candidates = [rest] if rest and rest.isupper() else []
        candidates += lines[i + 1:i + 2]
        for value in candidates:
            value = value.split(":")[-1].strip(" .")
            words = value.split()
            if not _UPPER_NAME.match(value) or not value.isupper() or len(words) < 2:
                continue
            if sum(is_name_syllable(w) for w in words) < len(words) - 1:
                continue
            name = " ".join(w[:1] + w[1:].lower() for w in words)
            return restore_marks(nfc(name), marks_reliable=False)
    return _name_near_damaged_label(lines)


_LOOSE_NAME_LABEL = re.compile(r"\bt[eé]n\b|\bn[a-z]me\b|\bfu\w{0,3}\b")


def _name_near_damaged_label(lines: list[str]) -> str | None:
    """Capitals that are a whole name (a known surname, then known name syllables)
    next to a line OCR left something of the name label on ("lọ và tên:"): the label
    was too damaged to find, or the print came out above it."""
    from tagging.names import is_name_syllable, is_surname, restore_marks

    for i, line in enumerate(lines):
        if not _LOOSE_NAME_LABEL.search(fold(line)):
            continue
        for value in (*lines[i + 1:i + 3], *lines[max(0, i - 1):i]):
            value = value.strip(" .:;")
            words = value.split()
            if not 2 <= len(words) <= 6 or not value.isupper() or not _UPPER_NAME.match(value):
                continue
            if not is_surname(words[0]) or not all(is_name_syllable(w) for w in words):
                continue
            name = " ".join(w[:1] + w[1:].lower() for w in words)
            return restore_marks(nfc(name), marks_reliable=False)
    return None


_NUMERISH = re.compile(r"[0-9OoDQUlI|SsBZzGgaA]{10,13}")


def _with_province(text: str, mrz: Mrz) -> str | None:
    """The personal number from the zone's checked document number (its last nine
    digits) and the province code of a printed copy OCR damaged further on."""
    from vntext.idnumber import PROVINCE_CODES

    doc = mrz.doc_number
    for m in _NUMERISH.finditer(text.replace(" ", "")):
        token = m.group(0)
        head = _digits(token[:3])
        if head not in PROVINCE_CODES:
            continue
        tail = _digits(token[3:])
        if sum(a == b for a, b in zip(tail, doc, strict=False)) < 5:
            continue
        number = head + doc
        if number_agrees(number, mrz.birth, mrz.male):
            return number
    return None


def read_identity(text: str, codes: Sequence[str] = (), printed_ids: Sequence[str] = (),
                  printed_dates: Sequence[str] = ()) -> IdentityReading | None:
    """The holder's number, name and birth date from an identity paper's text and codes.

    ``printed_ids`` and ``printed_dates`` (dd/mm/yyyy) are what the printed fields gave.
    """
    return _read_identity(text, tuple(codes), tuple(printed_ids), tuple(printed_dates))


# What OCR makes of the digits of a card's number and dates (a card's fields are
# digits only, so far more letters stand for digits than in running text).
_CARD_DIGITS = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0", "u": "0", "C": "0", "c": "0",
    "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "L": "1", "J": "1", "j": "1",
    "Z": "2", "z": "2", "E": "3", "A": "4", "h": "4", "S": "5", "s": "5", "G": "6",
    "b": "6", "T": "7", "B": "8", "g": "9", "q": "9",
})
# The number's label on a card ("Số / No.:", "Số định danh cá nhân / Personal
# identification number:", "Số:"), folded; what follows, up to the line's end.
_NUMBER_LABEL = re.compile(r"(?:^|\W)(?:so|no|so dinh danh[^:]{0,40}|personal[^:]{0,30}"
                           r"|identification number)\W{0,3}(?:/\W{0,3}no\W{0,3})?[.:]\s*"
                           r"([0-9A-Za-z|! ]{9,30})")
_BIRTH_FIELD = re.compile(r"(?:ngay\W{0,3}(?:thang\W{0,3}nam\W{0,3})?sinh|date of bi\w*"
                          r"|sinh ngay)[^:0-9]{0,30}[:.,]?\s*([0-9A-Za-z|!/.\-\\,;' ]{8,20})")


def card_digits(token: str) -> str:
    """``token`` with the letters OCR gives for digits turned back into digits."""
    return token.translate(_CARD_DIGITS)


def digits_after_label(raw: str) -> str | None:
    """The number that starts ``raw`` (what follows a number label), read digit for
    digit: one token or groups ("062 177 618 52G", "0 9 Z 1 7 …"); None if not one."""
    out = ""
    real = 0
    for token in re.split(r"[\s|]+", raw.strip(" :.")):
        token = token.rstrip(",;.")
        if not token:
            continue
        digits = card_digits(token)
        if not digits.isdigit() or (out and len(token) > 4):
            break
        out += digits
        real += sum(ch.isdigit() for ch in token)
        if len(out) >= 12:
            break
    if len(out) not in (9, 12) or real < 0.6 * len(out):
        return None
    return out


def labelled_numbers(text: str) -> list[str]:
    """Numbers after a card's number label, read digit for digit: 12 digits (or 9
    on an older card) whose province code is a real one."""
    from vntext.idnumber import id_number_valid

    out: list[str] = []
    for line in text.splitlines():
        folded = fold(line)
        if len(folded) != len(line):
            continue
        for m in _NUMBER_LABEL.finditer(folded):
            digits = digits_after_label(line[m.start(1):m.end(1)])
            if digits is not None and id_number_valid(digits) and digits not in out:
                out.append(digits)
    return out


def labelled_birth(text: str) -> dt.date | None:
    """The date after a card's birth label, read digit for digit (any separators)."""
    for line in text.splitlines():
        folded = fold(line)
        if len(folded) != len(line):
            continue
        m = _BIRTH_FIELD.search(folded)
        if m is None:
            continue
        value = date_digits(line[m.start(1):m.end(1)])
        if value is not None:
            return value
    return None


# What OCR makes of a date's separator: "/" as "!", "|", "l", "I", "1", "\\", or lost.
_SEPARATORS = re.compile(r"\s*[/.\-!|\\,:;'’]\s*|\s+")
_SEPARATOR_LOOKALIKES = frozenset("lI|!1/\\iJ")


def date_digits(raw: str, future: bool = False) -> dt.date | None:
    """The date (day, month, year) that starts ``raw``, read digit for digit: any
    separators, OCR's letters for digits, a separator read as "l" or "1" or lost.
    A date in the past unless ``future`` (an expiry date)."""
    raw = raw.strip(" :;.,")[:24]
    parts = [p for p in _SEPARATORS.split(raw) if p]
    digits = [card_digits(p) for p in parts]
    options: list[tuple[str, str, str]] = []
    if len(digits) >= 3 and all(d.isdigit() for d in digits[:3]):
        options.append((digits[0], digits[1], digits[2][:4]))
    if len(digits) >= 2 and digits[0].isdigit() and digits[1].isdigit():
        a, b = digits[0], digits[1]
        if len(a) == 4 and len(b) >= 4:       # "0507/1995": the first separator lost
            options.append((a[:2], a[2:], b[:4]))
        if len(a) <= 2 and len(b) == 6:        # "05/071995": the second one lost
            options.append((a, b[:2], b[2:]))
    if parts:
        token = parts[0]
        # "05l07l1995": both separators read as letters that stand for "1".
        if len(token) >= 10 and token[2] in _SEPARATOR_LOOKALIKES \
                and token[5] in _SEPARATOR_LOOKALIKES:
            inner = card_digits(token[:2] + token[3:5] + token[6:10])
            if inner.isdigit():
                options.append((inner[:2], inner[2:4], inner[4:8]))
        compact = card_digits(token)
        if compact[:8].isdigit() and len(compact) == 8:  # "05071995"
            options.append((compact[:2], compact[2:4], compact[4:8]))
    last_year = dt.date.today().year + (80 if future else 0)
    for day, month, year in options:
        if not (1 <= len(day) <= 2 and 1 <= len(month) <= 2 and len(year) == 4):
            continue
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if 1900 <= value.year <= last_year:
            return value
    return None


@lru_cache(maxsize=256)
def _read_identity(text: str, codes: tuple[str, ...], printed_ids: tuple[str, ...],
                   printed_dates: tuple[str, ...]) -> IdentityReading | None:
    mrz = find_mrz(text)
    # The labelled fields, read with a card's wider digit confusions, come after what
    # the general field reader found.
    printed_ids = printed_ids + tuple(n for n in labelled_numbers(text) if n not in printed_ids)
    labelled = labelled_birth(text)
    qr = next((q for q in (parse_qr(c) for c in codes) if q is not None), None)
    number: str | None = None
    birth: dt.date | None = None
    male: bool | None = None
    name: str | None = None
    source = "printed"
    if mrz is not None:
        if mrz.checks_passed >= 1 and mrz.number and number_agrees(mrz.number, mrz.birth,
                                                                    mrz.male):
            number, source = mrz.number, "mrz"
        if mrz.birth is not None and (mrz.birth_ok or mrz.checks_passed == mrz.checks_total):
            birth = mrz.birth  # its own check digit vouches for it
        male = mrz.male
    if qr is not None:
        if number is None or number == qr.number:
            number, source = qr.number, "qr"
        birth = qr.birth or birth
        male = qr.male if qr.male is not None else male
        name = qr.full_name
    dates = [dt.datetime.strptime(d, "%d/%m/%Y").date() for d in printed_dates]
    if labelled is not None:
        dates = [labelled] + [d for d in dates if d != labelled]  # the holder's birth first
    if number is None and mrz is not None and mrz.doc_ok:
        # The zone's document number passed its check digit: a printed number
        # ending in it is the holder's, whatever OCR did to the zone's copy.
        number = next((c for c in printed_ids if len(c) == 12 and c[3:] == mrz.doc_number),
                      None)
        if number is not None:
            source = "mrz"
    if number is None and mrz is not None and mrz.doc_ok and len(mrz.doc_number) == 9 \
            and mrz.doc_number.isdigit():
        number = _with_province(text, mrz)
        if number is not None:
            source = "mrz"
    if number is None:
        # The printed number, if it agrees with a printed birth date (the first one on a
        # card is the holder's).
        for candidate in printed_ids:
            if number_agrees(candidate, birth or (dates[0] if dates else None), male):
                number = candidate
                break
    if birth is None and number is not None and len(number) == 12:
        year = (1900 if number[3] in "01" else 2000) + int(number[4:6])
        birth = next((d for d in dates if d.year == year), None)
        if birth is None:
            birth = _birth_from_expiry(text, year)
    if birth is None and labelled is not None and (number is None or len(number) == 9):
        birth = labelled  # nothing to check it against: the labelled field as read
    printed = printed_name(text)
    if name is None:
        name = printed
    if mrz is None and qr is None and number is None and birth is None and printed is None:
        return None
    if mrz is not None and qr is None and mrz.surname:
        # The zone spells the name without marks but in a plain font: it confirms
        # (or corrects) the printed capitals, whose marks give it back its accents.
        name = _name_with_zone(name, f"{mrz.surname} {mrz.given}".split(), text)
    return IdentityReading(number, name, birth, male, source, mrz is not None, qr is not None)


_EXPIRY_LABEL = re.compile(r"co gia tri den|date o\w? ?\w*exp\w*|het han")
_DIGIT_START = re.compile(r"(?<![0-9A-Za-z])[0-9OolI]")


def _birth_from_expiry(text: str, year: int) -> dt.date | None:
    """The birth date a citizen card's expiry gives: a card runs out on the holder's
    25th, 40th or 60th birthday, so its day and month are the birth's; the year is
    the one the personal number encodes."""
    for line in text.splitlines():
        folded = fold(line)
        if len(folded) != len(line):
            continue
        for m in _EXPIRY_LABEL.finditer(folded):
            # The first date within the next forty characters ("hết hạn 4 Date dfexpiy:
            # 05/07/2035"): stray marks may stand between the label and its date.
            rest = line[m.end():m.end() + 40]
            for start in _DIGIT_START.finditer(rest):
                expiry = date_digits(rest[start.start():], future=True)
                if expiry is None:
                    continue
                if expiry.year - year in (25, 40, 60):
                    try:
                        return dt.date(year, expiry.month, expiry.day)
                    except ValueError:
                        pass
                break
    return None


def _marked(plain: str, position: str, hints: Sequence[str]) -> str | None:
    """The known name syllable spelled ``plain`` without marks, the one the page's own
    words (``hints``, e.g. the printed name) are closest to; None when none is known."""
    from rapidfuzz import fuzz

    from tagging.names import commonness, syllables_folding_to

    options = syllables_folding_to(plain.lower(), position)
    if not options:
        options = _one_letter_off(plain.lower(), position)
    if not options:
        return None
    if len(options) == 1:
        return options[0]

    def score(option: str) -> tuple[float, int]:
        near = max((fuzz.ratio(option.upper(), h.upper()) for h in hints), default=0.0)
        return (near if near >= 75 else 0.0, commonness(option))

    return max(options, key=score)


# Letters OCR confuses in the zone's plain capitals ("DTNH" for "DINH").
_ZONE_SLIPS = {"t": "il", "i": "tl", "l": "it", "o": "dq", "d": "o", "q": "o", "m": "n",
               "n": "mh", "h": "n", "u": "v", "v": "u", "c": "g", "g": "c", "e": "f",
               "f": "e", "b": "d"}


def _one_letter_off(plain: str, position: str) -> tuple[str, ...]:
    """Known syllables one OCR slip away from ``plain`` (none if it is ambiguous)."""
    from tagging.names import syllables_folding_to

    found: list[str] = []
    for i, ch in enumerate(plain):
        for other in _ZONE_SLIPS.get(ch, ""):
            found.extend(syllables_folding_to(plain[:i] + other + plain[i + 1:], position))
    spellings = {fold(w) for w in found}
    return tuple(dict.fromkeys(found)) if len(spellings) == 1 else ()


def _name_with_zone(printed: str | None, zone: list[str], text: str) -> str | None:
    """The holder's name from the printed capitals checked word by word against the
    zone's (no marks): a printed word that folds to the zone's is kept with its marks;
    where they differ, a printed word the name lists know stays, and one they do not
    know gives way to the zone's word, its marks from the print."""
    from tagging.names import is_name_syllable

    if len(zone) < 2:
        return printed
    printed_words = printed.split() if printed else []
    if printed_words and len(printed_words) != len(zone):
        return printed  # the zone cuts long names at the line's end: the print is whole
    # Words of lines in capitals that read as names (a damaged print of the holder's),
    # not the zone's own (no marks to give) nor headings ("QUẢN LÝ …").
    hints = [w for line in text.splitlines() if "<" not in line
             for words in [re.findall(r"[^\W\d_]+", line)]
             if len(words) >= 2 and all(w.isupper() and is_name_syllable(w) for w in words)
             for w in words]
    out: list[str] = []
    for i, plain in enumerate(zone):
        position = "first" if i == 0 else "last" if i == len(zone) - 1 else "middle"
        word = printed_words[i] if len(printed_words) == len(zone) else None
        if word is not None and fold(word).upper() == plain:
            out.append(word)
            continue
        if word is not None and is_name_syllable(word):
            # The zone's copy is the misread one, or both read as names ("LAN" printed,
            # "TAN" in the zone): the print, read in larger type, is kept.
            out.append(word)
            continue
        marked = _marked(plain, position, [word] if word else hints)
        if marked is None:
            if word is not None:
                out.append(word)
                continue
            marked = plain.capitalize()
        out.append(marked)
    return nfc(" ".join(out))


def wants_codes(text: str) -> bool:
    """Whether a page's QR codes could change its tagging: an identity paper (after the
    second look at a sheet OCR read little of). Decoding costs a fraction of a second."""
    return layout_score(text) >= 0.3


def decode_codes(image: bytes) -> tuple[str, ...]:
    """Texts of the QR codes and barcodes readable in a page image (none if unreadable)."""
    import io

    import zxingcpp
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image)) as opened:
            grey = opened.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError):
        return ()
    found: list[str] = []
    qr = zxingcpp.BarcodeFormats((zxingcpp.BarcodeFormat.QRCode,))
    for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
        for result in zxingcpp.read_barcodes(grey, formats=qr, binarizer=binarizer,
                                             try_rotate=True):
            if result.text and result.text not in found:
                found.append(result.text)
        if found:
            break
    return tuple(found)
