"""Answers become facts: units converted, implausible or malformed answers rejected clearly."""

from __future__ import annotations

import pytest
from conftest import ON, days_after, years_before

from bot.facts import FactsError, parse_facts
from bot.rules import FactState


def value_of(raw, fact_id):
    return parse_facts(raw, ON).value(fact_id)


def problems_of(raw) -> list:
    with pytest.raises(FactsError) as caught:
        parse_facts(raw, ON)
    return caught.value.problems


# ----- Units ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fact_id, given, expected",
    [
        pytest.param("platelet_count", 72, 72, id="platelets-canonical"),
        pytest.param("platelet_count", {"value": 72000, "unit": "/uL"}, 72, id="platelets-per-uL"),
        pytest.param("platelet_count", {"value": 72000, "unit": "/mm3"}, 72, id="platelets-per-mm3"),
        pytest.param("platelet_count", {"value": 72, "unit": "10^9/L"}, 72, id="platelets-10^9/L"),
        pytest.param("platelet_count", {"value": 72, "unit": "k/uL"}, 72, id="platelets-k/uL"),
        pytest.param("haemoglobin", {"value": 8.5, "unit": "g/dL"}, 85, id="haemoglobin-g/dL"),
        pytest.param("haemoglobin", {"value": 85, "unit": "g/L"}, 85, id="haemoglobin-g/L"),
        pytest.param("haemoglobin", {"value": 5.0, "unit": "mmol/L"}, 80.55, id="haemoglobin-mmol/L"),
        pytest.param("creatinine", {"value": 2.0, "unit": "mg/dL"}, 176.8, id="creatinine-mg/dL"),
        pytest.param("creatinine", {"value": 1.0, "unit": "mg/dL"}, 88.4, id="creatinine-1-mg/dL"),
        pytest.param("creatinine", {"value": 90, "unit": "umol/L"}, 90, id="creatinine-umol/L"),
        pytest.param("cd3_count", {"value": 510, "unit": "cells/uL"}, 0.51, id="cd3-cells/uL"),
        pytest.param("cd3_count", {"value": 500, "unit": "/uL"}, 0.5, id="cd3-per-uL"),
    ],
)
def test_values_are_converted_to_the_canonical_unit(fact_id, given, expected):
    assert value_of({fact_id: given}, fact_id) == pytest.approx(expected)


def test_conversion_lands_exactly_on_the_protocol_thresholds():
    # Exactly the boundary, not a hair above or below it, or "> 30" and "≥ 50" would flip.
    assert value_of({"platelet_count": {"value": 30000, "unit": "/uL"}}, "platelet_count") == 30
    assert value_of({"platelet_count": {"value": 50000, "unit": "/uL"}}, "platelet_count") == 50
    assert value_of({"platelet_count": {"value": 100000, "unit": "/uL"}}, "platelet_count") == 100
    assert value_of({"haemoglobin": {"value": 6.0, "unit": "g/dL"}}, "haemoglobin") == 60
    assert value_of({"cd3_count": {"value": 500, "unit": "cells/uL"}}, "cd3_count") == 0.5


def test_an_answer_keeps_what_the_person_said():
    facts = parse_facts({"platelet_count": {"value": 72000, "unit": "/uL", "said": "72k"}}, ON)
    assert facts.answers["platelet_count"].said == "72k"


def test_an_unknown_unit_is_rejected_naming_the_fact_and_the_units_it_knows():
    (problem,) = problems_of({"haemoglobin": {"value": 8, "unit": "stone"}})
    assert "haemoglobin" in problem
    assert "stone" in problem
    assert "g/dL" in problem


# ----- Plausible values -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "fact_id, given",
    [
        pytest.param("age", 230, id="age-230"),
        pytest.param("age", -1, id="age-negative"),
        pytest.param("platelet_count", -1, id="platelets-negative"),
        pytest.param("platelet_count", {"value": 3_000_000, "unit": "/uL"}, id="platelets-3-million-per-uL"),
        pytest.param("haemoglobin", 900, id="haemoglobin-900"),
        pytest.param("ejection_fraction", 120, id="ejection-fraction-120"),
        pytest.param("aml_relapse_count", 50, id="fifty-relapses"),
    ],
)
def test_implausible_values_are_rejected_with_a_message_naming_the_fact(fact_id, given):
    (problem,) = problems_of({fact_id: given})
    assert f"`{fact_id}`" in problem
    assert "plausible range" in problem


def test_the_extremes_of_the_plausible_range_are_accepted():
    facts = parse_facts({"age": 0, "platelet_count": 0, "haemoglobin": 250, "ejection_fraction": 5}, ON)
    assert facts.value("age") == 0
    assert facts.value("haemoglobin") == 250


# ----- Names and types ------------------------------------------------------------------------------
def test_an_unknown_fact_name_is_rejected():
    (problem,) = problems_of({"favourite_colour": "blue"})
    assert "`favourite_colour` is not a known fact" in problem


@pytest.mark.parametrize(
    "fact_id, given, expected",
    [
        pytest.param("age", "forty", "must be a number", id="age-in-words"),
        pytest.param("age", True, "must be a number", id="age-true"),
        pytest.param("age", 47.5, "must be a whole number", id="age-fraction"),
        pytest.param("active_bleeding", "yes", "must be true or false", id="boolean-as-text"),
        pytest.param("active_bleeding", 1, "must be true or false", id="boolean-as-number"),
        pytest.param("sex", "other", "must be one of", id="choice-not-listed"),
        pytest.param("ecog", "2", "must be one of", id="ecog-as-text"),
        pytest.param("cancer_treatments", "chemotherapy", "must be a list", id="choices-not-a-list"),
        pytest.param("cancer_treatments", ["surgery"], "must be a list drawn from", id="choices-not-listed"),
        pytest.param("last_platelet_transfusion", "yesterday", "YYYY-MM-DD", id="date-in-words"),
        pytest.param("ejection_fraction_date", "21/11/2026", "YYYY-MM-DD", id="date-day-first"),
        pytest.param("platelet_count", {"amount": 72}, "needs `value`", id="answer-object-without-value"),
        pytest.param(
            "platelet_count", {"value": 72, "units": "/uL"}, "needs `value`", id="answer-object-bad-key"
        ),
    ],
)
def test_wrong_types_are_rejected_with_a_clear_message(fact_id, given, expected):
    (problem,) = problems_of({fact_id: given})
    assert problem.startswith(f"`{fact_id}`"), problem
    assert expected in problem
    assert "got" in problem or "needs" in problem


def test_several_problems_are_reported_at_once():
    problems = problems_of(
        {"age": 230, "platelet_count": -1, "sex": "other", "favourite_colour": "blue", "ecog": 1}
    )
    assert len(problems) == 4
    for name in ("age", "platelet_count", "sex", "favourite_colour"):
        assert sum(f"`{name}`" in p for p in problems) == 1, (name, problems)


# ----- Dates, "never" and "I don't know" --------------------------------------------------------------
def test_age_follows_from_a_birth_date_on_the_dosing_date():
    facts = parse_facts({"birth_date": years_before(18)}, ON)
    assert facts.value("age") == 18
    assert facts.state("age") is FactState.ANSWERED
    assert parse_facts({"birth_date": years_before(18, -1)}, ON).value("age") == 17


def test_a_birth_date_in_the_future_is_rejected():
    (problem,) = problems_of({"birth_date": days_after(1)})
    assert "birth_date" in problem
    assert "age" in problem


def test_a_birth_date_more_than_120_years_ago_is_rejected():
    (problem,) = problems_of({"birth_date": years_before(121)})
    assert "birth_date" in problem


@pytest.mark.parametrize(
    "fact_id",
    ["last_platelet_transfusion", "last_heart_attack_or_bypass", "transplant_immunosuppressants_stopped"],
)
def test_never_is_accepted_for_events_that_may_not_have_happened(fact_id):
    assert value_of({fact_id: "never"}, fact_id) == "never"


@pytest.mark.parametrize("fact_id", ["ejection_fraction_date", "birth_date"])
def test_never_is_rejected_for_dates_that_must_exist(fact_id):
    (problem,) = problems_of({fact_id: "never"})
    assert f"`{fact_id}`" in problem
    assert "never" in problem


@pytest.mark.parametrize(
    "fact_id", ["age", "active_bleeding", "platelet_count", "sex", "last_platelet_transfusion"]
)
@pytest.mark.parametrize("said", ["unknown", None, {"value": "unknown", "said": "no idea"}, {"value": None}])
def test_i_dont_know_is_recorded_as_unknown_not_as_a_value(fact_id, said):
    facts = parse_facts({fact_id: said}, ON)
    assert facts.state(fact_id) is FactState.UNKNOWN


def test_a_fact_not_given_is_unanswered():
    assert parse_facts({}, ON).state("age") is FactState.UNANSWERED


# ----- What follows from other answers --------------------------------------------------------------
def test_a_man_cannot_become_pregnant_be_pregnant_or_breastfeed():
    facts = parse_facts({"sex": "male"}, ON)
    for fact_id in ("can_become_pregnant", "pregnant", "breastfeeding"):
        assert facts.state(fact_id) is FactState.ANSWERED, fact_id
        assert facts.value(fact_id) is False, fact_id


def test_a_woman_who_cannot_become_pregnant_is_not_pregnant_but_may_breastfeed():
    facts = parse_facts({"sex": "female", "can_become_pregnant": False}, ON)
    assert facts.value("pregnant") is False
    assert facts.state("breastfeeding") is FactState.UNANSWERED


def test_a_woman_answering_nothing_more_has_nothing_implied():
    facts = parse_facts({"sex": "female"}, ON)
    for fact_id in ("can_become_pregnant", "pregnant", "breastfeeding"):
        assert facts.state(fact_id) is FactState.UNANSWERED, fact_id


def test_an_explicit_answer_is_never_overridden_by_an_implication():
    facts = parse_facts({"sex": "male", "partner_can_become_pregnant": True, "pregnant": True}, ON)
    assert facts.value("pregnant") is True  # contradictory, but what was said is kept for the team
