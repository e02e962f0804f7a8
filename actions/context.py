"""What every action needs: today's date, the trials, the person's language, response wording."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from rasa_sdk import Tracker

from bot.conversation import screening_date
from bot.trial_schema import Trial
from bot.trials import load_trials


@functools.lru_cache(maxsize=1)
def trials() -> tuple[Trial, ...]:
    return tuple(load_trials())


def today() -> date:
    """The screening date (`bot.conversation.screening_date`: PRESCREEN_TODAY pins it)."""
    return screening_date()


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def is_proxy(tracker: Tracker) -> bool:
    return tracker.get_slot("answering_for") == "proxy"


def response_text(domain: dict[str, Any], name: str, language: str = "en") -> str:
    """The text of a response in the domain as shown in `language` (its variant conditioned on the
    language slot, else the first): the exact wording a consent record keeps."""
    variants = domain.get("responses", {}).get(name) or [{}]
    for variant in variants:
        conditions = variant.get("condition") or []
        if any(c.get("name") == "language" and c.get("value") == language for c in conditions):
            return variant.get("text", "")
    return variants[0].get("text", "")


def with_proxy(name: str, tracker: Tracker) -> str:
    """The `_proxy` variant of a response when someone answers for the patient."""
    return f"{name}_proxy" if is_proxy(tracker) else name
