"""Loading trial files and checking them against the schema, the facts registry and the glossary.

Adding a trial means adding a YAML file to `bot/trials/` (or to the folder named by
PRESCREEN_TRIALS_DIR): no code changes. A bad file is rejected with one sentence per problem,
each naming the file, the criterion and the field, and saying what was expected.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.facts import FactDefinition, Registry, default_registry
from bot.rules import FactTest, walk_fact_tests
from bot.trial_schema import Criterion, Trial
from bot.validation_messages import Location, YamlFileError, describe_errors, read_yaml_file

TRIALS_DIR = Path(__file__).with_name("trials")


class TrialFileError(ValueError):
    """One or more trial files are invalid; `problems` holds one sentence per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems

    def report(self) -> str:
        """The message every command prints: a heading, then one indented line per problem."""
        return "\n".join(["Trial files are invalid:", *(f"  {problem}" for problem in self.problems)])


def trials_dir() -> Path:
    return Path(os.environ.get("PRESCREEN_TRIALS_DIR") or TRIALS_DIR)


def trial_files(folder: Path | None = None) -> list[Path]:
    folder = folder or trials_dir()
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_trial_file(path: Path, registry: Registry | None = None) -> Trial:
    """Read one trial file; raise TrialFileError listing every problem found."""
    registry = registry or default_registry()
    label = _display_name(path)
    try:
        raw = read_yaml_file(path, label)
    except YamlFileError as error:
        raise TrialFileError([str(error)]) from None
    if not isinstance(raw, dict):
        raise TrialFileError([f"{label}: must be a mapping of trial fields (got {type(raw).__name__})"])
    try:
        trial = Trial.parse_obj(raw)
    except ValidationError as error:
        relabel = _criterion_relabeller(raw)
        messages = describe_errors(error, raw, known_fields=_known_fields(error, raw), relabel=relabel)
        raise TrialFileError([f"{label}: {m}" for m in messages]) from None
    problems = [f"{label}: {p}" for p in check_against_registry(trial, registry)]
    if problems:
        raise TrialFileError(problems)
    return trial


def load_trials(folder: Path | None = None, registry: Registry | None = None) -> list[Trial]:
    """Every trial in the folder; all problems in all files are reported together."""
    trials, problems = [], []
    for path in trial_files(folder):
        try:
            trials.append(load_trial_file(path, registry))
        except TrialFileError as error:
            problems.extend(error.problems)
    ids: dict[str, int] = {}
    for trial in trials:
        ids[trial.id] = ids.get(trial.id, 0) + 1
    problems += [
        f"trial id `{tid}` is used by {n} files; ids must be unique" for tid, n in ids.items() if n > 1
    ]
    if problems:
        raise TrialFileError(problems)
    return trials


def find_trial(trials: Sequence[Trial], wanted: str) -> Trial:
    """The trial with this id or registry identifier (e.g. NCT07110090), or a clear error."""
    for trial in trials:
        if trial.matches_id(wanted):
            return trial
    known = ", ".join(t.id for t in trials)
    raise KeyError(f"no trial called {wanted!r}; known trials: {known}")


def check_against_registry(trial: Trial, registry: Registry) -> list[str]:
    """Each rule may only read registry facts, with tests that suit the fact's type."""
    problems = []
    for criterion in trial.criteria:
        for field_name in ("applies_if", "rule"):
            rule = getattr(criterion, field_name)
            if rule is None:
                continue
            for where, test in walk_fact_tests(rule, field_name):
                problem = _check_test(test, registry)
                if problem:
                    problems.append(f"criterion `{criterion.id}`: `{where}`: {problem}")
    return problems


def _check_test(test: FactTest, registry: Registry) -> str | None:
    if test.fact not in registry:
        close = difflib.get_close_matches(test.fact, list(registry.definitions), n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        return f"reads unknown fact `{test.fact}`{hint}; facts live in bot/facts.yaml"
    definition: FactDefinition = registry[test.fact]
    used = set(test.used_tests())
    allowed = ALLOWED_TESTS[definition.type]
    wrong = used - allowed
    if wrong:
        names = ", ".join(sorted(w.rstrip("_") for w in wrong))
        fits = ", ".join(sorted(a.rstrip("_") for a in allowed))
        return f"`{test.fact}` is a {definition.type} fact, so {names} cannot apply; use {fits}"
    values = (
        ([test.is_] if test.is_ is not None else []) + list(test.in_ or []) + list(test.contains_any or [])
    )
    for value in values:
        problem = _check_value(definition, value)
        if problem:
            return problem
    return None


def _check_value(definition: FactDefinition, value: Any) -> str | None:
    if definition.type in ("choice", "choices") and value not in definition.choice_values:
        return f"{value!r} is not a choice of `{definition.id}` (choices: {definition.choice_values})"
    if definition.type == "boolean" and not isinstance(value, bool):
        return f"`{definition.id}` is true or false (got {value!r})"
    return None


ALLOWED_TESTS = {
    "integer": {"is_", "in_", "at_least", "at_most", "greater_than", "less_than"},
    "number": {"at_least", "at_most", "greater_than", "less_than"},
    "boolean": {"is_"},
    "choice": {"is_", "in_"},
    "choices": {"contains_any"},
    "date": {"ago"},
}


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _criterion_relabeller(raw: dict[str, Any]):
    """Name a criterion by its id ("criterion `inc-1-age`") rather than its list position."""

    def relabel(location: Location) -> tuple[str, Location]:
        if len(location) >= 2 and location[0] == "criteria" and isinstance(location[1], int):
            criteria = raw.get("criteria") or []
            item = criteria[location[1]] if location[1] < len(criteria) else None
            name = item.get("id") if isinstance(item, dict) else None
            label = f"criterion `{name}`" if name else f"criterion #{location[1] + 1}"
            return label, location[2:]
        return "", location

    return relabel


def _known_fields(error: ValidationError, raw: dict[str, Any]) -> list[str]:
    """Field names to suggest for typos, from the trial and criterion models."""
    return list(Trial.__fields__) + list(Criterion.__fields__) + ["at_least", "at_most", "less_than"]
