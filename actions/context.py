"""What every action needs: today's date, the trials, the person's language, response wording."""

from __future__ import annotations

import functools
import os
from datetime import date
from typing import Any

from rasa_sdk import Tracker

from bot.trial_schema import Trial
from bot.trials import load_trials


@functools.lru_cache(maxsize=1)
def trials() -> tuple[Trial, ...]:
    return tuple(load_trials())


def today() -> date:
    """The screening date. PRESCREEN_TODAY (YYYY-MM-DD) pins it for reproducible tests and demos."""
    pinned = os.environ.get("PRESCREEN_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


def language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def is_proxy(tracker: Tracker) -> bool:
    return tracker.get_slot("answering_for") == "proxy"


def response_text(domain: dict[str, Any], name: str) -> str:
    """The first text of a response in the domain: the exact wording a consent record keeps."""
    variants = domain.get("responses", {}).get(name) or [{}]
    return variants[0].get("text", "")


def with_proxy(name: str, tracker: Tracker) -> str:
    """The `_proxy` variant of a response when someone answers for the patient."""
    return f"{name}_proxy" if is_proxy(tracker) else name
