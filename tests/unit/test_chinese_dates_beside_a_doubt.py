"""A Chinese date beside "I forget which day" keeps its month (是去年十月份，具体哪天记不清了 is
October last year: the words beside the doubt reach the date reader unspaced), a year written with
its 年 takes the part of the year after it (2023年底), and a year said twice keeps the finer date
(前年做的搭桥，二〇二四年三月 is March 2024, not the year alone); a day said later in the sentence
belongs to the month named (上个月…最后一次是25号)."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "text, meant",
    [
        ("是去年十月份，具体哪天记不清了", date(2025, 10, 15)),
        ("上礼拜，哪天忘了", date(2026, 11, 26)),
        ("2023年底停的", date(2023, 12, 20)),
        ("2022年初", date(2022, 1, 15)),
        ("前年停的，二〇二四年三月", date(2024, 3, 15)),
        ("上个月停了两种，最后一种是25号停的", date(2026, 11, 25)),  # the day said later, in that month
        ("一个半月前", date(2026, 10, 18)),
    ],
)
def test_the_date_said(text, meant):
    parsed = understand("transplant_immunosuppressants_stopped", text, TODAY, language="zh").parsed
    assert parsed.ok and abs((parsed.value - meant).days) <= 3
