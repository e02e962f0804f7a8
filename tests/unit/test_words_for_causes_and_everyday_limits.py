"""Words added from the tuning part en/tune_k, each checked on an example of my own: a faint with a
named cause (low sugar, fasting) is explained, long QT is a rhythm problem, "both fine" answers the
liver-and-kidneys question, and breathlessness with ordinary things or getting dressed grades the
heart limitation."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ventricular_arrhythmia_or_fainting", "fainted at the bus stop, my blood sugar had dropped", False),
        ("ventricular_arrhythmia_or_fainting", "she passed out while fasting, nothing else", False),
        ("ventricular_arrhythmia_or_fainting", "I have long QT, on a beta blocker for it", True),
        ("serious_liver_or_kidney_problems", "both are fine according to last week's bloods", False),
        ("heart_failure_limitation", "ordinary things like hoovering make me stop, sitting is fine", 2),
        ("heart_failure_limitation", "he has to sit down halfway through getting dressed", 3),
    ],
)
def test_words_for_causes_and_everyday_limits(fact_id, said, meant):
    parsed = understand(fact_id, said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("上三楼就得停下来喘一会儿，平路没事", 2),  # how badly is not with what: stairs decide
        ("现在从卧室走到客厅都喘，坐着不喘", 3),
    ],
)
def test_chinese_heart_limitation_by_the_activity_named(said, meant):
    parsed = understand("heart_failure_limitation", said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("这几天基本都躺着，吃饭上厕所自己能行", 3),
        ("天天躺在床上，饭都要我喂", 4),
    ],
)
def test_chinese_daily_activity_words(said, meant):
    parsed = understand("ecog", said, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("she's mostly lying down now, gets up for meals", 3),
        ("in bed all day, I even need help to turn over", 4),
        ("out of bed all day, pottering, just can't do the heavy lifting", 1),
        ("looking after myself is fine but not being able to work is hard", 2),
    ],
)
def test_english_daily_activity_words(said, meant):
    parsed = understand("ecog", said, TODAY).parsed
    assert parsed.ok and parsed.value == meant, parsed
