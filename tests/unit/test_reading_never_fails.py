"""Whatever is typed, reading it gives an answer, a "don't know" or a request to ask again: never an
error. Replies are built from the pieces that date, number and count readers work on (years far
outside any calendar's tables, lunar months, festivals, figures run together), in both languages."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.facts import default_registry
from tests.reading import read_answer

_PIECES = [
    # figures, some beyond any calendar ("6462年", "12345") or run together by a space
    "0", "1", "7", "12", "31", "62", "99", "150", "1899", "1943", "2011", "2099", "2100", "6462", "12345",
    "99999999", ".", ",", "/", "-", " ", "  ", "%", "mg", "x10^9/L", "×10⁹", "g/dL", "μmol/L",
    # Chinese dates and counts
    "年", "月", "日", "号", "岁", "虚岁", "农历", "腊月", "正月", "初三", "廿三", "八月十五",
    "中秋", "春节", "元旦", "冬至", "去年", "前年", "上个月", "上周二", "三个月前", "之后", "移植后", "半年",
    "生的", "一", "六十四", "两次", "第二次", "疗程", "缓解", "没有", "不知道", "，", "。", "？",
    # English dates and counts
    "last", "June", "summer", "Easter", "Christmas", "ago", "weeks", "after", "before", "so", "the", "12th",
    "of", "November", "once", "again", "twice", "born", "in", "no", "yes", "maybe", "?",
    # days no calendar has, and figures in other forms
    "13月", "2月30号", "32号", "Feb 30", "31/02/2020", "13/13", "10的5次方", "三万亿", "½", "⅓", "٣", "1e308",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fact_id=st.sampled_from(sorted(default_registry().definitions) + sorted(default_registry().checklists)),
    pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8),
    language=st.sampled_from(["en", "zh"]),
    proxy=st.booleans(),
)
def test_any_reply_is_read_without_an_error(fact_id, pieces, language, proxy):
    parsed = read_answer(fact_id, "".join(pieces), language, proxy).parsed
    assert parsed.status in ("value", "unknown", "unclear", "out_of_range")


_YEARS = ["0", "62", "1899", "1900", "2099", "2100", "6462", "9999", "10000", "12345", "六十四 62", "83 1943"]
_DAYS_OF_A_CALENDAR = [
    "年农历八月十五",
    "年腊月三十",
    "年春节",
    "年中秋",
    "年冬至",
    "年国庆",
    "年3月",
    "年12月31日",
    "年正月初一",
]


@settings(max_examples=200, deadline=None)
@given(
    fact_id=st.sampled_from(["age", "last_platelet_transfusion", "transplant_immunosuppressants_stopped"]),
    year=st.sampled_from(_YEARS),
    day=st.sampled_from(_DAYS_OF_A_CALENDAR),
    after=st.sampled_from(["", "生的", "的时候", " 中秋节生日"]),
)
def test_a_date_in_any_year_is_read_without_an_error(fact_id, year, day, after):
    parsed = read_answer(fact_id, f"{year}{day}{after}", "zh").parsed
    assert parsed.status in ("value", "unknown", "unclear", "out_of_range")
