"""Readings added in the 6 December evening stop. Each mechanism has examples of its own, not corpus
rows, and a guard against the opposite misreading."""

from __future__ import annotations

from datetime import date

import pytest

from bot.parsing.result import FOR_THE_STUDY_TEAM
from tests.reading import read_answer


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("hep B positive", "en"),
        ("HBsAg positive", "en"),
        ("hep C antibody positive", "en"),
        ("tested positive for hepatitis B", "en"),
        ("乙肝阳性", "zh"),
        ("化验单上写着表面抗原阳性", "zh"),
        ("乙肝两对半 一五阳", "zh"),
        ("丙肝抗体阳性", "zh"),
    ],
)
def test_a_positive_hepatitis_test_alone_is_for_the_study_team_not_a_yes(said, language):
    # infected at some time; whether it is active now is a clinician's call, and never excludes
    parsed = read_answer("active_hepatitis", said, language).parsed
    assert parsed.status == "unknown" and parsed.problem == FOR_THE_STUDY_TEAM, parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("HBsAg positive and the viral load is high", "en", True),
        ("hep B positive, liver enzymes are high, they're starting treatment", "en", True),
        ("hep C, RNA positive, not treated yet", "en", True),
        ("I have hepatitis B", "en", True),
        ("hep B positive but the doctor says it is inactive", "en", False),
        ("表面抗原阳性，转氨酶也高", "zh", True),
        ("大三阳，肝功能异常，医生说要抗病毒", "zh", True),
        ("丙肝，RNA阳性，还没治", "zh", True),
        ("我有乙肝", "zh", True),
        ("乙肝表面抗原阳性，DNA阴性，肝功能正常", "zh", False),
    ],
)
def test_a_positive_test_with_signs_of_activity_or_of_none_is_still_read(said, language, meant):
    parsed = read_answer("active_hepatitis", said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("ALT is high from the chemo", "en"), ("转氨酶很高，化疗引起的", "zh")]
)
def test_raised_liver_tests_alone_are_no_yes_to_active_hepatitis(said, language):
    # chemotherapy raises liver tests too: only beside a positive hepatitis test do they show activity
    parsed = read_answer("active_hepatitis", said, language).parsed
    assert not (parsed.ok and parsed.value is True), parsed


@pytest.mark.parametrize(
    ("said", "language", "proxy"),
    [
        ("that's not something he would ever do", "en", True),
        ("never even thought about it", "en", False),
        ("I'd rather not donate, no", "en", False),
        ("他不会的", "zh", True),
    ],
)
def test_a_no_that_names_neither_the_request_nor_the_thing_is_asked_again_with_buttons(said, language, proxy):
    # to "willing not to donate sperm?", "he wouldn't" may mean he would not donate: never a no
    parsed = read_answer("willing_no_sperm_donation", said, language, proxy).parsed
    assert parsed.status == "unclear" and parsed.problem == "boolean.refrain_unclear", parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("not willing, no", "en"),
        ("I'd rather keep my options open", "en"),
        ("no, I'm a regular donor and I don't want to stop", "en"),
        ("no, I won't agree to that", "en"),
        ("不同意", "zh"),
        ("不愿意签这个，管得太宽了", "zh"),
        ("我在精子库登记了，还要继续捐", "zh"),
    ],
)
def test_a_refusal_of_the_request_or_a_wish_to_donate_is_still_a_no(said, language):
    parsed = read_answer("willing_no_sperm_donation", said, language).parsed
    assert parsed.ok and parsed.value is False and not parsed.sure, parsed


@pytest.mark.parametrize(
    ("said", "language", "proxy"),
    [
        ("I'm sure he wouldn't", "en", True),
        ("I've never even thought about it. I'm sure he wouldn't", "en", True),
        ("那不是他会干的事", "zh", True),
    ],
)
def test_a_no_about_the_thing_refrained_from_never_excludes(said, language, proxy):
    parsed = read_answer("willing_no_sperm_donation", said, language, proxy).parsed
    assert not (parsed.ok and parsed.value is False), parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("willing_no_sperm_donation", "I'd rather keep the option open"),
        ("willing_contraception", "I would rather keep things as they are"),
    ],
)
def test_would_rather_keep_is_a_refusal_not_an_i_would(fact_id, said):
    parsed = read_answer(fact_id, said).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("她是85年3月出生的", 41),  # a two-digit year before a month is a year of birth, never an age of 85
        ("我妹97年12月底的生日，还没过", 28),  # this month's birthday still to come
        ("1997年12月底的生日，还没过", 28),
        ("97年12月的", 29),
    ],
)
def test_a_two_digit_birth_year_with_a_month_is_a_birth_date(said, meant):
    parsed = read_answer("age", said, "zh", proxy=True).parsed
    assert parsed.ok and parsed.value == meant, parsed


def test_a_birth_month_this_month_with_the_birthday_still_to_come_is_a_year_less():
    parsed = read_answer("age", "born December 1997, birthday not yet").parsed
    assert parsed.ok and parsed.value == 28, parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("2019年搭的桥，那年国庆前后", date(2019, 10, 1)),
        ("2020年心梗，那年腊月里", date(2021, 1, 27)),  # the 15th of the twelfth lunar month of 2020
        ("去年国庆前后", date(2025, 10, 1)),
        ("国庆前后", date(2026, 10, 1)),  # no year said: the most recent one
        ("2019年搭的桥，2023年国庆又心梗了", date(2023, 10, 1)),  # the year beside it
    ],
)
def test_a_festival_without_its_year_is_in_the_one_year_the_answer_names(said, meant):
    parsed = read_answer("last_heart_attack_or_bypass", said, "zh").parsed
    assert parsed.ok and abs((parsed.value - meant).days) <= 3, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("if it means the pill, no", "en"),
        ("depends what it is, I won't take the pill", "en"),
        ("如果要吃药就不行", "zh"),
        ("得看是什么办法，要是上环我不愿意", "zh"),
    ],
)
def test_a_refusal_on_a_condition_is_asked_again_never_a_no(said, language):
    # willing on other terms: the study team can talk methods through, so it never excludes
    parsed = read_answer("willing_contraception", said, language).parsed
    assert parsed.status == "unclear", parsed


@pytest.mark.parametrize(
    ("said", "language", "meant"),
    [
        ("if I have to", "en", True),
        ("no, I won't", "en", False),
        ("It was never in remission to come back, if you follow me. So none", "en", None),
        ("要是必须的话，可以", "zh", True),
        ("不愿意", "zh", False),
    ],
)
def test_a_condition_beside_a_yes_or_without_one_changes_nothing(said, language, meant):
    if meant is None:  # a count question is no willingness: its conditions are only words
        parsed = read_answer("aml_relapse_count", said, language).parsed
        assert parsed.ok and parsed.value == 0, parsed
        return
    parsed = read_answer("willing_contraception", said, language).parsed
    assert parsed.ok and parsed.value is meant, parsed


def test_periods_not_fully_stopped_could_still_mean_pregnancy():
    parsed = read_answer("can_become_pregnant", "月经还没完全停，半年来一回", "zh").parsed
    assert parsed.ok and parsed.value is True, parsed


def test_rather_not_say_in_chinese_is_declined_not_a_no():
    parsed = read_answer("partner_can_become_pregnant", "这个……不太方便说", "zh").parsed
    assert parsed.status == "unclear" and parsed.problem == "answer.declined", parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("Her liver numbers are up and they're trying to work out if it's GVHD or the drugs", "en"),
        ("could be GVHD, could be the antibiotics, nobody knows yet", "en"),
        ("the rash might be GVHD, the derm team are looking at it", "en"),
        ("they wonder if it is GVHD", "en"),
        ("可能是排异，也可能是病毒，还没定", "zh"),
    ],
)
def test_gvhd_still_being_worked_out_is_not_known_yet(said, language):
    parsed = read_answer("gvhd", said, language).parsed
    assert parsed.status == "unknown", parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("we were warned about GVHD but she never got it", "en"),
        ("he's on tacrolimus to prevent GVHD, but he hasn't had it", "en"),
        ("the biopsy ruled out GVHD", "en"),
        ("no, she had an autologous transplant so GVHD doesn't apply", "en"),
        ("活检排除了排异", "zh"),
        ("医生说不是排异，是药疹", "zh"),
    ],
)
def test_gvhd_ruled_out_or_only_prevented_is_a_no(said, language):
    parsed = read_answer("gvhd", said, language).parsed
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "language"), [("yes, skin GVHD, on steroid cream", "en"), ("有，口腔排异，还在用药", "zh")]
)
def test_gvhd_said_is_still_a_yes(said, language):
    parsed = read_answer("gvhd", said, language).parsed
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    "said",
    [
        "He had infliximab for the colitis, just the one dose in October. Nothing long term",
        "the doctor mentioned ciclosporin but we never started it",
    ],
)
def test_a_single_dose_or_a_medicine_never_started_is_not_taken_long_term(said):
    parsed = read_answer("takes_immunosuppressants", said).parsed
    assert parsed.ok and parsed.value is False, parsed
