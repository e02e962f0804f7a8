"""Readings added in the third stop of 6 December. Each mechanism has examples of its own, not
corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("said", "mg"),
    [
        ("two five milligram tablets every morning", 10),
        ("three five mg tablets a day", 15),
        ("Solupred 20 mg, one in the morning", 20),
        ("orapred 5mg twice a day", 10),
    ],
)
def test_a_count_then_a_strength_in_words_and_prednisolone_by_brand(said, mg):
    parsed = read_parsed("daily_steroid_dose", said)
    assert parsed.ok and parsed.value == mg, parsed


def test_two_number_words_without_a_strength_stay_two_words():
    """ "five four" is no dose: without mg after them, two small number words are not a count and a
    strength."""
    assert not read_parsed("daily_steroid_dose", "five four").ok


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("It was in Jan, the 20th or 21st", date(2026, 1, 20)),
        ("in March, on the 3rd", date(2026, 3, 3)),
        ("in December, the 20th", date(2025, 12, 20)),  # this December's 20th is still to come
        ("november, the 30th", date(2026, 11, 30)),
    ],
)
def test_a_day_of_the_month_beside_a_month_is_that_month_s_day(said, day):
    """Not the current month's 20th: the month said holds it."""
    parsed = read_parsed("ejection_fraction_date", said)
    assert parsed.ok and parsed.value == day, parsed


@pytest.mark.parametrize(
    ("said", "day"),
    [("30.9.26", date(2026, 9, 30)), ("on 3.4.2021", date(2021, 4, 3)), ("2026.9.8", date(2026, 9, 8))],
)
def test_dotted_dates_are_not_split_into_days(said, day):
    parsed = read_parsed("ejection_fraction_date", said)
    assert parsed.ok and parsed.value == day, parsed


def test_two_weekdays_are_still_asked_again():
    assert not read_parsed("ejection_fraction_date", "Tuesday or Wednesday last week").ok


@pytest.mark.parametrize("said", ["大三阳", "小三阳"])
def test_a_hepatitis_b_pattern_alone_does_not_say_whether_it_is_active(said):
    """大三阳 / 小三阳 name a hepatitis B blood test pattern, not whether it is active now: asked
    again, never an exclusion."""
    parsed = read_parsed("active_hepatitis", said, "zh")
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize("said", ["大三阳，DNA很高，转氨酶也高", "是大三阳，在活动期"])
def test_a_hepatitis_b_pattern_with_activity_is_active(said):
    parsed = read_parsed("active_hepatitis", said, "zh")
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(("said", "value"), [("6几", 60), ("EF好像是5几", 50)])
def test_a_digit_and_ji_is_tens_and_something(said, value):
    """ "6几" is 六十几, sixty-something: never 6. Like "60 something", it is asked again for the exact
    figure (9 December: rough numbers are no longer read as their round one)."""
    parsed = read_parsed("ejection_fraction", said, "zh")
    assert parsed.problem == "number.inexact", parsed
    exact = read_parsed("ejection_fraction", said.replace("几", "") + "3", "zh")
    assert exact.ok and exact.value == value + 3, exact


def test_a_digit_and_ji_before_a_count_word_is_left_alone():
    parsed = read_parsed("daily_steroid_dose", "3几毫克", "zh")
    assert not (parsed.ok and parsed.value == 30), parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("hiv_or_aids", "I'd rather not say", "en"),
        ("age", "Do you need my exact age? I'd rather not say", "en"),
        ("hiv_or_aids", "prefer not to answer that", "en"),
        ("hiv_or_aids", "这个我不想回答", "zh"),
        ("pregnant", "不方便说", "zh"),
    ],
)
def test_declining_to_answer_is_neither_an_answer_nor_dont_know(fact_id, said, language):
    parsed = read_parsed(fact_id, said, language)
    assert parsed.status == "unclear" and parsed.problem == "answer.declined", parsed


@pytest.mark.parametrize("said", ["I'd rather not", "I'd rather not, it's against my religion"])
def test_i_would_rather_not_still_refuses_a_willingness(said):
    parsed = read_parsed("willing_contraception", said)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("sometime in October", date(2026, 10, 15)),
        ("last week sometime", date(2026, 11, 26)),
        ("a while ago, in March", date(2026, 3, 15)),
    ],
)
def test_a_vague_word_beside_a_month_or_week_is_placed_by_it(said, day):
    parsed = read_parsed("last_platelet_transfusion", said)
    assert parsed.ok and parsed.value == day, parsed


@pytest.mark.parametrize("said", ["sometime", "a while ago", "recently"])
def test_a_vague_word_alone_is_still_too_vague(said):
    assert not read_parsed("last_platelet_transfusion", said).ok


@pytest.mark.parametrize(
    ("said", "language"),
    [("what's the difference between chemo and targeted?", "en"), ("中药算吗？", "zh")],
)
def test_a_question_about_the_choices_chooses_none_of_them(said, language):
    """The treatments named in a question about them are asked about, not chosen: explained, asked
    again (中药算吗 had been read as "none of these")."""
    parsed = read_parsed("cancer_treatments", said, language)
    assert parsed.problem == "answer.asks_what_it_means", parsed


@pytest.mark.parametrize(
    ("said", "language", "chosen"),
    [
        ("chemo?", "en", ["chemotherapy"]),
        ("what do you mean, kind? It's chemo", "en", ["chemotherapy"]),
        ("化疗，中药算吗？", "zh", ["chemotherapy"]),
    ],
)
def test_a_choice_said_beside_a_question_is_still_chosen(said, language, chosen):
    parsed = read_parsed("cancer_treatments", said, language)
    assert parsed.ok and parsed.value == chosen, parsed


@pytest.mark.parametrize(("said", "language"), [("I'd rather not say", "en"), ("这个我不想回答", "zh")])
def test_declining_reaches_the_form_whatever_the_nlu_made_of_it(said, language):
    """The form says why it asks; Rasa's fallback would only say it did not understand."""
    from bot.understanding import is_an_answer

    assert is_an_answer("hiv_or_aids", said, "nlu_fallback", TODAY, language=language)
    assert not is_an_answer("hiv_or_aids", said, "stop", TODAY, language=language)


def test_a_date_worked_out_from_another_event_after_so_is_the_answer():
    parsed = read_parsed("ejection_fraction_date", "before i started chemo in march, so the end of feb")
    assert parsed.ok and parsed.value == date(2026, 2, 28), parsed


@pytest.mark.parametrize(
    "said",
    ["a week before Christmas, so the 20th", "100 days after the transplant, which was on the 1st of June"],
)
def test_a_date_counted_from_another_event_without_a_whole_date_worked_out_is_asked_again(said):
    assert not read_parsed("ejection_fraction_date", said).ok


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("hiv_or_aids", "No, her HIV test is non-reactive.", False),
        ("sex", "lad", "male"),
        ("cancer_treatments", "kemo", ["chemotherapy"]),
        (
            "serious_liver_or_kidney_problems",
            "her kidneys aren't great, GP said they're working at about 25 percent",
            True,
        ),
    ],
)
def test_everyday_words_for_a_test_result_a_man_chemo_and_poor_kidneys(fact_id, said, value):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value == value, parsed


def test_not_great_alone_does_not_say_whether_it_is_serious():
    """Had been read as no serious liver or kidney problem."""
    assert not read_parsed("serious_liver_or_kidney_problems", "her kidneys aren't great").ok


@pytest.mark.parametrize(
    ("said", "chosen"),
    [
        ("化疗肯定做过，有没有靶向我不确定", ["chemotherapy"]),
        ("有没有放疗我不记得了，化疗做过", ["chemotherapy"]),
    ],
)
def test_whether_or_not_is_no_negation_in_chinese(said, chosen):
    """有没有 ("whether or not") had been read as 没有: "none of these"."""
    parsed = read_parsed("cancer_treatments", said, "zh")
    assert parsed.ok and parsed.value == chosen, parsed


@pytest.mark.parametrize("said", ["没有没有", "没有没有那个排异没有"])
def test_no_said_twice_is_still_no(said):
    parsed = read_parsed("gvhd", said, "zh")
    assert parsed.ok and parsed.value is False, parsed
