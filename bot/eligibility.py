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
from datetime import date
from typing import Any, Dict, List, Mapping, Optional, Union

from pydantic import BaseModel

from bot.facts import FactSet, Registry, default_registry, parse_facts
from bot.messages import message
from bot.rules import FactState, Truth, facts_read
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
    note: Optional[str] = None
    plain: str
    protocol_ref: str
    protocol_text: str
    facts_read: List[str]
    missing_facts: List[str] = []

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
    criteria: List[CriterionResult]

    @property
    def excluded_by(self) -> List[CriterionResult]:
        return [c for c in self.criteria if c.status is Status.NOT_MET]

    @property
    def still_unknown(self) -> List[CriterionResult]:
        return [c for c in self.criteria if c.status is Status.UNKNOWN and not c.to_be_confirmed_by_study_team]

    @property
    def to_confirm(self) -> List[CriterionResult]:
        return [c for c in self.criteria if c.to_be_confirmed_by_study_team]

    @property
    def notes(self) -> List[str]:
        return [c.note for c in self.criteria if c.note]


FactsInput = Union[FactSet, Mapping[str, Any]]


def evaluate(
    trial: Trial,
    facts: FactsInput,
    on_date: Optional[date] = None,
    language: str = "en",
    registry: Optional[Registry] = None,
) -> TrialResult:
    """Screen facts against every criterion of a trial, as of the planned dosing date `on_date`."""
    registry = registry or default_registry()
    fact_set = as_fact_set(facts, on_date, registry)
    results = [evaluate_criterion(c, fact_set, registry, language) for c in trial.criteria]
    return TrialResult(
        trial_id=trial.id,
        protocol_version=trial.protocol_version,
        on_date=fact_set.reference_date,
        outcome=decide_outcome(results),
        criteria=results,
    )


def as_fact_set(facts: FactsInput, on_date: Optional[date], registry: Registry) -> FactSet:
    if isinstance(facts, FactSet):
        return facts if on_date in (None, facts.reference_date) else facts.as_of(on_date, registry)
    return parse_facts(facts, on_date or date.today(), registry)


def decide_outcome(results: List[CriterionResult]) -> Outcome:
    if any(r.status is Status.NOT_MET for r in results):
        return Outcome.NOT_ELIGIBLE
    if any(r.status is Status.UNKNOWN and not r.to_be_confirmed_by_study_team for r in results):
        return Outcome.NEEDS_REVIEW
    return Outcome.LIKELY_ELIGIBLE


def evaluate_criterion(criterion: Criterion, facts: FactSet, registry: Registry, language: str = "en") -> CriterionResult:
    """One criterion's status, with a plain reason and, for a schedulable misfit, a note."""
    plain = localize(criterion.plain, language)
    base = dict(
        criterion_id=criterion.id,
        kind=criterion.kind,
        plain=plain,
        protocol_ref=criterion.protocol_ref,
        protocol_text=criterion.protocol_text,
        facts_read=facts_read(criterion.applies_if) + facts_read(criterion.rule),
    )
    applies = criterion.applies_if.evaluate(facts) if criterion.applies_if is not None else Truth.TRUE
    if applies is Truth.FALSE:
        return _result(base, criterion, Status.NOT_APPLICABLE, "not_applicable", facts, registry, language)
    if criterion.verified_by == "study_team":
        reason = message("reason.study_team", language, plain=plain)
        return CriterionResult(**base, status=Status.UNKNOWN, to_be_confirmed_by_study_team=True, reason=reason)

    fits = criterion.rule.evaluate(facts)
    if criterion.kind == "exclusion":
        fits = fits.negate()
    missing = _missing(criterion, facts)

    if fits is Truth.TRUE:
        return _result(base, criterion, Status.MET, "met", facts, registry, language)
    if fits is Truth.UNKNOWN or applies is Truth.UNKNOWN:
        return _result(base, criterion, Status.UNKNOWN, "unknown", facts, registry, language, missing)
    if criterion.when_not_fitting == "review":
        return _result(base, criterion, Status.UNKNOWN, "review", facts, registry, language)
    if criterion.when_not_fitting == "schedule":
        result = _result(base, criterion, Status.MET, "met", facts, registry, language)
        result.note = _schedule_note(criterion, facts, registry, language)
        return result
    return _result(base, criterion, Status.NOT_MET, "not_met", facts, registry, language)


def _result(base, criterion, status, reason_key, facts, registry, language, missing=()) -> CriterionResult:
    template = getattr(criterion.reasons, reason_key)
    values = describe_answers(facts, registry, language)
    missing_labels = ", ".join(localize(registry[f].label, language) for f in missing)
    if template is not None:
        reason = fill(localize(template, language), values)
    else:
        reason = message(f"reason.{reason_key}", language, plain=base["plain"], missing=missing_labels)
        if reason_key == "unknown" and not missing:
            reason = message("reason.unknown_answered", language, plain=base["plain"])
    return CriterionResult(**base, status=status, reason=reason, missing_facts=list(missing))


def _missing(criterion: Criterion, facts: FactSet) -> List[str]:
    """Facts this criterion reads that we do not know (unanswered or "I don't know")."""
    read = facts_read(criterion.applies_if) + facts_read(criterion.rule)
    return [f for f in dict.fromkeys(read) if facts.state(f) is not FactState.ANSWERED]


def _schedule_note(criterion: Criterion, facts: FactSet, registry: Registry, language: str) -> str:
    test = schedule_window_test(criterion.rule, criterion.kind)  # the schema guarantees its shape
    window = test.ago.at_most or test.ago.less_than
    earliest = facts.value(test.fact) + window.as_relativedelta()
    values = {**describe_answers(facts, registry, language), "earliest": earliest.isoformat(), "wait": window.describe()}
    template = criterion.reasons.schedule
    if template is not None:
        return fill(localize(template, language), values)
    return message("reason.schedule", language, **values)


def describe_answers(facts: FactSet, registry: Registry, language: str) -> Dict[str, str]:
    """Each known fact as words, for reason templates such as "you told us you are {age}"."""
    shown: Dict[str, str] = {}
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
