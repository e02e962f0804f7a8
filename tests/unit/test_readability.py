"""Everything a patient reads is plain: Flesch-Kincaid grade 8 or below, text by text.

The texts: every response in domain.yml, every question, choice, checklist item and "why" in the
facts registry, the glossary, the engine's messages, and each trial's summary, plain-language
criteria and reasons. Syllables are counted with pyphen's English hyphenation dictionary (it ships
with the package; nothing is downloaded). Names of studies and drugs, and units, are part of the
texts; a sentence needs no more than grade 8 around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyphen
import pytest
import yaml

from bot.facts import default_registry
from bot.glossary import default_glossary
from bot.messages import _messages
from bot.text import localize
from bot.trials import load_trials

ROOT = Path(__file__).resolve().parents[2]
MAX_GRADE = 8.0
_HYPHENATOR = pyphen.Pyphen(lang="en_US")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n+|:\s*\n|•")


def syllables(word: str) -> int:
    if word.isupper() and len(word) <= 6:  # acronyms are said letter by letter, but read as one unit here
        return 1
    return max(1, len(_HYPHENATOR.positions(word.lower())) + 1)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    text = re.sub(r"\{[a-zA-Z_]+\}", "it", text)  # placeholders read as one short word
    words = _WORD.findall(text)
    if len(words) < 3:
        return 0.0
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s or "")]))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


def patient_texts() -> Iterator[tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield f"domain {name}", variant.get("text", "")
            for button in variant.get("buttons") or []:
                yield f"domain {name} button", button["title"]
    registry = default_registry()
    for fact in registry:
        if fact.question is not None:
            yield f"fact {fact.id} question", localize(fact.question.self)
            yield f"fact {fact.id} proxy question", localize(fact.question.proxy)
        yield f"fact {fact.id} why", localize(fact.why)
        for choice in fact.choices:
            yield f"fact {fact.id} choice {choice.value}", localize(choice.label)
    for checklist in registry.checklists.values():
        yield f"checklist {checklist.id} question", localize(checklist.question.self)
        yield f"checklist {checklist.id} why", localize(checklist.why)
        for fact_id, item in checklist.items.items():
            yield f"checklist {checklist.id} {fact_id}", localize(item)
    for entry_id, entry in default_glossary().entries.items():
        yield f"glossary {entry_id}", localize(entry.text)
    for key, text in _messages().items():
        yield f"message {key}", localize(text)
    for trial in load_trials():
        yield f"{trial.id} summary", localize(trial.summary)
        yield f"{trial.id} what taking part involves", localize(trial.what_taking_part_involves)
        for criterion in trial.criteria:
            yield f"{trial.id} {criterion.id} plain", localize(criterion.plain)
            for kind, reason in criterion.reasons.dict(exclude_none=True).items():
                yield f"{trial.id} {criterion.id} reason {kind}", localize(reason)


TEXTS = list(patient_texts())


def test_the_texts_are_found():
    assert len(TEXTS) > 200


def test_the_grade_formula_ranks_plain_below_dense():
    assert grade("The cat sat on the mat. It was warm.") < 3
    dense = "Clinically significant ventricular arrhythmia necessitates comprehensive evaluation."
    assert grade(dense) > 12


@pytest.mark.parametrize("where, text", TEXTS, ids=[w for w, _ in TEXTS])
def test_every_patient_facing_text_reads_at_grade_8_or_below(where, text):
    assert grade(text) <= MAX_GRADE, f"{where}: grade {grade(text):.1f}: {text}"
