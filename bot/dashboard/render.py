"""Jinja2 for the dashboard: autoescaped templates, and the words shown for statuses and outcomes.

Everything a lead holds (answers in the person's words, names, notes) reaches the page through
autoescaping, so `<img src=x onerror=alert(1)>` in an answer shows as text. No template marks
anything `|safe`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from bot.answer_record import answer_in_words
from bot.leads.service import as_utc
from bot.text import LANGUAGES

TEMPLATES = Path(__file__).resolve().parent / "templates"

OUTCOME_WORDS = {
    "likely_eligible": ("✓", "likely eligible"),
    "needs_review": ("?", "needs review"),
    "not_eligible": ("✗", "not eligible"),
}
CRITERION_WORDS = {
    "met": ("✓", "met"),
    "not_met": ("✗", "not met"),
    "unknown": ("?", "unknown"),
    "not_applicable": ("–", "not applicable"),
    "to_confirm": ("…", "to be confirmed by the study team"),
}


def words(value: str | None) -> str:
    """A stored code as words: not_eligible → not eligible."""
    return (value or "").replace("_", " ")


def when(moment: datetime | str | None) -> str:
    """A time as YYYY-MM-DD HH:MM UTC."""
    if moment is None:
        return "-"
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    return as_utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def understood(given: Any, fact_id: str = "") -> str:
    """An answer's value as understood, in words, with the canonical unit (bot/answer_record.py)."""
    return answer_in_words(fact_id, given)


def trial_choices(trials: dict) -> list[tuple[str, str]]:
    """A filter's study choices: each study's id, shown with its registry identifiers."""
    return [(t.id, f"{t.id} ({', '.join(t.identifiers.values())})") for t in trials.values()]


def language_choices(languages: dict[str, str]) -> list[tuple[str, str]]:
    """A filter's language choices: each code shown with the language's own name ("zh: 中文")."""
    return [(code, f"{name} ({code})") for code, name in languages.items()]


def word_choices(values: list[str]) -> list[tuple[str, str]]:
    """A filter's choices for coded values (outcomes, statuses), shown in words."""
    return [(value, words(value)) for value in values]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        words=words,
        when=when,
        understood=understood,
        trial_choices=trial_choices,
        word_choices=word_choices,
        language_choices=language_choices,
    )
    env.globals.update(OUTCOME_WORDS=OUTCOME_WORDS, CRITERION_WORDS=CRITERION_WORDS, LANGUAGES=LANGUAGES)
    return env
