"""A part of last or this month ("end of last month", "early this month") is that day of that
month, never after today; it had been read as "a month ago" whatever the part. Examples written
for the mechanism, with today the 3rd of December 2026."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("end of last month", date(2026, 11, 28)),
        ("at the beginning of last month", date(2026, 11, 5)),
        ("late last month", date(2026, 11, 25)),
        ("mid last month", date(2026, 11, 15)),
        ("the last week of last month", date(2026, 11, 26)),
        ("early this month", date(2026, 12, 3)),  # not the 5th: that is still to come
    ],
)
def test_a_part_of_last_or_this_month(said, day):
    parsed = understand("ejection_fraction_date", said, TODAY).parsed
    assert parsed.ok and parsed.value == day, parsed


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("last month, on the 20th", date(2026, 11, 20)),  # a day said with it still names the day
        ("the end of October", date(2026, 10, 28)),
    ],
)
def test_a_day_of_last_month_and_a_part_of_a_named_month_are_read_as_before(said, day):
    parsed = understand("ejection_fraction_date", said, TODAY).parsed
    assert parsed.ok and parsed.value == day, parsed
