"""A yes is never turned into "not eligible".

For every fact that an inclusion rule needs to be true (willing to use contraception, willing not to
donate sperm...), no affirming phrase, from the word lists, among the examples of agreeing in other
words, or among the corpora's replies that mean yes, is read as no, and none makes a study exclude
the person.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.eligibility import evaluate
from bot.facts import default_registry, parse_facts
from bot.parsing.words import words
from bot.rules import facts_read
from bot.trials import load_trials
from bot.understanding import understand

TODAY = date(2026, 12, 3)


def facts_that_need_a_yes() -> set[str]:
    """Yes/no willingness facts read by an inclusion rule (which needs them to be true)."""
    needed = set()
    for trial in load_trials():
        for criterion in trial.criteria:
            if criterion.kind == "inclusion":
                needed |= set(facts_read(criterion.rule))
    return {f for f in needed if default_registry()[f].reading == "willing"}


WILLING = sorted(facts_that_need_a_yes())
TEMPLATES = {
    "en": ["{}", "{}.", "oh {}", "{}, of course", "well {} I suppose", "yes {}", "{} thanks"],
    "zh": ["{}", "{}。", "嗯，{}", "{}的", "{}，听医生的", "好的，{}", "{}，谢谢"],
}


def test_the_willingness_facts_are_found():
    assert {"willing_contraception", "willing_no_sperm_donation"} <= set(WILLING)


@pytest.mark.parametrize("language", sorted(TEMPLATES))
@pytest.mark.parametrize("fact_id", WILLING)
def test_no_agreeing_phrase_is_read_as_no(fact_id, language):
    misread = []
    for phrase in words(language).list("willing_yes"):
        for template in TEMPLATES[language]:
            text = template.format(phrase)
            parsed = understand(fact_id, text, TODAY).parsed
            if parsed.ok and parsed.value is False:
                misread.append(text)
    assert not misread, misread


AFFIRMING = [
    "I wouldn't mind",
    "why not, that's fine",
    "I have no objection to that",
    "I'd never refuse",
    "not a problem",
    "no problem, I can do that",
    "I don't mind at all",
    "nothing against it",
    "that's not an issue for me",
    "sure, no worries",
    "I wouldn't object",
    "of course, whatever it takes",
    "not opposed",
    "happy to",
    # Chinese (issue 14): the same rule
    "没问题",
    "不介意",
    "我不反对",
    "完全没意见",
    "可以的，没什么问题",
    "愿意配合",
    "行，听医生的",
    "这个没关系",
]


@pytest.mark.parametrize("fact_id", WILLING)
@pytest.mark.parametrize("text", AFFIRMING)
def test_a_yes_in_other_words_never_excludes(fact_id, text):
    parsed = understand(fact_id, text, TODAY).parsed
    assert parsed.ok and parsed.value is True, parsed
    facts = parse_facts({"age": 50, "sex": "male", "partner_can_become_pregnant": True, fact_id: True}, TODAY)
    for trial in load_trials():
        excluding = [c.criterion_id for c in evaluate(trial, facts).excluded_by if fact_id in c.facts_read]
        assert not excluding, (trial.id, excluding)


CORPORA = Path(__file__).resolve().parents[2] / "bench" / "corpus"


def corpus_yes_answers() -> list[tuple[str, str, str, bool]]:
    """Every reply in the understanding corpora (bench/corpus/<language>/*.yaml, tuning and held-out
    parts, written by several people) that means yes to a fact an inclusion rule needs."""
    rows = []
    for path in sorted(CORPORA.glob("*/*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if row.get("fact") in WILLING and row.get("expect") is True:
                rows.append(
                    (
                        f"{path.parent.name}/{path.name}",
                        row["fact"],
                        str(row["answer"]),
                        bool(row.get("proxy")),
                    )
                )
    return rows


def test_no_yes_in_the_corpora_is_read_as_no():
    answers = corpus_yes_answers()
    assert len(answers) >= 100, "the corpora should hold many ways of agreeing"
    misread = [
        (source, fact_id, text)
        for source, fact_id, text, proxy in answers
        if (parsed := understand(fact_id, text, TODAY, proxy=proxy).parsed).ok and parsed.value is False
    ]
    assert not misread, misread
