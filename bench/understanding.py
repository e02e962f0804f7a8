"""How well answers are understood, on corpora of replies written in many voices (not a test).

    .venv/bin/python -m bench.understanding                 # every corpus in bench/corpus/en/
    .venv/bin/python -m bench.understanding --split heldout # one part only

Each row of a corpus (bench/corpus/<language>/<part>.yaml) is a reply to one screening question with
the meaning it should be understood as (the format is in the corpus files' writers' brief, repeated
in bench/corpus/README.md). Every reply goes through `bot.understanding.understand`, the function
the conversation calls, and is scored:

- understood first time: the value expected (or "unknown" / "ask again" when that is expected);
- unknown: read as "I don't know" although a value was expected (costs a study-team check);
- asked again: not understood, so the question is asked once more;
- wrong value: a value other than the one meant. A wrong value that would make the person not
  eligible for a study where the meant value would not ("would exclude") is the dangerous kind;
  the read-back then still stands between it and the outcome, and "excl. no read-back" counts those
  that would pass without one (a button press or an answer beyond doubt).

`tune` is the part the word lists were tuned on; `heldout` was written apart from the code and is
never tuned on. Both are reported.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.eligibility import Outcome, evaluate
from bot.facts import FactsError, default_registry, parse_facts
from bot.rules import NEVER
from bot.trials import load_trials
from bot.understanding import understand, warm_up

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
TODAY = date(2026, 12, 3)
DEFAULT_TOLERANCE_DAYS = 3

# People for whom every fact matters, so a wrong value shows whether it would exclude: a woman who
# could become pregnant, and a man with a partner who could, each with a transplant and steroids.
BASES = [
    {
        "age": 50, "sex": "female", "diagnosis": "aml", "cancer_treatments": ["chemotherapy"],
        "can_become_pregnant": True, "stem_cell_transplant": True, "takes_steroids": True,
        "heart_failure": True,
    },
    {
        "age": 50, "sex": "male", "diagnosis": "aml", "cancer_treatments": ["chemotherapy"],
        "partner_can_become_pregnant": True, "stem_cell_transplant": True, "takes_steroids": True,
        "heart_failure": True, "ejection_fraction_date": "2026-11-20",
    },
]  # fmt: skip


@dataclass
class Score:
    rows: int = 0
    understood: int = 0
    unknown: int = 0
    asked_again: int = 0
    wrong: int = 0
    wrong_excluding: int = 0
    wrong_excluding_unread: int = 0


def expected_values(row: dict[str, Any]) -> list[Any]:
    if "expect_any" in row:
        return list(row["expect_any"])
    return [row.get("expect")]


def same(fact_id: str, got: Any, want: Any, row: dict[str, Any]) -> bool:
    definition = default_registry()[fact_id]
    if definition.type == "date" and want not in (NEVER, "unknown", "unclear") and got != NEVER:
        try:
            wanted = date.fromisoformat(str(want))
            gotten = got if isinstance(got, date) else date.fromisoformat(str(got))
        except ValueError:
            return False
        return abs((wanted - gotten).days) <= int(row.get("tolerance_days", DEFAULT_TOLERANCE_DAYS))
    if isinstance(want, (int, float)) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return abs(float(got) - float(want)) <= max(0.01, abs(float(want)) * 0.01)
    if isinstance(want, list) and isinstance(got, list):
        return sorted(map(str, want)) == sorted(map(str, got))
    return got == want or str(got) == str(want)


def excluded_by(fact_id: str, value: Any) -> set[str]:
    """Studies this value makes not eligible, for the base people above."""
    excluded: set[str] = set()
    for base in BASES:
        answers = {k: v for k, v in base.items() if k != fact_id}
        answers[fact_id] = value.isoformat() if isinstance(value, date) else value
        try:
            facts = parse_facts(answers, TODAY)
        except FactsError:
            continue
        for trial in load_trials():
            if evaluate(trial, facts).outcome is Outcome.NOT_ELIGIBLE:
                excluded.add(trial.id)
    return excluded


def score_row(row: dict[str, Any], score: Score) -> float:
    """Score one reply; returns the seconds `understand` took (the scoring's own trial checks are
    not the assistant's time)."""
    fact_id = row["fact"]
    start = time.perf_counter()
    reading = understand(fact_id, str(row["answer"]), TODAY, proxy=bool(row.get("proxy")), language=LANGUAGE)
    took = time.perf_counter() - start
    parsed = reading.parsed
    wanted = expected_values(row)
    score.rows += 1
    if parsed.status == "unknown":
        if "unknown" in wanted:
            score.understood += 1
        else:
            score.unknown += 1
            if VERBOSE:
                print(f"  UNKNOWN {fact_id}: {row['answer']!r} (meant {wanted})")
        return took
    if not parsed.ok:
        if "unclear" in wanted:
            score.understood += 1
        elif "unknown" in wanted:
            score.understood += 1  # asked again instead of "don't know": harmless, and rare
        else:
            score.asked_again += 1
            if VERBOSE:
                print(f"  AGAIN {fact_id}: {row['answer']!r} ({parsed.problem}; meant {wanted})")
        return took
    if any(same(fact_id, parsed.value, w, row) for w in wanted):
        score.understood += 1
        return took
    score.wrong += 1
    meant = [w for w in wanted if w not in ("unknown", "unclear")]
    excluded_meant = set.intersection(*(excluded_by(fact_id, w) for w in meant)) if meant else set()
    excludes = bool(excluded_by(fact_id, parsed.value) - excluded_meant)
    if excludes:
        score.wrong_excluding += 1
        if reading.sure:
            score.wrong_excluding_unread += 1
    if VERBOSE:
        flag = " EXCLUDES WITHOUT READ-BACK" if excludes and reading.sure else ""
        print(f"  WRONG {fact_id}: {row['answer']!r} -> {parsed.value!r} (meant {wanted}){flag}")
    return took


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(name: str, rows: list[dict[str, Any]]) -> Score:
    by_fact: dict[str, Score] = defaultdict(Score)
    total = Score()
    timings = []
    for row in rows:
        timings.append(score_row(row, by_fact[row["fact"]]))
    print(f"\n## {name}: {len(rows)} replies\n")
    print(
        "| fact | replies | understood first time | unknown | asked again | wrong value"
        " | wrong, would exclude |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for fact_id in sorted(by_fact):
        s = by_fact[fact_id]
        for field in Score.__dataclass_fields__:
            setattr(total, field, getattr(total, field) + getattr(s, field))
        print(
            f"| {fact_id} | {s.rows} | {pct(s.understood, s.rows)} | {pct(s.unknown, s.rows)} | "
            f"{pct(s.asked_again, s.rows)} | {s.wrong} | {s.wrong_excluding} |"
        )
    print(
        f"| **all** | {total.rows} | **{pct(total.understood, total.rows)}** | "
        f"{pct(total.unknown, total.rows)} | "
        f"{pct(total.asked_again, total.rows)} | {total.wrong} ({pct(total.wrong, total.rows).strip()}) | "
        f"**{total.wrong_excluding}** (excl. no read-back: {total.wrong_excluding_unread}) |"
    )
    if timings:
        print(
            f"\nper reply: median {1000 * statistics.median(timings):.2f} ms, "
            f"p95 {1000 * sorted(timings)[int(0.95 * (len(timings) - 1))]:.2f} ms"
        )
    return total


VERBOSE = False
LANGUAGE = "en"
"""The conversation's language: the corpus's (a reply typed in pinyin is read in a Chinese one)."""


def main() -> None:
    global VERBOSE, LANGUAGE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", default="en")
    parser.add_argument("--split", help="one part only: tune, heldout (every heldout*.yaml), developer")
    parser.add_argument("--verbose", action="store_true", help="print each reply not understood first time")
    args = parser.parse_args()
    VERBOSE = args.verbose
    LANGUAGE = args.language
    parts = sorted((CORPUS_DIR / args.language).glob("*.yaml"))
    if args.split:
        parts = [p for p in parts if split_of(p) == args.split]
    if not parts:
        raise SystemExit(f"no corpus in {CORPUS_DIR / args.language}")
    # imports and builds once, outside the timings: dateparser (relative and full dates), lunardate
    for fact_id, said in (
        ("age", "warm-up 47"),
        ("age", "1 March 1960"),
        ("last_platelet_transfusion", "春节"),
    ):
        understand(fact_id, said, TODAY)
    warm_up()
    by_split: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in parts:
        rows = yaml.safe_load(part.read_text(encoding="utf-8")) or []
        report(f"{args.language}/{part.stem}", rows)
        by_split[split_of(part)] += rows
    for split, rows in by_split.items():
        if sum(split_of(p) == split for p in parts) > 1:
            report(f"{args.language}/{split} (all writers)", rows)


def split_of(part: Path) -> str:
    """heldout_b.yaml belongs to the heldout split: one file per writer, one split per purpose."""
    return part.stem.split("_")[0]


if __name__ == "__main__":
    main()
