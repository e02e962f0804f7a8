"""Answers that wait on someone or something are unknown, never a yes or a no ("I'd have to talk to
my husband first", "the marrow test is next week"); a course not yet finished does not answer the
two-course question; teatime and supper are times of day a dose adds up over."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "fact_id, text",
    [
        ("willing_contraception", "I'd need to talk to my wife about it first"),
        ("willing_no_sperm_donation", "we'd have to discuss it"),
        ("aml_relapse_no_response", "not yet, the marrow test is next week"),
    ],
)
def test_waiting_on_someone_is_unknown(fact_id, text):
    assert understand(fact_id, text, TODAY).parsed.status == "unknown"


def test_one_course_so_far_does_not_answer_the_two_course_question():
    assert not understand("aml_no_response_after_two_courses", "only had the one so far", TODAY).parsed.ok


@pytest.mark.parametrize(
    "text, meant",
    [
        ("hydrocortisone 20 in the morning and 10 at teatime", 7.5),
        ("prednisolone 10 with breakfast and 5 at supper", 15),
    ],
)
def test_a_dose_over_the_day_adds_up(text, meant):
    parsed = understand("daily_steroid_dose", text, TODAY).parsed
    assert parsed.ok and parsed.value == meant
