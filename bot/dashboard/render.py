"""Jinja2 for the dashboard: autoescaped templates, and the words shown for statuses and outcomes.

Everything a lead holds (answers in the person's words, names, notes) reaches the page through
autoescaping, so `<img src=x onerror=alert(1)>` in an answer shows as text. No template marks
anything `|safe`.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from bot.answer_record import answer_in_words
from bot.dashboard.i18n import dashboard_languages, translator
from bot.leads.service import as_utc
from bot.text import LANGUAGE_TAGS, LANGUAGES

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The words are English source text, shown through `_` in the page's language (bot/dashboard/i18n.py).
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


def trial_choices(trials: dict) -> list[tuple[str, str]]:
    """A filter's study choices: each study's id, shown with its registry identifiers."""
    return [(t.id, f"{t.id} ({', '.join(t.identifiers.values())})") for t in trials.values()]


def language_choices(languages: dict[str, str]) -> list[tuple[str, str]]:
    """A filter's language choices: each code shown with the language's own name ("zh: 中文")."""
    return [(code, f"{name} ({code})") for code, name in languages.items()]


@cache
def environment(language: str = "en") -> jinja2.Environment:
    """The templates with the dashboard's words in `language`: `_` translates a text, and the
    `words`, `word_choices` and `understood` filters give coded values in that language."""
    _ = translator(language)

    def coded_words(value: str | None) -> str:
        return _(words(value))

    def understood(given: Any, fact_id: str = "") -> str:
        """An answer's value as understood, in words, with the canonical unit (bot/answer_record.py)."""
        return answer_in_words(fact_id, given, language)

    def word_choices(values: list[str]) -> list[tuple[str, str]]:
        """A filter's choices for coded values (outcomes, statuses), shown in words."""
        return [(value, coded_words(value)) for value in values]

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        words=coded_words,
        when=when,
        understood=understood,
        trial_choices=trial_choices,
        word_choices=word_choices,
        language_choices=language_choices,
    )
    env.globals.update(
        OUTCOME_WORDS=OUTCOME_WORDS,
        CRITERION_WORDS=CRITERION_WORDS,
        LANGUAGES=LANGUAGES,
        DASHBOARD_LANGUAGES=dashboard_languages(),
        language=language,
        LANGUAGE_TAGS=LANGUAGE_TAGS,
        _=_,
    )
    return env
