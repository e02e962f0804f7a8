"""The end of the form: say the right goodbye and, only with consent, hand the lead over."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import funnel
from actions.context import is_proxy, language, today, trials, with_proxy
from actions.outcome import utter_outcomes
from bot import conversation
from bot.leads import Referral, save_referral
from bot.leads.referral import Contact


class ActionFinishPrescreen(Action):
    def name(self) -> str:
        return "action_finish_prescreen"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        if tracker.get_slot("screening_consent") is False:
            dispatcher.utter_message(response="utter_consent_declined", contacts=_all_contacts())
            # Nothing is stored: the tracker store deletes this conversation instead of saving it.
            forget = SlotSet(conversation.FORGET_SLOT, True)
            return [forget, AllSlotsReset(), *funnel.kept_through_reset(tracker)]
        chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
        plan = conversation.plan_screening(chosen, tracker.get_slot("answers"), today())
        steps = []
        if not tracker.get_slot("outcome_shown"):
            utter_outcomes(dispatcher, tracker, chosen, plan)
            steps.append(funnel.finished(chosen, plan))
        if tracker.get_slot("contact_confirmed") is True:
            referral = _referral(tracker, plan)
            # The database call runs in a thread so it never stalls other conversations.
            lead_ids = await asyncio.to_thread(save_referral, referral)
            dispatcher.utter_message(response=with_proxy("utter_lead_saved", tracker))
            steps.append(funnel.Step("referred", tuple(r.trial_id for r in plan.referable)))
            counted = await funnel.record(tracker, steps)
            return [SlotSet("lead_ids", lead_ids), SlotSet("outcome_shown", True), *counted]
        if plan.referable:
            dispatcher.utter_message(response="utter_no_contact_goodbye", contacts=_contacts(chosen))
        else:
            dispatcher.utter_message(response="utter_not_eligible_goodbye", contacts=_contacts(chosen))
        return [SlotSet("outcome_shown", True), *await funnel.record(tracker, steps)]


def _referral(tracker: Tracker, plan: conversation.ScreeningPlan) -> Referral:
    def given(slot: str) -> str | None:
        value = tracker.get_slot(slot)
        return None if value in (None, conversation.NO_VALUE) else value

    return Referral(
        conversation_id=tracker.sender_id,
        results=plan.referable,
        answers=tracker.get_slot("answers") or {},
        answered_by_proxy=is_proxy(tracker),
        relation=tracker.get_slot("relation"),
        language=language(tracker),
        contact=Contact(
            name=tracker.get_slot("contact_name"),
            phone=given("contact_phone"),
            email=given("contact_email"),
            preferred_time=given("contact_time"),
            language=given("contact_language"),
        ),
        consents=tracker.get_slot("consents") or [],
    )


def _contacts(chosen) -> str:
    return "\n".join(f"• {conversation.contact_line(t)}" for t in chosen or trials())


def _all_contacts() -> str:
    return _contacts(trials())
