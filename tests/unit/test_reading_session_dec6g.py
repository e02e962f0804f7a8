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


@pytest.mark.parametrize(
    ("fact_id", "said", "latest"),
    [
        ("ejection_fraction", "45 percent on the last one. Used to be 40 so it's better", 45),
        ("platelet_count", "67, was 112 before the last round of ICE", 67),  # the round is last, not 112
    ],
)
def test_the_value_now_beside_one_said_to_have_been(fact_id, said, latest):
    assert read_parsed(fact_id, said).value == latest


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("One time in October, I think the 14th", date(2026, 10, 14)),
        ("August, I want to say the 12th", date(2026, 8, 12)),
    ],
)
def test_a_day_of_the_month_beside_a_month_is_in_that_month(said, day):
    assert read_parsed("last_platelet_transfusion", said).value == day


@pytest.mark.parametrize(
    ("said", "language", "had"),
    [
        ("everything on ur list except radiation", "en", ["chemotherapy", "immunotherapy", "targeted"]),
        ("all of them apart from targeted", "en", ["chemotherapy", "immunotherapy", "radiotherapy"]),
        ("除了放疗都做过", "zh", ["chemotherapy", "immunotherapy", "targeted"]),
        ("除了化疗，别的都没做过", "zh", ["chemotherapy"]),  # "none of the others" is no "all but"
        ("化疗做了六次，后来吃中药调理", "zh", ["chemotherapy"]),  # a treatment not asked about steps aside
        ("只吃过中药", "zh", ["none"]),
        ("一个月打一针内分泌的针，还吃阿比特龙，去年照了二十几次光", "zh", ["radiotherapy"]),
    ],
)
def test_all_treatments_but_some_and_treatments_not_asked_about(said, language, had):
    assert read_parsed("cancer_treatments", said, language).value == had


def test_years_after_a_word_are_a_length_of_time_not_a_count():
    assert read_parsed("aml_relapse_count", "Just the once, this summer, after four good years").value == 1


@pytest.mark.parametrize(
    ("said", "told"),
    [("Doctor never say heart failure", False), ("yes he has heart failure, the doctor say so", True)],
)
def test_never_say_is_not_told(said, told):
    assert read_parsed("heart_failure", said, proxy=True).value is told


@pytest.mark.parametrize(
    ("said", "still_on"),
    [
        ("环胞素早就停咯", False),
        ("现在吃伏立康唑、阿昔洛韦，还有复方新诺明，别的没了", False),  # medicines against infection
        ("还在吃他克莫司，还有阿昔洛韦", True),
    ],
)
def test_chinese_anti_rejection_medicines_stopped_or_only_prophylaxis(said, still_on):
    assert read_parsed("still_on_transplant_immunosuppressants", said, "zh", proxy=True).value is still_on


@pytest.mark.parametrize(
    ("said", "had"),
    [("自体，2024年", True), ("异体的，我姐姐给的", True), ("没做过，医生说以后做自体", False)],
)
def test_a_transplant_named_by_its_kind(said, had):
    assert read_parsed("stem_cell_transplant", said, "zh").value is had


@pytest.mark.parametrize("said", ["2020年放过支架，心梗搭桥都没有", "2020年放过支架，心梗和搭桥都没有"])
def test_topics_listed_before_a_negation_are_all_denied(said):
    assert read_parsed("last_heart_attack_or_bypass", said, "zh").value == "never"


@pytest.mark.parametrize(
    "said", ["I had the snip years ago so that's covered", "I've had the snip so that's sorted"]
)
def test_contraception_already_in_place_is_willing(said):
    assert read_parsed("willing_contraception", said, proxy=True).value is True


def test_a_sleeping_virus_is_not_active_hepatitis():
    said = "Hep B but the doctor said the virus is sleeping. He takes tenofovir and his liver test is normal"
    assert read_parsed("active_hepatitis", said, proxy=True).value is False


@pytest.mark.parametrize(
    ("said", "count"),
    [("once in 2023 and once this year", 2), ("twice, once in 2023 and once this year", 2), ("just once", 1)],
)
def test_times_told_one_by_one_are_counted(said, count):
    assert read_parsed("aml_relapse_count", said).value == count


def test_a_time_said_again_in_chinese_is_not_another():
    assert read_parsed("aml_relapse_count", "复发过一次，24年一次", "zh").value == 1


def test_one_time_said_again_is_the_same_time():
    said = "It came back in the September. So once. Only once so far, touch wood"
    assert read_parsed("aml_relapse_count", said).value == 1


def test_after_surgery_is_no_treatment_to_come():
    said = "手术以后做了六次TC方案化疗，又做了二十五次放疗，现在每天吃来曲唑"
    assert read_parsed("cancer_treatments", said, "zh").value == ["chemotherapy", "radiotherapy"]


@pytest.mark.parametrize(
    "said", ["in 2021, around Easter time", "a heart attack back in 2021, round Easter time"]
)
def test_easter_time_takes_the_year_said_beside_it(said):
    assert read_parsed("last_heart_attack_or_bypass", said).value == date(2021, 4, 4)


def test_a_year_typed_short_is_a_year():
    assert read_parsed("aml_relapse_within_12_months", "no, it was over a yr after").value is False
