"""A year said by its last two figures ("back in '09") and a named day or month counted back in
years ("Boxing Day three years ago", "in May 2 years ago"), also for a later clause that names a
day without its year. Examples of my own; the expected dates are computed from today."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("back in '09", date(2009, 7, 1)),
        ("april ’98", date(1998, 4, 15)),
        ("Boxing Day three years ago", date(TODAY.year - 3, 12, 26)),
        ("in May 2 years ago", date(TODAY.year - 2, 5, 15)),
        ("Christmas Eve four years ago, he spent Christmas Day on the ward", date(TODAY.year - 4, 12, 24)),
    ],
)
def test_a_short_or_counted_back_year(said, meant):
    parsed = understand("last_heart_attack_or_bypass", said, TODAY).parsed
    assert parsed.ok and abs((parsed.value - meant).days) <= 3, parsed


def test_the_nineties_stay_a_decade():
    parsed = understand("last_heart_attack_or_bypass", "sometime in the '90s", TODAY).parsed
    assert not parsed.ok or parsed.value.year // 10 == 199, parsed


@pytest.mark.parametrize(
    ("said", "language", "event", "counted"),
    [
        (
            "stopped around the first anniversary of the transplant, which was in May 2024",
            "en",
            date(2024, 5, 15),
            None,
        ),
        ("移植后半年停的，移植是前年十月", "zh", date(2024, 10, 15), date(2025, 4, 15)),
        ("移植满一年就停了，移植是24年6月做的", "zh", date(2024, 6, 15), date(2025, 6, 15)),
    ],
)
def test_a_time_counted_from_another_event_is_never_that_events_date(said, language, event, counted):
    """Never the other event's own date (`dates.counted_from` in the words files): asked again, or,
    where the counting words are known, counted from it (bot/parsing/counted_dates.py)."""
    parsed = understand("transplant_immunosuppressants_stopped", said, TODAY, language=language).parsed
    assert not (parsed.ok and parsed.value == event), parsed
    if counted is None:
        assert not parsed.ok and parsed.status == "unclear", parsed
    else:
        assert parsed.ok and parsed.value == counted, parsed
