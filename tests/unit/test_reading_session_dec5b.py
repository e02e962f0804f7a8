"""Readings added in the seventh stop of 5 December. Each mechanism has examples of its own, not
corpus rows, and a guard against the opposite misreading."""

from __future__ import annotations

import pytest

from tests.reading import read_parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "language"),
    [
        ("active_hepatitis", "they tested her, no results yet", "en"),
        ("uncontrolled_infection", "fever since Sunday, they took cultures, we wait the result", "en"),
        ("serious_liver_or_kidney_problems", "might be some kidney damage, still waiting to find out", "en"),
        ("active_hepatitis", "化验了，还没拿到结果", "zh"),
        ("hiv_or_aids", "报告还没出来", "zh"),
    ],
)
def test_a_result_still_pending_is_dont_know(fact_id, said, language):
    """A test done but not yet back answers neither yes nor no: the study team checks."""
    assert read_parsed(fact_id, said, language).status == "unknown"


def test_a_faint_still_being_investigated_is_still_a_faint():
    parsed = read_parsed(
        "ventricular_arrhythmia_or_fainting", "he collapsed last month, they're still investigating"
    )
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    "said", ["no finished them", "no stopped them in May", "nope came off them in June", "no done with them"]
)
def test_no_then_a_verb_in_the_past_is_an_answer_no(said):
    """ "no" stands before a noun as a determiner, not before a verb: "no stopped them" is "no,
    stopped them", so no longer on them."""
    parsed = read_parsed("still_on_transplant_immunosuppressants", said)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize("said", ["not stopped yet", "no, not stopped them yet"])
def test_not_before_the_verb_still_negates_it(said):
    parsed = read_parsed("still_on_transplant_immunosuppressants", said)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("I did have a nosebleed, but that was at Easter.", "en"),
        ("bleeding gums back in the summer, nothing since", "en"),
        ("a nosebleed a while back", "en"),
        ("流过一次鼻血，那会儿是春节", "zh"),
        ("上个月流过鼻血", "zh"),
        ("夏天牙龈出过血，后来没有", "zh"),
    ],
)
def test_bleeding_at_a_time_now_closed_is_not_bleeding_now(said, language):
    parsed = read_parsed("active_bleeding", said, language)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("nosebleeds since Sunday, still going", "en"), ("那时候开始牙龈一直出血", "zh")],
)
def test_bleeding_that_goes_on_is_bleeding_now(said, language):
    parsed = read_parsed("active_bleeding", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("She blacked out once but that was when her Hb was really low", "en"),
        ("passed out once on a hot day, that was all it was", "en"),
        ("晕过一次，那是因为血红蛋白太低", "zh"),
    ],
)
def test_a_faint_with_its_cause_named_is_explained(said, language):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("fainted twice last month, no reason found", "en"), ("晕倒过两次，查不出原因", "zh")],
)
def test_a_faint_nobody_could_explain_is_a_yes(said, language):
    parsed = read_parsed("ventricular_arrhythmia_or_fainting", said, language)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    "said",
    [
        "cirrhosis, but my kidneys are fine",
        "the liver is failing, but the kidneys are fine",
        "the kidneys are fine, but the liver is failing",
    ],
)
def test_a_yes_about_one_organ_is_not_undone_by_a_but_about_the_other(said):
    """The question asks about the liver or the kidneys: a "but" about the other one adds to the
    answer, it does not correct it."""
    parsed = read_parsed("serious_liver_or_kidney_problems", said)
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    "said",
    [
        "One kidney was taken out after an accident, the other one works well",
        "creatinine was slightly up last time, they just told me to drink more water",
    ],
)
def test_one_kidney_working_or_numbers_a_little_up_are_not_very_poor(said):
    parsed = read_parsed("serious_liver_or_kidney_problems", said)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    ("fact_id", "said"),
    [
        ("breastfeeding", "why would i be breastfeeding at 68 haha"),
        ("pregnant", "why would she be pregnant, she's 70"),
    ],
)
def test_a_rhetorical_why_would_denies(fact_id, said):
    parsed = read_parsed(fact_id, said)
    assert parsed.ok and parsed.value is False, parsed


def test_why_would_you_is_left_a_question():
    """Only the person's own "why would I be / have": a question put to us stays one."""
    parsed = read_parsed("pregnant", "why would you need to know that?")
    assert not (parsed.ok and parsed.value is False), parsed


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("one before his transplant and one after", 2),
        ("one relapse in 2024 and another this year", 2),
        ("just one, never again", 1),
        ("once, never again", 1),
        ("it came back once in 2024 and again this summer", 2),
    ],
)
def test_relapses_told_one_by_one_are_counted(said, meant):
    parsed = read_parsed("aml_relapse_count", said)
    assert parsed.ok and parsed.value == meant, parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("Not currently, had a bad nosebleed sunday", "en"),
        ("not right now, had a nosebleed yesterday", "en"),
        ("nothing now, gums bled on monday", "en"),
        ("现在没有，前天流过鼻血", "zh"),
    ],
)
def test_no_now_beside_a_bleed_days_ago_is_no(said, language):
    parsed = read_parsed("active_bleeding", said, language)
    assert parsed.ok and parsed.value is False, parsed


@pytest.mark.parametrize(
    "said", ["yes but not now", "not now, but bleeding gums this morning", "nosebleed on sunday"]
)
def test_a_bleed_not_set_against_now_is_not_read_as_no(said):
    parsed = read_parsed("active_bleeding", said)
    assert not (parsed.ok and parsed.value is False), parsed


@pytest.mark.parametrize(
    ("said", "language"),
    [("前两天流鼻血 今天没有了", "zh"), ("not today, had a nosebleed on sunday", "en")],
)
def test_today_is_now(said, language):
    parsed = read_parsed("active_bleeding", said, language)
    assert parsed.ok and parsed.value is False, parsed


def test_this_couple_of_days_is_still_now():
    parsed = read_parsed("active_bleeding", "这两天流鼻血", "zh")
    assert parsed.ok and parsed.value is True, parsed


@pytest.mark.parametrize(
    ("fact_id", "said", "meant"),
    [
        ("aml_no_response_after_two_courses", "缓解个屁，两次化疗下来一点用没有", True),  # no remission
        ("active_hepatitis", "有个屁，好着呢", False),
    ],
)
def test_x_ge_pi_denies_x(fact_id, said, meant):
    parsed = read_parsed(fact_id, said, "zh")
    assert parsed.ok and parsed.value is meant, parsed


@pytest.mark.parametrize(
    "said",
    ["why would I be against that?", "why would I have a problem with that", "why would I be unwilling"],
)
def test_a_rhetorical_why_would_never_turns_a_willing_person_away(said):
    """The table that reads "why would I be" as "I would not be" must never make a yes a no."""
    parsed = read_parsed("willing_contraception", said)
    assert not (parsed.ok and parsed.value is False), parsed
