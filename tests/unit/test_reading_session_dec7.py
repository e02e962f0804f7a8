"""Readings added in the 7 December stop. Each mechanism has examples of its own, not corpus rows,
and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("said", "language", "no_remission"),
    [
        ("两个疗程都没缓解，后来换了新药才缓解", "zh", True),  # the later drug was a third course
        ("two rounds of 7+3 and still not in remission, then FLAG got him there", "en", True),
        ("第一个疗程没缓解，第二个疗程就缓解了", "zh", False),
        ("two courses and it worked", "en", False),
        # the course that brought remission outweighs a blast count said on the way
        ("第一个疗程后原始细胞还有20%，第二个疗程后缓解了", "zh", False),
    ],
)
def test_courses_said_to_have_failed_stay_failed_whatever_came_later(said, language, no_remission):
    assert read_parsed("aml_no_response_after_two_courses", said, language).value is no_remission


@pytest.mark.parametrize(
    ("said", "language", "serious"),
    [
        ("passed out once last year, the doctor said my BP was low", "en", False),
        ("collapsed at work, they said she was dried out", "en", False),
        ("去年晕过一回，那次是大出血，原因清楚的", "zh", False),
        ("fainted twice and they never found out why", "en", True),
        ("he had VT and they put it down to the chemo", "en", True),  # a cause named is no cure
    ],
)
def test_a_faint_with_a_cause_named_is_not_unexplained(said, language, serious):
    assert read_parsed("ventricular_arrhythmia_or_fainting", said, language).value is serious


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("我早结扎了，想捐也捐不了", "zh"),
        ("有乙肝，本来也不能捐", "zh"),
        ("I couldn't donate even if I wanted to", "en"),
        ("啥意思？捐精？不捐不捐", "zh"),  # a question back, then the answer
    ],
)
def test_cannot_donate_anyway_is_willing_not_to(said, language):
    assert read_parsed("willing_no_sperm_donation", said, language).value is True


def test_wanting_to_donate_is_never_read_as_willing_not_to():
    assert read_parsed("willing_no_sperm_donation", "不能捐吗？我想捐", "zh").value is not True


@pytest.mark.parametrize(
    ("said", "feeding"),
    [("八十岁的人了，哪还有奶", False), ("孩子上初中了", False), ("还在喂，快要断了", True)],
)
def test_a_rhetorical_where_would_there_be_denies(said, feeding):
    assert read_parsed("breastfeeding", said, "zh").value is feeding


@pytest.mark.parametrize(
    ("said", "language"),
    [("可以，用什么方法？", "zh"), ("愿意，不过能用哪种方法呢？", "zh"), ("happy to, which method?", "en")],
)
def test_a_yes_beside_a_question_about_the_method_stands(said, language):
    assert read_parsed("willing_contraception", said, language).value is True


@pytest.mark.parametrize(
    ("said", "language"),
    [("我对上环有点顾虑", "zh"), ("用什么方法？我对避孕药有顾虑", "zh")],
)
def test_a_worry_about_one_method_is_no_refusal(said, language):
    assert read_parsed("willing_contraception", said, language).value is not False


def test_a_plain_refusal_is_still_a_refusal():
    assert read_parsed("willing_contraception", "不愿意", "zh").value is False


@pytest.mark.parametrize(
    ("said", "language", "daily"),
    [
        ("dex 40 once a week with the myeloma drugs", "en", False),
        ("地塞米松，一周一次，每次二十毫克", "zh", False),
        ("dex 4 mg every day", "en", True),
    ],
)
def test_a_weekly_steroid_is_not_a_daily_one(said, language, daily):
    assert read_parsed("takes_steroids", said, language).value is daily


@pytest.mark.parametrize(
    ("said", "language"),
    [("dex 20mg, only on Fridays", "en"), ("地塞米松一个星期吃一回，一次二十毫克", "zh")],
)
def test_a_weekly_dose_is_no_dose_a_day(said, language):
    assert not read_parsed("daily_steroid_dose", said, language).ok  # asked again, never 133 mg a day


@pytest.mark.parametrize(
    ("said", "language", "kinds"),
    [
        ("surgery, then Lynparza tablets", "en", ["targeted"]),
        ("BCG washes into the bladder", "en", ["immunotherapy"]),
        ("甲状腺切了，后来吃了碘131", "zh", ["radiotherapy"]),
        ("免疫治疗、靶向都没做过，只做了化疗", "zh", ["chemotherapy"]),  # a list denied together
        ("化疗做过，放疗没做", "zh", ["chemotherapy"]),
        ("化疗做了，CAR-T医生提过，还没做", "zh", ["chemotherapy"]),  # mentioned, not had
        ("just the surgery so far, chemo is due to start next week", "en", ["none"]),
        ("She declined chemo, so only the operation", "en", ["none"]),
    ],
)
def test_treatments_named_by_drug_or_denied_together(said, language, kinds):
    assert sorted(read_parsed("cancer_treatments", said, language).value) == kinds


@pytest.mark.parametrize(
    ("fact_id", "said", "value"),
    [
        ("platelet_count", "PLT 23 L (125-350)", 23),
        ("platelet_count", "PLT 61 (ref 150-400 x10^9/L)", 61),
        ("haemoglobin", "HGB 92 g/L (130-175)", 92),
    ],
)
def test_a_normal_range_printed_beside_a_value_is_not_a_value(fact_id, said, value):
    assert read_parsed(fact_id, said).value == value


def test_an_event_named_by_its_place_is_no_day_of_the_month():
    assert read_parsed("ejection_fraction_date", "August 3rd, before the second cycle").value == date(
        2026, 8, 3
    )


@pytest.mark.parametrize(
    ("said", "language", "other_illness"),
    [
        ("only the tacrolimus for the transplant, nothing for any other illness", "en", False),
        ("除了移植后的他克莫司，没有别的病要吃这种药", "zh", False),
        ("methotrexate for my arthritis", "en", True),
    ],
)
def test_transplant_medicines_said_apart_from_another_illness(said, language, other_illness):
    assert read_parsed("takes_immunosuppressants", said, language).value is other_illness


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("It hasn't come back, thank God", "en"),
        ("it has never come back, touch wood", "en"),
        ("还没复发过", "zh"),
    ],
)
def test_never_relapsed_is_never_a_failed_relapse(said, language):
    # the question's premise denied: asked again (the writers disagree whether it means no)
    assert read_parsed("aml_relapse_no_response", said, language).value is not True


@pytest.mark.parametrize(("said", "value"), [("yeah nah", False), ("nah yeah", True), ("Yes po", True)])
def test_spoken_forms_of_yes_and_no(said, value):
    assert read_parsed("active_bleeding", said).value is value


def test_a_low_count_said_with_fright_is_meant():
    assert read_parsed("platelet_count", "血小板9，吓死人了", "zh").value == 9


def test_the_newest_one_is_no_number():
    assert read_parsed("ejection_fraction", "41 in the spring, 47 on the newest one").value == 47


def test_car_t_said_to_be_no_transplant_is_never_a_transplant():
    said = "not a transplant - they took his own cells for the CAR-T"
    assert read_parsed("stem_cell_transplant", said).value is not True
