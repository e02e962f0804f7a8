"""Write the learned reader's examples (bot/words/examples/<language>.yaml) from the tuning corpora.

    .venv/bin/python -m bench.learned_examples           # every language with a corpus
    .venv/bin/python -m bench.learned_examples --check   # fail if the files are out of date

For each fact marked `learned_reader: true` in bot/facts.yaml, every reply in the tuning parts
(bench/corpus/<language>/tune*.yaml) whose meaning is one of the fact's choices becomes an example
of that choice. Replies meaning "unknown" or "ask again", or two choices at once (`expect_any`),
teach nothing about a level and are left out. The held-out parts are never read here: they stay a
fair measure of what the reader learned.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.facts import default_registry
from bot.parsing.learned import EXAMPLES_DIR

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HEADER = """\
# Replies people wrote, with the choice they meant: the learned reader's examples
# (bot/parsing/learned.py). Made from the tuning corpora by `python -m bench.learned_examples`;
# do not edit by hand, edit or add a corpus and run it again. Held-out corpora are never used.
"""


def examples_of(language: str) -> dict[str, dict[Any, list[str]]]:
    """fact id → choice value → replies meaning it, from the language's tuning corpora."""
    registry = default_registry()
    learned = [d for d in registry if d.learned_reader]
    found: dict[str, dict[Any, list[str]]] = {d.id: {v: [] for v in d.choice_values} for d in learned}
    for part in sorted((CORPUS_DIR / language).glob("tune*.yaml")):
        for row in yaml.safe_load(part.read_text(encoding="utf-8")) or []:
            by_value = found.get(row["fact"])
            if by_value is None or "expect_any" in row or row.get("expect") not in by_value:
                continue
            answer = " ".join(str(row["answer"]).split())
            if answer not in by_value[row["expect"]]:
                by_value[row["expect"]].append(answer)
    return found


def render(found: dict[str, dict[Any, list[str]]]) -> str:
    body = yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=200)
    return HEADER + body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a file differs from the corpora")
    args = parser.parse_args()
    stale = []
    for folder in sorted(p for p in CORPUS_DIR.iterdir() if p.is_dir()):
        found = examples_of(folder.name)
        text = render(found)
        path = EXAMPLES_DIR / f"{folder.name}.yaml"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {sum(len(v) for by in found.values() for v in by.values())} examples")
    if stale:
        sys.exit("out of date, run python -m bench.learned_examples: " + ", ".join(stale))


if __name__ == "__main__":
    main()
