"""Readings added in the 11 December stop (en/zh tune_am and tune_an). Each mechanism has examples of
its own, not corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.day_month_order import AMBIGUOUS, settle_day_month_order
from tests.reading import read_parsed

TODAY = date(2026, 12, 3)

# ----- a date in figures whose day and month could swap -------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "07/08/2026",
        "it was done 05/06/2026",
        "4/9",
        "echo on 03-04-2026",
        "10/12",  # 12 October, or 10 December last year?
        "stopped the tacro 11/10, they checked the level again in Nov",  # November is another event's
    ],
)
def test_a_date_in_figures_either_way_round_is_asked_again(said):
    parsed = read_parsed("ejection_fraction_date", said)
    assert parsed.status == "unclear" and parsed.problem == "date.day_or_month"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("11/02/2026 - i.e. Nov 2nd", date(2026, 11, 2)),  # a month in words settles it
        ("08/09/2026, the 8th of September", date(2026, 9, 8)),
        ("TTE 10/11/26. US format", date(2026, 10, 11)),  # the format named
        ("05/06/2026 (UK date)", date(2026, 6, 5)),
        ("Tuesday 10/11", date(2026, 11, 10)),  # 10 November was the Tuesday, 11 October a Sunday
        ("17/11, and before that 10/11", date(2026, 11, 17)),  # 17/11 shows the order
    ],
)
def test_what_else_is_said_settles_which_figure_is_the_month(said, meant):
    assert read_parsed("ejection_fraction_date", said).value == meant


@pytest.mark.parametrize("said", ["17/11", "on 25/11/2026", "02.10.2026", "2026/07/08", "3-4 weeks ago"])
def test_a_date_only_one_way_round_or_dotted_is_not_in_doubt(said):
    assert settle_day_month_order(said, TODAY, "DMY") != AMBIGUOUS


def test_a_fraction_is_no_date_and_a_month_first_language_is_not_in_doubt():
    assert settle_day_month_order("about 1/2 a year ago", TODAY, "DMY") != AMBIGUOUS
    assert settle_day_month_order("3/4 of a bag", TODAY, "DMY") != AMBIGUOUS
    assert settle_day_month_order("11/03", TODAY, "MDY") == "11/03"
    assert read_parsed("last_platelet_transfusion", "11/03输的", language="zh").value == date(2026, 11, 3)


@pytest.mark.parametrize(
    "said", ["cycle 2/6, last week", "had 3/4 transfusions, last on 20/11", "ECOG 1/2, given 20 Nov"]
)
def test_a_count_or_score_with_a_slash_is_no_date(said):
    assert read_parsed("last_platelet_transfusion", said).ok


# ----- something ruled out by name was not found ----------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("active_hepatitis", "they ruled out hepatitis", False),
        ("cardiomyopathy", "the echo ruled out cardiomyopathy", False),
        ("last_heart_attack_or_bypass", "chest pain in sept but they ruled out a heart attack", "never"),
    ],
)
def test_a_condition_ruled_out_is_not_had(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == meant


def test_a_condition_not_yet_ruled_out_is_no_no():
    assert read_parsed("active_hepatitis", "they haven't ruled out hepatitis yet").value is not False


# ----- a negation before a list of treatments reaches each one joined to it --------------------------


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("帕博利珠单抗，没做过化疗和放疗", "zh", {"immunotherapy"}),
        ("靶向，没有化疗和放疗", "zh", {"targeted"}),
        ("never had chemo or radiation, only immunotherapy", "en", {"immunotherapy"}),
    ],
)
def test_a_negation_before_joined_treatments_denies_them_all(said, language, meant):
    assert set(read_parsed("cancer_treatments", said, language=language).value) == meant


def test_a_space_or_a_course_not_finished_does_not_carry_a_negation_to_the_next_treatment():
    assert read_parsed("cancer_treatments", "没做化疗 放疗做了25次", language="zh").value == ["radiotherapy"]
    assert "radiotherapy" in read_parsed("cancer_treatments", "没做完化疗和放疗", language="zh").value


# ----- words -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "language", "meant"),
    [
        ("willing_contraception", "yes definitely, I cannot risk pregnancy now", "en", True),
        ("willing_contraception", "we can't afford a pregnancy right now", "en", True),
        ("takes_steroids", "I was on prednisolone for years but I've been off it since 2024", "en", False),
        (
            "takes_steroids",
            "on dex after the radiotherapy but they tapered it off 2 weeks ago",
            "en",
            False,
        ),
        ("takes_steroids", "on pred 10mg daily, been on it for years", "en", True),
        ("uncontrolled_infection", "pneumonia, on iv antibiotics, not getting better", "en", True),
        ("uncontrolled_infection", "肺部真菌感染，比之前好转了，但是还没完全控制住", "zh", True),
        ("uncontrolled_infection", "肺部感染 好转了", "zh", False),
        ("diagnosis", "卵巢无性细胞瘤", "zh", "solid_tumour"),
        ("diagnosis", "没有", "zh", "no_cancer"),
        ("diagnosis", "畸胎瘤，良性的", "zh", "no_cancer"),
        ("last_platelet_transfusion", "国庆前后输过一次，最近那次是上上周五", "zh", date(2026, 11, 20)),
        ("last_platelet_transfusion", "11月28号输的血小板，最近一次查血小板是昨天", "zh", date(2026, 11, 28)),
        ("takes_steroids", "came off it but back on it now", "en", True),
    ],
)
def test_words_added(fact_id, said, language, meant):
    assert read_parsed(fact_id, said, language=language).value == meant


def test_cultures_awaited_are_no_answer_yet():
    parsed = read_parsed(
        "uncontrolled_infection", "had a fever last night, they drew blood cultures, still waiting"
    )
    assert parsed.status == "unknown"


def test_a_date_in_figures_over_a_year_ago_either_way_round_is_read_day_first():
    # no study window hinges on which month of 2019 it was
    assert read_parsed("transplant_immunosuppressants_stopped", "5/3/19").value == date(2019, 3, 5)


@pytest.mark.parametrize(("said", "meant"), [("born 4/12/74, so 52", 52), ("51, born 4/12/74", 51)])
def test_an_age_said_beside_a_birth_date_either_way_round_settles_it(said, meant):
    assert read_parsed("age", said).value == meant


def test_a_birth_date_either_way_round_is_read_by_what_is_said_else_day_first():
    # asking every UK writer which was the month would cost more than it saves: read day first
    assert read_parsed("age", "4/12/74").value == 51
    assert read_parsed("age", "12/05/1961 (US format)").value == 64
    assert read_parsed("age", "DOB 04/12/1956 - 70 tomorrow").value == 69  # 70 tomorrow is 69 today
    assert read_parsed("age", "02/03/1971").value == 55  # 2 March or 3 February: 55 either way
    assert read_parsed("age", "12/4/1974", language="zh").value == 51  # month first in Chinese


# ----- numbers beside other words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("ejection_fraction", "EF 55%, 2D echo done in November", 55),  # an echo's dimensions
        ("platelet_count", "48. Hb 91, neuts 0.4", 48),  # another lab's value
        ("age", "56. Diagnosed at 54", 56),  # an age at an event
        ("age", "she was diagnosed at 60 and is 63 now", 63),
    ],
)
def test_a_number_that_is_not_the_value_asked_is_left_out(fact_id, said, meant):
    assert read_parsed(fact_id, said).value == meant


def test_an_age_only_at_an_event_is_no_age_now():
    assert not read_parsed("age", "diagnosed at 54").ok


def test_a_year_concluded_after_a_month_said_keeps_the_month():
    said = "Bypass in 2001 and then a heart attack in August 2019. So 2019 is the last one."
    assert read_parsed("last_heart_attack_or_bypass", said).value == date(2019, 8, 15)


# ----- a weekday alone in Chinese, and ages that are no dates -----------------------------------------


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("周一", date(2026, 11, 30)),
        ("礼拜天输的", date(2026, 11, 29)),
        ("周四", date(2026, 11, 26)),  # today's weekday is last week's, as in English
        ("上周一", date(2026, 11, 23)),
    ],
)
def test_a_chinese_weekday_alone_is_the_last_one(said, meant):
    assert read_parsed("last_platelet_transfusion", said, language="zh").value == meant


@pytest.mark.parametrize("said", ["每周一输", "一周一次", "下周一再输", "周一到周五都在医院", "周五要输"])
def test_a_recurring_range_or_coming_weekday_is_no_date(said):
    assert not read_parsed("last_platelet_transfusion", said, language="zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("last_heart_attack_or_bypass", "没有，周一做了心电图正常"),  # a weekday of another thing
        ("last_platelet_transfusion", "从来没输过，周一要去医院"),
        ("last_platelet_transfusion", "本来周三要输，没输成"),
    ],
)
def test_a_weekday_in_a_longer_answer_is_left_to_the_rest(fact_id, said):
    assert read_parsed(fact_id, said, language="zh").value == "never"


def test_an_age_then_said_with_cai_is_no_age_now():
    assert read_parsed("last_heart_attack_or_bypass", "他才45岁时就心梗了", language="zh").value != date(
        2026, 12, 3
    )
    assert read_parsed("ejection_fraction_date", "a 2 year old echo").value == date(2024, 12, 3)
    assert read_parsed("aml_relapse_count", "he did one").value == 1


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("no never, he is 45 years old", "en"),
        ("never, im only 24 years old lol", "en"),
        ("从来没有 我才33", "zh"),
        ("没有，我24岁", "zh"),
    ],
)
def test_an_age_beside_never_is_no_date(said, language):
    assert read_parsed("last_heart_attack_or_bypass", said, language=language).value == "never"


def test_an_age_then_and_now_still_dates_the_event():
    assert read_parsed(
        "last_heart_attack_or_bypass", "我50岁那年心梗，今年67了", language="zh"
    ).value == date(2009, 12, 3)
    assert read_parsed("last_heart_attack_or_bypass", "when he was 45; he is 71 now").value == date(
        2000, 12, 3
    )


def test_a_cantonese_year_of_birth_is_read():
    assert read_parsed("age", "35 91年嘅", language="zh").value == 35
