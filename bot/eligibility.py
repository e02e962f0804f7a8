"""Screening a person's facts against one trial: each criterion, then the trial's outcome.

The safety rules live here, in one place:
- Unknown never excludes: a criterion is only "not met" when the rule is FALSE on known facts.
- A study-team criterion never excludes; it is listed as "to be confirmed by the study team".
- A misfit marked `review` goes to the study team as unknown, never as not met.
- A misfit marked `schedule` (a transfusion yesterday) is a scheduling note, not an exclusion.
- Time windows are judged against `on_date`, the planned dosing date, not today.

Outcomes: not eligible if any criterion is not met; needs review if any criterion the person can
answer is still unknown; otherwise likely eligible. The study team always makes the final decision.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel

from bot.facts import FactSet, Registry, default_registry, parse_facts
from bot.messages import message
from bot.rules import FactState, Truth
from bot.text import fill, localize
from bot.trial_schema import Criterion, Trial, schedule_window_test


class Status(str, enum.Enum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class Outcome(str, enum.Enum):
    LIKELY_ELIGIBLE = "likely_eligible"
    NEEDS_REVIEW = "needs_review"
    NOT_ELIGIBLE = "not_eligible"


class CriterionResult(BaseModel):
    criterion_id: str
    kind: str
    status: Status
    to_be_confirmed_by_study_team: bool = False
    reason: str
    note: str | None = None
    plain: str
    protocol_ref: str
    protocol_text: str
    facts_read: list[str]
    missing_facts: list[str] = []

    @property
    def display_status(self) -> str:
        if self.to_be_confirmed_by_study_team:
            return "to be confirmed by the study team"
        return self.status.value.replace("_", " ")


class TrialResult(BaseModel):
    trial_id: str
    protocol_version: str
    on_date: date
    outcome: Outcome
    criteria: list[CriterionResult]

    @property
    def excluded_by(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.status is Status.NOT_MET]

    @property
    def still_unknown(self) -> list[CriterionResult]:
        return [
            c for c in self.criteria if c.status is Status.UNKNOWN and not c.to_be_confirmed_by_study_team
        ]

    @property
    def to_confirm(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.to_be_confirmed_by_study_team]

    @property
    def notes(self) -> list[str]:
        return [c.note for c in self.criteria if c.note]


FactsInput = FactSet | Mapping[str, Any]


def evaluate(
    trial: Trial,
    facts: FactsInput,
    on_date: date | None = None,
    language: str = "en",
    registry: Registry | None = None,
) -> TrialResult:
    """Screen facts against every criterion of a trial, as of the planned dosing date `on_date`."""
    registry = registry or default_registry()
    context = _Context(as_fact_set(facts, on_date, registry), registry, language)
    results = [evaluate_criterion(c, context) for c in trial.criteria]
    return TrialResult.construct(
        trial_id=trial.id,
        protocol_version=trial.protocol_version,
        on_date=context.facts.reference_date,
        outcome=decide_outcome(results),
        criteria=results,
    )


def as_fact_set(facts: FactsInput, on_date: date | None, registry: Registry) -> FactSet:
    if isinstance(facts, FactSet):
        return facts if on_date in (None, facts.reference_date) else facts.as_of(on_date, registry)
    return parse_facts(facts, on_date or date.today(), registry)


def decide_outcome(results: list[CriterionResult]) -> Outcome:
    if any(r.status is Status.NOT_MET for r in results):
        return Outcome.NOT_ELIGIBLE
    if any(r.status is Status.UNKNOWN and not r.to_be_confirmed_by_study_team for r in results):
        return Outcome.NEEDS_REVIEW
    return Outcome.LIKELY_ELIGIBLE


class _Context:
    """What every criterion of one evaluation shares; the answers are put into words only once."""

    def __init__(self, facts: FactSet, registry: Registry, language: str):
        self.facts, self.registry, self.language = facts, registry, language
        self._answers_text: dict[str, str] | None = None

    @property
    def answers_text(self) -> dict[str, str]:
        if self._answers_text is None:
            self._answers_text = describe_answers(self.facts, self.registry, self.language)
        return self._answers_text


def evaluate_criterion(criterion: Criterion, context: _Context) -> CriterionResult:
    """One criterion's status, with a plain reason and, for a schedulable misfit, a note."""
    facts = context.facts
    applies = criterion.applies_if.evaluate(facts) if criterion.applies_if is not None else Truth.TRUE
    if applies is Truth.FALSE:
        return _result(criterion, context, Status.NOT_APPLICABLE, "not_applicable")
    if criterion.verified_by == "study_team":
        return _result(criterion, context, Status.UNKNOWN, "study_team")

    fits = criterion.rule.evaluate(facts)
    if criterion.kind == "exclusion":
        fits = fits.negate()
    if fits is Truth.TRUE:
        return _result(criterion, context, Status.MET, "met")
    if fits is Truth.UNKNOWN or applies is Truth.UNKNOWN:
        missing = [f for f in criterion.reads if facts.state(f) is not FactState.ANSWERED]
        return _result(criterion, context, Status.UNKNOWN, "unknown", missing)
    if criterion.when_not_fitting == "review":
        return _result(criterion, context, Status.UNKNOWN, "review")
    if criterion.when_not_fitting == "schedule":
        result = _result(criterion, context, Status.MET, "met")
        result.note = _schedule_note(criterion, context)
        return result
    return _result(criterion, context, Status.NOT_MET, "not_met")


def _result(
    criterion: Criterion, context: _Context, status: Status, reason_key: str, missing=()
) -> CriterionResult:
    language = context.language
    plain = localize(criterion.plain, language)
    template = getattr(criterion.reasons, reason_key, None)
    if template is not None:
        reason = fill(localize(template, language), context.answers_text)
    elif reason_key == "unknown" and not missing:
        reason = message("reason.unknown_answered", language, plain=plain)
    else:
        labels = ", ".join(localize(context.registry[f].label, language) for f in missing)
        reason = message(f"reason.{reason_key}", language, plain=plain, missing=labels)
    # construct(): the engine builds these itself, so pydantic's validation would only cost time.
    return CriterionResult.construct(
        criterion_id=criterion.id,
        kind=criterion.kind,
        status=status,
        to_be_confirmed_by_study_team=reason_key == "study_team",
        reason=reason,
        note=None,
        plain=plain,
        protocol_ref=criterion.protocol_ref,
        protocol_text=criterion.protocol_text,
        facts_read=list(criterion.reads),
        missing_facts=list(missing),
    )


def _schedule_note(criterion: Criterion, context: _Context) -> str:
    test = schedule_window_test(criterion.rule, criterion.kind)  # the schema guarantees its shape
    window = test.ago.at_most or test.ago.less_than
    earliest = context.facts.value(test.fact) + window.as_relativedelta()
    wait = message("duration.join", context.language).join(
        message(f"duration.{unit}{'' if n == 1 else 's'}", context.language, n=str(n))
        for n, unit in window.parts()
    )
    values = {**context.answers_text, "earliest": earliest.isoformat(), "wait": wait}
    template = criterion.reasons.schedule
    if template is not None:
        return fill(localize(template, context.language), values)
    return message("reason.schedule", context.language, **values)


def describe_answers(facts: FactSet, registry: Registry, language: str) -> dict[str, str]:
    """Each known fact as words, for reason templates such as "you told us you are {age}"."""
    shown: dict[str, str] = {}
    for fact_id in list(facts.answers) + list(facts.derived):
        if facts.state(fact_id) is not FactState.ANSWERED:
            continue
        value = facts.value(fact_id)
        definition = registry[fact_id]
        if definition.type == "choice":
            shown[fact_id] = definition.choice_label(value, language)
        elif definition.type == "choices":
            shown[fact_id] = ", ".join(definition.choice_label(v, language) for v in value)
        elif isinstance(value, float):
            shown[fact_id] = f"{value:g}"
        else:
            shown[fact_id] = str(value.isoformat() if isinstance(value, date) else value)
    return shown
