"""Validity "trong N tháng": calendar months on, clamped to the month's last day."""

from __future__ import annotations

import datetime as dt

from vntext.dates import months_later


def test_months_later() -> None:
    assert months_later(dt.date(2025, 3, 15), 6) == dt.date(2025, 9, 15)
    assert months_later(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert months_later(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert months_later(dt.date(2025, 8, 31), 1) == dt.date(2025, 9, 30)
    assert months_later(dt.date(2025, 5, 2), 24) == dt.date(2027, 5, 2)
