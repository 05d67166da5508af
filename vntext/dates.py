"""Calendar arithmetic on the dates papers state ("có giá trị trong 6 tháng")."""

from __future__ import annotations

import datetime as dt


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months on; the month's last day when it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return day
