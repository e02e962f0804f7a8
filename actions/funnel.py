"""Counting the screening funnel from the actions (bot/leads/funnel.py holds the counters).

Each step counts once per conversation: the `funnel_steps` slot lists the steps already counted, so
an action that runs again (after "go back", a repeated outcome, a second save) counts nothing, and
start over and stop keep the slot through their slot reset. Counting never breaks the chat: a
database error is logged (the step's name and the error's type, nothing the person said) and the
conversation goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.context import language
from bot import conversation
from bot.eligibility import Outcome
from bot.leads import funnel
from bot.trial_schema import Trial

SLOT = "funnel_steps"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    stage: str
    trial_ids: tuple[str, ...] = ()
    excluded_criteria: tuple[tuple[str, str], ...] = ()


def finished(chosen: Sequence[Trial], plan: conversation.ScreeningPlan) -> Step:
    """The outcome was shown: each chosen trial, and each criterion that excluded the person."""
    excluded = tuple(
        (result.trial_id, c.criterion_id)
        for result in plan.results
        if result.outcome is Outcome.NOT_ELIGIBLE
        for c in result.excluded_by
    )
    return Step("finished", tuple(t.id for t in chosen), excluded)


def form_steps(tracker: Tracker) -> list[Step]:
    """The steps the form's slots show so far: started, then consented, then chosen."""
    steps = [Step("started")]
    if tracker.get_slot("screening_consent") is True:
        steps.append(Step("consented"))
    chosen = tracker.get_slot("chosen_trials")
    if chosen:
        steps.append(Step("chosen", tuple(chosen)))
    return steps


async def record(tracker: Tracker, steps: Iterable[Step]) -> list[dict[str, Any]]:
    """Count the steps this conversation has not counted yet; the slot event that remembers them."""
    done = list(tracker.get_slot(SLOT) or [])
    counted = []
    for step in steps:
        if step.stage in done or step.stage in counted:
            continue
        try:
            await asyncio.to_thread(
                funnel.record_step,
                step.stage,
                step.trial_ids,
                step.excluded_criteria,
                language=language(tracker),
            )
        except Exception as error:  # noqa: BLE001 - counting must never stop a conversation
            logger.warning("funnel: could not count step %s (%s)", step.stage, type(error).__name__)
            continue
        counted.append(step.stage)
    return [SlotSet(SLOT, done + counted)] if counted else []


def kept_through_reset(tracker: Tracker) -> list[dict[str, Any]]:
    """After AllSlotsReset: set the steps already counted again, so a restart counts nothing twice."""
    done = tracker.get_slot(SLOT)
    return [SlotSet(SLOT, done)] if done else []
