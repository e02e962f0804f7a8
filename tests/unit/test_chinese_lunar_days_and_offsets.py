"""Chinese dates said by the lunar calendar (初八, 腊月廿三, 大年初三), solar terms (冬至), and a
day before or after a festival (端午前三天, 国庆后头两个礼拜). Examples of my own, not corpus rows;
the expected days come from lunardate's calendar, computed here rather than written down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunardate import LunarDate

from bot.parsing.chinese import chinese_date

TODAY = date(2026, 12, 3)


def lunar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("阴历九月初九那天住的院", lunar(2026, 9, 9)),
        ("八月初三", lunar(2026, 8, 3)),  # a day said the lunar way makes the month lunar
        ("腊月廿六停的药", lunar(2025, 12, 26)),  # this lunar year's twelfth month is still to come
        ("二三年大年初三", lunar(2023, 1, 3)),
        ("前年冬月十二", lunar(2024, 11, 12)),
        ("老历四月二十", lunar(2026, 4, 20)),
    ],
)
def test_a_lunar_month_and_day_is_read_on_the_lunar_calendar(said, meant):
    assert chinese_date(said, TODAY) == meant


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("中秋节后三天", lunar(2026, 8, 15) + timedelta(days=3)),
        ("元旦前两个礼拜", date(2025, 12, 18)),
        ("国庆之后一个星期", date(2026, 10, 8)),
        ("去年冬至", date(2025, 12, 21)),
        ("正月十五之前两天", lunar(2026, 1, 15) - timedelta(days=2)),
    ],
)
def test_a_day_before_or_after_a_festival_is_moved_by_what_is_said(said, meant):
    assert chinese_date(said, TODAY) == meant


@pytest.mark.parametrize("said", ["十月初", "三月中旬"])
def test_early_in_a_month_is_not_a_lunar_day(said):
    """十月初 is early October, not the first of the tenth lunar month."""
    day = chinese_date(said, TODAY)
    assert day is None or day.month in (3, 10)
