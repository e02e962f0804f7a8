"""Reading one message against the question that was asked, and what the conversation does with it.

`understand` is what the conversation (actions/prescreen_form.py), the message processor's
answer-first rule (rasa_addons/answer_first.py) and the understanding benchmark
(bench/understanding.py) all call, so what is measured is what runs:

- the answer to the question asked, read by `bot.parsing.parse_answer` with the fact's own words;
- every other fact the message plainly states ("I'm 58, it came back twice"), kept as volunteered;
- how it was understood: a button press, or parsed from free text.

`newly_excluding` names the answers that must be read back before they count: those that would make
the person not eligible for a study (the form skips the read-back for a button press or an answer
beyond doubt, "no", "80", `Understanding.sure`).
Nothing here imports Rasa.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.eligibility import Outcome
from bot.facts import FactDefinition, Registry, default_registry
from bot.parsing import Parsed, extract_facts, parse_answer
from bot.parsing.booleans import parse_boolean
from bot.parsing.checklists import parse_checklist
from bot.parsing.pinyin import from_pinyin, pinyin_slips_written
from bot.parsing.relations import about_the_patient, without_the_answerer
from bot.parsing.result import DECLINED, MIXED_READINGS_DIFFER, RESULT_PENDING
from bot.parsing.text import plain
from bot.text import latin_part, localize
from bot.trial_schema import Trial

SUBJECT_FACTS = frozenset({"age", "sex", "pregnant", "breastfeeding", "hiv_or_aids"})
"""Facts the free-text extractor reads from "I am ..." statements: for someone answering on
another's behalf, "I'm 45" is about the person typing, so these are not taken from a proxy."""

MAX_ASKS = 2
"""A question is asked at most twice; after that it is recorded as unknown and the conversation
moves on (an unknown never excludes)."""

HARD_COMMANDS = frozenset({"stop", "start_over", "go_back", "human_handoff"})
"""Intents that always mean what they say, even when the words could also be an answer."""

QUESTION_INTENTS = frozenset({"ask_why", "ask_what_is"})
"""Questions back: an answer only when the message asks nothing ("?") and reads as a value."""


def warm_up(registry: Registry | None = None) -> None:
    """Build once, before the first message, what reading answers builds lazily: the learned
    readers of every fact that has one, in every language (about a second each), so the first
    person to describe their day does not wait for a classifier to be trained."""
    from bot.parsing.choices import prepare_learned_readers

    prepare_learned_readers(registry or default_registry())


@dataclass(frozen=True)
class Understanding:
    """One message read against one question."""

    fact_id: str
    parsed: Parsed
    how: str
    """"button" (the text is one of the question's buttons) or "parsed" (free text)."""
    volunteered: dict[str, Parsed] = field(default_factory=dict)

    @property
    def sure(self) -> bool:
        """A button press or an answer beyond doubt: it counts without a read-back."""
        return self.how == "button" or self.parsed.sure


def understand(
    fact_id: str,
    text: str,
    today: date,
    proxy: bool = False,
    language: str = "en",
    buttons: Sequence[str] = (),
    registry: Registry | None = None,
) -> Understanding:
    """Read `text` as the answer to `fact_id`'s question, plus any other facts it states."""
    registry = registry or default_registry()
    pressed = plain(text) in {plain(b) for b in buttons}
    if fact_id in registry.checklists:
        parsed = parse_checklist(registry.checklists[fact_id], text, registry, language)
        how = "button" if pressed else "parsed"
        return Understanding(fact_id, parsed, how, _volunteered(text, today, proxy, registry))
    fact = registry[fact_id]
    said = text
    if language == "zh":
        text = from_pinyin(text) or pinyin_slips_written(text)  # "mei you", "huan解了": typed in pinyin
    if proxy and not pressed:
        text = without_the_answerer(text, language)  # "male, I'm his wife": the wife is typing
    if not pressed and not fact.may_be_about_a_relative:
        text = about_the_patient(text, language, proxy)  # "no, but my mum has it": the mother's
    parsed = _pressed_yes_or_no(fact, said, language) if pressed else None
    parsed = parsed or _read_in_each_language(fact, text, today, language)
    if text != said:
        parsed = dataclasses.replace(parsed, said=said)  # the answer keeps the person's own words
    if parsed.ok and not proxy and fact.self_minimum is not None and parsed.value < fact.self_minimum:
        parsed = dataclasses.replace(parsed, status="out_of_range", problem="number.out_of_range", sure=False)
    volunteered = _volunteered(text, today, proxy, registry)
    if not parsed.ok and parsed.problem not in _NOT_TAKEN_FROM_ELSEWHERE and fact_id in volunteered:
        # "I'm a 47 year old woman with ..." answers age too
        parsed = dataclasses.replace(volunteered[fact_id], said=text)
    volunteered.pop(fact_id, None)
    return Understanding(fact_id, parsed, "button" if pressed else "parsed", volunteered)


def _read_in_each_language(fact: FactDefinition, text: str, today: date, language: str) -> Parsed:
    """`text` read as the answer to `fact`. A yes or no in a message mainly in English with Chinese
    words in it is read whole, by its Chinese words' lists, and again from its English words alone:
    when both readings give a value and they differ, one has missed what the other's words said
    ("乙肝 carrier, but not active"), so neither is trusted and the question is asked again.
    Numbers and dates are not checked so: the English words alone lose the drug or the year the
    Chinese ones named ("甲泼尼龙 8mg", "2024 中秋"), and differ for no fault of the whole."""
    parsed = parse_answer(fact, text, today, language)
    english = latin_part(text) if fact.type == "boolean" and parsed.ok else None
    if english is None:
        return parsed
    alone = parse_answer(fact, english, today, language)
    if alone.ok and alone.value != parsed.value:
        return Parsed(status="unclear", said=parsed.said, problem=MIXED_READINGS_DIFFER)
    return parsed


_NOT_TAKEN_FROM_ELSEWHERE = frozenset({"dose.in_cycles", RESULT_PENDING})
"""Answers no value picked out of the same words replaces: a dose taken in cycles has no one amount,
and a guess before a result ("waiting for the biopsy, they think lymphoma") is not the answer yet."""


def _pressed_yes_or_no(fact: FactDefinition, text: str, language: str) -> Parsed | None:
    """A press of a yes or no button worded for the question ("No, not agreed") is that answer."""
    if fact.yes_no_buttons is None:
        return None
    for value, label in ((True, fact.yes_no_buttons.yes), (False, fact.yes_no_buttons.no)):
        if plain(text) == plain(localize(label, language)):
            return Parsed(status="value", value=value, said=text, sure=True)
    return None


def _volunteered(text: str, today: date, proxy: bool, registry: Registry) -> dict[str, Parsed]:
    return {
        other: value
        for other, value in extract_facts(text, today, registry).items()
        if not (proxy and other in SUBJECT_FACTS)
    }


def excluded_trials(plan_results: Sequence[Any]) -> set[str]:
    return {r.trial_id for r in plan_results if r.outcome is Outcome.NOT_ELIGIBLE}


def newly_excluding(
    trials: Sequence[Trial],
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    today: date,
) -> set[str]:
    """The facts answered in `after` but not in `before` whose answers exclude a study that
    `before` did not: the answers a read-back must confirm."""
    from bot.conversation import plan_screening  # the conversation imports this module

    was = excluded_trials(plan_screening(trials, before, today).results)
    now = excluded_trials(plan_screening(trials, after, today).results)
    if not now - was:
        return set()
    new_facts = [f for f in (after or {}) if (before or {}).get(f) != (after or {}).get(f)]
    culprits = set()
    for fact_id in new_facts:
        without = {k: v for k, v in (after or {}).items() if k != fact_id}
        if excluded_trials(plan_screening(trials, without, today).results) != now:
            culprits.add(fact_id)
    return culprits or set(new_facts)


def is_an_answer(
    fact_id: str | None,
    text: str,
    intent: str | None,
    today: date,
    reading_back: bool = False,
    proxy: bool = False,
    language: str = "en",
) -> bool:
    """Whether a message that NLU took for something else (thanks, advice, off topic) answers the
    question asked, so the form should take it as the answer ("no problem, I can do that" to the
    contraception question is not thanks). Commands (stop, start over, go back, a person) are never
    answers, except that "go back" to a read-back is its "no, let me change it"; a question back is
    one only when it asks nothing and reads as a value."""
    if not fact_id or not text:
        return False
    if reading_back and intent == "go_back":
        return True  # "No, let me change it" to a read-back: the validator drops the answer, asks again
    if intent in HARD_COMMANDS:
        return False
    if intent in QUESTION_INTENTS and "?" in text:
        return False
    if reading_back:
        return parse_boolean(text).ok or understand(fact_id, text, today, proxy, language).parsed.ok
    parsed = understand(fact_id, text, today, proxy, language).parsed
    return parsed.ok or parsed.problem == DECLINED  # "I'd rather not say" replies to this question
