"""Explaining each trial's outcome kindly, in the engine's plain words."""

from __future__ import annotations

from collections.abc import Sequence

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import language, today, with_proxy
from bot import conversation
from bot.trial_schema import Trial


def utter_outcomes(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    chosen: Sequence[Trial],
    plan: conversation.ScreeningPlan,
) -> None:
    """One message per trial (fit, needs checking, or not a fit), then any scheduling notes."""
    lang = language(tracker)
    if lang != "en":  # the same results, with their reasons in the person's language
        plan = conversation.plan_screening(chosen, tracker.get_slot("answers"), today(), language=lang)
    for trial, result in zip(chosen, plan.results, strict=True):
        parts = conversation.outcome_summary(result, trial, lang)
        dispatcher.utter_message(
            response=with_proxy(f"utter_outcome_{result.outcome.value}", tracker), **parts
        )
        if parts["notes"]:
            dispatcher.utter_message(response="utter_outcome_scheduling_note", **parts)
    dispatcher.utter_message(response="utter_outcome_final_decision")
