"""Yes, no and not sure: negation wins, soft noes are noes, a yes with a no is unclear."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import parse_answer

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()

YES = [
    "yes", "Yes.", "yeah", "yep", "yup", "y", "Y", "correct", "I do", "I have", "I am", "she is", "he does",
    "sure", "of course", "definitely", "affirmative", "that's right", "I think so",
]  # fmt: skip
NO = [
    "no", "No.", "nope", "nah", "n", "not really", "never", "I don't", "I haven't", "none", "she isn't",
    "not that I know of", "I don't think so", "absolutely not", "of course not", "not at the moment",
    "no longer", "nothing like that",
]  # fmt: skip


@pytest.mark.parametrize("text", YES)
def test_yes(text):
    parsed = parse_answer(REGISTRY["active_bleeding"], text, TODAY)
    assert (parsed.status, parsed.value) == ("value", True), parsed


@pytest.mark.parametrize("text", NO)
def test_no(text):
    parsed = parse_answer(REGISTRY["active_bleeding"], text, TODAY)
    assert (parsed.status, parsed.value) == ("value", False), parsed


IN_CONTEXT = [
    pytest.param("heart_failure", "no heart problems", False, id="no-heart-problems"),
    pytest.param("last_heart_attack_or_bypass", "no heart attacks", "never", id="date-fact-no-heart-attacks"),
    pytest.param("stem_cell_transplant", "I had one years ago", True, id="had-one-years-ago"),
    pytest.param("stem_cell_transplant", "no, never had one", False, id="no-never-had-one"),
    pytest.param("pregnant", "I'm not pregnant", False, id="not-pregnant"),
    pytest.param("pregnant", "Yes I am", True, id="yes-i-am"),
    pytest.param("takes_steroids", "he still takes them", True, id="still-takes"),
    pytest.param("willing_contraception", "yes, of course", True, id="willing"),
]


@pytest.mark.parametrize("fact_id, text, expected", IN_CONTEXT)
def test_answers_in_context(fact_id, text, expected):
    parsed = parse_answer(REGISTRY[fact_id], text, TODAY)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


UNCLEAR = [
    pytest.param("yes but not now", id="yes-and-no"),
    pytest.param("hmm", id="hmm"),
    pytest.param("sometimes", id="sometimes"),
    pytest.param("I'm fine", id="im-fine-is-not-i-am"),
    pytest.param("...", id="punctuation-only"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", UNCLEAR)
def test_unclear_yes_no(text):
    parsed = parse_answer(REGISTRY["active_bleeding"], text, TODAY)
    assert (parsed.status, parsed.problem) == ("unclear", "boolean.unclear"), parsed


@pytest.mark.parametrize("text", ["maybe", "I'm not certain", "not sure, probably not", "I'd need to check"])
def test_doubt_about_a_yes_no_is_unknown(text):
    parsed = parse_answer(REGISTRY["gvhd"], text, TODAY)
    assert parsed.status == "unknown", parsed


READ_AGAINST_THE_QUESTION = [
    pytest.param("willing_contraception", "that's not something I'd do", False, id="agreement-negated"),
    pytest.param("willing_contraception", "I wouldn't mind", True, id="negated-negative-agrees"),
    pytest.param(
        "uncontrolled_infection", "I had pneumonia but the antibiotics cleared it", False, id="over"
    ),
    pytest.param(
        "aml_no_response_after_two_courses", "no it never went into remission", True, id="no-agrees"
    ),
    pytest.param("active_hepatitis", "I had hepatitis B years ago, it cleared", False, id="past-now-fact"),
    pytest.param("can_become_pregnant", "I'm past menopause", False, id="menopause"),
]


@pytest.mark.parametrize("fact_id, text, expected", READ_AGAINST_THE_QUESTION)
def test_answers_are_read_against_the_question(fact_id, text, expected):
    parsed = parse_answer(REGISTRY[fact_id], text, TODAY)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


def test_a_question_back_is_not_an_answer():
    parsed = parse_answer(REGISTRY["willing_contraception"], "what kind of contraception?", TODAY)
    assert parsed.status == "unclear", parsed
