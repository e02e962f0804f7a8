"""A relapse count told as a story: "the first time … then it came back again" is two, "复发过一次，
后来…又查到了" is two, and 就那一次 ("just that once") is one, while 这一次 ("this time") is no count."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "text, language, meant",
    [
        ("第一次是去年春天复发的，后来做了移植，今年又复发了", "zh", 2),
        ("复发过一次，后来脑脊液里又查出来了", "zh", 2),
        ("就那一次", "zh", 1),
        ("移植后复发的，就这一回", "zh", 1),
        ("这一次是第二次复发", "zh", 2),
        ("the first time was in 2023, then after the transplant it came back again", "en", 2),
    ],
)
def test_the_count_of_a_story(text, language, meant):
    parsed = understand("aml_relapse_count", text, TODAY, language=language).parsed
    assert parsed.ok and parsed.value == meant
