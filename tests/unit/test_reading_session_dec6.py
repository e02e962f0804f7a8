"""Readings added on 6 December. Each mechanism has examples of its own, not corpus rows, and a
guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "expected"),
    [
        ("willing_contraception", "Not relevant with my partner but sure, yes", True),
        ("willing_contraception", "it doesn't really apply to us, but yes", True),
        ("active_hepatitis", "they checked my liver last year, but no", False),
        ("stem_cell_transplant", "not with this hospital but yes", True),
    ],
)
def test_a_plain_answer_after_but_answers(fact_id, said, expected):
    """A statement, then "but" and a plain yes or no: the plain word is the answer."""
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize("said", ["yes but not now", "yes, but no"])
def test_a_plain_yes_then_a_plain_no_is_still_asked_again(said):
    """Two plain words that disagree answer both ways: nothing before the "but" says which."""
    assert not read_parsed("active_bleeding", said).ok


@pytest.mark.parametrize("said", ["ye", "ye course", "ye thats fine"])
def test_ye_is_yes(said):
    parsed = read_parsed("willing_contraception", said)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("不造", "unknown"),
        ("不之道", "unknown"),
        ("没毛病", True),
        ("一点问题都没有", True),
        ("没什么不可以", True),
        ("不在意", True),
    ],
)
def test_chinese_chat_forms_read_the_plain_way(said, expected):
    """不造 is 不知道; a refusal denied (没什么不可以) and 没毛病 agree."""
    parsed = read_parsed("willing_contraception", said, "zh")
    if expected == "unknown":
        assert parsed.status == "unknown", parsed
    else:
        assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize("said", ["肝肾都没毛病", "肾功能一点问题都没有"])
def test_no_trouble_with_an_organ_is_still_a_no_to_organ_problems(said):
    parsed = read_parsed("serious_liver_or_kidney_problems", said, "zh")
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("what kind? I can't take the pill, it gives me migraines", "en"),
        ("I don't want to take any more hormones", "en"),
        ("not really, I'm not having sex anyway", "en"),
        ("不太想吃避孕药，有没有别的办法", "zh"),
    ],
)
def test_one_method_ruled_out_is_no_refusal_of_contraception(said, language):
    """Ruling out the pill, or having no sex, does not refuse contraception: asked again."""
    parsed = read_parsed("willing_contraception", said, language)
    assert parsed.status == "unclear", parsed


@pytest.mark.parametrize(("said", "language"), [("the pill is fine", "en"), ("吃避孕药可以", "zh")])
def test_one_method_accepted_is_still_a_yes(said, language):
    parsed = read_parsed("willing_contraception", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("Dex 8mg but only on the chemo days, otherwise nothing", "en"),
        ("dexamethasone 20 mg for the few days around each chemo", "en"),
        ("地塞米松8毫克，只在化疗时吃", "zh"),
    ],
)
def test_a_steroid_taken_only_around_chemo_has_no_daily_dose(said, language):
    """Taken only on chemo days, a dose is no amount every day: asked again, never multiplied out."""
    parsed = read_parsed("daily_steroid_dose", said, language)
    assert parsed.problem == "dose.in_cycles", parsed


@pytest.mark.parametrize("said", ["prednisolone 20 mg every day", "dex 4mg a day with breakfast"])
def test_a_steroid_taken_every_day_still_has_its_dose(said):
    assert read_parsed("daily_steroid_dose", said).ok


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [("hiv_or_aids", "术前四项都是阴的"), ("active_hepatitis", "我是B肝带原，病毒量控制得很好")],
)
def test_chinese_negative_and_carrier_forms_are_no(fact_id, said):
    """阴的 is 阴性 (negative); 带原 (Taiwan) is 携带, a carrier, not active hepatitis."""
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("cardiomyopathy", "I don't know what that is", "en"),
        ("takes_steroids", "I'm not sure if budesonide counts?", "en"),
        ("aml_extramedullary", "I don't know, what does that even mean??", "en"),
        ("heart_failure_limitation", "don't know how to answer that, it's the chemo that tires me", "en"),
        ("cardiomyopathy", "不知道这是啥", "zh"),
        ("cardiomyopathy", "心肌缺血，不知道算不算", "zh"),
    ],
)
def test_a_doubt_about_the_question_gets_it_explained(fact_id, said, language):
    """Not knowing what the question means is no "don't know": it is explained and asked again."""
    parsed = read_parsed(fact_id, said, language)
    assert parsed.problem == "answer.asks_what_it_means", parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("cardiomyopathy", "I don't know", "en"),
        ("hiv_or_aids", "not sure", "en"),
        ("cardiomyopathy", "不知道", "zh"),
    ],
)
def test_a_plain_dont_know_stays_dont_know(fact_id, said, language):
    assert read_parsed(fact_id, said, language).status == "unknown"


def test_a_value_beside_a_doubt_still_counts():
    parsed = read_parsed("platelet_count", "not sure, about 70")
    assert parsed.ok and parsed.value == 70, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "expected"),
    [
        ("takes_steroids", "she was on them but they weaned her off in September", False),
        ("takes_steroids", "he came off them but he's back on them now", True),
        ("takes_immunosuppressants", "just the pred", False),
        ("takes_immunosuppressants", "only the prednisolone for his GVHD", False),
        ("gvhd", "he had it in his skin after the transplant but it's settled now", False),
    ],
)
def test_medicines_stopped_restarted_and_conditions_settled(fact_id, said, expected):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is expected, parsed


def test_cannot_speak_for_someone_is_dont_know():
    assert read_parsed("willing_no_sperm_donation", "I can't speak for him on that one").status == "unknown"


@pytest.mark.parametrize(
    ("fact_id", "said", "expected"),
    [
        ("active_bleeding", "爷爷说没有，都好好的", False),
        ("serious_liver_or_kidney_problems", "只有一个肾，另一个捐了，剩下这个好好的", False),
        ("serious_liver_or_kidney_problems", "肾稍微有点不好，大夫说问题不大", False),
        ("aml_relapse_no_response", "不能说没效果，骨髓已经缓解了", False),
        ("ventricular_arrhythmia_or_fainting", "Holter查出过短阵室速，没晕过", True),
    ],
)
def test_chinese_readings_of_6_december(fact_id, said, expected):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize("said", ["No sé, mija", "no se, nobody told us about that"])
def test_spanish_dont_know_is_dont_know(said):
    assert read_parsed("aml_extramedullary", said).status == "unknown"


@pytest.mark.parametrize(
    "said",
    [
        "gums do bleed but they said thats the low platelets not the leukaemia",
        "there were some spots on my skin but they turned out to be an infection",
    ],
)
def test_signs_explained_by_something_else_are_no_leukaemia_outside_the_marrow(said):
    parsed = read_parsed("aml_extramedullary", said)
    assert parsed.ok and parsed.value is False, parsed


def test_a_transplant_only_planned_is_none_yet():
    parsed = read_parsed("stem_cell_transplant", "they're planning one for January")
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(("said", "year"), [("去年冬天", 2025), ("前年冬天就给她停了", 2024)])
def test_a_chinese_winter_is_the_turn_of_the_year(said, year):
    """去年冬天 said in December 2026 is the winter of 2025 into 2026, not January 2025."""
    parsed = read_parsed("transplant_immunosuppressants_stopped", said, "zh")
    assert parsed.ok and parsed.value.year == year and parsed.value.month == 12, parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("3ish months back", date(2026, 9, 3)),
        ("3-ish weeks ago", date(2026, 11, 12)),
        ("At the start of the year, before I started chemo", date(2026, 1, 15)),
        ("end of last year", date(2025, 12, 15)),
    ],
)
def test_hedged_counts_and_parts_of_the_year_are_dates(said, expected):
    parsed = read_parsed("ejection_fraction_date", said)
    assert parsed.ok and parsed.value == expected, parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("十来天前", date(2026, 11, 23)),
        ("过完年就停了", date(2026, 2, 24)),
    ],
)
def test_chinese_loose_times_are_dates(said, expected):
    """十来天 is about ten days; 过完年 is the holiday over, about 初八 when work starts again."""
    parsed = read_parsed("last_platelet_transfusion", said, "zh")
    assert parsed.ok and parsed.value == expected, parsed


@pytest.mark.parametrize(("said", "expected"), [("缓了", False), ("没缓了", True)])
def test_huan_le_is_remission(said, expected):
    parsed = read_parsed("aml_relapse_no_response", said, "zh")
    assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize("said", ["中", "要得", "得嘞"])
def test_dialect_ok_alone_is_yes(said):
    parsed = read_parsed("willing_contraception", said, "zh")
    assert parsed.ok and parsed.value is True, parsed


def test_zhong_inside_a_word_is_no_yes():
    assert not read_parsed("willing_contraception", "中度", "zh").ok


@pytest.mark.parametrize(
    ("fact_id", "said", "expected"),
    [
        ("haemoglobin", "they gave her blood because it dropped to 70, it's 95 now", 95),
        ("ejection_fraction", "35% after the heart attack, it's up to 40 now", 40),
    ],
)
def test_of_two_latest_numbers_the_one_said_of_now_told_last(fact_id, said, expected):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == expected, parsed


def test_a_number_said_of_now_told_first_outweighs_one_said_to_have_been():
    # "dropped to" says latest, but "last week" says it was: the 95 is the one said of now only
    parsed = read_parsed("haemoglobin", "95 now, it dropped to 70 last week")
    assert parsed.ok and parsed.value == 95, parsed


def test_two_numbers_each_said_of_now_are_still_asked_again():
    assert not read_parsed("haemoglobin", "95 now, and it's 70 today").ok


def test_yue_wei_is_the_end_of_the_month():
    parsed = read_parsed("transplant_immunosuppressants_stopped", "上个月尾停咗", "zh")
    assert parsed.ok and parsed.value == date(2026, 11, 28), parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("a chest infection they're still struggling to get under control, none of the others", True),
        ("still febrile despite antibiotics", True),
        ("the pneumonia is under control now", False),
    ],
)
def test_an_infection_not_yet_under_control(said, expected):
    parsed = read_parsed("uncontrolled_infection", said)
    assert parsed.ok and parsed.value is expected, parsed


def test_liver_enzymes_a_bit_high_are_no_serious_liver_problem():
    parsed = read_parsed(
        "serious_liver_or_kidney_problems", "her liver enzymes are a bit high from the chemo"
    )
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize("said", ["过了年就七十了", "过完年就七十了"])
def test_after_the_new_year_an_age_is_still_to_come(said):
    parsed = read_parsed("age", said, "zh")
    assert parsed.ok and parsed.value == 69, parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("After two cycles of Vidaza the doctor said partial response, not full remission.", True),
        ("after second chemo doctor say no more leukemia in the marrow", False),
        ("partial after the first, then complete after the second", False),
    ],
)
def test_remission_within_two_courses_told_in_words(said, expected):
    """True is "no remission after the first two courses" (the question as the engine records it)."""
    parsed = read_parsed("aml_no_response_after_two_courses", said)
    assert parsed.ok and parsed.value is expected, parsed


def test_a_relapse_that_resisted_every_drug_did_not_respond():
    parsed = read_parsed(
        "aml_relapse_no_response", "The doctors said it has resisted all the drugs since it returned"
    )
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "expected"),
    [("around 11 months", True), ("about 13 months", False), ("about a year", None), ("大概13个月", False)],
)
def test_an_estimate_a_month_from_the_limit_is_the_best_answer(said, expected):
    """ "around 11 months" is under the year as the person sees it; "about a year" is too close to call."""
    language = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in said) else "en"
    parsed = read_parsed("aml_relapse_within_12_months", said, language)
    if expected is None:
        assert not parsed.ok, parsed
    else:
        assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize(
    ("said", "language", "expected"),
    [
        ("No, my transplant was a kidney, not bone marrow", "en", False),
        ("kidney transplant in 2010", "en", False),
        ("Yes, an autologous one in 2024. My own cells, so no donor drama", "en", True),
        ("no donor yet", "en", False),
        ("正在准备，下个月进仓", "zh", False),
        ("正在进仓预处理，还没回输", "zh", False),
        ("已经出仓了", "zh", True),
    ],
)
def test_what_counts_as_a_stem_cell_transplant(said, language, expected):
    """An organ transplant is none; a transplant room entered next month or conditioning is none yet."""
    parsed = read_parsed("stem_cell_transplant", said, language)
    assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "expected"),
    [
        ("still_on_transplant_immunosuppressants", "这周吃完最后几片就停", True),
        ("aml_relapse_no_response", "复发以后又化疗了两次，还是没压下去", True),
        ("willing_no_sperm_donation", "我冻了精子的，是自己以后用，不得捐给别个", True),
    ],
)
def test_chinese_readings_of_6_december_later(fact_id, said, expected):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is expected, parsed


@pytest.mark.parametrize(
    ("said", "language", "expected"),
    [
        ("prednisolone 5mg, two in the morning", "en", 10),
        ("he takes 2 x 5mg", "en", 10),
        ("2x5mg daily", "en", 10),
        ("prednisolone 20mg, reduced to 15mg", "en", 15),
        ("prednisolone 5mg twice a day", "en", 10),
        ("I'm not on steroids", "en", 0),
        ("not taking any", "en", 0),
        ("没吃激素", "zh", 0),
    ],
)
def test_daily_doses_of_6_december(said, language, expected):
    """The strength after the drug's name with counts at times of day, "2 x 5mg", and none taken."""
    parsed = read_parsed("daily_steroid_dose", said, language)
    assert parsed.ok and parsed.value == expected, parsed
