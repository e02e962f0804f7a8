"""plan_screening remembers plans for the answers the form asks about repeatedly, and never hands
a plan made for other trials, other answers or another day."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import conversation
from bot.eligibility import evaluate
from bot.facts import default_registry
from bot.next_questions import next_questions
from bot.parsing import Parsed
from bot.trials import load_trials

TRIALS = tuple(load_trials())
ON = date(2026, 11, 21)
ANSWERS = {
    "age": {"status": "value", "value": 47, "said": "47"},
    "sex": {"status": "value", "value": "female", "said": "woman"},
}


def fresh(trials, answers, today):  # noqa: ANN001
    """The plan computed from scratch with the engine's public functions, each on its own."""
    registry = default_registry()
    facts = conversation.answers_as_facts(answers, today, registry)
    return conversation.ScreeningPlan(
        questions=tuple(next_questions(trials, facts, registry=registry)),
        results=tuple(evaluate(t, facts, registry=registry) for t in trials),
    )


def test_the_same_answers_give_the_same_plan_object_and_it_is_right():
    first = conversation.plan_screening(TRIALS, dict(ANSWERS), ON)
    again = conversation.plan_screening(TRIALS, copy.deepcopy(ANSWERS), ON)
    assert again is first
    assert first == fresh(TRIALS, ANSWERS, ON)


def test_other_answers_another_day_or_other_trials_get_their_own_plan():
    base = conversation.plan_screening(TRIALS, ANSWERS, ON)
    older = {**ANSWERS, "age": {"status": "value", "value": 80, "said": "80"}}
    assert conversation.plan_screening(TRIALS, older, ON) == fresh(TRIALS, older, ON)
    assert conversation.plan_screening(TRIALS, ANSWERS, date(2027, 6, 1)) == fresh(
        TRIALS, ANSWERS, date(2027, 6, 1)
    )
    one = TRIALS[:1]
    assert conversation.plan_screening(one, ANSWERS, ON) == fresh(one, ANSWERS, ON)
    assert conversation.plan_screening(one, ANSWERS, ON) is not base


def test_a_different_trial_object_with_the_same_id_is_not_mixed_up():
    edited = TRIALS[0].copy(deep=True)
    edited.criteria = edited.criteria[:1]
    plan = conversation.plan_screening((edited, *TRIALS[1:]), ANSWERS, ON)
    assert plan == fresh((edited, *TRIALS[1:]), ANSWERS, ON)
    assert plan != conversation.plan_screening(TRIALS, ANSWERS, ON)


def test_answers_that_are_not_plain_json_are_planned_without_the_memo():
    with_date = {
        **ANSWERS,
        "diagnosis_date": {"status": "value", "value": date(2026, 1, 5), "said": "January"},
    }
    assert conversation.plan_screening(TRIALS, with_date, ON) == fresh(TRIALS, with_date, ON)
    # JSON would turn the tuple into a list: such answers are not looked up by their JSON text.
    with_tuple = {**ANSWERS, "age": {"status": "value", "value": 47, "said": ("4", "7")}}
    first = conversation.plan_screening(TRIALS, with_tuple, ON)
    assert first == fresh(TRIALS, with_tuple, ON)
    assert conversation.plan_screening(TRIALS, with_tuple, ON) is not first


def test_a_plan_where_one_study_excludes_and_the_other_does_not():
    # Breast cancer excludes the CAR-T study (AML only) but not the platelet study: the questions
    # must come from the study still open, and each result must belong to its own study.
    answers = {
        "age": {"status": "value", "value": 60, "said": "60"},
        "diagnosis": {"status": "value", "value": "solid_tumour", "said": "breast cancer"},
    }
    plan = conversation.plan_screening(TRIALS, answers, ON)
    assert plan == fresh(TRIALS, answers, ON)
    assert {r.outcome.value for r in plan.results} == {"not_eligible", "needs_review"}
    assert plan.questions


FACT_IDS = sorted(default_registry().definitions)


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(FACT_IDS), max_size=25), st.sampled_from(["unknown", "unclear"]))
def test_i_dont_know_or_an_unparsed_answer_never_excludes_through_the_remembered_plan(fact_ids, status):
    # The path the conversation takes: record_answer stores "I don't know" and a twice-unclear
    # answer as unknown, and plan_screening (remembered or not) must never call that a misfit.
    answers: dict = {}
    for fact_id in sorted(fact_ids):
        parsed = Parsed(status="unknown" if status == "unknown" else "unclear", said="not sure")
        answers = conversation.record_answer(answers, fact_id, parsed, question="?")
    for _ in range(2):  # the second call comes from the memo
        plan = conversation.plan_screening(TRIALS, answers, ON)
        assert all(r.outcome.value != "not_eligible" for r in plan.results)
        assert not any(c.status.value == "not_met" for r in plan.results for c in r.criteria)
