"""What every action needs: today's date, the trials, the person's language, response wording."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from rasa_sdk import Tracker

from bot.conversation import screening_date
from bot.text import LANGUAGE_SLOT, response_language
from bot.trial_schema import Trial
from bot.trials import load_trials


@functools.lru_cache(maxsize=1)
def trials() -> tuple[Trial, ...]:
    return tuple(load_trials())


def today() -> date:
    """The screening date (`bot.conversation.screening_date`: PRESCREEN_TODAY pins it)."""
    return screening_date()


def language(tracker: Tracker) -> str:
    return tracker.get_slot(LANGUAGE_SLOT) or "en"


def is_proxy(tracker: Tracker) -> bool:
    return tracker.get_slot("answering_for") == "proxy"


def response_text(domain: dict[str, Any], name: str, language: str = "en") -> str:
    """The text of a response in the domain as shown in `language` (its variant conditioned on the
    language slot, else the first): the exact wording a consent record keeps."""
    variants = domain.get("responses", {}).get(name) or [{}]
    shown = next((v for v in variants if response_language(v) == language), variants[0])
    return shown.get("text", "")


def with_proxy(name: str, tracker: Tracker) -> str:
    """The `_proxy` variant of a response when someone answers for the patient."""
    return f"{name}_proxy" if is_proxy(tracker) else name
