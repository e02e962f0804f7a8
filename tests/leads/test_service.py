"""Working leads through the service (SQLite and PostgreSQL): filters, newest first, the status flow
with its history, notes, and clear errors for bad input."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, update

from bot.leads import save_referral
from bot.leads.database import session
from bot.leads.models import Lead, LeadEvent
from bot.leads.service import (
    LeadFilter,
    LeadsError,
    add_note,
    change_status,
    count_leads,
    get_lead,
    lead_view,
    list_leads,
    parse_filter,
)
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral

NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}


def save(conversation_id: str, facts: dict | None = None, trial: str = "xj-mk-002", created=None) -> str:
    (lead_id,) = save_referral(referral(conversation_id, facts, trial))
    if created is not None:
        with session() as db:
            db.execute(update(Lead).where(Lead.id == lead_id).values(created_at=created))
            db.commit()
    return lead_id


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def ids(leads) -> list[str]:
    return [lead.id for lead in leads]


# ----- listing and filters -----


def test_leads_are_listed_newest_first(database_url):
    old = save("c-old", created=utc(2026, 11, 1, 9))
    new = save("c-new", created=utc(2026, 11, 20, 9))
    middle = save("c-middle", created=utc(2026, 11, 10, 9))
    assert ids(list_leads()) == [new, middle, old]
    assert ids(list_leads(limit=2)) == [new, middle]
    assert ids(list_leads(limit=2, offset=2)) == [old]


def test_filters_by_trial_accept_the_registry_id(database_url):
    xj = save("c-1")
    nct = save("c-2", NEEDS_REVIEW, trial="nct06642025")
    assert ids(list_leads(parse_filter(trial="xj-mk-002"))) == [xj]
    assert ids(list_leads(parse_filter(trial="NCT07110090"))) == [xj]
    assert ids(list_leads(parse_filter(trial="nct06642025"))) == [nct]


def test_filters_by_outcome_and_status(database_url):
    likely = save("c-likely")
    review = save("c-review", NEEDS_REVIEW)
    change_status(review, "contacted", "alice")
    assert ids(list_leads(parse_filter(outcome="likely_eligible"))) == [likely]
    assert ids(list_leads(parse_filter(outcome="needs review"))) == [review]
    assert ids(list_leads(parse_filter(status="contacted"))) == [review]
    assert ids(list_leads(parse_filter(status="new", outcome="needs_review"))) == []


def test_a_date_range_includes_both_days_whole_in_utc(database_url):
    save("before", created=utc(2026, 10, 31, 23, 59, 59))
    first = save("first-moment", created=utc(2026, 11, 1, 0, 0, 0))
    middle = save("middle", created=utc(2026, 11, 15, 12))
    last = save("last-moment", created=utc(2026, 11, 30, 23, 59, 59))
    after = save("after", created=utc(2026, 12, 1, 0, 0, 0))
    november = parse_filter(since="2026-11-01", until="2026-11-30")
    assert ids(list_leads(november)) == [last, middle, first]
    assert count_leads(november) == 3
    assert ids(list_leads(parse_filter(since=date(2026, 11, 30)))) == [after, last]
    assert count_leads(parse_filter(until="2026-10-31")) == 1


def test_count_matches_the_list(database_url):
    for n in range(3):
        save(f"c-{n}")
    save("c-review", NEEDS_REVIEW)
    assert count_leads() == 4
    assert count_leads(parse_filter(outcome="likely_eligible")) == 3


# ----- status flow and notes -----


def test_the_status_flow_records_each_change_with_who_from_to_and_note(database_url):
    lead_id = save("c-1")
    change_status(lead_id, "contacted", "alice", note="called, will send the leaflet")
    change_status(lead_id, "screening", "bob")
    change_status(lead_id, "enrolled", "alice")
    lead = get_lead(lead_id)
    assert lead.status == "enrolled"
    steps = [(e.kind, e.actor, e.from_status, e.to_status, e.note) for e in lead.events]
    assert steps == [
        ("status", "alice", "new", "contacted", "called, will send the leaflet"),
        ("status", "bob", "contacted", "screening", None),
        ("status", "alice", "screening", "enrolled", None),
    ]


def test_a_status_change_moves_updated_at_but_not_created_at(database_url):
    lead_id = save("c-1", created=utc(2026, 1, 1))
    before = get_lead(lead_id)
    change_status(lead_id, "contacted", "alice")
    after = get_lead(lead_id)
    assert after.created_at == before.created_at
    assert after.updated_at > before.updated_at


def test_a_coordinator_can_correct_a_status_backwards(database_url):
    lead_id = save("c-1")
    change_status(lead_id, "declined", "alice")
    change_status(lead_id, "contacted", "alice", note="clicked the wrong person")
    assert get_lead(lead_id).status == "contacted"


@pytest.mark.parametrize("bad", ["signed_up", "", "NEW-ISH"])
def test_an_unknown_status_is_refused_and_nothing_changes(database_url, bad):
    lead_id = save("c-1")
    with pytest.raises(LeadsError, match=r"unknown status .*use one of: new, contacted, screening"):
        change_status(lead_id, bad, "alice")
    lead = get_lead(lead_id)
    assert lead.status == "new" and lead.events == []


def test_moving_a_lead_to_the_status_it_has_is_refused(database_url):
    lead_id = save("c-1")
    with pytest.raises(LeadsError, match="already new; nothing changed"):
        change_status(lead_id, "new", "alice")
    assert get_lead(lead_id).events == []


def test_statuses_may_be_written_as_words(database_url):
    lead_id = save("c-1")
    change_status(lead_id, "Not eligible", "alice")
    assert get_lead(lead_id).status == "not_eligible"


def test_a_note_is_an_event_with_who_and_when(database_url):
    lead_id = save("c-1")
    add_note(lead_id, "  prefers calls after 5pm  ", "carol")
    (event,) = get_lead(lead_id).events
    assert (event.kind, event.actor, event.note) == ("note", "carol", "prefers calls after 5pm")
    assert event.at is not None
    assert get_lead(lead_id).status == "new"


def test_an_empty_note_or_a_missing_actor_is_refused(database_url):
    lead_id = save("c-1")
    with pytest.raises(LeadsError, match="the note is empty"):
        add_note(lead_id, "   ", "carol")
    with pytest.raises(LeadsError, match="say who is doing this"):
        add_note(lead_id, "hello", " ")
    with pytest.raises(LeadsError, match="say who is doing this"):
        change_status(lead_id, "contacted", "")
    with session() as db:
        assert db.scalars(select(LeadEvent)).all() == []


def test_an_unknown_lead_id_is_a_clear_error(database_url):
    with pytest.raises(LeadsError, match="no lead with id 'nope'"):
        get_lead("nope")
    with pytest.raises(LeadsError, match="no lead with id 'nope'"):
        change_status("nope", "contacted", "alice")
    with pytest.raises(LeadsError, match="no lead with id 'nope'"):
        add_note("nope", "hello", "alice")


# ----- the view -----


def test_the_view_decrypts_contact_details_and_keeps_the_record(database_url):
    lead_id = save("c-1")
    add_note(lead_id, "hello", "alice")
    view = lead_view(get_lead(lead_id))
    assert (view.contact.name, view.contact.phone, view.contact.email) == (
        CANARY_NAME,
        CANARY_PHONE,
        CANARY_EMAIL,
    )
    assert view.contact.preferred_time == "mornings" and view.contact.language == "English"
    assert view.outcome == "likely_eligible" and view.trial_id == "xj-mk-002"
    assert view.answers["age"]["said"] == "47"
    assert view.consents[0]["wording"] == "Do you agree?"
    assert [c["criterion_id"] for c in view.criteria][0] == "inc-1-age"
    assert view.created_at.tzinfo is not None
    assert [e.note for e in view.events] == ["hello"]


def test_the_wrong_encryption_key_is_a_clear_error(database_url, monkeypatch):
    lead_id = save("c-1")
    monkeypatch.setenv("PRESCREEN_ENCRYPTION_KEY", Fernet.generate_key().decode())
    with pytest.raises(LeadsError, match="cannot be decrypted with the current key"):
        lead_view(get_lead(lead_id))


# ----- filter validation (no database needed) -----


def test_an_unknown_trial_names_the_known_ones():
    with pytest.raises(LeadsError, match=r"unknown trial 'nct000'; known trials: nct06642025 .*xj-mk-002"):
        parse_filter(trial="nct000")


@pytest.mark.parametrize(
    "values, message",
    [
        ({"outcome": "eligible"}, "unknown outcome 'eligible'; use one of: likely_eligible, needs_review"),
        ({"status": "done"}, "unknown status 'done'; use one of: new, contacted"),
        ({"since": "2026-02-30"}, r"since must be a date written YYYY-MM-DD \(got '2026-02-30'\)"),
        ({"until": "21/11/2026"}, r"until must be a date written YYYY-MM-DD \(got '21/11/2026'\)"),
        (
            {"since": "2026-12-01", "until": "2026-11-01"},
            r"since \(2026-12-01\) is after until \(2026-11-01\)",
        ),
        ({"colour": "red"}, "colour is not a filter; filters are trial, outcome, status, since, until"),
    ],
)
def test_bad_filter_values_are_clear_errors(values, message):
    with pytest.raises(LeadsError, match=message):
        parse_filter(**values)


def test_every_problem_in_a_filter_is_reported_at_once():
    with pytest.raises(LeadsError) as error:
        parse_filter(trial="x", status="y", since="z")
    assert "unknown trial 'x'" in str(error.value)
    assert "unknown status 'y'" in str(error.value)
    assert "since must be a date" in str(error.value)


def test_the_filter_is_stored_as_plain_json_with_ids_and_dates_as_strings():
    wanted = parse_filter(trial="NCT07110090", outcome="Needs review", since="2026-11-01")
    assert wanted.as_audit_json() == {"trial": "xj-mk-002", "outcome": "needs_review", "since": "2026-11-01"}
    assert LeadFilter().as_audit_json() == {}
