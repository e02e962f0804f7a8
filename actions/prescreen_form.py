"""Validation of the one form that drives the conversation; each validator parses with bot.parsing."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import funnel
from actions.context import is_proxy, language, response_text, today, trials
from actions.help import explain_declined, explain_term
from bot import conversation
from bot.facts import default_registry
from bot.parsing import Parsed, extract_facts, parse_email, parse_phone, parse_relation, result
from bot.understanding import MAX_ASKS, newly_excluding, understand

Slots = dict[str, Any]


class ValidatePrescreenForm(FormValidationAction):
    def name(self) -> str:
        return "validate_prescreen_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[Any]:
        events = await super().run(dispatcher, tracker, domain)
        # The form runs this at its start and after each answer; the slots (updated by super().run)
        # show how far the screening got: started, consented, a study chosen.
        return events + await funnel.record(tracker, funnel.form_steps(tracker))

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return conversation.required_slots(tracker.slots, trials(), today())

    # ----- consent and who is answering -----
    def validate_screening_consent(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        agreed = conversation.yes_or_no(str(value), language(tracker))
        if agreed is None:
            dispatcher.utter_message(response=_unclear_reply(tracker, "utter_consent_unclear"))
            return {"screening_consent": None}
        record = _consent_record(
            "screening", agreed, response_text(domain, "utter_ask_screening_consent", language(tracker))
        )
        return {"screening_consent": agreed, "consents": [*(tracker.get_slot("consents") or []), record]}

    def validate_answering_for(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        relation = parse_relation(str(value))
        if relation is None:
            dispatcher.utter_message(response=_unclear_reply(tracker, "utter_answering_for_unclear"))
            return {"answering_for": None}
        slots: Slots = {
            "answering_for": "proxy" if relation.proxy else "self",
            "pronoun": relation.pronoun,
            "relation": relation.relation,
        }
        answers = tracker.get_slot("answers")
        if relation.sex:  # "my dad" answers the sex question too
            said = Parsed(status="value", value=relation.sex, said=str(value))
            answers = conversation.record_answer(answers, "sex", said, str(value))
        if not relation.proxy:
            answers = _record_new(answers, extract_facts(str(value), today(), default_registry()))
        slots["answers"] = answers
        return slots

    def validate_chosen_trials(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        picked = conversation.choose_trials(str(value), trials(), language(tracker))
        if not picked and tracker.get_slot(TRIAL_CHOICE_MISSED_SLOT):
            # Never a third time: check every study, as for "not sure" (an extra study never excludes).
            picked = [t.id for t in conversation.active_trials(trials())]
        if not picked:
            dispatcher.utter_message(response=_unclear_reply(tracker, "utter_trial_choice_unclear"))
            return {"chosen_trials": None, TRIAL_CHOICE_MISSED_SLOT: True}
        return {"chosen_trials": picked, TRIAL_CHOICE_MISSED_SLOT: None}

    # ----- the screening questions -----
    def validate_current_answer(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        fact_id = tracker.get_slot("current_question")
        if not fact_id:  # nothing was asked; the ask action will ask
            return {"current_answer": None}
        text = str(value)
        pending = tracker.get_slot(conversation.READ_BACK_SLOT)
        if pending:
            return self._read_back_answered(text, pending, dispatcher, tracker)
        reading = understand(
            fact_id,
            text,
            today(),
            proxy=is_proxy(tracker),
            language=language(tracker),
            buttons=[b["payload"] for b in conversation.answer_buttons(fact_id, language(tracker))],
        )
        parsed = reading.parsed
        question = tracker.get_slot("current_question_text") or ""
        answers = tracker.get_slot("answers")
        volunteered = _record_new(answers, reading.volunteered, skip=fact_id)
        asks = int(tracker.get_slot(conversation.ASKS_SLOT) or 1)
        if parsed.status in ("unclear", "out_of_range") and asks < MAX_ASKS:
            # Not understood: say why and ask once more (the ask action asks again). A question
            # about what the question means gets the term explained instead.
            explained = (
                parsed.problem == result.ASKS_WHAT_IT_MEANS and explain_term(dispatcher, tracker)
            ) or (parsed.problem == result.DECLINED and explain_declined(dispatcher, tracker))
            if not explained:
                dispatcher.utter_message(response=_unclear_reply(tracker, _clarify_response(parsed)))
            return {"current_answer": None, "answers": volunteered}
        if parsed.problem == "number.doubtful" and parsed.value is not None:
            # Asked again with its unit, the same low number: meant. Taken, and read back if it excludes.
            parsed = dataclasses.replace(parsed, status="value", problem=None, sure=False)
        if parsed.status in ("unclear", "out_of_range"):
            # Still not understood after two asks: record "unknown" and move on. Unknown never excludes.
            dispatcher.utter_message(response="utter_moving_on_unknown")
            parsed = Parsed(status="unknown", said=text, problem=parsed.problem)
        how = reading.how if parsed.ok else "parsed"
        updated = conversation.record_reading(volunteered, fact_id, parsed, question, how)
        if parsed.ok and _outcome_hangs_on_alternatives(tracker, fact_id, parsed, volunteered, updated):
            # "turning 18 next week": 17 or 18 decide the outcome; the study team checks it.
            parsed = Parsed(status="unknown", said=text)
            updated = conversation.record_answer(volunteered, fact_id, parsed, question, how=how)
        to_confirm = newly_excluding(_chosen(tracker), answers, updated, today())
        if to_confirm and not (reading.sure and to_confirm == {fact_id}):
            # An answer that would exclude is read back before it counts.
            return {
                "current_answer": None,
                conversation.READ_BACK_SLOT: {"answers": updated, "facts": sorted(to_confirm)},
            }
        return _answered(updated)

    def _read_back_answered(self, text: str, pending: dict, dispatcher, tracker: Tracker) -> Slots:
        """The reply to "Just to check: ...?": yes confirms; no (or anything else) drops the
        answers read back, never excluding on doubt, and the question is asked again (at most twice
        in all) unless the reply itself gave a new answer."""
        confirmed = conversation.yes_or_no(text, language(tracker))
        candidate = dict(pending.get("answers") or {})
        facts = list(pending.get("facts") or [])
        if confirmed:
            for fact_id in facts:
                if fact_id in candidate:
                    candidate[fact_id] = {**candidate[fact_id], "how": "confirmed"}
            return _answered(candidate)
        kept = {k: v for k, v in candidate.items() if k not in facts}
        fact_id = tracker.get_slot("current_question")
        asks = int(tracker.get_slot(conversation.ASKS_SLOT) or 1)
        asked = conversation.facts_asked(fact_id)
        if asked & set(facts) and asks >= MAX_ASKS:
            dispatcher.utter_message(response="utter_moving_on_unknown")
            unknown = Parsed(status="unknown", said=text)
            question = tracker.get_slot("current_question_text") or ""
            return _answered(conversation.record_reading(kept, fact_id, unknown, question, "not_answered"))
        dispatcher.utter_message(response="utter_read_back_changed")
        slots: Slots = {"current_answer": None, conversation.READ_BACK_SLOT: None, "answers": kept}
        if not asked & set(facts):  # the question's own answer stood; a volunteered one was dropped
            slots.update(_answered(kept))
        return slots

    # ----- contact details -----
    def validate_contact_consent(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        agreed = conversation.yes_or_no(str(value))
        if agreed is None:
            dispatcher.utter_message(response="utter_consent_unclear")
            return {"contact_consent": None}
        record = _consent_record(
            "contact", agreed, response_text(domain, "utter_ask_contact_consent", language(tracker))
        )
        return {"contact_consent": agreed, "consents": [*(tracker.get_slot("consents") or []), record]}

    def validate_contact_name(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        name = " ".join(str(value).split())
        if not name or len(name) > 120 or not any(ch.isalpha() for ch in name):
            dispatcher.utter_message(response="utter_invalid_name")
            return {"contact_name": None}
        return {"contact_name": name}

    def validate_contact_phone(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        if _is_skip(value):
            return {"contact_phone": conversation.NO_VALUE}
        parsed = parse_phone(str(value))
        if parsed.status != "value":
            dispatcher.utter_message(response="utter_invalid_phone", hint=_hint(parsed))
            return {"contact_phone": None}
        return {"contact_phone": parsed.value}

    def validate_contact_email(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        has_phone = tracker.get_slot("contact_phone") not in (None, conversation.NO_VALUE)
        if _is_skip(value):
            if has_phone:
                return {"contact_email": conversation.NO_VALUE}
            dispatcher.utter_message(response="utter_need_phone_or_email")
            return {"contact_email": None, "contact_phone": None}
        parsed = parse_email(str(value))
        if parsed.status != "value":
            dispatcher.utter_message(response="utter_invalid_email", hint=_hint(parsed))
            return {"contact_email": None}
        return {"contact_email": parsed.value}

    def validate_contact_time(self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict) -> Slots:
        return {"contact_time": " ".join(str(value).split())[:120] or conversation.NO_VALUE}

    def validate_contact_language(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"contact_language": " ".join(str(value).split())[:60] or conversation.NO_VALUE}

    def validate_contact_confirmed(
        self, value: Any, dispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        confirmed = conversation.yes_or_no(str(value))
        if confirmed is None:
            dispatcher.utter_message(response="utter_confirm_unclear")
            return {"contact_confirmed": None}
        if confirmed:
            return {"contact_confirmed": True}
        dispatcher.utter_message(response="utter_contact_correct_it")
        return {"contact_confirmed": None, **{slot: None for slot in conversation.CONTACT_DETAIL_SLOTS}}


def _record_new(answers: Any, found: dict[str, Parsed], skip: str | None = None) -> Any:
    """Keep extracted facts, but never overwrite an answer the person already gave."""
    for fact_id, parsed in found.items():
        if fact_id != skip and fact_id not in (answers or {}):
            answers = conversation.record_answer(answers, fact_id, parsed, question="", how="volunteered")
    return answers


def _answered(answers: Any) -> Slots:
    """The slots once the current question is answered: the next question comes from the plan."""
    return {
        "current_answer": None,
        "answers": answers,
        "current_question": None,
        "revisit_question": None,
        conversation.READ_BACK_SLOT: None,
        conversation.ASKS_SLOT: 0,
    }


def _outcome_hangs_on_alternatives(
    tracker: Tracker, fact_id: str, parsed: Parsed, before: Any, after: Any
) -> bool:
    """Whether another value the words could equally mean gives a different outcome."""
    chosen = _chosen(tracker)
    outcome = {r.trial_id: r.outcome for r in conversation.plan_screening(chosen, after, today()).results}
    for alternative in parsed.alternatives:
        other = conversation.record_answer(
            before, fact_id, dataclasses.replace(parsed, value=alternative), ""
        )
        results = conversation.plan_screening(chosen, other, today()).results
        if {r.trial_id: r.outcome for r in results} != outcome:
            return True
    return False


def _chosen(tracker: Tracker) -> list:
    return conversation.chosen(trials(), tracker.get_slot("chosen_trials"))


OFF_TOPIC_REPLIES = {"out_of_scope": "utter_out_of_scope", "medical_advice": "utter_medical_advice"}


TRIAL_CHOICE_MISSED_SLOT = "trial_choice_missed"
"""Set when the study choice was not understood once: the second miss checks every study."""


def _unclear_reply(tracker: Tracker, default: str) -> str:
    """The reply when a message did not answer the question: the off-topic or no-advice reply
    when NLU says that is what it was, otherwise `default` (ask again)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return OFF_TOPIC_REPLIES.get(intent, default)


def _consent_record(kind: str, agreed: bool, wording: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "agreed": agreed,
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "wording": wording,
    }


def _clarify_response(parsed: Parsed) -> str:
    if parsed.problem == "number.doubtful":
        return "utter_answer_with_unit"
    if parsed.status == "out_of_range":
        return "utter_answer_out_of_range"
    if parsed.problem == "boolean.refrain_unclear":
        return "utter_answer_which_no"
    if parsed.problem == "date.day_or_month":
        return "utter_answer_day_or_month"
    return "utter_answer_unclear"


def _hint(parsed: Parsed) -> str:
    return (parsed.problem or "").split(".")[-1].replace("_", " ")


def _is_skip(value: Any) -> bool:
    return conversation.is_skip(str(value))
