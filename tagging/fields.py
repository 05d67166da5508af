"""Key fields read from a document's text: full names, ID numbers, dates, dossier code.

Tolerates the usual OCR confusions, but only where the context is numeric;
anything unsure is left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from tagging.matching import fold_cached as fold
from tagging.names import (
    commonness,
    is_known_syllable,
    is_name_syllable,
    is_surname,
    restore_marks,
)
from vntext import nfc
from vntext.idnumber import birth_year_of, id_number_valid

# Letters OCR gives for digits; applied only inside tokens that are mostly digits.
_DIGIT_LOOKALIKES = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0",
    "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "L": "1",
    "B": "8", "S": "5", "s": "5", "Z": "2", "z": "2", "G": "6", "g": "9",
})
_LOOK = "OoDQUlI|i!LBSsZzGg"
_NUMERIC_RUN = re.compile(
    rf"(?<![\w/])([0-9{_LOOK}](?:[0-9{_LOOK}]| (?=[0-9]{{2,4}}\b)"
    # a stray space OCR put inside the number
    rf"|(?<=[0-9]) (?=[0-9]{{8,11}}\b)){{7,15}})(?![\w/])"
)
# A number printed one digit per box reads as "0 7 4 1 …" or "|0|7|4|…".
_BOXED = re.compile(r"(?<![\w|])\|?\s?((?:[0-9OolI]\s?[ |]\s?){8,11}[0-9OolI])\s?\|?(?![\w|])")
_BOX_GAPS = re.compile(r"[\s|]+")


def _unbox(line: str) -> str:
    """``line`` with one-digit-per-box numbers closed up."""
    if "|" not in line and not re.search(r"\d \d \d", line):
        return line
    return _BOXED.sub(lambda m: _BOX_GAPS.sub("", m.group(1)), line)
_OLD_ID_LABEL = re.compile(
    r"(cmnd|chung minh|cmt|giay to|dinh danh|so the|can cuoc|\bid|\bso)\b[^0-9]{0,16}$"
)


@dataclass(frozen=True)
class Fields:
    """Fields found on a document; empty or None when not read with confidence."""

    full_names: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    dossier_code: str | None = None
    # For each full name, how far its marks can be trusted: 3 read in lower case,
    # 2 printed in capitals (OCR misreads their marks more often), 1 marks restored
    # from the name lexicon. A dossier prefers the best reading of the same name.
    reliability: tuple[int, ...] = ()
    # Birth dates read beside a birth label ("Ngày sinh", "Date of birth", "Sinh ngày").
    birth_dates: tuple[str, ...] = ()


def _as_digits(token: str) -> str | None:
    """The token as digits if it is numeric context (most characters already digits)."""
    compact = token.replace(" ", "")
    real = sum(ch.isdigit() for ch in compact)
    if real < len(compact) * 0.75:
        return None
    digits = compact.translate(_DIGIT_LOOKALIKES)
    return digits if digits.isdigit() else None


# --- dates -----------------------------------------------------------------

_D = "[0-9OolIi]"
_NUMERIC_DATE = re.compile(
    rf"(?<![\w/])({_D}{{1,2}})\s?[/.\-]\s?({_D}{{1,2}})\s?[/.\-]\s?({_D}{{4}})(?![\w/])"
)
_WORDED_DATE = re.compile(
    rf"ngay\W{{0,3}}({_D}{{1,2}})\W{{0,3}}thang\W{{0,3}}({_D}{{1,2}})\W{{0,3}}nam\W{{0,3}}({_D}{{4}})"
)


def _date(day: str, month: str, year: str) -> str | None:
    d, m, y = (s.translate(_DIGIT_LOOKALIKES) for s in (day, month, year))
    if not (d.isdigit() and m.isdigit() and y.isdigit()):
        return None
    try:
        value = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    if not 1880 <= value.year <= 2100:
        return None
    return value.strftime("%d/%m/%Y")


def _dates_with_positions(folded: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for pattern in (_NUMERIC_DATE, _WORDED_DATE):
        for m in pattern.finditer(folded):
            value = _date(m.group(1), m.group(2), m.group(3))
            if value:
                found.append((m.start(), value))
    found.sort()
    return found


# --- dossier code ------------------------------------------------------------

_C = "[0-9OoDQ]"
_DOSSIER_CODE = re.compile(
    rf"(?<![\w.])({_C}{{3}})\s?\.\s?({_C}{{2}})\s?\.\s?({_C}{{2}})\s?\.\s?([A-Z])\s?({_C}{{2}})"
    rf"\s?[-–—]\s?([0-9OoDQlI]{{6}})\s?[-–—]\s?([0-9OoDQlI]{{4}})(?![\w])"
)


def find_dossier_code(text: str) -> str | None:
    for m in _DOSSIER_CODE.finditer(text):
        parts = [g.translate(_DIGIT_LOOKALIKES) if i != 3 else g for i, g in enumerate(m.groups())]
        yymmdd = parts[5]
        try:
            dt.date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
        except ValueError:
            continue
        return f"{parts[0]}.{parts[1]}.{parts[2]}.{parts[3]}{parts[4]}-{parts[5]}-{parts[6]}"
    return None


# --- names -------------------------------------------------------------------

# Labels before a person's full name, on folded text: "Họ, chữ đệm, tên", "Họ và tên",
# "Họ tên", with an optional qualifier ("người yêu cầu", "người mẹ", "chủ hộ" ...).
# OCR slips seen in labels are tolerated: "0" for "o", "l" for "t", lost spaces.
_LABEL_CORE = (
    r"(?:\bh[o0]\W{0,3}(?:chu\W{0,2}dem\W{0,3}(?:va\W?)?|va\W|)[tl]en\b(?:\s?khai\s?sinh)?"
    r"|\bfull\s?name\b|\bong\s?/\s?ba\b|\bong\s?\(\s?ba\s?\)|tiep nhan ho so cua"
    r"|dat ten con|\btoi\s?(?:ten\s?)?la\b)"
)
# The label ends at a colon (OCR reads some as ";").
_NAME_LABEL = re.compile(_LABEL_CORE + r"([^:;\n]{0,60}?)\s?[:;]")
_NAME_LABEL_BARE = re.compile(_LABEL_CORE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Field labels that may follow a name on the same line ("… Giới tính: Nam"), as
# folded word pairs; single words that never occur in names stop it too.
_LABEL_PAIRS = {
    ("gioi", "tinh"), ("ngay", "sinh"), ("dan", "toc"), ("quoc", "tich"), ("que", "quan"),
    ("nghe", "nghiep"), ("moi", "quan"), ("nam", "sinh"), ("dia", "chi"), ("dien", "thoai"),
    ("noi", "sinh"), ("noi", "cu"), ("noi", "o"), ("noi", "thuong"), ("so", "dinh"),
    ("so", "cccd"), ("so", "dien"), ("so", "cmnd"), ("ngay", "thang"), ("quan", "he"),
    ("ton", "giao"), ("thuong", "tru"), ("tam", "tru"), ("cu", "tru"), ("chuc", "vu"),
}
_LABEL_WORDS = {"sex", "date", "email", "nationality", "cccd", "cmnd", "sdt", "gioi", "sinh",
                "full", "fuli", "fuil", "name", "no"}
_NOT_NAMES = {"khong", "khong co", "chua co", "nguoi", "ten", "ho", "va"}
_HONORIFIC = re.compile(r"^\W*(?:ông\s*/\s*bà|ông\s*\(\s*bà\s*\)|ông|bà|anh|chị)\b\W*",
                        re.IGNORECASE)
_MAX_NAME_WORDS = 6


def _name_words(value: str) -> tuple[list[str], bool]:
    """The words of a name at the start of ``value``, and whether they ran to its end."""
    honorific = _HONORIFIC.match(value)
    # "Ông" is also a surname: it is a title only when a surname follows it.
    if honorific and is_surname(value[honorific.end():].split(" ", 1)[0]):
        value = value[honorific.end():]
    tokens = list(_WORD.finditer(value))
    words: list[str] = []
    for n, m in enumerate(tokens):
        if words and value[tokens[n - 1].end():m.start()].strip():
            return words, False  # punctuation or digits between words: the name has ended
        word = fold(m.group(0))
        following = fold(tokens[n + 1].group(0)) if n + 1 < len(tokens) else ""
        if word in _LABEL_WORDS or (word, following) in _LABEL_PAIRS:
            return words, False
        words.append(m.group(0))
        if len(words) > _MAX_NAME_WORDS + 1:
            return [], False
    rest = value[tokens[-1].end():] if tokens else value
    return words, not rest.strip(" .…")


def _as_name(words: list[str]) -> str | None:
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return None
    if " ".join(fold(w) for w in words) in _NOT_NAMES:
        return None
    if any(len(w) > 8 for w in words):
        return None
    upper = all(w.isupper() for w in words)
    return restore_marks(nfc(" ".join(w[:1].upper() + w[1:].lower() for w in words)),
                         marks_reliable=not upper)


def _name_from(value: str) -> str | None:
    return _as_name(_name_words(value)[0])


def _continuation(line: str, upper: bool) -> list[str]:
    """Name words wrapped onto ``line``: only capitalised name syllables, nothing else."""
    stripped = line.strip(" .…")
    if not stripped or not all(ch.isalpha() or ch == " " for ch in stripped):
        return []
    words = stripped.split()
    if len(words) > 3:
        return []
    for w in words:
        if not w[:1].isupper() or (upper and not w.isupper()) or not is_name_syllable(w):
            return []
    return words


def _capitalised_tail(value: str) -> str:
    """``value`` from its first capitalised word: the qualifier of a label is lower case."""
    for m in _WORD.finditer(value):
        if m.group(0)[:1].isupper():
            return value[m.start():]
    return ""


def _names(text: str) -> list[tuple[str, int]]:
    """Names after their labels, each with how reliable its marks are (see ``Fields``)."""
    names: list[tuple[str, int]] = []
    lines = text.splitlines()
    # Only a line reaching across the page wraps onto the next one.
    wide = 0.7 * max((len(line.strip()) for line in lines), default=0)
    for i, line in enumerate(lines):
        folded = fold(line)
        if len(folded) != len(line):
            continue  # folding changed the length: positions would not line up
        values: list[tuple[str, bool]] = []  # (value, taken from the next line)
        for m in _NAME_LABEL.finditer(folded):
            value = line[m.end():].strip()
            # Cards print the label and put the name on the next line.
            if not _WORD.search(value) and i + 1 < len(lines):
                value = lines[i + 1].strip()
                if ":" in value:
                    continue  # the next line is another field, not the name
                values.append((value, True))
            else:
                values.append((value, False))
        if not values:
            # OCR lost the colon: the name is the capitalised words after the label.
            bare = _NAME_LABEL_BARE.search(folded)
            if bare:
                tail = _capitalised_tail(line[bare.end():])
                if tail:
                    values.append((tail, False))
        for value, from_next in values:
            words, to_end = _name_words(value)
            after = i + 2 if from_next else i + 1
            wrapped = len((lines[i + 1] if from_next else line).strip()) >= wide
            if words and to_end and wrapped and len(words) < 4 and after < len(lines):
                # A long name wraps: its last syllables open the next line.
                upper = all(w.isupper() for w in words)
                more = _continuation(lines[after], upper)
                if more and len(words) + len(more) <= 5:
                    words = words + more
            name = _as_name(words)
            if name and all(name != n for n, _ in names):
                as_read = nfc(" ".join(w[:1].upper() + w[1:].lower() for w in words))
                upper = all(w.isupper() for w in words)
                reliability = 1 if name != as_read else 2 if upper else 3
                if reliability == 1:
                    # The lexicon had to guess marks OCR broke: a lower-case copy of
                    # the name on the page knows them better.
                    copy = _lower_case_copy(name, lines)
                    if copy is not None and _commonness(copy) >= _commonness(name):
                        # (a copy is misread too: not for a rarer spelling of the guess)
                        name, reliability = copy, 3
                if all(name != n for n, _ in names):
                    names.append((name, reliability))
    return names


def _commonness(name: str) -> int:
    return sum(commonness(w) for w in name.split())


def _lower_case_copy(name: str, lines: list[str]) -> str | None:
    """The same name written elsewhere on the page in lower case (a signature line,
    "Tôi là …"): its marks are read more surely than those of capitals or of the
    lexicon's guess. Only a copy whose every word is a known name syllable, marks and all."""
    key = fold(name)
    size = len(key)
    for line in lines:
        folded = fold(line)
        if len(folded) != len(line):
            continue
        start = folded.find(key)
        while start >= 0:
            end = start + size
            before = line[start - 1] if start else " "
            after = line[end] if end < len(line) else " "
            copy = line[start:end]
            if not before.isalpha() and not after.isalpha() \
                    and not copy.isupper() and all(
                        w[:1].isupper() and w[1:].islower() and is_known_syllable(w)
                        for w in copy.split()):
                return nfc(copy)
            start = folded.find(key, start + 1)
    return None


# --- identity numbers -----------------------------------------------------------

_BIRTH_LINE = re.compile(r"sinh|birth")
_YEAR_ONLY = re.compile(r"nam sinh\W{0,3}([12l][0-9olis]{3})\b")


def _birth_years(folded_line: str, raw_line: str = "") -> set[int]:
    if not _BIRTH_LINE.search(folded_line):
        return set()
    years = {int(v[-4:]) for _, v in _dates_with_positions(folded_line)}
    years.update(int(y.translate(_DIGIT_LOOKALIKES)) for y in _YEAR_ONLY.findall(folded_line))
    if not years:
        from tagging.identity import date_digits

        label = _BIRTH_LABEL.search(folded_line)
        # Read from the line as OCR gave it: folding lower-cases "B" (8) into "b" (6).
        raw = raw_line if len(raw_line) == len(folded_line) else folded_line
        value = date_digits(raw[label.end():]) if label else None
        if value is not None:
            years.add(value.year)
    return years


def _same_person_lines(i: int, name_lines: list[int], count: int) -> range:
    """Lines within three of line ``i`` that belong to the same person as line ``i``."""
    start = max([j for j in name_lines if j <= i], default=0)
    end = min([j for j in name_lines if j > i], default=count)
    return range(max(start, i - 3), min(end, i + 4))


_TRAILING_DIGITS = re.compile(r"(?<![\w/])(\d[\d ]*\d)\s*$")
_LEADING_DIGITS = re.compile(r"^\s*(\d[\d ]*\d)(?![\w/])")
_ID_LABEL = re.compile(r"dinh danh|can cuoc|cccd|cmnd|chung minh|identification|\bid\b"
                       r"|giay to tuy than")


def _join_wrapped_ids(lines: list[str]) -> list[str]:
    """Lines where a grouped 12-digit ID number that OCR broke across a line end
    (``…number: 019 188 483`` / ``447``) is put back together on its labelled line."""
    out = list(lines)
    for i in range(len(out) - 1):
        head = _TRAILING_DIGITS.search(out[i])
        tail = _LEADING_DIGITS.match(out[i + 1])
        if head is None or tail is None:
            continue
        first, rest = head.group(1).replace(" ", ""), tail.group(1).replace(" ", "")
        if len(first) >= 12 or len(first) + len(rest) != 12:
            continue
        if not _ID_LABEL.search(fold(out[i][: head.start()])):
            continue
        out[i] = out[i][: head.end(1)] + " " + tail.group(1)
        out[i + 1] = out[i + 1][tail.end():]
    return out


def _id_numbers(text: str) -> list[str]:
    lines = _join_wrapped_ids([_unbox(line) for line in text.splitlines()])
    folded_lines = [fold(line) for line in lines]
    years_by_line = [_birth_years(folded, raw) for folded, raw in zip(folded_lines, lines,
                                                                      strict=True)]
    name_lines = [j for j, line in enumerate(folded_lines) if _NAME_LABEL.search(line)]
    found: list[str] = []
    for i, line in enumerate(lines):
        for m in _NUMERIC_RUN.finditer(line):
            digits = _as_digits(m.group(1))
            if digits is None or not id_number_valid(digits):
                continue
            if len(digits) == 9:
                before = folded_lines[i][: m.start()] if len(folded_lines[i]) == len(line) else ""
                if not _OLD_ID_LABEL.search(before):
                    continue
            if len(digits) == 12:
                # The century/sex digit and year must agree with a birth date of the
                # same person block, when one is written near the number. A name
                # label starts a new person: a requester's number followed by the
                # child's birth date is not a contradiction.
                near: set[int] = set()
                for j in _same_person_lines(i, name_lines, len(lines)):
                    near |= years_by_line[j]
                if near and birth_year_of(digits) not in near:
                    continue
            if digits not in found:
                found.append(digits)
        if _ID_LABEL.search(folded_lines[i]) and len(folded_lines[i]) == len(line):
            # After an ID label a number is digits only: read it with the wider
            # confusions of a card's fields ("0940664397A3").
            for digits in _labelled_ids(line, folded_lines[i]):
                near = set()
                for j in _same_person_lines(i, name_lines, len(lines)):
                    near |= years_by_line[j]
                if near and birth_year_of(digits) not in near:
                    continue
                # A 9-digit "old number" read off its first nine digits was this one.
                found = [n for n in found if not (len(n) == 9 and digits.startswith(n))]
                if digits not in found:
                    found.append(digits)
        if i and _LABEL_ONLY.search(folded_lines[i - 1]) and _ID_LABEL.search(
                folded_lines[i - 1]):
            # "Số định danh cá nhân:" and the number on the line under it: that line
            # is the number, read digit for digit ("0141903604T4").
            from tagging.identity import digits_after_label

            digits = digits_after_label(line)
            if digits is not None and len(digits) == 12 and id_number_valid(digits) \
                    and len(line.replace(" ", "")) <= 16:  # the line holds the number alone
                near = set()
                for j in _same_person_lines(i, name_lines, len(lines)):
                    near |= years_by_line[j]
                if (not near or birth_year_of(digits) in near) and digits not in found:
                    found.append(digits)
    return found


_LABEL_ONLY = re.compile(r":\s*$")


_AFTER_ID_LABEL = re.compile(r"(?:dinh danh|can cuoc|cccd|cmnd|chung minh|identification"
                             r"|\bid\b|giay to tuy than)"
                             r"[^0-9:]{0,24}[:.]?\s*([0-9A-Za-z|! ]{12,30})")


def _labelled_ids(line: str, folded: str) -> list[str]:
    from tagging.identity import digits_after_label

    out = []
    for m in _AFTER_ID_LABEL.finditer(folded):
        digits = digits_after_label(line[m.start(1):m.end(1)])
        if digits is not None and len(digits) == 12 and id_number_valid(digits):
            out.append(digits)
    return out


_BIRTH_LABEL = re.compile(r"ngay\W{0,3}(?:thang\W{0,3}nam\W{0,3})?sinh|sinh ngay|date of birth"
                          r"|nam sinh|\bsinh\b\W{0,3}$")


# What separates a birth label from its date: punctuation, the English label.
_AFTER_BIRTH_LABEL = re.compile(r"^\W*(?:date of b\w*\W*)?", re.IGNORECASE)


def _birth_dates(lines: list[str], raw_lines: list[str]) -> list[str]:
    """Dates beside a birth label, or on the line under a bare one.

    ``lines`` are folded, ``raw_lines`` as read: where the usual date patterns find
    nothing after the label, the date is read digit for digit from the raw line
    (OCR's letters for digits, odd or lost separators)."""
    from tagging.identity import date_digits

    out: list[str] = []
    for i, line in enumerate(lines):
        m = _BIRTH_LABEL.search(line)
        if m is None:
            continue
        found = [v for pos, v in _dates_with_positions(line) if pos >= m.start()]
        bare = not line[m.end():].strip(" :;.").strip()
        if not found and i + 1 < len(lines) and bare:
            found = [v for _, v in _dates_with_positions(lines[i + 1])][:1]
        if not found:
            raw = raw_lines[i] if i < len(raw_lines) else ""
            if len(raw) == len(line):
                after = _AFTER_BIRTH_LABEL.sub("", raw[m.end():])
                read = date_digits(after)
                if read is None and bare and i + 1 < len(raw_lines):
                    read = date_digits(raw_lines[i + 1])
                if read is not None:
                    found = [read.strftime("%d/%m/%Y")]
        for value in found[:1]:  # "Ngày sinh: … Ngày cấp: …": the first is the birth
            if value not in out:
                out.append(value)
    return out


@lru_cache(maxsize=256)
def extract_fields(text: str) -> Fields:
    """Names, ID numbers, dates and the dossier code found in ``text`` (NFC).

    Remembered: splitting and typing read the same page twice."""
    text = nfc(text)
    folded = fold(text)
    names = _names(text)
    dates: list[str] = []
    for _, value in _dates_with_positions(folded):
        if value not in dates:
            dates.append(value)
    return Fields(
        full_names=tuple(n for n, _ in names),
        reliability=tuple(r for _, r in names),
        id_numbers=tuple(_id_numbers(text)),
        dates=tuple(dates),
        dossier_code=find_dossier_code(text),
        birth_dates=tuple(_birth_dates(folded.splitlines(), text.splitlines())),
    )
