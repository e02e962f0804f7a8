"""The ask, help and finish actions, each with a real Tracker and CollectingDispatcher."""

from __future__ import annotations

from actions.ask import (
    ActionAskChosenTrials,
    ActionAskContactConfirmed,
    ActionAskContactConsent,
    ActionAskCurrentAnswer,
)
from actions.finish import ActionFinishPrescreen
from actions.help import (
    ActionExplainTerm,
    ActionExplainWhy,
    ActionGoBack,
    ActionHumanHandoff,
    ActionStartOver,
    ActionStop,
)
from bot import conversation
from bot.facts import default_registry
from bot.leads import queries
from bot.text import localize
from bot.trials import load_trials
from tests.actions.conftest import make_tracker, responses, run, slot_events

XJ = {"screening_consent": True, "answering_for": "self", "chosen_trials": ["xj-mk-002"]}


def answer(value, said="", question=""):
    return {
        "value": value,
        "unit": None,
        "said": said or str(value),
        "question": question,
        "answered_at": "2026-11-21T09:00:00+00:00",
    }


LIKELY_XJ_ANSWERS = {
    "age": answer(47),
    "sex": answer("female"),
    "diagnosis": answer("solid_tumour"),
    "cancer_treatments": answer(["chemotherapy"]),
    "platelet_count": answer(72),
    "last_platelet_transfusion": answer("never"),
    "active_bleeding": answer(False),
    "ecog": answer(1),
    "can_become_pregnant": answer(False),
}


def test_the_first_question_is_one_the_engine_chose_with_buttons(domain):
    events, dispatcher = run(
        ActionAskCurrentAnswer(), make_tracker(XJ, requested_slot="current_answer"), domain
    )
    fact_id = slot_events(events)["current_question"]
    (message,) = dispatcher.messages
    assert message["response"] == "utter_screening_question"
    assert message["question"] == localize(default_registry()[fact_id].question.self)
    assert message["buttons"], "every question offers at least an I-don't-know button"


def test_a_caregiver_is_asked_about_him_not_you(domain):
    slots = {**XJ, "answering_for": "proxy", "pronoun": "he"}
    events, dispatcher = run(
        ActionAskCurrentAnswer(), make_tracker(slots, requested_slot="current_answer"), domain
    )
    question = dispatcher.messages[0]["question"]
    assert slot_events(events)["current_question"] == "age"
    assert question.startswith("How old is he?")


def test_yes_no_questions_offer_yes_no_and_dont_know(domain):
    slots = {**XJ, "answers": {k: v for k, v in LIKELY_XJ_ANSWERS.items() if k != "active_bleeding"}}
    events, dispatcher = run(
        ActionAskCurrentAnswer(), make_tracker(slots, requested_slot="current_answer"), domain
    )
    assert slot_events(events)["current_question"] == "active_bleeding"
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Yes", "No", "I don't know"]


def test_which_study_offers_a_button_per_recruiting_trial_and_not_sure(domain):
    _, dispatcher = run(ActionAskChosenTrials(), make_tracker({"screening_consent": True}), domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert len(titles) == 3 and titles[-1].startswith("Not sure")


def test_the_outcome_is_explained_once_before_asking_for_contact(domain):
    slots = {**XJ, "answers": LIKELY_XJ_ANSWERS}
    events, dispatcher = run(
        ActionAskContactConsent(), make_tracker(slots, requested_slot="contact_consent"), domain
    )
    said = responses(dispatcher)
    assert said == [
        "utter_outcome_likely_eligible",
        "utter_outcome_final_decision",
        "utter_ask_contact_consent",
    ]
    assert slot_events(events)["outcome_shown"] is True
    _, dispatcher = run(
        ActionAskContactConsent(),
        make_tracker({**slots, "outcome_shown": True}, requested_slot="contact_consent"),
        domain,
    )
    assert responses(dispatcher) == ["utter_ask_contact_consent"]


def test_contact_details_are_read_back(domain):
    slots = {
        "contact_name": "Anna Smith",
        "contact_phone": "+8613800138000",
        "contact_email": "none",
        "contact_time": "mornings",
        "contact_language": "English",
    }
    _, dispatcher = run(ActionAskContactConfirmed(), make_tracker(slots), domain)
    message = dispatcher.messages[0]
    assert message["contact_name"] == "Anna Smith" and message["contact_email"] == "not given"


def test_why_do_you_ask_gives_the_current_facts_reason(domain):
    slots = {**XJ, "current_question": "platelet_count"}
    _, dispatcher = run(
        ActionExplainWhy(), make_tracker(slots, text="why?", requested_slot="current_answer"), domain
    )
    assert dispatcher.messages[0]["reason"] == localize(default_registry()["platelet_count"].why)


def test_what_is_ecog_answers_from_the_glossary(domain):
    _, dispatcher = run(ActionExplainTerm(), make_tracker(text="what is ECOG?"), domain)
    assert dispatcher.messages[0]["response"] == "utter_explain_term"
    assert "0 to 4" in dispatcher.messages[0]["explanation"]


def test_what_is_that_during_a_question_explains_the_questions_term(domain):
    slots = {"current_question": "ejection_fraction"}
    _, dispatcher = run(ActionExplainTerm(), make_tracker(slots, text="what is that?"), domain)
    assert dispatcher.messages[0]["term"] == "Ejection fraction"


def test_go_back_forgets_the_last_answer_and_asks_it_again(domain):
    slots = {**XJ, "answers": {"age": answer(47), "platelet_count": answer(72)}}
    events, _ = run(
        ActionGoBack(), make_tracker(slots, text="I made a mistake", requested_slot="current_answer"), domain
    )
    changed = slot_events(events)
    assert list(changed["answers"]) == ["age"]
    assert changed["revisit_question"] == "platelet_count"


def test_go_back_can_change_a_named_answer(domain):
    slots = {**XJ, "answers": {"age": answer(47), "platelet_count": answer(72)}}
    events, _ = run(
        ActionGoBack(),
        make_tracker(slots, text="I want to change my age", requested_slot="current_answer"),
        domain,
    )
    assert slot_events(events)["revisit_question"] == "age"


def test_start_over_clears_everything(domain):
    events, dispatcher = run(ActionStartOver(), make_tracker({**XJ, "answers": LIKELY_XJ_ANSWERS}), domain)
    assert {"event": "reset_slots", "timestamp": None} in events
    assert responses(dispatcher) == ["utter_start_over"]


def test_start_over_keeps_the_conversation_language(domain):
    events, _ = run(ActionStartOver(), make_tracker({**XJ, "language": "zh"}), domain)
    reset = events.index({"event": "reset_slots", "timestamp": None})
    assert slot_events(events[reset:])["language"] == "zh"


def test_talk_to_a_person_gives_contacts_and_offers_a_call_back(domain):
    events, dispatcher = run(
        ActionHumanHandoff(), make_tracker({**XJ}, requested_slot="current_answer"), domain
    )
    assert "XJ-MK-002" in dispatcher.messages[0]["contacts"]
    assert slot_events(events)["callback_requested"] is True


def test_stop_ends_politely_and_keeps_nothing(domain):
    events, dispatcher = run(ActionStop(), make_tracker({**XJ, "answers": LIKELY_XJ_ANSWERS}), domain)
    assert responses(dispatcher) == ["utter_stopped"]
    assert {"event": "reset_slots", "timestamp": None} in events
    # ...and asks the tracker store to delete the conversation (it keeps one with a lead).
    assert slot_events(events)[conversation.FORGET_SLOT] is True


def test_declining_consent_ends_with_the_study_contacts(domain):
    events, dispatcher = run(ActionFinishPrescreen(), make_tracker({"screening_consent": False}), domain)
    assert responses(dispatcher) == ["utter_consent_declined"]
    assert queries.leads_for_conversation("test-conversation") == []
    assert slot_events(events)[conversation.FORGET_SLOT] is True, "store nothing"


def test_finishing_normally_does_not_ask_to_be_forgotten(domain):
    events, _ = run(ActionFinishPrescreen(), make_tracker({**XJ, "answers": {"age": answer(80)}}), domain)
    assert conversation.FORGET_SLOT not in slot_events(events)


def test_an_excluded_person_hears_why_kindly_and_no_lead_is_made(domain):
    slots = {**XJ, "answers": {"age": answer(80)}}
    _, dispatcher = run(ActionFinishPrescreen(), make_tracker(slots), domain)
    assert responses(dispatcher) == [
        "utter_outcome_not_eligible",
        "utter_outcome_final_decision",
        "utter_not_eligible_goodbye",
    ]
    assert "18 to 75" in dispatcher.messages[0]["reasons"]
    assert queries.leads_for_conversation("test-conversation") == []


def test_confirmed_contact_details_become_one_lead_per_fitting_trial(domain):
    slots = {
        **XJ,
        "answers": LIKELY_XJ_ANSWERS,
        "outcome_shown": True,
        "contact_consent": True,
        "contact_name": "Anna Smith",
        "contact_phone": "+8613800138000",
        "contact_email": "none",
        "contact_time": "mornings",
        "contact_language": "English",
        "contact_confirmed": True,
        "consents": [
            {"kind": "screening", "agreed": True, "at": "2026-11-21T09:00:00+00:00", "wording": "..."}
        ],
    }
    events, dispatcher = run(ActionFinishPrescreen(), make_tracker(slots, sender="conv-1"), domain)
    assert responses(dispatcher) == ["utter_lead_saved"]
    (lead,) = queries.leads_for_conversation("conv-1")
    assert (lead.trial_id, lead.outcome, lead.answered_by_proxy) == ("xj-mk-002", "likely_eligible", False)
    assert slot_events(events)["lead_ids"] == [lead.id]
    # idempotent: finishing again updates the same lead
    run(ActionFinishPrescreen(), make_tracker(slots, sender="conv-1"), domain)
    assert [x.id for x in queries.leads_for_conversation("conv-1")] == [lead.id]


def test_declining_contact_leaves_no_lead(domain):
    slots = {**XJ, "answers": LIKELY_XJ_ANSWERS, "outcome_shown": True, "contact_consent": False}
    _, dispatcher = run(ActionFinishPrescreen(), make_tracker(slots, sender="conv-2"), domain)
    assert responses(dispatcher) == ["utter_no_contact_goodbye"]
    assert queries.leads_for_conversation("conv-2") == []


def test_a_study_choice_not_understood_twice_checks_every_study(domain):
    """Never a third time: the second miss checks every study, as "not sure" does."""
    from actions.prescreen_form import TRIAL_CHOICE_MISSED_SLOT, ValidatePrescreenForm

    base = {"screening_consent": True, "answering_for": "self"}
    said = {"chosen_trials": "the blue one"}
    first = make_tracker(base, text="the blue one", fill=said, requested_slot="chosen_trials")
    events, dispatcher = run(ValidatePrescreenForm(), first, domain)
    assert slot_events(events)["chosen_trials"] is None and slot_events(events)[TRIAL_CHOICE_MISSED_SLOT]
    assert "utter_trial_choice_unclear" in responses(dispatcher)
    again = {**base, TRIAL_CHOICE_MISSED_SLOT: True}
    second = make_tracker(again, text="the blue one", fill=said, requested_slot="chosen_trials")
    events, _ = run(ValidatePrescreenForm(), second, domain)
    active = sorted(t.id for t in load_trials() if t.is_active)
    assert sorted(slot_events(events)["chosen_trials"]) == active
