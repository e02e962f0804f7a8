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
from bot.messages import message
from bot.parsing import Parsed
from bot.understanding import MAX_ASKS


class ActionAskCurrentAnswer(Action):
    """Ask the next screening question the engine chose, worded for the patient or a proxy; or read
    back an answer that would exclude. No question is asked a third time: it is recorded as unknown
    and the next one is asked (or, when none is left, the outcome and the contact question)."""

    def name(self) -> str:
        return "action_ask_current_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = language(tracker)
        pending = tracker.get_slot(conversation.READ_BACK_SLOT)
        if pending:
            _read_back(dispatcher, pending, lang)
            return []
        chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
        answers = tracker.get_slot("answers")
        plan = conversation.plan_screening(chosen, answers, today())
        current = tracker.get_slot("current_question")
        fact_id = conversation.choose_question(plan, current, tracker.get_slot("revisit_question"))
        asks = int(tracker.get_slot(conversation.ASKS_SLOT) or 0) if fact_id == current else 0
        events: list[Any] = []
        gave_up = fact_id is not None and asks >= MAX_ASKS
        if gave_up:
            # Asked twice already (an interruption came between): unknown, and move on.
            unknown = Parsed(status="unknown", said="")
            question = tracker.get_slot("current_question_text") or ""
            answers = conversation.record_reading(answers, fact_id, unknown, question, "not_answered")
            dispatcher.utter_message(response="utter_moving_on_unknown")
            events.append(SlotSet("answers", answers))
            plan = conversation.plan_screening(chosen, answers, today())
            fact_id, asks = conversation.choose_question(plan, None, None), 0
        if fact_id is None:  # nothing left to ask: the outcome, then the contact question
            events.append(SlotSet("current_question", None))
            if gave_up and plan.referable:  # the form planned a question; the outcome comes now instead
                events += await ActionAskContactConsent().outcome_and_question(
                    dispatcher, tracker, chosen, plan
                )
                events.append(SlotSet("requested_slot", "contact_consent"))
            return events
        text = conversation.question_text(fact_id, is_proxy(tracker), tracker.get_slot("pronoun"), lang)
        dispatcher.utter_message(
            response="utter_screening_question",
            question=text,
            buttons=conversation.answer_buttons(fact_id, lang),
        )
        return events + [
            SlotSet("current_question", fact_id),
            SlotSet("current_question_text", text),
            SlotSet(conversation.ASKS_SLOT, asks + 1),
        ]


def _read_back(dispatcher: CollectingDispatcher, pending: dict, lang: str) -> None:
    """ "Just to check, so I get this right: ..." with Yes / No buttons."""
    candidate = pending.get("answers") or {}
    lines = []
    for fact_id in pending.get("facts") or []:
        if fact_id in candidate:
            label, shown = conversation.read_back_text(fact_id, candidate[fact_id], lang)
            lines.append(f"• {label}: {shown}")
    yes, no = message("button.read_back_yes", lang), message("button.read_back_no", lang)
    dispatcher.utter_message(
        response="utter_read_back",
        answers="\n".join(lines),
        buttons=[{"title": yes, "payload": yes}, {"title": no, "payload": no}],
    )


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
        chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
        plan = conversation.plan_screening(chosen, tracker.get_slot("answers"), today())
        return await self.outcome_and_question(dispatcher, tracker, chosen, plan)

    async def outcome_and_question(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        chosen: list,
        plan: conversation.ScreeningPlan,
    ) -> list[Any]:
        events: list[Any] = []
        if not tracker.get_slot("outcome_shown"):
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
