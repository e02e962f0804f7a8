"""The form's questions whose wording or buttons depend on the conversation so far."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import funnel
from actions.context import is_proxy, language, today, trials, with_proxy
from actions.outcome import utter_outcomes
from bot import conversation


class ActionAskCurrentAnswer(Action):
    """Ask the next screening question the engine chose, worded for the patient or a proxy."""

    def name(self) -> str:
        return "action_ask_current_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
        plan = conversation.plan_screening(chosen, tracker.get_slot("answers"), today())
        fact_id = conversation.choose_question(
            plan, tracker.get_slot("current_question"), tracker.get_slot("revisit_question")
        )
        if fact_id is None:  # nothing left to ask; the form will move on
            return [SlotSet("current_question", None)]
        lang = language(tracker)
        text = conversation.question_text(fact_id, is_proxy(tracker), tracker.get_slot("pronoun"), lang)
        dispatcher.utter_message(
            response="utter_screening_question",
            question=text,
            buttons=conversation.answer_buttons(fact_id, lang),
        )
        return [SlotSet("current_question", fact_id), SlotSet("current_question_text", text)]


class ActionAskChosenTrials(Action):
    """Which study: one button per recruiting study, plus "not sure"."""

    def name(self) -> str:
        return "action_ask_chosen_trials"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        dispatcher.utter_message(
            response="utter_ask_chosen_trials",
            buttons=conversation.trial_buttons(trials(), language(tracker)),
        )
        return []


class ActionAskContactConsent(Action):
    """Explain the outcome (once), then ask whether the study team may get in touch."""

    def name(self) -> str:
        return "action_ask_contact_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        events: list[Any] = []
        if not tracker.get_slot("outcome_shown"):
            chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
            plan = conversation.plan_screening(chosen, tracker.get_slot("answers"), today())
            utter_outcomes(dispatcher, tracker, chosen, plan)
            events.append(SlotSet("outcome_shown", True))
            events += await funnel.record(tracker, [funnel.finished(chosen, plan)])
        dispatcher.utter_message(response=with_proxy("utter_ask_contact_consent", tracker))
        return events


class ActionAskContactConfirmed(Action):
    """Read the contact details back before anything is saved."""

    def name(self) -> str:
        return "action_ask_contact_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        shown = {slot: tracker.get_slot(slot) for slot in conversation.CONTACT_DETAIL_SLOTS}
        blank = domain.get("responses", {}).get("utter_not_given", [{"text": "-"}])[0]["text"]
        shown = {k: (blank if v in (None, conversation.NO_VALUE) else v) for k, v in shown.items()}
        dispatcher.utter_message(response="utter_ask_contact_confirmed", **shown)
        return []
