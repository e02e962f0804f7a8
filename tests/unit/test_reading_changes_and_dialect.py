"""Readings added on 5 December (sixth stop): a value said as changed to ("they dropped it to 15"),
two events told in order, and dialect and chat forms in standard words for the answer readers and
the intent model alike. Each mechanism has examples of its own, not corpus rows."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from bot.parsing.text import everyday_forms
from bot.understanding import understand
from rasa_addons.intent_model import IntentModel
from tests.reading import read_parsed

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("20mg of prednisolone, well that's what it was, they dropped it to 15 on Friday", "en", 15),
        ("20mg, reduced to 15mg last week", "en", 15),
        ("40, reduced to 20, then back up to 30", "en", 30),  # the last change told is now
        ("原来吃20mg，上周减到15mg", "zh", 15),
        ("以前吃60，后来减到30，上礼拜又加回45了", "zh", 45),
    ],
)
def test_the_value_a_dose_was_changed_to_is_the_dose_now(said, language, meant):
    parsed = read_parsed("daily_steroid_dose", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    "said",
    [
        "reduced to 30, then 45 on Monday",  # a number told after the change moves on
        "reduced to 30, now it's 45",
        "it was 40 yesterday, dropped to 30 today, 35 this morning",
    ],
)
def test_a_number_told_after_the_change_is_not_passed_over(said):
    parsed = read_parsed("daily_steroid_dose", said)
    assert not (parsed.ok and parsed.value == 30), parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("had a heart attack in january then the bypass in february", date(2026, 2, 15)),
        ("heart attack in january, then the bypass in february", date(2026, 2, 15)),
        ("First one was 2008. Second was 2015 at the bowls club. Nothing since", date(2015, 7, 1)),
    ],
)
def test_of_two_events_told_in_order_the_last_counts(said, meant):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    assert parsed.ok and abs((parsed.value - meant).days) <= 3, parsed


def test_a_date_placed_against_another_event_is_still_asked_again():
    parsed = read_parsed(
        "last_heart_attack_or_bypass", "a heart attack in 2012 and the bypass two years after that"
    )
    assert not parsed.ok


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("唔该", "谢谢"),  # Cantonese "thank you"; 唔 alone is 不, which made it 不该, "should not"
        ("唔好意思", "不好意思"),
        ("唔好", "不要"),
        ("母鸡", "不知道"),
        ("有木有", "是否有"),  # "is there or not": 是否有, so the 没有 inside 有没有 denies nothing
        ("有没有", "是否有"),
        ("没有没有", "没有没有"),
        ("木有", "没有"),
        ("急性髓系的", "急性髓系的"),  # 系 alone stays: 髓系 is "myeloid"
    ],
)
def test_dialect_and_chat_forms_are_read_in_standard_words(typed, standard):
    assert everyday_forms(typed, "zh") == standard


def test_words_the_table_does_not_name_are_left_as_typed():
    assert everyday_forms("dunno, mate", "en") == "dunno, mate"


def test_the_chinese_intent_model_reads_a_dialect_word_as_its_standard_one():
    """The n-grams see 木有 as 没有: a model that learned 没有 alone scores them alike."""
    model = IntentModel(language="zh").fit(
        ["没有", "是的", "好的", "不是"], np.zeros((4, 2)), ["deny", "affirm", "affirm", "deny"]
    )
    dialect, standard = model.predict_proba(["木有", "没有"], np.zeros((2, 2)))
    assert np.allclose(dialect, standard)


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_relapse_within_12_months", "just over a year, 13 months maybe", False),
        ("platelet_count", "56 perhaps?", 56),
        ("partner_can_become_pregnant", "she is 44 and still has periods, so maybe yes", True),
    ],
)
def test_a_hedge_after_a_value_or_before_a_yes_hedges_that_value(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(("said", "language"), [("maybe yes", "en"), ("可能是", "zh")])
def test_a_hedged_yes_is_never_beyond_doubt(said, language):
    reading = understand("heart_failure", said, TODAY, language=language)
    assert reading.parsed.ok and reading.parsed.value is True and not reading.sure


@pytest.mark.parametrize("said", ["maybe", "maybe yes, maybe no", "not sure, maybe"])
def test_a_hedge_alone_is_still_dont_know(said):
    assert read_parsed("heart_failure", said).status == "unknown"


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("pregnant", "I'm 10 weeks", "en", True),
        ("pregnant", "she's twelve weeks", "en", True),
        ("pregnant", "十周了", "zh", True),
        ("pregnant", "no, she had the baby about 4 months ago", "en", False),
        ("pregnant", "没有，她生完孩子四个月了", "zh", False),
        ("stem_cell_transplant", "two actually", "en", True),
        ("stem_cell_transplant", "做了两回", "zh", True),
        ("can_become_pregnant", "She is 47, she still sees her period", "en", True),
        (
            "partner_can_become_pregnant",
            "she's going through the menopause, still gets the odd period",
            "en",
            True,
        ),
        ("breastfeeding", "only at night now", "en", True),
    ],
)
def test_everyday_ways_of_saying_yes_to_the_question_asked(fact_id, said, language, meant):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("Mid forties, 44 I think", "en", 44),
        ("early 60s, 62", "en", 62),
        ("四十出头，43岁", "zh", 43),
        ("mid forties", "en", 45),  # the decade alone: its middle, as before
        ("五十多岁", "zh", 55),  # 五十 is the decade's own figure, not an age said within it
    ],
)
def test_an_exact_age_said_within_a_decade_is_the_age(said, language, meant):
    parsed = read_parsed("age", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("刷牙牙床子老出血，腿上也青一块紫一块的", "zh", True),  # bleeding gums; the bruises are no "no"
        ("my gums bleed when I brush and I've got bruises all over my legs", "en", True),
        ("没有，就是淤青", "zh", False),  # only bruises: no bleeding
        ("just bruises", "en", False),
    ],
)
def test_bruises_beside_a_bleed_do_not_deny_it(said, language, meant):
    parsed = read_parsed("active_bleeding", said, language)
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    "said",
    [
        "The doctor said to stop at the start of November but I actually only stopped on the 10th",
        "It was in Jan, the 20th or 21st",
    ],
)
def test_a_year_is_never_made_of_a_stray_number(said):
    parsed = read_parsed("transplant_immunosuppressants_stopped", said)
    assert not (parsed.ok and parsed.value.year < TODAY.year - 1), parsed


@pytest.mark.parametrize(("said", "year"), [("two years ago", 2024), ("in 2019", 2019), ("5/3/19", 2019)])
def test_a_year_said_is_still_read(said, year):
    parsed = read_parsed("transplant_immunosuppressants_stopped", said)
    assert parsed.ok and parsed.value.year == year, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("a minor one about 5 years ago. stents, not a bypass", date(2021, 12, 3)),
        ("a small one in 2019, not a bypass", date(2019, 7, 1)),
    ],
)
def test_a_small_one_is_the_heart_attack_asked_about_not_never(said, meant):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    assert parsed.ok and abs((parsed.value - meant).days) <= 3, parsed


def test_what_else_is_dated_beside_a_denial_is_still_never():
    assert read_parsed("last_heart_attack_or_bypass", "stents in 2019, never a heart attack").value == "never"


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("active_bleeding", "Not that I haven't had the odd nosebleed, but nothing right now", False),
        ("active_bleeding", "nothing right now", False),  # "right" in "right now" is no yes
        ("partner_can_become_pregnant", "My wife and I are actually doing IVF right now", True),
        ("active_bleeding", "that's right", True),
    ],
)
def test_right_now_is_a_time_not_a_yes(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is meant, parsed
