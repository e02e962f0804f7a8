"""Birthdays said the Chinese way: a lunar birthday with its year is converted, so a twelfth-month
birthday falls in the next calendar year (58年腊月生的 is January 1959), and a birth year alone
counts this year's birthday as still to come when the answer says so (过几天才过生日)."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "text, language, meant",
    [
        ("我是1953年农历腊月十五生的", "zh", 72),  # 28 January 1954
        ("六零年腊月生的", "zh", 65),  # January 1961
        ("一九五零年农历三月初三", "zh", 76),
        ("我是八一年的，生日还没过", "zh", 44),
        ("我是八一年的", "zh", 45),
        ("born in 1981 but I haven't had my birthday yet", "en", 44),
    ],
)
def test_the_age_of_a_birthday_said_this_way(text, language, meant):
    parsed = understand("age", text, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant
