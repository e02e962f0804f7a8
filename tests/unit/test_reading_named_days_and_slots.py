"""Readings added on 5 December (second stop) after studying en/tune_n: days told by name or next
to one, phrase slots in the words files, a birth year said alone among other words, and clauses
about now over clauses about before. Each mechanism has examples of its own, not corpus rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.easter import easter

from bot.parsing.words import expand_slots
from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # One before the most recent
        ("the autumn before last", date(2025, 10, 15)),
        ("the Easter before last", easter(2025)),
        ("the week before last", date(2026, 11, 19)),
        ("the month before last", date(2026, 10, 3)),
        ("in the June before last", date(2025, 6, 1)),
        # A day, a week or a weekend next to a named day, in the year said with it
        ("the day after Boxing Day 2024", date(2024, 12, 27)),
        ("the week after Father's Day last year", date(2025, 6, 22)),
        ("the day before Halloween", date(2026, 10, 30)),
        # Named days: fixed, movable with Easter, by another calendar's year, "this year"
        ("on Canada Day", date(2026, 7, 1)),
        ("New Year's Eve 2024", date(2024, 12, 31)),
        ("Palm Sunday", easter(2026) - timedelta(days=7)),
        ("around Eid al Adha last year", date(2025, 6, 6)),
        ("on Mother's Day this year", date(2026, 5, 10)),
        # An ordinal opening a clause says which one, not a day: the latest one of several
        ("The first was in 2011 and the second was 2018", date(2018, 7, 1)),
    ],
)
def test_days_told_by_name_or_next_to_one_are_placed(said, meant):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_month_after_a_named_day_is_not_guessed_as_a_day():
    parsed = read_parsed("last_heart_attack_or_bypass", "a month after Christmas")
    assert not (parsed.ok and parsed.value == date(2026, 1, 25)), parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("haha old enough. 1958", 68),
        ("1949, she says to tell you", 77),
    ],
)
def test_a_birth_year_said_alone_among_other_words_is_the_year_of_birth(said, meant):
    parsed = read_parsed("age", said)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_year_beside_an_age_is_not_taken_for_a_birth_year():
    parsed = read_parsed("age", "58, diagnosed 2019")
    assert not (parsed.ok and parsed.value == 7), parsed


def test_phrase_slots_write_out_every_filling():
    slots = {"whose": ["my", "her"], "organ": ["womb", "ovaries"], "blank": ["", "the"]}
    assert expand_slots(["removed {whose} {organ}", "plain"], slots) == [
        "removed my womb", "removed my ovaries", "removed her womb", "removed her ovaries", "plain",
    ]  # fmt: skip
    assert expand_slots(["waiting for {blank} results"], slots) == [
        "waiting for results",
        "waiting for the results",
    ]


def test_a_phrase_naming_no_slot_is_an_error_in_the_words_file():
    with pytest.raises(ValueError, match="no slot 'organs'"):
        expand_slots(["removed {organs}"], {"organ": ["womb"]})


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("can_become_pregnant", "my uterus was taken out years ago", False),
        ("can_become_pregnant", "the surgeons removed both my ovaries in 2019", False),
        ("partner_can_become_pregnant", "they took out her womb after the twins", False),
        ("aml_no_response_after_two_courses", "still waiting for his marrow results", "unknown"),
        ("aml_relapse_no_response", "honestly we're waiting for the biopsy results", "unknown"),
    ],
)
def test_phrases_written_with_slots_are_understood(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    got = "unknown" if parsed.status == "unknown" else parsed.value
    assert got == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("creatinine", "it rose from 95 up to 130 this month", 130),
        ("haemoglobin", "got 3 units yesterday, his Hb is 7.8 now", 78),
    ],
)
def test_a_rise_and_a_count_of_blood_units_are_no_bound_and_no_value(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_bound_is_still_a_bound():
    assert not read_parsed("creatinine", "up to 130").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # What was before, said after what is now, does not answer a question about now
        ("active_bleeding", "not at this moment, but she had a nosebleed a few days ago", False),
        ("active_bleeding", "nothing at present, there was blood in his urine two weeks ago", False),
    ],
)
def test_a_clause_about_now_outweighs_one_about_before(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_clause_about_now_does_not_outweigh_one_still_going_on():
    # "now" beside "still": both are about now, so the now clause is no answer on its own
    parsed = read_parsed("breastfeeding", "mostly bottles now, but she still gets a night feed")
    assert not (parsed.ok and parsed.value is False), parsed


def _between(first: date, second: date) -> date:
    return first + (second - first) / 2


@pytest.mark.parametrize(
    ("said", "meant", "alternatives"),
    [
        # Two years one after the other: the day between them, both kept for the study team
        (
            "2020 or 2021, I think",
            _between(date(2020, 7, 1), date(2021, 7, 1)),
            (date(2020, 7, 1), date(2021, 7, 1)),
        ),
        (
            "maybe 2012/2013",
            _between(date(2012, 7, 1), date(2013, 7, 1)),
            (date(2012, 7, 1), date(2013, 7, 1)),
        ),
        # A time back counted vaguely gives way to the year said beside it
        ("a few years ago now, in 2019", date(2019, 7, 1), ()),
        # A feast in the one year the answer names, wherever that is said
        ("2013 it was, we were fasting, it was Ramadan", date(2013, 7, 23), ()),
    ],
)
def test_years_said_beside_a_vague_time_or_a_feast_are_the_date(said, meant, alternatives):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    assert parsed.ok and parsed.value == meant and parsed.alternatives == alternatives, parsed


@pytest.mark.parametrize(
    "said",
    [
        "2015 or 2019",  # years apart: which one matters, so asked again
        "no idea, 2020 or 2021",  # a span beside a doubt is not known
    ],
)
def test_years_too_far_apart_or_doubted_are_not_taken(said):
    parsed = read_parsed("last_heart_attack_or_bypass", said)
    assert not (parsed.ok and parsed.alternatives), parsed


def test_a_vague_time_back_stays_apart_from_a_year_far_beyond_it():
    # "a few weeks ago" cannot hold 2019: two events, the latest one counts
    parsed = read_parsed("last_platelet_transfusion", "a few weeks ago, and a couple in 2019")
    assert parsed.ok and parsed.value == date(2026, 11, 12), parsed


def test_a_feast_in_a_year_its_table_does_not_hold_is_not_this_years():
    parsed = read_parsed("last_heart_attack_or_bypass", "in 2001, during Ramadan")
    assert parsed.ok and parsed.value.year == 2001, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # A festival that places the day only near it gives way to the finer date beside it
        ("国庆前后停的，具体是九月二十八号", date(2026, 9, 28)),
        ("端午节后，大概六月二十五号吧", date(2026, 6, 25)),
        ("中秋那会儿，九月二十号", date(2026, 9, 20)),
        # A lunar day is the day itself: a festival said beside it does not move it
        ("腊月二十三停的，过年前", date(2026, 2, 10)),
    ],
)
def test_a_finer_date_beside_a_festival_near_it_is_the_day(said, meant):
    parsed = read_parsed("transplant_immunosuppressants_stopped", said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


def test_a_date_far_from_the_festival_does_not_refine_it():
    parsed = read_parsed("transplant_immunosuppressants_stopped", "国庆后停的，三月份复查过", "zh")
    assert not (parsed.ok and parsed.value == date(2026, 3, 15)), parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # A very low count is meant when a transfusion is given or due because of it
        ("6 yesterday, so he had platelets last night", "en", 6),
        ("came back at 4, they are arranging a transfusion", "en", 4),
        ("前天查的6，马上要输血小板", "zh", 6),
        # Counts per microlitre in powers of ten, as lab sheets print them
        ("3.5 x10^4/uL", "en", 35),
        ("PLT 2.1×10^5/μL", "zh", 210),
    ],
)
def test_platelet_counts_said_as_meant(said, language, meant):
    parsed = read_parsed("platelet_count", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize("said", ["7.2", "platelets 8 I think"])
def test_a_very_low_count_said_alone_is_still_asked_again_with_its_unit(said):
    parsed = read_parsed("platelet_count", said)
    assert parsed.problem == "number.doubtful", parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("10mg tablets of prednisolone, 3 a day", 30),  # a count of tablets of the strength said
        ("prednisolone 5mg tablets, one in the morning and 2 at lunch", 15),
        ("30 a day, the tiny pills", 30),  # too many to be tablets: the amount
    ],
)
def test_a_small_number_beside_tablets_counts_them(said, meant):
    parsed = read_parsed("daily_steroid_dose", said)
    assert parsed.ok and parsed.value == meant, parsed


def test_tablets_counted_without_their_strength_are_no_dose():
    parsed = read_parsed("daily_steroid_dose", "the round white ones, 3 every morning")
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # A bound is vague only before an amount
        ("last Tuesday, we were over the moon", "en", date(2026, 12, 1)),
        ("on Holi day", "en", date(2026, 3, 4)),
        ("around Good Friday of last year", "en", date(2025, 4, 18)),
        # Not stopped: a day it should stop is still to come
        ("not yet, they hope to be done by Easter", "en", "never"),
        # 停了 before the time since
        ("他克莫司停了三个月", "zh", date(2026, 9, 3)),
        ("停咗半年左右", "zh", date(2026, 6, 3)),
        ("25.3.8停的", "zh", date(2025, 3, 8)),
    ],
)
def test_stop_dates_said_in_passing_are_read(said, language, meant):
    parsed = read_parsed("transplant_immunosuppressants_stopped", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize("said", ["over a year ago", "within the last 3 months", "more than a fortnight ago"])
def test_a_bound_before_an_amount_is_still_too_vague(said):
    parsed = read_parsed("transplant_immunosuppressants_stopped", said)
    assert parsed.problem == "date.too_vague", parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # The later course, named to open the last clause, is how it ended
        ("the first did not, the next did", False),
        ("first course didn't work, the next did", False),
        # Named inside a clause, it is no turn of the story
        ("CR after the first, we never needed the second", False),
    ],
)
def test_the_later_course_named_first_in_its_clause_is_the_outcome(said, meant):
    parsed = read_parsed("aml_no_response_after_two_courses", said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "meant", "alternatives"),
    [
        # Years of birth in two figures, said as Chinese people say them
        ("我是五七年生人", 69, ()),
        ("属鸡的，57年", 69, ()),
        ("他是六一年属牛的", 65, ()),
        # One age or the next
        ("七十二三", 72, (72, 73)),
        ("61或62吧", 61, (61, 62)),
        # Heading for a round age, or turning it after the new year
        ("奔八十了", 79, (80,)),
        ("过了年就七十了", 69, (70,)),
        # The nominal age beside the real one is no second answer
        ("六十四，虚岁六十六", 64, ()),
        ("今年58（虚岁）", 57, (58,)),
    ],
)
def test_chinese_ages_as_people_say_them(said, meant, alternatives):
    parsed = read_parsed("age", said, "zh")
    assert parsed.ok and parsed.value == meant and parsed.alternatives == alternatives, parsed


@pytest.mark.parametrize("said", ["他是70后", "他比我大五岁，我六十"])
def test_a_generation_or_an_age_difference_is_no_age(said):
    parsed = read_parsed("age", said, "zh")
    assert not parsed.ok, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        # Once, and each time it came back after that
        ("两年前复发过一次，上个月又复发了", 2),
        ("就复发了一次，后来又犯了", 2),
    ],
)
def test_a_relapse_and_each_one_again_after_it_are_counted(said, meant):
    parsed = read_parsed("aml_relapse_count", said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        # Surgery alone, watching, or hormone treatment: none of the kinds asked about
        ("she has only ever had the op", "en", ["none"]),
        ("letrozole since the lumpectomy", "en", ["none"]),
        ("they are keeping an eye on it for now", "en", ["none"]),
        ("做完手术一直在吃阿那曲唑", "zh", ["none"]),
        # beside a kind asked about, hormone treatment adds nothing
        ("chemo first, then anastrozole", "en", ["chemotherapy"]),
    ],
)
def test_treatments_that_are_none_of_the_kinds_asked_about(said, language, meant):
    parsed = read_parsed("cancer_treatments", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("treated for sepsis, she is in intensive care", "en", True),
        ("cold sores, already scabbing", "en", False),
        ("a chest infection but the fever broke yesterday", "en", False),
        ("肺炎，打了几天针，烧降下来了", "zh", False),
    ],
)
def test_an_infection_being_fought_or_settling(said, language, meant):
    parsed = read_parsed("uncontrolled_infection", said, language)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # 好 inside 好多, 好几, 好像 is no yes
        ("active_bleeding", "好像没有", False),
        # dialect don't-know
        ("cardiomyopathy", "伐晓得", "unknown"),
    ],
)
def test_chinese_words_that_hold_a_yes_but_are_none(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    got = "unknown" if parsed.status == "unknown" else parsed.value
    assert got == meant, parsed


def test_no_need_for_contraception_is_no_refusal():
    parsed = read_parsed("willing_contraception", "早就绝经了，用不着", "zh")
    assert not (parsed.ok and parsed.value is False), parsed


def test_a_condition_of_many_years_is_no_yes_to_another():
    parsed = read_parsed(
        "ventricular_arrhythmia_or_fainting", "房颤好多年了", "zh"
    )  # atrial, and 好多 is "many"
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant", "alternatives"),
    [
        # Two close values said as one or the other are a range
        ("ejection_fraction", "either 50 or 55", 52.5, (50, 55)),
        ("creatinine", "100 or 110 I think", 105, (100, 110)),
    ],
)
def test_close_values_said_as_one_or_the_other_are_a_range(fact_id, said, meant, alternatives):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant and parsed.alternatives == alternatives, parsed


def test_values_far_apart_said_as_one_or_the_other_are_asked_again():
    assert not read_parsed("platelet_count", "38 or 83, I always mix them up").ok


def test_a_season_said_with_sometime_is_the_season():
    parsed = read_parsed("ejection_fraction_date", "in the autumn sometime")
    assert parsed.ok and parsed.value == date(2026, 10, 15), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # 呢 after a state still going on tells, it does not ask
        ("still_on_transplant_immunosuppressants", "他克莫司一直在吃呢", True),
        ("still_on_transplant_immunosuppressants", "正在吃西罗莫司呢", True),
    ],
)
def test_a_state_still_going_on_ending_in_ne_is_a_statement(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


def test_a_question_ending_in_ma_still_asks():
    assert not read_parsed("still_on_transplant_immunosuppressants", "还在吃的那个算吗", "zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("stem_cell_transplant", "配型成功了，下个月进仓", False),  # a donor matched, no transplant yet
        ("stem_cell_transplant", "医生说打算做移植", False),
        ("breastfeeding", "刚断，上礼拜", False),
    ],
)
def test_a_transplant_planned_and_a_child_just_weaned(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        # Medicines that prevent infection are no immunosuppressants
        ("still_on_transplant_immunosuppressants", "only the valaciclovir now", False),
        ("takes_immunosuppressants", "just posaconazole", False),
        ("still_on_transplant_immunosuppressants", "she is off them all now", False),
        ("still_on_transplant_immunosuppressants", "yes, a low dose", True),
    ],
)
def test_immunosuppressants_and_medicines_that_are_not(fact_id, said, meant):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == meant, parsed


def test_a_cancer_of_the_bone_marrow_is_no_solid_tumour_of_the_bone():
    parsed = read_parsed("diagnosis", "a blood cancer in her bone marrow, they haven't said which")
    assert not (parsed.ok and parsed.value == "solid_tumour"), parsed
    assert (
        read_parsed("diagnosis", "cancer in the bone, a sarcoma").value == "solid_tumour"
    )  # the bone still is


@pytest.mark.parametrize("said", ["没事儿，不捐就是了", "没事"])
def test_no_trouble_says_yes_to_a_willingness(said):
    parsed = read_parsed("willing_no_sperm_donation", said, "zh")
    assert parsed.ok and parsed.value is True, parsed
