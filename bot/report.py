"""Screening results as text for a terminal, or as JSON for other programs.

The CLI prints these; the conversation and the dashboard use the same TrialResult objects.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

from bot.eligibility import CriterionResult, Status, TrialResult
from bot.facts import Registry
from bot.text import localize
from bot.trial_schema import Trial

MARKS = {Status.MET: "✓", Status.NOT_MET: "✗", Status.UNKNOWN: "?", Status.NOT_APPLICABLE: "–"}
OUTCOME_WORDS = {
    "likely_eligible": "LIKELY ELIGIBLE: may be a good fit; the study team makes the final decision",
    "needs_review": "NEEDS REVIEW: may be a fit; the study team needs to check some things",
    "not_eligible": "NOT ELIGIBLE on the answers given",
}


def format_result(trial: Trial, result: TrialResult, width: int = 100) -> str:
    """A per-criterion table with reasons and protocol sentences, then the outcome."""
    lines = [
        f"{trial.id} ({', '.join(trial.identifiers.values())}): {trial.title}",
        f"Protocol version: {result.protocol_version}    Judged as of: {result.on_date.isoformat()}",
        "",
    ]
    shown_sentences: set = set()
    for criterion in result.criteria:
        lines += _criterion_lines(criterion, width, repeat=criterion.protocol_text in shown_sentences)
        shown_sentences.add(criterion.protocol_text)
    lines.append("")
    lines.append(f"Outcome: {OUTCOME_WORDS[result.outcome.value]}")
    if result.excluded_by:
        lines.append("Excluded by: " + ", ".join(c.criterion_id for c in result.excluded_by))
    if result.still_unknown:
        lines.append("Still unknown: " + ", ".join(c.criterion_id for c in result.still_unknown))
    for note in result.notes:
        lines.append("Note: " + note)
    return "\n".join(lines)


def _criterion_lines(criterion: CriterionResult, width: int, repeat: bool) -> list[str]:
    mark = "…" if criterion.to_be_confirmed_by_study_team else MARKS[criterion.status]
    head = f"{mark} {criterion.criterion_id} [{criterion.kind}, {criterion.display_status}]"
    body = textwrap.fill(criterion.reason, width, initial_indent="    ", subsequent_indent="    ")
    sentence = "(the sentence quoted above)" if repeat else f"“{criterion.protocol_text}”"
    protocol = textwrap.fill(
        f"{criterion.protocol_ref}: {sentence}",
        width,
        initial_indent="    protocol: ",
        subsequent_indent="        ",
    )
    lines = [head, body]
    if criterion.note:
        lines.append(
            textwrap.fill(criterion.note, width, initial_indent="    note: ", subsequent_indent="        ")
        )
    return [*lines, protocol]


def result_as_json(trial: Trial, result: TrialResult) -> dict[str, Any]:
    """A JSON-ready dict of one trial's result, with every criterion."""
    data = json.loads(result.json())
    data["trial_title"] = trial.title
    data["identifiers"] = trial.identifiers
    for item, criterion in zip(data["criteria"], result.criteria, strict=False):
        item["display_status"] = criterion.display_status
    return data


def format_trials(trials: Sequence[Trial]) -> str:
    lines = []
    for trial in trials:
        ids = ", ".join(trial.identifiers.values())
        lines.append(f"{trial.id:<14} {trial.status:<12} {trial.phase:<14} {ids}")
        lines.append(f"{'':<14} {localize(trial.short_title)}")
        lines.append(f"{'':<14} protocol version: {trial.protocol_version}; {len(trial.criteria)} criteria")
    return "\n".join(lines)


def format_questions(fact_ids: Sequence[str], registry: Registry) -> str:
    if not fact_ids:
        return "No further answers could change the outcome."
    lines = ["Answers that could still change the outcome, in the order we would ask:"]
    lines += [f"  {i}. {fid}: {localize(registry[fid].question.self)}" for i, fid in enumerate(fact_ids, 1)]
    return "\n".join(lines)
