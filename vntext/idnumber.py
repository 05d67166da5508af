"""The shape of Vietnamese personal identity numbers, written once for every stage.

12 digits: 3 for the province of birth registration, 1 for century and sex (0/1 = 1900s
male/female, 2/3 = 2000s), 2 for the year of birth, 6 random. Old ID cards have 9 digits.
"""

from __future__ import annotations

import datetime as dt
import re

# Province codes of the 12-digit personal identity number (the 63 provinces as
# registered before the 2025 merger; the numbers issued keep them).
PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
})


#: An ID number standing alone in a line of text (not part of a longer run of digits).
ID_IN_TEXT = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")


def is_id_shape(value: str) -> bool:
    """Exactly 9 or 12 ASCII digits: the shape of an ID number, before the province and
    century checks of :func:`id_number_valid`."""
    return value.isascii() and value.isdigit() and len(value) in (9, 12)


def compact_id_number(value: str | None) -> str | None:
    """The number as records state it (spaces and dots removed, 9 or 12 digits), else None."""
    compact = "".join(ch for ch in value or "" if not ch.isspace() and ch != ".")
    return compact if is_id_shape(compact) else None


def id_number_valid(number: str) -> bool:
    """Shape check: 12 digits with a known province and a 1900s/2000s century digit, or 9 digits."""
    if len(number) == 9:
        return number.isdigit() and number != "0" * 9
    if len(number) != 12 or not number.isdigit():
        return False
    if number[:3] not in PROVINCE_CODES or number[3] not in "0123":
        return False
    return birth_year_of(number) <= dt.date.today().year


def birth_year_of(number: str) -> int:
    """Year of birth encoded in a 12-digit identity number."""
    century = 1900 if number[3] in "01" else 2000
    return century + int(number[4:6])
