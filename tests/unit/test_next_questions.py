"""Which question comes next: a sensible order, nothing wasted, and a conversation that ends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from conftest import (
    BOTH,
    MAN,
    NCT_ID,
    ON,
    READS,
    REMOVE,
    XJ_ID,
    baseline_facts,
    changed,
    criterion_result,
    describe,
    from_baseline,
)

from bot.eligibility import Outcome, evaluate
from bot.next_questions import next_questions
from bot.trials import find_trial

LAB_VALUES = ["platelet_count", "haemoglobin", "cd3_count", "creatinine", "ejection_fraction"]
PREGNANCY = ["can_become_pregnant", "pregnant", "breastfeeding"]


def chosen(trials, name: str) -> list:
    return list(trials) if name == BOTH else [find_trial(trials, name)]


def first_index(questions: Sequence[str], fact_id: str) -> int:
    return questions.index(fact_id) if fact_id in questions else len(questions)


# ----- The first questions ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", [XJ_ID, NCT_ID, BOTH])
def test_with_nothing_known_age_sex_and_diagnosis_come_before_lab_values(trials, name):
    questions = next_questions(chosen(trials, name), {}, on_date=ON)
    assert questions[0] in ("age", "sex", "diagnosis"), questions
    basics = [questions.index(f) for f in ("age", "sex", "diagnosis")]
    labs = [questions.index(f) for f in LAB_VALUES if f in questions]
    assert labs, questions
    assert max(basics) < min(labs), questions


@pytest.mark.parametrize("name", [XJ_ID, NCT_ID, BOTH])
def test_with_nothing_known_only_facts_the_trials_read_are_asked(trials, name):
    questions = next_questions(chosen(trials, name), {}, on_date=ON)
    assert set(questions) <= READS[name]
    assert not set(questions) & {"birth_date"}


@pytest.mark.parametrize(
    "gate, guarded",
    [
        pytest.param("takes_steroids", "daily_steroid_dose", id="steroids-before-dose"),
        pytest.param("heart_failure", "heart_failure_limitation", id="heart-failure-before-its-class"),
        pytest.param("ejection_fraction", "ejection_fraction_date", id="ejection-fraction-before-scan-date"),
        pytest.param(
            "stem_cell_transplant", "transplant_immunosuppressants_stopped", id="transplant-before-dates"
        ),
        pytest.param("stem_cell_transplant", "gvhd", id="transplant-before-gvhd"),
        pytest.param("diagnosis", "aml_no_response_after_two_courses", id="diagnosis-before-aml-history"),
        pytest.param("aml_relapse_count", "aml_relapse_within_12_months", id="relapses-before-their-timing"),
        pytest.param("sex", "willing_no_sperm_donation", id="sex-before-sperm-donation"),
    ],
)
def test_gates_come_before_what_they_guard(trials, gate, guarded):
    questions = next_questions(trials, {}, on_date=ON)
    assert gate in questions
    assert first_index(questions, gate) < first_index(questions, guarded), questions


@pytest.mark.parametrize("name", [NCT_ID, BOTH])
def test_takes_steroids_is_asked_before_the_dose_at_every_step(trials, name):
    facts: dict[str, Any] = {"takes_immunosuppressants": False}
    questions = next_questions(chosen(trials, name), facts, on_date=ON)
    assert "takes_steroids" in questions
    assert first_index(questions, "takes_steroids") < first_index(questions, "daily_steroid_dose")
    assert "daily_steroid_dose" not in next_questions(
        chosen(trials, name), {**facts, "takes_steroids": False}, on_date=ON
    )
    assert "daily_steroid_dose" in next_questions(
        chosen(trials, name), {**facts, "takes_steroids": True}, on_date=ON
    )


@pytest.mark.parametrize("name", [XJ_ID, NCT_ID, BOTH])
def test_sex_is_asked_before_can_become_pregnant(trials, name):
    questions = next_questions(chosen(trials, name), {}, on_date=ON)
    assert "sex" in questions
    assert not set(questions) & set(PREGNANCY), "pregnancy questions wait until we know the sex"
    after = next_questions(chosen(trials, name), {"sex": "female"}, on_date=ON)
    assert "can_become_pregnant" in after


# ----- Nothing wasted ---------------------------------------------------------------------------------
def test_once_xj_excludes_none_of_its_facts_are_asked(trials, xj):
    assert evaluate(xj, {"age": 80}, on_date=ON).outcome is Outcome.NOT_ELIGIBLE
    assert next_questions([xj], {"age": 80}, on_date=ON) == []


def test_when_both_trials_exclude_nothing_more_is_asked(trials):
    assert next_questions(trials, {"age": 80}, on_date=ON) == []
    assert next_questions(trials, {"diagnosis": "no_cancer"}, on_date=ON) == []


def test_only_the_open_trial_is_asked_about(trials):
    # 72 is too old for NCT06642025 (18-70) but fits XJ-MK-002 (18-75).
    questions = next_questions(trials, {"age": 72}, on_date=ON)
    assert questions
    assert set(questions) <= READS[XJ_ID]
    assert "haemoglobin" not in questions


@pytest.mark.parametrize("name", [XJ_ID, NCT_ID, BOTH])
def test_a_man_is_never_asked_about_pregnancy_or_breastfeeding(trials, name):
    facts: dict[str, Any] = {"sex": "male"}
    for _ in range(60):
        questions = next_questions(chosen(trials, name), facts, on_date=ON)
        assert not set(questions) & set(PREGNANCY), questions
        if not questions:
            break
        fact_id = questions[0]
        facts[fact_id] = changed(baseline_facts(BOTH), MAN)[fact_id]
    assert next_questions(chosen(trials, name), facts, on_date=ON) == []


def test_heart_failure_limitation_is_not_asked_without_heart_failure(trials):
    assert "heart_failure_limitation" not in next_questions(trials, {"heart_failure": False}, on_date=ON)
    assert "heart_failure_limitation" in next_questions(trials, {"heart_failure": True}, on_date=ON)


def test_the_refractory_history_stops_once_one_route_fits(nct):
    facts = {"diagnosis": "aml", "aml_no_response_after_two_courses": True}
    questions = next_questions([nct], facts, on_date=ON)
    assert not set(questions) & {
        "aml_relapse_count",
        "aml_relapse_within_12_months",
        "aml_relapse_no_response",
        "aml_extramedullary",
    }


def test_the_aml_history_is_not_asked_for_another_cancer(nct, trials):
    questions = next_questions(trials, {"diagnosis": "solid_tumour"}, on_date=ON)
    assert not [q for q in questions if q.startswith("aml_")]


def test_an_unanswered_fact_is_asked_but_an_i_dont_know_is_not_asked_again(trials):
    assert "platelet_count" in next_questions(trials, {}, on_date=ON)
    assert "platelet_count" not in next_questions(trials, {"platelet_count": "unknown"}, on_date=ON)


# ----- Gates still help after "I don't know" ------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"sex": REMOVE, "breastfeeding": "unknown"}, id="breastfeeding-unknown"),
        pytest.param(
            {
                "sex": REMOVE,
                "can_become_pregnant": "unknown",
                "partner_can_become_pregnant": False,
                "willing_contraception": False,
            },
            id="can-become-pregnant-unknown",
        ),
        pytest.param(
            {"sex": REMOVE, "can_become_pregnant": "unknown", "pregnant": REMOVE}, id="chain-to-pregnant"
        ),
    ],
)
def test_sex_is_asked_when_it_can_settle_an_i_dont_know_about_pregnancy(nct, changes):
    # A man cannot be pregnant or breastfeeding, so his sex settles these "I don't know"s.
    facts = from_baseline(NCT_ID, changes)
    assert evaluate(nct, facts, on_date=ON).outcome is Outcome.NEEDS_REVIEW
    assert evaluate(nct, {**facts, "sex": "male"}, on_date=ON).outcome is Outcome.LIKELY_ELIGIBLE
    assert "sex" in next_questions([nct], facts, on_date=ON)


def test_a_woman_unsure_if_she_can_become_pregnant_is_asked_if_she_is(nct):
    facts = from_baseline(NCT_ID, {"can_become_pregnant": "unknown", "pregnant": REMOVE})
    assert "pregnant" in next_questions([nct], facts, on_date=ON)


@pytest.mark.parametrize(
    "changes, asked",
    [
        pytest.param(
            {"takes_immunosuppressants": "unknown", "daily_steroid_dose": "unknown"},
            False,
            id="immunosuppressants-and-dose-unknown",
        ),
        pytest.param(
            {"takes_immunosuppressants": "unknown", "daily_steroid_dose": 40},
            True,
            id="immunosuppressants-unknown-high-dose",
        ),
        pytest.param(
            {"takes_immunosuppressants": False, "daily_steroid_dose": "unknown"}, True, id="dose-unknown"
        ),
    ],
)
def test_takes_steroids_is_only_asked_when_its_answer_can_matter(nct, changes, asked):
    # any[immunosuppressants, all[steroids, dose > 15]]: with the first and the dose unknown, no
    # answer about steroids can settle the criterion, so asking would waste the person's time.
    facts = from_baseline(NCT_ID, {"takes_steroids": REMOVE}, changes)
    assert ("takes_steroids" in next_questions([nct], facts, on_date=ON)) is asked
    statuses = {
        answer: criterion_result(
            evaluate(nct, {**facts, "takes_steroids": answer}, on_date=ON),
            "exc-2-long-term-immunosuppressants",
        ).status
        for answer in (True, False, "unknown")
    }
    assert (len(set(statuses.values())) > 1) is asked, statuses


# ----- A whole conversation ---------------------------------------------------------------------------
def converse(trials, person: dict[str, Any], limit: int = 100) -> list[str]:
    """Ask the first question, answer it from `person`, repeat; return the questions asked."""
    facts: dict[str, Any] = {}
    asked: list[str] = []
    for _ in range(limit):
        questions = next_questions(trials, facts, on_date=ON)
        if not questions:
            return asked
        fact_id = questions[0]
        assert fact_id not in facts, f"{fact_id} asked twice"
        assert fact_id in person, f"asked {fact_id}, which the likely-eligible person does not need"
        facts[fact_id] = person[fact_id]
        asked.append(fact_id)
    raise AssertionError(f"no end after {limit} questions: {asked}")


PEOPLE = [
    pytest.param(XJ_ID, baseline_facts(XJ_ID), id="xj-woman"),
    pytest.param(XJ_ID, from_baseline(XJ_ID, MAN), id="xj-man"),
    pytest.param(NCT_ID, baseline_facts(NCT_ID), id="nct-woman"),
    pytest.param(NCT_ID, from_baseline(NCT_ID, MAN), id="nct-man"),
    pytest.param(BOTH, baseline_facts(BOTH), id="both-woman"),
    pytest.param(BOTH, from_baseline(BOTH, MAN), id="both-man"),
]


@pytest.mark.parametrize("name, person", PEOPLE)
def test_answering_every_question_ends_likely_eligible_in_fewer_questions_than_facts_read(
    trials, name, person
):
    screened = chosen(trials, name)
    asked = converse(screened, person)
    facts = {f: person[f] for f in asked}
    for trial in screened:
        result = evaluate(trial, facts, on_date=ON)
        assert result.outcome is Outcome.LIKELY_ELIGIBLE, describe(result)
    who = f"{name}, {person['sex']}"
    print(f"\n{who}: {len(asked)} questions (the trials read {len(READS[name])} facts): {', '.join(asked)}")
    assert len(asked) < len(READS[name])
    assert asked.index("sex") < min((asked.index(f) for f in PREGNANCY if f in asked), default=len(asked))
