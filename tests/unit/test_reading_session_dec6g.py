"""Readings added in the 6 December night stop. Each mechanism has examples of its own, not corpus
rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_answer, read_parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("platelet_count", "上次好像是三十几，记不太清了", "zh"),
        ("cd3_count", "好像是两百多，记不准了", "zh"),
        ("ejection_fraction", "五十多 具体忘了", "zh"),
        ("platelet_count", "forty something, can't remember exactly", "en"),
    ],
)
def test_a_rough_number_beside_a_doubt_is_not_known(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert not parsed.ok  # "don't know", or asked again: never the round number as the value


@pytest.mark.parametrize(
    ("said", "language", "count"),
    [
        ("血小板一万二，还没查", "zh", 12),  # 一万二 is 12 000, whatever the doubt beside it
        ("血小板一万二千，今天还没查", "zh", 12),
        ("好像是七十六，记不太清", "zh", 76),
    ],
)
def test_a_number_in_characters_beside_a_doubt_is_read_whole(said, language, count):
    reading = read_answer("platelet_count", said, language)
    assert reading.parsed.value == count
    assert not reading.sure  # said beside a doubt: read back before it counts


@pytest.mark.parametrize(
    ("said", "willing"),
    [
        ("Yep, no drama", True),
        ("no dramas mate", True),
        ("not a hassle at all", True),
        ("no sweat", True),
        ("no, I would not", False),
        ("no, it would be a problem", False),
    ],
)
def test_no_trouble_of_any_kind_says_yes_to_a_willingness(said, willing):
    assert read_parsed("willing_contraception", said).value is willing


@pytest.mark.parametrize("said", ["74 x 10 to the 9", "74 x10 to the power of 9", "74 times 10 to the 9th"])
def test_ten_to_the_nine_said_in_words_is_the_unit(said):
    assert read_parsed("platelet_count", said).value == 74


@pytest.mark.parametrize(
    ("said", "language"), [("44 (11/30)", "en"), ("PLT 44 (11/30)", "zh"), ("PLT 44（11.30）", "zh")]
)
def test_a_bracketed_day_beside_a_lab_value_is_the_test_day(said, language):
    assert read_parsed("platelet_count", said, language).value == 44


def test_before_christmas_is_a_day_of_the_calendar_not_another_event():
    assert read_parsed(
        "transplant_immunosuppressants_stopped", "Dec 2025, just before Christmas"
    ).value == date(2025, 12, 25)


@pytest.mark.parametrize(
    "said",
    [
        "100 days after the transplant, which was on the 1st of June",
        "six weeks before Thanksgiving",
        "October, just after Thanksgiving",  # in Canada, Thanksgiving is in October
    ],
)
def test_a_date_counted_from_another_day_is_still_asked_again(said):
    assert not read_parsed("transplant_immunosuppressants_stopped", said).ok


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("He is 72 this year", 72),  # 今年72: the age the year gives
        ("turning 72 this year", 71),  # the birthday is still to come
        ("72 this coming year", 71),
        ("54, born in '72", 54),  # '72 is a year, not an age of 72
        ("born '72", 54),
    ],
)
def test_ages_said_with_this_year_or_a_short_birth_year(said, age):
    assert read_parsed("age", said, proxy=True).value == age


@pytest.mark.parametrize(
    "said",
    [
        "no... wait actually yes, nosebleed like an hour ago",
        "no, actually yes, a nosebleed this morning",
        "oh wait, yes a nosebleed",
    ],
)
def test_a_self_correction_is_the_answer_and_is_read_back(said):
    reading = read_answer("active_bleeding", said)
    assert reading.parsed.value is True
    assert not reading.sure


@pytest.mark.parametrize(
    ("said", "could"),
    [
        ("My wife is 48, she still gets her periods", True),
        ("still she is getting periods", True),
        ("no longer getting her periods", False),  # "no longer" negates through "longer"
        ("she is no longer getting periods", False),
    ],
)
def test_periods_said_as_getting_them(said, could):
    assert read_parsed("partner_can_become_pregnant", said).value is could


@pytest.mark.parametrize(
    ("said", "language", "could"),
    [
        ("子宫切掉了，前年做的手术", "zh", False),
        ("俺四十七了，还来着月经呢", "zh", True),
        ("不可能怀孕了，她绝经了", "zh", False),
    ],
)
def test_chinese_fertility_words(said, language, could):
    fact_id = "can_become_pregnant" if "子宫" in said else "partner_can_become_pregnant"
    assert read_parsed(fact_id, said, language).value is could


def test_an_answers_no_agrees_with_a_denial_beside_it():
    assert read_parsed("aml_extramedullary", "no the lumbar puncture was clear").value is False


def test_a_denial_reaches_through_taken_and_given():
    fact_id = "last_platelet_transfusion"
    assert read_parsed(
        fact_id, "She has never taken platelets, only blood, 2 pints in October.", proxy=True
    ).value == ("never")
    assert read_parsed(fact_id, "he has never been given platelets", proxy=True).value == "never"


@pytest.mark.parametrize(
    ("said", "serious"),
    [
        ("My kidneys are a little sluggish for my age", False),
        ("his liver tests are a bit deranged", False),
        ("kidneys a little sluggish, but no one has said they are very poor", False),
        ("my kidneys are very weak", True),
    ],
)
def test_organs_only_a_little_off_are_not_working_very_poorly(said, serious):
    assert read_parsed("serious_liver_or_kidney_problems", said).value is serious


@pytest.mark.parametrize(
    ("said", "language", "active"),
    [
        (
            "Hepatitis B carrier, taking entecavir to prevent flare during chemo. Liver function normal.",
            "en",
            False,
        ),
        ("hep B, it flared up last month", "en", True),
        ("乙肝，病毒压住了，DNA测不出来", "zh", False),
        ("乙肝，病毒没压住", "zh", True),
    ],
)
def test_hepatitis_kept_down_by_medicine_is_not_active(said, language, active):
    assert read_parsed("active_hepatitis", said, language, proxy=True).value is active


@pytest.mark.parametrize(
    ("said", "language", "count"),
    [
        ("twice, once before the transplant and once after", "en", 2),
        ("两次，一次在移植前，一次移植后", "zh", 2),
        ("twice, once in 2023 and once this year", "en", 2),
    ],
)
def test_a_count_then_each_time_told_is_the_count(said, language, count):
    assert read_parsed("aml_relapse_count", said, language).value == count


def test_three_times_with_two_told_is_not_guessed():
    assert not read_parsed("aml_relapse_count", "3 times, once in 2023 and once this year").ok


@pytest.mark.parametrize(("said", "bleeding"), [("没见出血", False), ("没看见有出血", False)])
def test_not_seen_bleeding_is_no_bleeding(said, bleeding):
    assert read_parsed("active_bleeding", said, "zh", proxy=True).value is bleeding


def test_not_taking_any_is_a_dose_of_none():
    assert read_parsed("daily_steroid_dose", "不吃啊，刚才不是说了", "zh").value == 0
