"""Dates told by the holidays people keep: a weekday holiday in the year said beside it ("Labor Day
weekend 2023"), Canada's Thanksgiving before the American one, Britain's bank holidays, feasts set
by another calendar from a table by year (Diwali, Eid, Ramadan), and "yday" or "this past Sept"."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "text, meant",
    [
        ("Labor Day weekend 2023", date(2023, 9, 4)),
        ("the day after Thanksgiving 2019", date(2019, 11, 28)),
        ("Canadian Thanksgiving", date(2026, 10, 12)),
        ("around the August bank holiday", date(2026, 8, 31)),
        ("the spring bank holiday", date(2026, 5, 25)),
        ("Diwali 2024", date(2024, 11, 1)),
        ("just before Diwali", date(2026, 11, 8)),
        ("Eid last year", date(2025, 3, 30)),
        ("2020, during Ramadan", date(2020, 5, 9)),
        ("yday", date(2026, 12, 2)),
        ("this past Sept", date(2026, 9, 15)),
    ],
)
def test_a_holiday_is_its_day(text, meant):
    parsed = understand("last_heart_attack_or_bypass", text, TODAY).parsed
    assert parsed.ok and abs((parsed.value - meant).days) <= 3
