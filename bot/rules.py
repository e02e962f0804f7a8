"""The declarative rule language of trial files, and its three-valued evaluation.

A rule is a small tree, written in YAML:

    all: [rule, ...]          every child holds
    any: [rule, ...]          at least one child holds
    not: rule                 the child does not hold
    fact: platelet_count      a test of one fact, with one or more of:
      is: true                  equals a value
      in: [3, 4]                equals one of the values
      contains_any: [chemo]     (multi-choice facts) shares a value with the list
      at_least / at_most / greater_than / less_than: 30     numeric bounds, as written
      ago: {less_than: {weeks: 6}}   (date facts) how long before the reference date

Evaluation is three-valued (Kleene logic): a test of a fact we do not know is UNKNOWN, and
UNKNOWN only turns into TRUE or FALSE when the other branches settle it. That is what makes
"I don't know" unable to exclude anyone: an unknown can never become a FALSE.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, Extra, Field, ValidationError, root_validator

from bot.validation_messages import describe_errors

NEVER = "never"
"""A date fact's value when the event never happened (no transfusion, no heart attack)."""


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    @staticmethod
    def of(value: bool) -> Truth:
        return Truth.TRUE if value else Truth.FALSE

    def negate(self) -> Truth:
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)


class FactState(enum.Enum):
    ANSWERED = "answered"
    UNKNOWN = "unknown"  # asked, and the person did not know (or we could not understand)
    UNANSWERED = "unanswered"  # not asked yet


class FactLookup(Protocol):
    """What a rule needs from a set of facts."""

    reference_date: date

    def state(self, fact_id: str) -> FactState: ...

    def value(self, fact_id: str) -> Any: ...


class Duration(BaseModel, extra=Extra.forbid):
    """A length of time such as {weeks: 6} or {hours: 72}; several units add up."""

    hours: int = 0
    days: int = 0
    weeks: int = 0
    months: int = 0
    years: int = 0

    @root_validator(skip_on_failure=True)
    def _not_empty(cls, values: dict[str, int]) -> dict[str, int]:
        if not any(values.values()):
            raise ValueError("give at least one of hours, days, weeks, months, years (e.g. {weeks: 6})")
        return values

    def as_relativedelta(self) -> relativedelta:
        # Hours are rounded up to whole days: facts carry dates, not times, and rounding up keeps
        # a window such as "72 hours" from shrinking below what the protocol says.
        days = self.days + 7 * self.weeks + -(-self.hours // 24)
        return relativedelta(years=self.years, months=self.months, days=days)

    def parts(self) -> list[tuple[int, str]]:
        """The non-zero amounts, largest unit first: [(2, "week")]."""
        parts = [(self.years, "year"), (self.months, "month"), (self.weeks, "week")]
        parts += [(self.days, "day"), (self.hours, "hour")]
        return [(n, unit) for n, unit in parts if n]

    def describe(self) -> str:
        """In English words ("2 weeks"); bot.eligibility words it in the conversation's language."""
        return " ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in self.parts())


class AgoBounds(BaseModel, extra=Extra.forbid):
    """Bounds on how long before the reference date an event happened."""

    at_least: Duration | None = None
    at_most: Duration | None = None
    greater_than: Duration | None = None
    less_than: Duration | None = None

    @root_validator(skip_on_failure=True)
    def _has_a_bound(cls, values: dict[str, Any]) -> dict[str, Any]:
        if not any(v is not None for v in values.values()):
            raise ValueError("give at least one of at_least, at_most, greater_than, less_than")
        return values

    def holds(self, event: date, reference: date) -> bool:
        # "ago <= 6 months" is the same as "event on or after reference - 6 months".
        checks = []
        if self.at_most is not None:
            checks.append(event >= reference - self.at_most.as_relativedelta())
        if self.less_than is not None:
            checks.append(event > reference - self.less_than.as_relativedelta())
        if self.at_least is not None:
            checks.append(event <= reference - self.at_least.as_relativedelta())
        if self.greater_than is not None:
            checks.append(event < reference - self.greater_than.as_relativedelta())
        return all(checks)


Scalar = bool | int | float | str


class FactTest(BaseModel):
    """A leaf: a test of one fact. Several bounds on one leaf must all hold."""

    fact: str
    is_: Scalar | None = Field(None, alias="is")
    in_: list[Scalar] | None = Field(None, alias="in")
    contains_any: list[str] | None = None
    at_least: float | None = None
    at_most: float | None = None
    greater_than: float | None = None
    less_than: float | None = None
    ago: AgoBounds | None = None

    class Config:
        extra = Extra.forbid
        allow_population_by_field_name = True

    @root_validator(skip_on_failure=True)
    def _has_a_test(cls, values: dict[str, Any]) -> dict[str, Any]:
        tests = [k for k in TEST_KEYS if values.get(k) is not None]
        if not tests:
            raise ValueError(
                "a fact test needs one of: is, in, contains_any, at_least, at_most, greater_than, "
                "less_than, ago"
            )
        return values

    def used_tests(self) -> list[str]:
        return [k for k in TEST_KEYS if getattr(self, k) is not None]

    def evaluate(self, facts: FactLookup) -> Truth:
        if facts.state(self.fact) is not FactState.ANSWERED:
            return Truth.UNKNOWN
        return Truth.of(self.holds_for(facts.value(self.fact), facts.reference_date))

    def holds_for(self, value: Any, reference: date) -> bool:
        checks: list[bool] = []
        if self.is_ is not None:
            checks.append(value == self.is_)
        if self.in_ is not None:
            checks.append(value in self.in_)
        if self.contains_any is not None:
            checks.append(bool(set(value) & set(self.contains_any)))
        for bound, compare in NUMERIC_COMPARISONS.items():
            limit = getattr(self, bound)
            if limit is not None:
                checks.append(compare(value, limit))
        if self.ago is not None:
            # An event that never happened did not happen within, or before, any window.
            checks.append(value != NEVER and self.ago.holds(value, reference))
        return all(checks)


TEST_KEYS = ("is_", "in_", "contains_any", "at_least", "at_most", "greater_than", "less_than", "ago")
NUMERIC_COMPARISONS = {
    "at_least": lambda v, limit: v >= limit,
    "at_most": lambda v, limit: v <= limit,
    "greater_than": lambda v, limit: v > limit,
    "less_than": lambda v, limit: v < limit,
}


@dataclass(frozen=True)
class AllOf:
    rules: tuple[Rule, ...]

    def evaluate(self, facts: FactLookup) -> Truth:
        results = [r.evaluate(facts) for r in self.rules]
        if Truth.FALSE in results:
            return Truth.FALSE
        return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.TRUE


@dataclass(frozen=True)
class AnyOf:
    rules: tuple[Rule, ...]

    def evaluate(self, facts: FactLookup) -> Truth:
        results = [r.evaluate(facts) for r in self.rules]
        if Truth.TRUE in results:
            return Truth.TRUE
        return Truth.UNKNOWN if Truth.UNKNOWN in results else Truth.FALSE


@dataclass(frozen=True)
class Not:
    rule: Rule

    def evaluate(self, facts: FactLookup) -> Truth:
        return self.rule.evaluate(facts).negate()


Rule = AllOf | AnyOf | Not | FactTest


class RuleError(ValueError):
    """A rule in a trial file is malformed; the message names where and what was expected."""


def parse_rule(raw: Any, where: str = "rule") -> Rule:
    """Build a rule tree from its YAML form, or raise RuleError naming the faulty part."""
    if not isinstance(raw, dict):
        raise RuleError(f"`{where}` must be a mapping such as {{fact: age, at_least: 18}} (got {raw!r})")
    combinators = [k for k in ("all", "any", "not") if k in raw]
    if combinators:
        key = combinators[0]
        if len(raw) != 1:
            others = ", ".join(sorted(k for k in raw if k != key))
            raise RuleError(f"`{where}`: `{key}` must stand alone in its mapping (also found: {others})")
        if key == "not":
            return Not(parse_rule(raw["not"], f"{where}.not"))
        children = raw[key]
        if not isinstance(children, list) or not children:
            raise RuleError(f"`{where}.{key}` must be a non-empty list of rules (got {children!r})")
        parsed = tuple(parse_rule(child, f"{where}.{key}[{i}]") for i, child in enumerate(children))
        return AllOf(parsed) if key == "all" else AnyOf(parsed)
    if "fact" not in raw:
        raise RuleError(f"`{where}` must have one of `all`, `any`, `not` or `fact` (got keys: {sorted(raw)})")
    try:
        return FactTest.parse_obj(raw)
    except ValidationError as error:
        raise RuleError("; ".join(describe_errors(error, raw, prefix=where))) from None


def walk_fact_tests(rule: Rule, where: str = "rule") -> Iterator[tuple[str, FactTest]]:
    """Yield every leaf of the tree with its path, for checks against the facts registry."""
    if isinstance(rule, FactTest):
        yield where, rule
    elif isinstance(rule, Not):
        yield from walk_fact_tests(rule.rule, f"{where}.not")
    else:
        key = "all" if isinstance(rule, AllOf) else "any"
        for i, child in enumerate(rule.rules):
            yield from walk_fact_tests(child, f"{where}.{key}[{i}]")


def facts_read(rule: Rule | None) -> list[str]:
    """The facts a rule reads, in the order they are written."""
    if rule is None:
        return []
    seen: dict[str, None] = {}
    for _, test in walk_fact_tests(rule):
        seen.setdefault(test.fact, None)
    return list(seen)


def open_facts(
    rule: Rule,
    facts: FactLookup,
    rank: int = 0,
    changeable: Callable[[str], bool] | None = None,
    wanted: set[Truth] | None = None,
) -> list[tuple[str, int]]:
    """Facts that could still change this rule's result (to one of `wanted`, by default either
    TRUE or FALSE), each with a rank.

    A branch whose result is already settled is skipped: filling in more facts can never
    change a settled TRUE or FALSE (three-valued logic is monotone). So is a branch that can no
    longer settle its parent: in `any: [A, all: [B, C]]` with A and C answered "I don't know",
    no answer to B changes the result. The rank grows with each unsettled sibling written before
    a branch, so a gate such as "takes steroids?" is asked before the dose it guards.

    `changeable(fact_id)` says which facts may still change: by default the unanswered ones (an
    "I don't know" can still change when another answer implies it, e.g. sex for "pregnant?").
    """
    if changeable is None:
        changeable = _unanswered(facts)
    wanted = {Truth.TRUE, Truth.FALSE} if wanted is None else set(wanted)
    return _open_facts(rule, facts, rank, wanted, changeable)


def _unanswered(facts: FactLookup) -> Callable[[str], bool]:
    return lambda fact_id: facts.state(fact_id) is FactState.UNANSWERED


def _open_facts(
    rule: Rule, facts: FactLookup, rank: int, wanted: set[Truth], changeable: Callable[[str], bool]
) -> list[tuple[str, int]]:
    """open_facts for a branch whose result only matters if it becomes one of `wanted`."""
    if not wanted or rule.evaluate(facts) is not Truth.UNKNOWN:
        return []
    if isinstance(rule, FactTest):
        return [(rule.fact, rank)] if changeable(rule.fact) else []
    if isinstance(rule, Not):
        return _open_facts(rule.rule, facts, rank, {value.negate() for value in wanted}, changeable)
    # One child settles `all` as FALSE (`any` as TRUE); the other result needs every child.
    decisive = Truth.FALSE if isinstance(rule, AllOf) else Truth.TRUE
    child_wanted = wanted & {decisive}
    if decisive.negate() in wanted and can_become(rule, facts, decisive.negate(), changeable):
        child_wanted.add(decisive.negate())
    found: list[tuple[str, int]] = []
    unsettled_before = 0
    for child in rule.rules:
        child_open = _open_facts(child, facts, rank + unsettled_before, child_wanted, changeable)
        if child_open:
            found.extend(child_open)
            unsettled_before += 1
    return found


def can_become(rule: Rule, facts: FactLookup, value: Truth, changeable: Callable[[str], bool]) -> bool:
    """Whether the rule is `value`, or may still become it as the changeable facts are answered."""
    current = rule.evaluate(facts)
    if current is not Truth.UNKNOWN:
        return current is value
    if isinstance(rule, FactTest):
        return changeable(rule.fact)
    if isinstance(rule, Not):
        return can_become(rule.rule, facts, value.negate(), changeable)
    decisive = Truth.FALSE if isinstance(rule, AllOf) else Truth.TRUE
    children = [can_become(child, facts, value, changeable) for child in rule.rules]
    return any(children) if value is decisive else all(children)
