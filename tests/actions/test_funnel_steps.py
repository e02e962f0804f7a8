"""The actions count the screening funnel (bot/leads/funnel.py): each step once per conversation,
however often an action runs, and a database error never breaks the conversation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from actions import funnel
from actions.ask import ActionAskContactConsent
from actions.finish import ActionFinishPrescreen
from actions.help import ActionStartOver
from actions.prescreen_form import ValidatePrescreenForm
from bot.leads.database import session
from bot.leads.models import FunnelCount
from tests.actions.conftest import TODAY, make_tracker, run, slot_events
from tests.actions.test_other_actions import LIKELY_XJ_ANSWERS, XJ, answer


def counts() -> dict[tuple[str, str, str], int]:
    with session() as db:
        rows = db.scalars(select(FunnelCount))
        return {(r.trial_id, r.stage, r.criterion_id): r.count for r in rows}


def validate(domain, slots=None, fill=None, requested=None):
    tracker = make_tracker(slots, text="yes", fill=fill, requested_slot=requested)
    events, _ = run(ValidatePrescreenForm(), tracker, domain)
    return slot_events(events)


def test_the_form_counts_started_consented_and_chosen_once_each(domain):
    slots = validate(domain)  # the form starts (after the greeting)
    assert slots[funnel.SLOT] == ["started"]
    assert validate(domain, {funnel.SLOT: ["started"]}).get(funnel.SLOT) is None  # runs again: nothing new

    slots = validate(
        domain, {funnel.SLOT: ["started"]}, fill={"screening_consent": "yes"}, requested="screening_consent"
    )
    assert slots[funnel.SLOT] == ["started", "consented"]
    slots = validate(
        domain,
        {"screening_consent": True, "answering_for": "self", funnel.SLOT: ["started", "consented"]},
        fill={"chosen_trials": "both"},
        requested="chosen_trials",
    )
    chosen = slots["chosen_trials"]
    assert slots[funnel.SLOT] == ["started", "consented", "chosen"]
    expected = {("", "started", ""): 1, ("", "consented", ""): 1, ("", "chosen", ""): 1}
    expected |= {(trial_id, "chosen", ""): 1 for trial_id in chosen}
    assert counts() == expected


def test_declining_the_screening_is_not_counted_as_consent(domain):
    validate(
        domain, {funnel.SLOT: ["started"]}, fill={"screening_consent": "no"}, requested="screening_consent"
    )
    assert counts() == {}


def test_showing_an_outcome_counts_finished_per_trial_and_each_excluding_criterion(domain):
    from bot import conversation
    from bot.trials import load_trials

    slots = {**XJ, "answers": {"age": answer(80)}, funnel.SLOT: ["started", "consented", "chosen"]}
    events, _ = run(ActionFinishPrescreen(), make_tracker(slots), domain)
    assert slot_events(events)[funnel.SLOT][-1] == "finished"
    chosen = conversation.chosen(load_trials(), XJ["chosen_trials"])
    plan = conversation.plan_screening(chosen, slots["answers"], date.fromisoformat(TODAY))
    excluded = [c.criterion_id for c in plan.results[0].excluded_by]
    assert excluded, "age 80 should exclude"
    assert counts() == {
        ("", "finished", ""): 1,
        ("xj-mk-002", "finished", ""): 1,
        **{("xj-mk-002", "excluded", criterion): 1 for criterion in excluded},
    }


def test_outcome_shown_before_contact_consent_then_a_saved_lead_counts_finished_and_referred(domain):
    slots = {**XJ, "answers": LIKELY_XJ_ANSWERS, funnel.SLOT: ["started", "consented", "chosen"]}
    events, _ = run(ActionAskContactConsent(), make_tracker(slots), domain)
    steps = slot_events(events)[funnel.SLOT]
    assert steps[-1] == "finished"
    contact = {
        "outcome_shown": True,
        "contact_consent": True,
        "contact_name": "Anna Smith",
        "contact_phone": "+8613800138000",
        "contact_email": "none",
        "contact_confirmed": True,
        funnel.SLOT: steps,
    }
    events, _ = run(ActionFinishPrescreen(), make_tracker({**slots, **contact}, sender="c-9"), domain)
    assert slot_events(events)[funnel.SLOT] == [*steps, "referred"]
    # The finish action runs again (e.g. after "go back"): nothing is counted twice.
    again = {**slots, **contact, funnel.SLOT: slot_events(events)[funnel.SLOT], "outcome_shown": None}
    run(ActionFinishPrescreen(), make_tracker(again, sender="c-9"), domain)
    run(ActionAskContactConsent(), make_tracker(again), domain)
    assert counts() == {
        ("", "finished", ""): 1,
        ("xj-mk-002", "finished", ""): 1,
        ("", "referred", ""): 1,
        ("xj-mk-002", "referred", ""): 1,
    }


def test_start_over_keeps_the_steps_already_counted(domain):
    events, _ = run(ActionStartOver(), make_tracker({**XJ, funnel.SLOT: ["started", "consented"]}), domain)
    assert events.index({"event": "reset_slots", "timestamp": None}) < len(events) - 1
    assert slot_events(events)[funnel.SLOT] == ["started", "consented"]


def test_a_database_error_is_logged_and_the_conversation_goes_on(domain, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OperationalError("INSERT ...", {}, Exception("database is down"))

    monkeypatch.setattr(funnel.funnel, "record_step", broken)
    slots = validate(domain, fill={"screening_consent": "yes"}, requested="screening_consent")
    assert slots["screening_consent"] is True and slots["requested_slot"] == "answering_for"
    assert funnel.SLOT not in slots  # not counted, so a later turn may try again
    assert "funnel: could not count step started (OperationalError)" in caplog.text
