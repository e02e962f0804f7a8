"""Chinese answers as people type them: numerals in characters or mixed, lab values the Chinese way,
dates and durations, yes/no/don't know with negation, who is answering (issue 14: >= 300 cases).

The expected values are written from the meaning, never from what the reader returns."""

from __future__ import annotations

from datetime import date, timedelta

import cn2an
import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer, parse_relation
from bot.rules import NEVER

TODAY = date(2026, 12, 3)  # a Thursday
REGISTRY = default_registry()


def chinese(n: int) -> str:
    """The number in Chinese characters, as people type it (七十六)."""
    return cn2an.an2cn(n)


def read(fact_id: str, text: str):
    return parse_answer(REGISTRY[fact_id], text, TODAY)


AGES = [
    18,
    19,
    20,
    23,
    27,
    30,
    34,
    38,
    41,
    45,
    47,
    50,
    52,
    56,
    59,
    61,
    63,
    65,
    68,
    70,
    72,
    74,
    75,
    76,
    79,
    80,
]
AGE_FORMS = ["{cn}岁", "{cn}", "今年{cn}了", "{n}周岁", "我{cn}岁了", "{n}岁"]


@pytest.mark.parametrize("form", AGE_FORMS)
@pytest.mark.parametrize("age", AGES)
def test_ages_in_characters_digits_or_mixed(age, form):
    text = form.format(cn=chinese(age), n=age)
    parsed = read("age", text)
    assert (parsed.status, parsed.value) == ("value", age), text


@pytest.mark.parametrize(
    ("text", "age"),
    [("1971年出生", 55), ("我是1960年生的", 66), ("他1950年出生", 76), ("1990年生人", 36), ("八十岁", 80)],
)
def test_ages_from_a_birth_year(text, age):
    parsed = read("age", text)
    assert parsed.status == "value" and abs(parsed.value - age) <= 1, text


PLATELETS = [12, 25, 38, 45, 50, 63, 72, 85, 100, 120, 150, 230]
PLATELET_FORMS = ["血小板{n}", "{wan}万/微升", "PLT {n}×10⁹/L", "血小板是{cn}", "{n}", "最近一次查是{n}"]


@pytest.mark.parametrize("form", PLATELET_FORMS)
@pytest.mark.parametrize("count", PLATELETS)
def test_platelet_counts_the_chinese_way(count, form):
    text = form.format(n=count, cn=chinese(count), wan=f"{count / 10:g}")
    parsed = read("platelet_count", text)
    assert (parsed.status, parsed.value) == ("value", count), text


HAEMOGLOBIN = [70, 78, 85, 92, 101, 115, 130]
HAEMOGLOBIN_FORMS = ["{n}克/升", "血红蛋白{n}g/L", "{dl}g/dL", "血红蛋白{cn}克每升", "Hb {n}"]


@pytest.mark.parametrize("form", HAEMOGLOBIN_FORMS)
@pytest.mark.parametrize("grams", HAEMOGLOBIN)
def test_haemoglobin_in_grams_per_litre_or_decilitre(grams, form):
    text = form.format(n=grams, cn=chinese(grams), dl=f"{grams / 10:g}")
    parsed = read("haemoglobin", text)
    assert parsed.status == "value" and abs(parsed.value - grams) < 0.01, text


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6, 8, 10])
def test_days_and_weeks_ago(k):
    days = read("last_platelet_transfusion", f"{chinese(k)}天前")
    weeks = read("last_platelet_transfusion", f"{'两' if k == 2 else chinese(k)}周前")
    assert days.value == TODAY - timedelta(days=k)
    assert weeks.value == TODAY - timedelta(weeks=k)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三个月前", date(2026, 9, 3)),
        ("1个月前", date(2026, 11, 3)),
        ("两个月以前", date(2026, 10, 3)),
        ("半年前", date(2026, 6, 3)),
        ("一年前", date(2025, 12, 3)),
        ("一年半以前", date(2025, 6, 3)),
        ("两年前", date(2024, 12, 3)),
        ("昨天", date(2026, 12, 2)),
        ("前天", date(2026, 12, 1)),
        ("今天上午", TODAY),
        ("上周二", date(2026, 11, 24)),
        ("上周五", date(2026, 11, 27)),
        ("上个星期一", date(2026, 11, 23)),
        ("上上周一", date(2026, 11, 16)),
        ("这周一", date(2026, 11, 30)),
        ("去年五月", date(2025, 5, 15)),
        ("去年10月", date(2025, 10, 15)),
        ("前年", date(2024, 7, 1)),
        ("2024年5月3日", date(2024, 5, 3)),
        ("2025年3月", date(2025, 3, 15)),
        ("上个月10号", date(2026, 11, 10)),
        ("上个月中旬", date(2026, 11, 15)),
        ("2023年", date(2023, 7, 1)),
    ],
)
def test_dates_and_durations(text, expected):
    parsed = read("last_platelet_transfusion", text)
    assert (parsed.status, parsed.value) == ("value", expected), text


@pytest.mark.parametrize("text", ["从来没输过", "没有", "从来没有", "没输过血小板", "一次也没有"])
def test_never_for_a_date_that_allows_it(text):
    assert read("last_platelet_transfusion", text).value == NEVER


UNKNOWN = ["不知道", "不清楚", "不太清楚", "说不好", "记不清了", "忘了", "不记得了", "这个要问医生"]


@pytest.mark.parametrize(
    "fact_id", ["active_bleeding", "platelet_count", "age", "willing_contraception", "ecog"]
)
@pytest.mark.parametrize("text", UNKNOWN)
def test_dont_know_is_unknown_for_every_kind_of_question(fact_id, text):
    assert read(fact_id, text).status == "unknown", text


YES_NO = {
    "willing_contraception": (
        ["没问题", "不介意", "可以", "愿意", "行", "好的没问题", "完全可以", "同意", "能做到", "没意见"],
        ["不愿意", "不想", "不同意", "不太愿意", "我不会避孕的"],
    ),
    "active_bleeding": (
        ["有", "有点流鼻血", "牙龈出血", "最近尿里有血", "是的，鼻子老出血", "对"],
        ["没有", "没出血", "从来没有", "无", "不是", "没有出血"],
    ),
    "active_hepatitis": (
        ["有乙肝，现在是活动期", "有", "丙肝还没治好"],
        ["没有", "以前得过乙肝，早就好了", "没有肝炎", "乙肝已经转阴了"],
    ),
    "can_become_pregnant": (
        ["会", "可以", "还有月经"],
        ["不会，已经绝经了", "绝经好几年了", "子宫切除了", "结扎了", "不会", "不可能"],
    ),
    "stem_cell_transplant": (
        ["做过", "做过骨髓移植", "有，去年做的移植"],
        ["没有", "没做过", "从来没有做过移植"],
    ),
    "takes_steroids": (["在吃泼尼松", "每天都吃激素", "是的"], ["没有", "不吃激素", "没吃过"]),
}


@pytest.mark.parametrize(
    ("fact_id", "text", "expected"),
    [(f, t, True) for f, (yes, _) in YES_NO.items() for t in yes]
    + [(f, t, False) for f, (_, no) in YES_NO.items() for t in no],
)
def test_yes_and_no_with_negation(fact_id, text, expected):
    parsed = read(fact_id, text)
    assert (parsed.status, parsed.value) == ("value", expected), text


@pytest.mark.parametrize(
    ("text", "proxy", "pronoun"),
    [
        ("我自己", False, None),
        ("是我本人", False, None),
        ("我", False, None),
        ("我爸爸", True, "he"),
        ("我是替我爸问的", True, "he"),
        ("帮我妈问的", True, "she"),
        ("我爱人", True, "they"),
        ("我女儿", True, "she"),
        ("我老公", True, "he"),
        ("我是他女儿", True, "he"),
        ("给我奶奶问问", True, "she"),
        ("我儿子", True, "he"),
    ],
)
def test_who_is_answering(text, proxy, pronoun):
    relation = parse_relation(text)
    assert relation is not None and (relation.proxy, relation.pronoun) == (proxy, pronoun), text
