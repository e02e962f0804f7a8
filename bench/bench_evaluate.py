"""How many full evaluations per second `evaluate` does (a benchmark, not a test).

A full evaluation screens one person's facts against one trial: every criterion, the outcome and
the plain-language reasons. It also times `next_questions` over both trials, which the
conversation calls after every answer.

    .venv/bin/python -m bench.bench_evaluate [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date
from pathlib import Path

from bot.eligibility import evaluate
from bot.facts import default_registry, parse_facts
from bot.next_questions import next_questions
from bot.trials import load_trials

EXAMPLES = Path(__file__).resolve().parents[1] / "bot" / "examples"
ON = date(2026, 11, 21)


def fact_sets(count: int, seed: int = 7):
    """Example files, plus variants with a random third of their answers turned to "unknown"."""
    registry = default_registry()
    bases = []
    for path in sorted(EXAMPLES.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw.pop("$schema", None)
        bases.append(raw)
    rng = random.Random(seed)
    sets = []
    for i in range(count):
        raw = dict(bases[i % len(bases)])
        for key in rng.sample(sorted(raw), k=len(raw) // 3):
            raw[key] = "unknown"
        sets.append(parse_facts(raw, ON, registry))
    return sets


def rate(label: str, work, seconds: float) -> float:
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        work()
        done += 1
    elapsed = time.perf_counter() - started
    per_second = done / elapsed
    print(f"{label:<44} {per_second:>10,.0f} /s   ({done:,} in {elapsed:.2f} s, {1e6 / per_second:,.0f} µs)")
    return per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    trials = load_trials()
    sets = fact_sets(60)
    by_id = {t.id: t for t in trials}
    counter = iter(range(10**12))

    def one_evaluation(trial):
        return lambda: evaluate(trial, sets[next(counter) % len(sets)])

    for trial_id in sorted(by_id):
        trial = by_id[trial_id]
        rate(f"evaluate {trial_id} ({len(trial.criteria)} criteria)", one_evaluation(trial), args.seconds)
    rate(
        "next_questions over both trials",
        lambda: next_questions(trials, sets[next(counter) % len(sets)]),
        args.seconds,
    )
    registry = default_registry()
    raw = json.loads((EXAMPLES / "nct06642025-likely-eligible.json").read_text(encoding="utf-8"))
    raw.pop("$schema")
    rate("parse_facts (23 answers, with units)", lambda: parse_facts(raw, ON, registry), args.seconds)


if __name__ == "__main__":
    main()
