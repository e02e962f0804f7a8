"""Which question to ask next: only facts that can still change some trial's outcome.

A fact is worth asking when it is unanswered and sits in a part of some criterion's rule that is
still undecided, in a trial that is not already excluded. Three-valued logic is monotone, so a
decided branch, or an excluded trial, can never change again: asking about it would waste the
person's time. (A property test checks exactly this.)

Order, to reach a verdict in as few questions as possible:
1. gates before what they guard ("do you take steroids?" before "what dose?"; sex before pregnancy);
2. facts that more of the trials being screened still need;
3. the registry's `ask_order`, the natural order of a conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from bot.eligibility import FactsInput, Outcome, TrialResult, as_fact_set, evaluate
from bot.facts import FactSet, Registry, default_registry
from bot.rules import FactState, Truth, can_become, open_facts
from bot.trial_schema import Criterion, Trial


def next_questions(
    trials: Sequence[Trial],
    facts: FactsInput,
    on_date: date | None = None,
    registry: Registry | None = None,
    results: Sequence[TrialResult] | None = None,
) -> list[str]:
    """Unanswered facts that can still change some trial's outcome, best first (fact ids).

    `results`, when given, are `evaluate` of each trial (same order) on these facts, so a caller
    that has them already (conversation.plan_screening) does not pay for them twice."""
    registry = registry or default_registry()
    fact_set = as_fact_set(facts, on_date, registry)
    best_rank: dict[str, int] = {}
    needed_by: dict[str, set[str]] = {}
    if results is None:
        results = [evaluate(trial, fact_set, registry=registry) for trial in trials]
    for trial, result in zip(trials, results, strict=True):
        if result.outcome is Outcome.NOT_ELIGIBLE:
            continue  # an exclusion on known facts is final; nothing can change it
        for criterion in trial.criteria:
            for fact_id, rank in _open_facts_of(criterion, fact_set, registry):
                best_rank[fact_id] = min(rank, best_rank.get(fact_id, rank))
                needed_by.setdefault(fact_id, set()).add(trial.id)
    askable = [f for f in best_rank if registry[f].question is not None]
    return sorted(askable, key=lambda f: (best_rank[f], -len(needed_by[f]), registry[f].ask_order, f))


def _open_facts_of(criterion: Criterion, facts: FactSet, registry: Registry) -> list[tuple[str, int]]:
    if criterion.verified_by == "study_team":
        return []
    found: list[tuple[str, int]] = []
    offset = 0
    fit, changeable = _fitting_truth(criterion), _changeable(facts, registry)
    # A misfit only changes the status from "unknown" when it can exclude: not for a `review`
    # criterion, nor while the criterion may or may not apply and that can no longer be settled.
    misfit_matters = criterion.when_not_fitting != "review"
    applies = criterion.applies_if.evaluate(facts) if criterion.applies_if is not None else Truth.TRUE
    if applies is Truth.FALSE:
        return []
    if applies is Truth.UNKNOWN:
        if criterion.rule.evaluate(facts) is fit:
            return []  # it fits whether or not it applies
        applies_wanted = {Truth.FALSE}  # "does not apply" settles it
        if misfit_matters and can_become(criterion.rule, facts, fit.negate(), changeable):
            applies_wanted.add(Truth.TRUE)
        found += open_facts(criterion.applies_if, facts, 0, changeable, applies_wanted)
        offset = 1  # ask whether it applies before asking the rule itself
        misfit_matters = misfit_matters and can_become(criterion.applies_if, facts, Truth.TRUE, changeable)
    rule_wanted = {fit, fit.negate()} if misfit_matters else {fit}
    found += open_facts(criterion.rule, facts, offset, changeable, rule_wanted)
    return _gates_first(found, facts, registry)


def _changeable(facts: FactSet, registry: Registry) -> Callable[[str], bool]:
    """Facts that may still change: unanswered, or "I don't know" that another answer may imply."""

    def may_change(fact_id: str) -> bool:
        state = facts.state(fact_id)
        if state is FactState.UNANSWERED:
            return True
        implications = registry[fact_id].implied
        return state is FactState.UNKNOWN and any(
            open_facts(i.when, facts, changeable=may_change, wanted={Truth.TRUE}) for i in implications
        )

    return may_change


def _fitting_truth(criterion: Criterion) -> Truth:
    """The rule value under which the criterion fits: TRUE for inclusions, FALSE for exclusions."""
    return Truth.TRUE if criterion.kind == "inclusion" else Truth.FALSE


def _gates_first(found: list[tuple[str, int]], facts: FactSet, registry: Registry) -> list[tuple[str, int]]:
    """Replace a fact by the facts its implications depend on, while those are open.

    "Could you become pregnant?" is implied false for men, so sex is asked first. A fact answered
    "I don't know" (in `found` too) is never asked again, but its open gates still are: for a
    man, sex settles an unknown "breastfeeding?".
    """
    result: list[tuple[str, int]] = []
    for fact_id, rank in found:
        gates = [
            gate
            for implication in registry[fact_id].implied
            for gate in open_facts(implication.when, facts, rank, _changeable(facts, registry), {Truth.TRUE})
        ]
        asked_instead = _gates_first(gates, facts, registry) if gates else []
        if asked_instead:
            result.extend(asked_instead)
        elif facts.state(fact_id) is FactState.UNANSWERED:
            result.append((fact_id, rank))
    return result
