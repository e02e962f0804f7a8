""" "I don't know" and its relatives are "unknown" for every fact type; a value beside the doubt counts."""

from __future__ import annotations

from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import PROBLEM_CODES, parse_answer

TODAY = date(2026, 11, 21)
REGISTRY = default_registry()

DOUBTS = ["I don't know", "not sure", "no idea", "can't remember", "dunno", "unsure", "I'd have to check"]
ONE_FACT_PER_TYPE = {
    "integer": "age",
    "number": "platelet_count",
    "boolean": "active_bleeding",
    "choice": "diagnosis",
    "choices": "cancer_treatments",
    "date": "last_platelet_transfusion",
}


@pytest.mark.parametrize("fact_type", sorted(ONE_FACT_PER_TYPE))
@pytest.mark.parametrize("text", DOUBTS)
def test_doubt_is_unknown_for_every_type(text, fact_type):
    parsed = parse_answer(REGISTRY[ONE_FACT_PER_TYPE[fact_type]], text, TODAY)
    assert (parsed.status, parsed.value, parsed.problem) == ("unknown", None, "answer.unknown"), parsed
    assert parsed.said == text


@pytest.mark.parametrize("text", DOUBTS + ["I really have no idea, sorry", "IDK", "Not sure!"])
def test_doubt_is_unknown_for_every_fact_in_the_registry(text):
    for fact in REGISTRY:
        parsed = parse_answer(fact, text, TODAY)
        assert parsed.status == "unknown", (fact.id, parsed)


BESIDE_THE_DOUBT = [
    pytest.param("platelet_count", "not sure, maybe about 70", 70, id="number"),
    pytest.param("age", "I don't know exactly, she's 81", 81, id="age"),
    pytest.param("diagnosis", "not sure of the name, some kind of lymphoma", "lymphoma", id="choice"),
    pytest.param(
        "last_platelet_transfusion", "I can't remember, maybe 2 weeks ago", date(2026, 11, 7), id="date"
    ),
]


@pytest.mark.parametrize("fact_id, text, expected", BESIDE_THE_DOUBT)
def test_a_value_beside_the_doubt_counts(fact_id, text, expected):
    parsed = parse_answer(REGISTRY[fact_id], text, TODAY)
    assert (parsed.status, parsed.value, parsed.said) == ("value", expected, text), parsed


def test_a_yes_no_with_doubt_stays_unknown():
    parsed = parse_answer(REGISTRY["pregnant"], "not sure, I think so", TODAY)
    assert parsed.status == "unknown"


SAMPLES = ["", "???", "yes", "no", "72", "lymphoma", "last week", "never", "banana", "230", "tomorrow"]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_problem_is_a_listed_code(text):
    for fact in REGISTRY:
        parsed = parse_answer(fact, text, TODAY)
        assert (parsed.problem is None) == (parsed.status == "value"), (fact.id, parsed)
        assert parsed.problem is None or parsed.problem in PROBLEM_CODES, (fact.id, parsed)
