"""Choose the learned reader's thresholds by five-fold cross-validation on the tuning corpora (not a test).

    .venv/bin/python -m bench.learned_thresholds                     # the current thresholds
    .venv/bin/python -m bench.learned_thresholds 0.6,0.4 0.55,0.4    # TAKE_ABOVE,DOUBT_ABOVE pairs

For each language, the tuning replies to the scales with a learned reader (daily activity, heart
failure limitation) are split into five folds. Each fold is read by the whole answer reader
(`bot.understanding.understand`, scored as `bench.understanding` scores) with a learned reader
trained without that fold's replies, once per pair of thresholds. Held-out corpora are never read.
"""

from __future__ import annotations

import argparse
import random

import yaml

import bench.understanding as understanding
import bot.parsing.learned as learned
from bench.understanding import CORPUS_DIR, Score, score_row
from bot.facts import default_registry

FOLDS = 5


def _tuning_rows(language: str, facts: set[str]) -> list[dict]:
    rows = []
    for part in sorted((CORPUS_DIR / language).glob("tune*.yaml")):
        rows += [r for r in yaml.safe_load(part.read_text(encoding="utf-8")) or [] if r["fact"] in facts]
    random.Random(0).shuffle(rows)
    return rows


def _same(text: str) -> str:
    return " ".join(str(text).split())


def cross_validate(language: str, pairs: list[tuple[float, float]]) -> dict[tuple[float, float], Score]:
    """Scores of each (TAKE_ABOVE, DOUBT_ABOVE) pair over the folds of one language's tuning replies."""
    facts = {d.id for d in default_registry() if d.learned_reader}
    rows = _tuning_rows(language, facts)
    every_example = learned.examples
    saved = learned.TAKE_ABOVE, learned.DOUBT_ABOVE, understanding.LANGUAGE
    understanding.LANGUAGE = language
    totals = {pair: Score() for pair in pairs}
    try:
        for k in range(FOLDS):
            fold = rows[k::FOLDS]
            left_out = {_same(r["answer"]) for r in fold}

            def without_fold(fact_id: str, lang: str, left_out: set[str] = left_out) -> list:
                return [(t, v) for t, v in every_example(fact_id, lang) if _same(t) not in left_out]

            learned.examples = without_fold
            learned.reader.cache_clear()
            for pair in pairs:
                learned.TAKE_ABOVE, learned.DOUBT_ABOVE = pair
                for row in fold:
                    score_row(row, totals[pair])
    finally:
        learned.examples = every_example
        learned.TAKE_ABOVE, learned.DOUBT_ABOVE, understanding.LANGUAGE = saved
        learned.reader.cache_clear()
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", help="TAKE_ABOVE,DOUBT_ABOVE (default: the current ones)")
    args = parser.parse_args()
    pairs = [tuple(float(x) for x in p.split(",")) for p in args.pairs] or [
        (learned.TAKE_ABOVE, learned.DOUBT_ABOVE)
    ]
    print(
        "| language | take above | doubt above | replies | understood | asked again | unknown | wrong"
        " | would exclude |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for language in sorted(p.name for p in CORPUS_DIR.iterdir() if p.is_dir()):
        for (take, doubt), s in cross_validate(language, pairs).items():
            print(
                f"| {language} | {take} | {doubt} | {s.rows} "
                f"| {s.understood} ({100 * s.understood / s.rows:.1f} %) "
                f"| {s.asked_again} | {s.unknown} | {s.wrong} | {s.wrong_excluding} |"
            )


if __name__ == "__main__":
    main()
