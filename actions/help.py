"""Things a person can ask for at any point: why, what is, go back, start over, a person, stop."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import funnel
from actions.context import language, today, trials
from actions.outcome import utter_outcomes
from bot import conversation
from bot.facts import default_registry
from bot.glossary import default_glossary
from bot.text import localize


class ActionExplainWhy(Action):
    """'Why do you ask?': the fact's one-line reason, or why we ask at all before the questions start."""

    def name(self) -> str:
        return "action_explain_why"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        fact_id = tracker.get_slot("current_question")
        if tracker.get_slot("requested_slot") == conversation.QUESTION_SLOT and fact_id:
            reason = localize(default_registry()[fact_id].why, language(tracker))
            dispatcher.utter_message(response="utter_why_we_ask", reason=reason)
        elif tracker.get_slot("outcome_shown") and tracker.active_loop.get("name") is None:
            # "Why?" after the outcome: the outcome again, with its reasons.
            chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials"))
            utter_outcomes(
                dispatcher,
                tracker,
                chosen,
                conversation.plan_screening(chosen, tracker.get_slot("answers"), today()),
            )
        else:
            dispatcher.utter_message(response="utter_why_we_ask_general")
        return []


class ActionOtherStudies(Action):
    """'Are there other studies?': every study the assistant can check, with its short title."""

    def name(self) -> str:
        return "action_other_studies"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        lang = language(tracker)
        studies = "\n".join(
            f"• {localize(t.short_title, lang)}" for t in conversation.active_trials(trials())
        )
        dispatcher.utter_message(response="utter_other_studies", studies=studies)
        return []


class ActionExplainTerm(Action):
    """'What is ECOG?': the glossary entry named in the message, or the current question's term."""

    def name(self) -> str:
        return "action_explain_term"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        if not explain_term(dispatcher, tracker):
            dispatcher.utter_message(response="utter_term_unknown")
        return []


def explain_term(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Explain the glossary term the latest message names, or else the current question's first
    term. Returns False when there is none to explain (nothing was said)."""
    glossary = default_glossary()
    entry = glossary.lookup(tracker.latest_message.get("text") or "")
    fact_id = tracker.get_slot("current_question")
    if entry is None and fact_id and default_registry()[fact_id].glossary:
        entry = glossary[default_registry()[fact_id].glossary[0]]
    if entry is None:
        return False
    lang = language(tracker)
    dispatcher.utter_message(
        response="utter_explain_term",
        term=localize(entry.title, lang),
        explanation=localize(entry.text, lang),
    )
    return True


def explain_declined(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "I'd rather not say": no answer is required; say why the current question is asked and that
    "I don't know" moves on. Returns False when there is no question to explain."""
    fact_id = tracker.get_slot("current_question")
    registry = default_registry()
    definition = registry.checklists.get(fact_id) or registry.get(fact_id) if fact_id else None
    if definition is None:
        return False
    reason = localize(definition.why, language(tracker))
    dispatcher.utter_message(response="utter_answer_declined", reason=reason)
    return True


class ActionGoBack(Action):
    """'Go back' / 'I made a mistake': forget the last answer (or the one named) and ask it again."""

    def name(self) -> str:
        return "action_go_back"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        requested = tracker.get_slot("requested_slot")
        if requested in conversation.CONTACT_DETAIL_SLOTS + ["contact_confirmed"]:
            filled = [s for s in conversation.CONTACT_DETAIL_SLOTS if tracker.get_slot(s) is not None]
            if filled:
                dispatcher.utter_message(response="utter_go_back_ok")
                return [SlotSet(filled[-1], None), SlotSet("contact_confirmed", None)]
        answers = tracker.get_slot("answers")
        named = conversation.find_fact_named(tracker.latest_message.get("text") or "", answers)
        updated, removed = conversation.forget_answer(answers, named)
        if removed is None:
            dispatcher.utter_message(response="utter_go_back_nothing")
            return []
        dispatcher.utter_message(response="utter_go_back_ok")
        return [
            SlotSet("answers", updated),
            SlotSet("revisit_question", removed),
            SlotSet("current_question", None),
            SlotSet("outcome_shown", None),
            SlotSet("contact_consent", None),
        ]


class ActionStartOver(Action):
    """'Start over': forget every answer; the form starts again from the consent question."""

    def name(self) -> str:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        dispatcher.utter_message(response="utter_start_over")
        kept_language = (
            [SlotSet("language", tracker.get_slot("language"))] if tracker.get_slot("language") else []
        )
        return [ActiveLoop(None), AllSlotsReset(), *funnel.kept_through_reset(tracker), *kept_language]


class ActionHumanHandoff(Action):
    """'Talk to a person': the study contacts, and a call-back if the person wants one."""

    def name(self) -> str:
        return "action_human_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        chosen = conversation.chosen(trials(), tracker.get_slot("chosen_trials")) or list(trials())
        lang = language(tracker)
        contacts = "\n".join(
            f"• {localize(t.short_title, lang)}: {conversation.contact_line(t)}" for t in chosen
        )
        dispatcher.utter_message(response="utter_human_handoff", contacts=contacts)
        if tracker.get_slot("screening_consent") and not tracker.get_slot("contact_consent"):
            return [SlotSet("callback_requested", True), SlotSet("current_question", None)]
        return []


class ActionStop(Action):
    """'Stop': end politely. Nothing is kept unless the person already agreed to be contacted."""

    def name(self) -> str:
        return "action_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        dispatcher.utter_message(response="utter_stopped")
        # The tracker store deletes the conversation unless it already produced a lead.
        forget = SlotSet(conversation.FORGET_SLOT, True)
        return [forget, ActiveLoop(None), AllSlotsReset(), *funnel.kept_through_reset(tracker)]
