"""Safety properties of the engine, on random people drawn from the facts registry.

- "I don't know" (or not being asked yet) can never exclude anyone;
- a study-team, review or scheduling criterion never excludes;
- the next questions are exactly the facts that can still change an outcome: nothing answered,
  nothing without a question or that cannot matter is asked, and nothing that can matter is left out.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest
from conftest import BOTH_BASELINE, NEVER, ON, SAMPLES
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.eligibility import Outcome, Status, evaluate
from bot.facts import FactDefinition, FactSet, default_registry, parse_facts
from bot.next_questions import next_questions
from bot.rules import FactState, facts_read
from bot.trials import load_trials

REGISTRY = default_registry()
TRIALS = load_trials()
TRIAL_SETS = {"both": TRIALS, **{t.id: [t] for t in TRIALS}}
ABSENT = object()
UNKNOWN_ANSWERS = ("unknown", None)


# PRESCREEN_PROPERTY_STRESS=20 runs 20 times the examples, randomly (for a hunt, not for CI).
STRESS = int(os.environ.get("PRESCREEN_PROPERTY_STRESS", "1"))


def examples(n: int):
    return settings(
        max_examples=n * STRESS,
        derandomize=STRESS == 1,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ----- Strategies ---------------------------------------------------------------------------------
def valid_values(definition: FactDefinition) -> st.SearchStrategy:
    """A valid answer: a hand-picked sample near a threshold, or anything of the fact's type."""
    kind, low, high = definition.type, definition.minimum, definition.maximum
    if definition.id == "birth_date":  # ages 0 to 100 on the dosing date, never in the future
        anything = st.dates(ON - relativedelta(years=100), ON).map(date.isoformat)
    elif kind == "integer":
        anything = st.integers(int(low), int(high))
    elif kind == "number":
        anything = st.floats(low, high, allow_nan=False, allow_infinity=False)
    elif kind == "boolean":
        anything = st.booleans()
    elif kind == "choice":
        anything = st.sampled_from(definition.choice_values)
    elif kind == "choices":
        anything = st.lists(st.sampled_from(definition.choice_values), unique=True)
    else:
        anything = st.dates(ON - relativedelta(years=3), ON + relativedelta(years=3)).map(date.isoformat)
        if definition.allow_never:
            anything = st.one_of(anything, st.just(NEVER))
    return st.one_of(st.sampled_from(SAMPLES[definition.id]), anything)


def answers(definition: FactDefinition) -> st.SearchStrategy:
    """Not asked yet, "I don't know", or a valid value (the state drawn first, for an even spread)."""
    by_state = {
        "absent": st.just(ABSENT),
        "unknown": st.sampled_from(UNKNOWN_ANSWERS),
        "value": valid_values(definition),
    }
    return st.sampled_from(sorted(by_state)).flatmap(by_state.__getitem__)


def _with_one_age_source(draw, facts: dict[str, Any]) -> dict[str, Any]:
    # An age and a birth date that disagree are not one person; give at most one of them.
    facts.pop("age", None)
    facts.pop("birth_date", None)
    source = draw(st.sampled_from(["age", "birth_date"]))
    value = draw(answers(REGISTRY[source]))
    if value is not ABSENT:
        facts[source] = value
    return facts


@st.composite
def random_people(draw) -> dict[str, Any]:
    facts = {}
    for definition in REGISTRY:
        value = draw(answers(definition))
        if value is not ABSENT:
            facts[definition.id] = value
    return _with_one_age_source(draw, facts)


@st.composite
def nearly_eligible_people(draw) -> dict[str, Any]:
    """The person who fits both trials, with a few answers changed, dropped or unknown."""
    facts = dict(BOTH_BASELINE)
    for definition in REGISTRY:
        if draw(st.sampled_from(["keep"] * 5 + ["change"])) == "change":
            value = draw(answers(definition))
            facts.pop(definition.id, None)
            if value is not ABSENT:
                facts[definition.id] = value
    if "age" in facts and draw(st.booleans()):
        age = facts.pop("age")
        if age not in UNKNOWN_ANSWERS:  # the same age as a birth date
            facts["birth_date"] = (ON - relativedelta(years=age)).isoformat()
    return _with_one_age_source(draw, facts) if "birth_date" in facts and "age" in facts else facts


PREGNANCY_CLUSTER = [
    "sex",
    "can_become_pregnant",
    "pregnant",
    "breastfeeding",
    "partner_can_become_pregnant",
    "willing_contraception",
    "willing_no_sperm_donation",
]


@st.composite
def pregnancy_cluster_people(draw) -> dict[str, Any]:
    """The person who fits both trials, with the facts that imply one another (sex → could become
    pregnant → pregnant) each kept, dropped, unknown or changed: where the subtle logic lives."""
    facts = dict(BOTH_BASELINE)
    for fact_id in PREGNANCY_CLUSTER:
        if draw(st.booleans()):
            continue  # kept as in the baseline
        value = draw(answers(REGISTRY[fact_id]))
        facts.pop(fact_id, None)
        if value is not ABSENT:
            facts[fact_id] = value
    return facts


people = st.one_of(random_people(), nearly_eligible_people(), pregnancy_cluster_people())
trial_sets = st.sampled_from(sorted(TRIAL_SETS)).map(TRIAL_SETS.__getitem__)  # drawn by name: short reprs


def outcomes(trials: Sequence, facts) -> dict[str, Outcome]:
    return {t.id: evaluate(t, facts, on_date=ON).outcome for t in trials}


def test_the_samples_cover_every_fact_and_are_valid():
    assert set(SAMPLES) == {d.id for d in REGISTRY}
    for fact_id, values in SAMPLES.items():
        for value in values:
            parse_facts({fact_id: value}, ON)  # raises FactsError if a sample is not a valid answer


def test_the_generators_produce_likely_eligible_people():
    # Without likely-eligible examples the properties below would be vacuous for that outcome.
    assert set(outcomes(TRIALS, BOTH_BASELINE).values()) == {Outcome.LIKELY_ELIGIBLE}


# ----- (a), (b): not knowing never excludes --------------------------------------------------------
@examples(100)
@given(facts=people, data=st.data())
def test_turning_answers_into_i_dont_know_never_excludes(facts, data):
    known = sorted(k for k, v in facts.items() if v not in UNKNOWN_ANSWERS)
    assume(known)
    forgotten = data.draw(st.lists(st.sampled_from(known), min_size=1, unique=True), label="made unknown")
    after = {**facts, **dict.fromkeys(forgotten, "unknown")}
    for trial in TRIALS:
        was, now = evaluate(trial, facts, on_date=ON), evaluate(trial, after, on_date=ON)
        if was.outcome is not Outcome.NOT_ELIGIBLE:
            assert now.outcome is not Outcome.NOT_ELIGIBLE, (trial.id, forgotten)
        excluded_before = {c.criterion_id for c in was.criteria if c.status is Status.NOT_MET}
        excluded_now = {c.criterion_id for c in now.criteria if c.status is Status.NOT_MET}
        assert excluded_now <= excluded_before, (trial.id, forgotten)


@examples(80)
@given(facts=people, data=st.data())
def test_removing_answers_never_excludes(facts, data):
    assume(facts)
    dropped = data.draw(st.lists(st.sampled_from(sorted(facts)), min_size=1, unique=True), label="dropped")
    after = {k: v for k, v in facts.items() if k not in dropped}
    for trial in TRIALS:
        was, now = evaluate(trial, facts, on_date=ON), evaluate(trial, after, on_date=ON)
        if was.outcome is not Outcome.NOT_ELIGIBLE:
            assert now.outcome is not Outcome.NOT_ELIGIBLE, (trial.id, dropped)
        excluded_before = {c.criterion_id for c in was.criteria if c.status is Status.NOT_MET}
        assert {c.criterion_id for c in now.criteria if c.status is Status.NOT_MET} <= excluded_before


# ----- (c): criteria that never exclude --------------------------------------------------------------
@examples(100)
@given(facts=people)
def test_study_team_review_and_scheduling_criteria_never_exclude(facts):
    for trial in TRIALS:
        by_id = {c.id: c for c in trial.criteria}
        result = evaluate(trial, facts, on_date=ON)
        for c in result.criteria:
            criterion = by_id[c.criterion_id]
            if criterion.verified_by == "study_team":
                assert c.status in (Status.UNKNOWN, Status.NOT_APPLICABLE), c.criterion_id
                assert c.to_be_confirmed_by_study_team is (c.status is Status.UNKNOWN), c.criterion_id
            else:
                assert not c.to_be_confirmed_by_study_team, c.criterion_id
            if criterion.when_not_fitting in ("review", "schedule"):
                assert c.status is not Status.NOT_MET, c.criterion_id
        if any(c.status is Status.NOT_MET for c in result.criteria):
            assert result.outcome is Outcome.NOT_ELIGIBLE


# ----- (d): only unanswered facts with a question ---------------------------------------------------
@examples(100)
@given(facts=people, trials=trial_sets)
def test_next_questions_are_unanswered_askable_facts(facts, trials):
    asked = next_questions(trials, facts, on_date=ON)
    fact_set = parse_facts(facts, ON)
    assert len(asked) == len(set(asked))
    for fact_id in asked:
        assert fact_id not in facts, f"{fact_id} was already answered ({facts[fact_id]!r})"
        assert REGISTRY[fact_id].question is not None, f"{fact_id} has no question"
        assert fact_set.state(fact_id) is FactState.UNANSWERED, f"{fact_id} follows from other answers"
    if all(o is Outcome.NOT_ELIGIBLE for o in outcomes(trials, facts).values()):
        assert asked == []


# ----- (e): what is not asked cannot change an outcome -----------------------------------------------
def implication_still_open(fact_id: str, fact_set: FactSet) -> bool:
    """The fact may yet follow from another answer (sex before "could you be pregnant?"): a fact its
    implications read is unanswered, or is unknown but may itself yet follow from another answer."""
    return any(
        fact_set.state(gate) is FactState.UNANSWERED
        or (fact_set.state(gate) is FactState.UNKNOWN and implication_still_open(gate, fact_set))
        for implication in REGISTRY[fact_id].implied
        for gate in facts_read(implication.when)
    )


def unasked_facts(facts: dict[str, Any], trials) -> list[str]:
    asked = set(next_questions(trials, facts, on_date=ON))
    fact_set = parse_facts(facts, ON)
    return [
        d.id
        for d in REGISTRY
        if d.id not in facts
        and d.id not in asked
        and d.answers_for is None  # a birth date is another way to answer the age question
        and fact_set.state(d.id) is FactState.UNANSWERED  # not already following from other answers
        and not implication_still_open(d.id, fact_set)
    ]


def assert_unasked_facts_cannot_change_outcomes(facts: dict[str, Any], trials, data, only=None) -> None:
    candidates = [f for f in unasked_facts(facts, trials) if only is None or f in only]
    before = outcomes(trials, facts) if candidates else {}
    for fact_id in candidates:
        drawn = data.draw(valid_values(REGISTRY[fact_id]), label=f"another answer to {fact_id}")
        for value in [*SAMPLES[fact_id], drawn]:
            after = outcomes(trials, {**facts, fact_id: value})
            assert after == before, (
                f"answering {fact_id}={value!r}, which was not asked, changed {before} to {after}"
            )


@examples(40)
@given(facts=people, trials=trial_sets, data=st.data())
def test_a_fact_that_is_not_asked_cannot_change_any_outcome(facts, trials, data):
    assert_unasked_facts_cannot_change_outcomes(facts, trials, data)


@examples(120)
@given(facts=pregnancy_cluster_people(), data=st.data())
def test_around_pregnancy_a_fact_that_is_not_asked_cannot_change_any_outcome(facts, data):
    for trials in TRIAL_SETS.values():
        assert_unasked_facts_cannot_change_outcomes(facts, trials, data, only=PREGNANCY_CLUSTER)


# ----- (f): everything asked can change something ---------------------------------------------------
SINGLE_CRITERION = {
    (t.id, c.id): t.copy(update={"criteria": [c]})
    for t in TRIALS
    for c in t.criteria
    if c.verified_by == "patient"
}


def affected_by(fact_id: str) -> set[str]:
    """The fact and every fact that can follow from it (sex → could become pregnant → pregnant)."""
    found, frontier = {fact_id}, [fact_id]
    while frontier:
        gate = frontier.pop()
        for d in REGISTRY:
            if d.id not in found and any(gate in facts_read(i.when) for i in d.implied):
                found.add(d.id)
                frontier.append(d.id)
    return found


def status_with(trial_id: str, criterion_id: str, facts: dict[str, Any]) -> Status:
    return evaluate(SINGLE_CRITERION[(trial_id, criterion_id)], facts, on_date=ON).criteria[0].status


def witness(fact_id: str, facts: dict[str, Any], trials, max_others: int = 2) -> str | None:
    """A criterion of a trial not yet excluded whose status an answer to fact_id changes (from not
    answered, or from another answer), given answers to at most `max_others` of its other open facts."""
    fact_set = parse_facts(facts, ON)
    reach = affected_by(fact_id)
    for trial in trials:
        if evaluate(trial, facts, on_date=ON).outcome is Outcome.NOT_ELIGIBLE:
            continue
        for criterion in trial.criteria:
            if criterion.verified_by != "patient" or not reach & set(criterion.reads):
                continue
            others = [
                f for f in criterion.reads if f != fact_id and fact_set.state(f) is FactState.UNANSWERED
            ]
            for k in range(max_others + 1):
                for chosen in itertools.combinations(others, k):
                    for values in itertools.product(*(SAMPLES[f] for f in chosen)):
                        answers_given = dict(zip(chosen, values, strict=True))
                        base = {**facts, **answers_given}
                        statuses = {
                            status_with(trial.id, criterion.id, {**base, fact_id: v})
                            for v in SAMPLES[fact_id]
                        }
                        statuses.add(status_with(trial.id, criterion.id, base))  # not answered
                        if len(statuses) > 1:
                            return f"{trial.id} {criterion.id} given {answers_given}"
    return None


@examples(50)
@given(facts=people, trials=trial_sets, data=st.data())
def test_every_question_asked_can_change_a_criterion(facts, trials, data):
    asked = next_questions(trials, facts, on_date=ON)
    assume(asked)
    fact_id = data.draw(st.sampled_from(asked), label="fact asked")
    assert witness(fact_id, facts, trials), f"{fact_id} is asked but no answer to it changes any criterion"


@pytest.mark.parametrize("name", sorted(TRIAL_SETS))
def test_every_first_round_question_can_change_a_criterion(name):
    trials = TRIAL_SETS[name]
    for fact_id in next_questions(trials, {}, on_date=ON):
        assert witness(fact_id, {}, trials), fact_id
