"""The shape of a trial file, as pydantic models.

A trial file holds the registry facts (identifiers, sponsor, site, contact, status, protocol
version) and every inclusion and exclusion criterion. Each criterion keeps the exact protocol
sentence next to the rule that encodes it, so a coordinator can audit one against the other.

Criterion semantics, in short:
- `kind: inclusion`: the rule says what must be true. `kind: exclusion`: the rule says what
  excludes. Either way the criterion's status says whether the person fits the requirement
  (an exclusion is "met" when the excluding condition is absent).
- `verified_by: study_team`: only the study team can check it (histology, investigator's
  judgement...). It has no rule, never excludes, and is listed as "to be confirmed".
- `applies_if`: the criterion only applies when this rule holds (pregnancy rules and sex).
- `when_not_fitting`: what a misfit means. `exclude` (default) makes the person not eligible;
  `review` hands it to the study team (for words such as "severe" or "clinically significant"
  that only a clinician can judge); `schedule` means the team can satisfy it by timing the
  treatment, so it yields a scheduling note, never an exclusion.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Extra, Field, PrivateAttr, root_validator, validator

from bot.rules import FactTest, Not, Rule, facts_read, parse_rule
from bot.text import LocalizedText

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class Reasons(BaseModel, extra=Extra.forbid):
    """Optional plain-language explanations per result; `{fact_id}` shows the person's answer."""

    met: LocalizedText | None = None
    not_met: LocalizedText | None = None
    unknown: LocalizedText | None = None
    not_applicable: LocalizedText | None = None
    review: LocalizedText | None = None
    schedule: LocalizedText | None = None


class Criterion(BaseModel, extra=Extra.forbid):
    id: str = Field(..., regex=ID_PATTERN)
    kind: Literal["inclusion", "exclusion"]
    protocol_ref: str
    protocol_text: str
    plain: LocalizedText
    verified_by: Literal["patient", "study_team"]
    rule: Any | None = None
    applies_if: Any | None = None
    when_not_fitting: Literal["exclude", "review", "schedule"] = "exclude"
    reasons: Reasons = Reasons()
    _reads: list[str] = PrivateAttr(default_factory=list)

    def __init__(self, **data: Any):
        super().__init__(**data)
        self._reads = list(dict.fromkeys(facts_read(self.applies_if) + facts_read(self.rule)))

    @property
    def reads(self) -> list[str]:
        """The facts this criterion reads (applies_if first), each once."""
        return self._reads

    @validator("rule", "applies_if", pre=True)
    def _parse_rule(cls, raw: Any, field) -> Rule | None:
        return None if raw is None else parse_rule(raw, field.name)

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict[str, Any]) -> dict[str, Any]:
        rule, who = values.get("rule"), values.get("verified_by")
        if who == "patient" and rule is None:
            raise ValueError("`rule` is required when `verified_by` is patient")
        if who == "study_team" and rule is not None:
            raise ValueError("a study_team criterion has no `rule`: only the study team can check it")
        if (
            values.get("when_not_fitting") == "schedule"
            and schedule_window_test(rule, values.get("kind")) is None
        ):
            raise ValueError(
                "`when_not_fitting: schedule` needs one date test with `ago: {at_most: ...}` or "
                "`ago: {less_than: ...}` (wrapped in `not:` for an inclusion), so the earliest "
                "date can be worked out"
            )
        return values


def schedule_window_test(rule: Rule | None, kind: str | None) -> FactTest | None:
    """The date test of a schedulable criterion: `not: {date test}` for an inclusion, the test itself
    for an exclusion. None when the rule has another shape."""
    if kind == "inclusion" and isinstance(rule, Not):
        rule = rule.rule
    elif kind != "exclusion":
        return None
    bounded = isinstance(rule, FactTest) and rule.ago is not None
    if bounded and (rule.ago.at_most is not None or rule.ago.less_than is not None):
        return rule
    return None


class Contact(BaseModel, extra=Extra.forbid):
    name: str
    phone: str | None = None
    email: str | None = None


class Site(BaseModel, extra=Extra.forbid):
    name: str
    city: str
    country: str


class Trial(BaseModel, extra=Extra.forbid):
    id: str = Field(..., regex=ID_PATTERN)
    identifiers: dict[str, str]
    title: str
    short_title: LocalizedText
    summary: LocalizedText
    what_taking_part_involves: LocalizedText
    phase: str
    planned_participants: int = Field(..., gt=0)
    sponsor: str
    sites: list[Site] = Field(..., min_items=1)
    contact: Contact
    status: Literal["recruiting", "not_yet_recruiting", "closed"]
    protocol_version: str
    protocol_source: str
    last_reviewed: date
    notes: list[str] = []
    keywords: list[str] = []
    criteria: list[Criterion] = Field(..., min_items=1)

    @validator("criteria")
    def _unique_ids(cls, criteria: list[Criterion]) -> list[Criterion]:
        seen = set()
        for criterion in criteria:
            if criterion.id in seen:
                raise ValueError(f"`criteria`: id `{criterion.id}` is used twice; ids must be unique")
            seen.add(criterion.id)
        return criteria

    @property
    def is_active(self) -> bool:
        return self.status == "recruiting"

    def matches_id(self, wanted: str) -> bool:
        """True for the trial's own id or any registry identifier, ignoring case and punctuation."""
        key = _simplify(wanted)
        return key == _simplify(self.id) or any(key == _simplify(v) for v in self.identifiers.values())


def _simplify(identifier: str) -> str:
    return re.sub(r"[^a-z0-9]", "", identifier.lower())
