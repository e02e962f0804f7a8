"""The pre-screening dialogue's decisions, in plain Python; the Rasa actions are adapters over it.

One form drives the whole conversation. Its required slots grow as it goes:

    screening_consent → answering_for → chosen_trials → current_answer (once per question)
    → contact_consent → contact_name, contact_phone, contact_email, contact_time,
      contact_language → contact_confirmed

Questions come from `next_questions`, so only facts that can still change an outcome are asked,
and the screening stops as soon as every chosen trial is excluded. Answers live in the `answers`
slot as JSON: fact id → {value, unit, said, question, answered_at}. Nothing here imports Rasa.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.answer_record import AnswerRecord, How
from bot.eligibility import Outcome, TrialResult, evaluate
from bot.facts import UNKNOWN, FactsError, FactSet, Registry, default_registry, parse_facts
from bot.messages import message
from bot.next_questions import next_questions
from bot.parsing import Parsed, fill_pronouns
from bot.parsing.booleans import parse_boolean
from bot.parsing.checklists import ASK
from bot.parsing.text import plain
from bot.parsing.words import words
from bot.text import LANGUAGES, localize, written_language
from bot.trial_schema import Trial

FORM = "prescreen_form"
SCREENING_SLOTS = ["screening_consent", "answering_for", "chosen_trials"]
QUESTION_SLOT = "current_answer"
CONTACT_DETAIL_SLOTS = ["contact_name", "contact_phone", "contact_email", "contact_time", "contact_language"]
NO_VALUE = "none"
"""What a skipped contact field holds (e.g. no email), so it is not asked again."""
FORGET_SLOT = "forget_conversation"
"""Set by the actions when the person declines the screening or stops before agreeing to be
contacted; the tracker store (rasa_addons/tracker_store.py) then deletes the conversation instead of
saving it, so nothing is stored."""
READ_BACK_SLOT = "pending_answers"
"""Answers that would exclude, waiting for the person to confirm them (the answers slot as it would
be, and the facts to read back)."""
ASKS_SLOT = "question_asks"
"""How many times the current question has been asked (at most `understanding.MAX_ASKS`)."""


@dataclass(frozen=True)
class ScreeningPlan:
    """Where the screening stands: the questions still worth asking and each trial's result."""

    questions: tuple[str, ...]
    results: tuple[TrialResult, ...]

    @property
    def all_excluded(self) -> bool:
        return bool(self.results) and all(r.outcome is Outcome.NOT_ELIGIBLE for r in self.results)

    @property
    def referable(self) -> list[TrialResult]:
        """Trials the person may fit (likely eligible or needs review): these make a lead."""
        return [r for r in self.results if r.outcome is not Outcome.NOT_ELIGIBLE]

    @property
    def finished(self) -> bool:
        return not self.questions or self.all_excluded


def screening_date() -> date:
    """The screening date. PRESCREEN_TODAY (YYYY-MM-DD) pins it for reproducible tests and demos."""
    pinned = os.environ.get("PRESCREEN_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def active_trials(trials: Sequence[Trial]) -> list[Trial]:
    return [t for t in trials if t.is_active]


def chosen(trials: Sequence[Trial], trial_ids: Sequence[str] | None) -> list[Trial]:
    wanted = set(trial_ids or [])
    return [t for t in trials if t.id in wanted]


def answers_as_facts(answers: Mapping[str, Any] | None, today: date, registry: Registry) -> FactSet:
    """The answers slot as the engine's FactSet. A stored answer the registry no longer accepts
    (the registry changed mid-conversation) is treated as unknown rather than crashing."""
    raw = {fact_id: item.get("value") for fact_id, item in (answers or {}).items()}
    try:
        return parse_facts(raw, today, registry)
    except FactsError:
        cleaned = {}
        for fact_id, value in raw.items():
            if fact_id not in registry:
                continue
            try:
                parse_facts({fact_id: value}, today, registry)
                cleaned[fact_id] = value
            except FactsError:
                cleaned[fact_id] = UNKNOWN
        return parse_facts(cleaned, today, registry)


def plan_screening(
    trials: Sequence[Trial],
    answers: Mapping[str, Any] | None,
    today: date,
    registry: Registry | None = None,
    language: str = "en",
) -> ScreeningPlan:
    """Each trial's result and the questions still worth asking, for these answers on `today`, with
    the reasons worded in `language`.

    The form asks for this several times per message (its required slots, then the next question)
    with the same answers, so plans for JSON answers (as the slot holds them) and the default
    registry are remembered; the plan is frozen, so sharing it is safe."""
    if registry is None:
        try:
            answers_json = json.dumps(answers, sort_keys=True)
        except (TypeError, ValueError):
            answers_json = None
        if answers_json is not None and json.loads(answers_json) == answers:
            return _remembered_plan(_SameObjects(trials), answers_json, today, language)
    return _plan(trials, answers, today, registry or default_registry(), language)


def _plan(
    trials: Sequence[Trial],
    answers: Mapping[str, Any] | None,
    today: date,
    registry: Registry,
    language: str = "en",
) -> ScreeningPlan:
    facts = answers_as_facts(answers, today, registry)
    results = tuple(evaluate(t, facts, registry=registry, language=language) for t in trials)
    questions = tuple(next_questions(trials, facts, registry=registry, results=results))
    return ScreeningPlan(questions=questions, results=results)


@functools.lru_cache(maxsize=512)
def _remembered_plan(
    trials: _SameObjects, answers_json: str, today: date, language: str = "en"
) -> ScreeningPlan:
    return _plan(trials.items, json.loads(answers_json), today, default_registry(), language)


class _SameObjects:
    """A cache key that matches the very same objects (the loaded trials), not equal-looking ones:
    a test or a reload may hold another trial with the same id. Holding them keeps their ids valid."""

    __slots__ = ("items", "_hash")

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = tuple(items)
        self._hash = hash(tuple(map(id, self.items)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _SameObjects)
            and len(other.items) == len(self.items)
            and all(a is b for a, b in zip(self.items, other.items, strict=True))
        )


def required_slots(slots: Mapping[str, Any], trials: Sequence[Trial], today: date) -> list[str]:
    """The form's slots for where the conversation is now (the form asks the first empty one)."""
    required: list[str] = []
    for name in SCREENING_SLOTS:
        required.append(name)
        value = slots.get(name)
        if value is None:
            return required
        if name == "screening_consent" and value is False:
            return required  # declined: the form ends, nothing more is asked
    plan = plan_screening(chosen(trials, slots.get("chosen_trials")), slots.get("answers"), today)
    if not slots.get("callback_requested") and not plan.finished:
        return required + [QUESTION_SLOT]
    if not plan.referable and not slots.get("callback_requested"):
        return required  # every trial excluded: the form ends and the outcome is explained
    required.append("contact_consent")
    if slots.get("contact_consent") is not True:
        return required
    return required + CONTACT_DETAIL_SLOTS + ["contact_confirmed"]


def record_answer(
    answers: Mapping[str, Any] | None,
    fact_id: str,
    parsed: Parsed,
    question: str,
    now: datetime | None = None,
    how: How = "parsed",
) -> dict[str, Any]:
    """The answers slot with one more answer (an `AnswerRecord`). "I don't know" and give-ups are
    stored as unknown."""
    updated = dict(answers or {})
    updated.pop(fact_id, None)  # re-answering moves the fact to the end, for "go back"
    record = AnswerRecord.from_parsed(default_registry()[fact_id], parsed, question, how, now)
    updated[fact_id] = record.dict()
    return updated


def read_back_text(fact_id: str, record: Mapping[str, Any], language: str = "en") -> tuple[str, str]:
    """The fact's label and the answer as understood, in words, for a read-back."""
    definition = default_registry()[fact_id]
    shown = AnswerRecord.parse_obj(record).shown(definition, language)
    return localize(definition.label, language), shown


def forget_answer(
    answers: Mapping[str, Any] | None, fact_id: str | None = None
) -> tuple[dict[str, Any], str | None]:
    """Remove a named answer, or the last one; returns the new slot and the fact removed."""
    updated = dict(answers or {})
    if not updated:
        return updated, None
    target = fact_id if fact_id in updated else (None if fact_id else list(updated)[-1])
    if target is None:
        return updated, None
    updated.pop(target)
    return updated, target


def choose_question(plan: ScreeningPlan, current: str | None, revisit: str | None) -> str | None:
    """The fact (or checklist) to ask now: one the person asked to change, else the one being
    asked, else the plan's first; a fact whose checklist still has two or more facts to ask is
    asked through the checklist."""
    registry = default_registry()
    if revisit and revisit in plan.questions:
        return revisit
    if current in registry.checklists and open_items(current, plan):
        return current
    if current and current in plan.questions:
        return current
    if not plan.questions:
        return None
    first = plan.questions[0]
    checklist = registry.checklist_of(first)
    if checklist is not None and len(open_items(checklist.id, plan)) >= 2:
        return checklist.id
    return first


def facts_asked(question_id: str | None) -> set[str]:
    """The facts a question asks: the fact itself, or a checklist's items."""
    checklist = default_registry().checklists.get(question_id or "")
    return set(checklist.items) if checklist else ({question_id} if question_id else set())


def open_items(checklist_id: str, plan: ScreeningPlan) -> list[str]:
    """The checklist's facts the plan still wants asked."""
    return [f for f in default_registry().checklists[checklist_id].items if f in plan.questions]


def record_reading(
    answers: Mapping[str, Any] | None, question_id: str, parsed: Parsed, question: str, how: How
) -> dict[str, Any]:
    """Record the answer to a fact's question, or each item of a checklist's: items named with
    details still to ask (a date) stay open; "I don't know" makes every open item unknown."""
    registry = default_registry()
    if question_id not in registry.checklists:
        return record_answer(answers, question_id, parsed, question, how=how)
    updated = dict(answers or {})
    for fact_id in registry.checklists[question_id].items:
        if fact_id in updated and updated[fact_id].get("value") != UNKNOWN:
            continue  # already answered (volunteered earlier): kept as said
        if parsed.ok:
            value = parsed.value.get(fact_id)
            if value == ASK:
                continue
            item = Parsed(status="value", value=value, said=parsed.said)
        else:
            item = Parsed(status="unknown", said=parsed.said)
        updated = record_answer(updated, fact_id, item, question, how=how)
    return updated


def question_text(fact_id: str, proxy: bool, pronoun: str | None, language: str = "en") -> str:
    registry = default_registry()
    definition = registry.checklists.get(fact_id) or registry[fact_id]
    if proxy:
        text = fill_pronouns(localize(definition.question.proxy, language), pronoun, language)
    else:
        text = localize(definition.question.self, language)
    if fact_id in registry.checklists:
        items = registry.checklists[fact_id].items.values()
        text += "\n" + "\n".join(f"• {localize(item, language)}" for item in items)
    return text


def answer_buttons(fact_id: str, language: str = "en") -> list[dict[str, str]]:
    """Quick replies for a closed question; the payload is the label, so typing it works the same."""
    if fact_id in default_registry().checklists:
        labels = [message("button.none_of_these", language), message("button.dont_know", language)]
        return [{"title": label, "payload": label} for label in labels]
    definition = default_registry()[fact_id]
    labels: list[str] = []
    if definition.type == "boolean" and definition.yes_no_buttons is not None:
        labels = [
            localize(definition.yes_no_buttons.yes, language),
            localize(definition.yes_no_buttons.no, language),
        ]
    elif definition.type == "boolean":
        labels = [message("button.yes", language), message("button.no", language)]
    elif definition.type in ("choice", "choices"):
        labels = [localize(c.label, language) for c in definition.choices]
    elif definition.type == "date" and definition.allow_never:
        labels = [message("button.never", language)]
    labels.append(message("button.dont_know", language))
    return [{"title": label, "payload": label} for label in labels]


def trial_buttons(trials: Sequence[Trial], language: str = "en") -> list[dict[str, str]]:
    buttons = [{"title": localize(t.short_title, language)} for t in active_trials(trials)]
    buttons.append({"title": message("button.all_trials", language)})
    return [{**b, "payload": b["title"]} for b in buttons]


def choose_trials(text: str, trials: Sequence[Trial], language: str = "en") -> list[str] | None:
    """Trial ids the person picked by title, identifier or keyword; every active trial for
    "both" or "not sure"; None when nothing matched."""
    said = text.lower().strip()
    active = active_trials(trials)
    every = words(written_language(text)).pattern("all_trials")  # "both", "not sure", "都看看"
    if said == message("button.all_trials", language).lower() or every.search(plain(text)):
        return [t.id for t in active]
    picked = []
    for trial in active:
        names = [
            *(localize(trial.short_title, lang) for lang in LANGUAGES),
            trial.id,
            *trial.identifiers.values(),
            *trial.keywords,
        ]
        if any(_mentions(said, name) for name in names):
            picked.append(trial.id)
    return picked or None


def _mentions(said: str, name: str) -> bool:
    key = name.lower().strip()
    return bool(key) and re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", said) is not None


def find_fact_named(text: str, answers: Mapping[str, Any] | None) -> str | None:
    """An answered fact the person names ("change my age", "my platelets were wrong")."""
    said = text.lower()
    registry = default_registry()
    best, best_length = None, 0
    for fact_id in answers or {}:
        if fact_id not in registry:
            continue
        definition = registry[fact_id]
        names = {fact_id.replace("_", " "), localize(definition.label).lower()}
        names |= {word for word in fact_id.split("_") if len(word) > 3}
        for name in names:
            if name and name in said and len(name) > best_length:
                best, best_length = fact_id, len(name)
    return best


def outcome_summary(result: TrialResult, trial: Trial, language: str = "en") -> dict[str, str]:
    """The pieces an outcome message needs: trial name, why (in the engine's plain words), what next."""
    if result.outcome is Outcome.NOT_ELIGIBLE:
        reasons = [c.reason for c in result.excluded_by]
    elif result.outcome is Outcome.NEEDS_REVIEW:
        reasons = [c.plain for c in result.still_unknown]
    else:
        reasons = []
    return {
        "trial": localize(trial.short_title, language),
        "reasons": "\n".join(f"• {r}" for r in reasons),
        "to_confirm": "\n".join(
            f"• {c.plain}" for c in result.to_confirm if c.status.value != "not_applicable"
        ),
        "notes": "\n".join(result.notes),
        "contact": trial.contact.name,
    }


def contact_line(trial: Trial) -> str:
    """How to reach a study team, from the trial file."""
    parts = [trial.contact.name, trial.contact.phone, trial.contact.email]
    return ", ".join(p for p in parts if p)


def is_skip(text: str) -> bool:
    """A contact field the person would rather not give ("skip", "no email", "跳过"): the whole
    answer is one of bot/words/<language>.yaml `skip`."""
    return words(written_language(text)).pattern("skip").fullmatch(plain(text).strip(" .!。")) is not None


def yes_or_no(text: str, language: str = "en") -> bool | None:
    """A consent or confirmation answer: True, False, or None when it was neither ("no problem"
    and "sure, go ahead" agree)."""
    parsed = parse_boolean(text, language=language)
    return parsed.value if parsed.status == "value" else None
