"""Erasure and retention on SQLite and PostgreSQL: `leads erase` removes one person's leads, notes,
queued notifications and Rasa conversation events and writes an audit row without the person's
details; `leads purge` removes only what is past each retention period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.cli import main
from bot.leads import privacy, save_referral
from bot.leads.database import engine_for, session
from bot.leads.models import Lead, LeadEvent, Outbox, PrivacyAudit
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral
from tests.leads.rasa_tracker import save_conversation, tracker_event_count, tracker_store_from_endpoints

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
OTHER_PHONE = "+8613800138000"
OTHER_EMAIL = "someone.else@example.org"


@pytest.fixture
def rasa_store(database_url) -> Iterator:
    with tracker_store_from_endpoints() as store:
        yield store


def lead_with_history(
    conversation_id: str,
    rasa_store,
    *,
    phone: str = CANARY_PHONE,
    email: str = CANARY_EMAIL,
    created_days_ago: int = 0,
    trial_id: str = "xj-mk-002",
) -> str:
    """A lead as a finished conversation leaves it: the lead, a coordinator's note, a queued
    notification, and Rasa's events for the conversation."""
    sent = referral(conversation_id, trial_id=trial_id, facts=None if trial_id == "xj-mk-002" else CAR_T)
    sent.contact.phone, sent.contact.email = phone, email
    (lead_id,) = save_referral(sent)
    created = NOW - timedelta(days=created_days_ago)
    with session() as db:
        db.get(Lead, lead_id).created_at = created
        db.add(LeadEvent(lead_id=lead_id, actor="Dr Li", kind="note", note="called; will call back"))
        db.add(Outbox(lead_id=lead_id, channel="email", target="team@example.org", payload={"lead": lead_id}))
        db.commit()
    save_conversation(rasa_store, conversation_id, ["hi", "platelets 72", CANARY_PHONE], at=created)
    return lead_id


CAR_T = {"age": 52, "sex": "female", "diagnosis": "aml"}


def rows(url: str, table: str, **where) -> int:
    condition = " AND ".join(f"{column} = :{column}" for column in where) or "1 = 1"
    query = sa.text(f"SELECT COUNT(*) FROM {table} WHERE {condition}")
    with engine_for(url).connect() as connection:
        return connection.execute(query, where).scalar_one()


def audits(url: str) -> list[PrivacyAudit]:
    with session() as db:
        return list(db.execute(sa.select(PrivacyAudit).order_by(PrivacyAudit.id)).scalars())


def everything_about(url: str, conversation_id: str, lead_id: str) -> dict[str, int]:
    return {
        "leads": rows(url, "leads", conversation_id=conversation_id),
        "lead_events": rows(url, "lead_events", lead_id=lead_id),
        "outbox": rows(url, "outbox", lead_id=lead_id),
        "tracker_events": tracker_event_count(url, conversation_id),
    }


NOTHING = {"leads": 0, "lead_events": 0, "outbox": 0, "tracker_events": 0}


# ----- erase -----


def test_erasing_a_conversation_removes_its_leads_notes_notifications_and_tracker_events(
    database_url, rasa_store
):
    erased = lead_with_history("conv-erase", rasa_store)
    kept = lead_with_history("conv-keep", rasa_store, phone=OTHER_PHONE, email=OTHER_EMAIL)

    removed = privacy.erase(conversation_id="conv-erase", actor="Dr Li")

    assert everything_about(database_url, "conv-erase", erased) == NOTHING
    assert all(everything_about(database_url, "conv-keep", kept).values())
    assert (removed.leads, removed.conversations, removed.lead_events) == (1, 1, 1)
    assert removed.outbox >= 1 and removed.tracker_events == 9 and removed.tracker_table_found


def test_erasing_by_email_finds_every_conversation_of_that_person_however_the_address_is_typed(
    database_url, rasa_store
):
    first = lead_with_history("conv-a", rasa_store)
    second = lead_with_history("conv-b", rasa_store, phone=OTHER_PHONE)
    kept = lead_with_history("conv-c", rasa_store, phone=OTHER_PHONE, email=OTHER_EMAIL)

    removed = privacy.erase(email="  ZXQ.Canary@EXAMPLE.org ", actor="Dr Li")

    assert everything_about(database_url, "conv-a", first) == NOTHING
    assert everything_about(database_url, "conv-b", second) == NOTHING
    assert all(everything_about(database_url, "conv-c", kept).values())
    assert (removed.leads, removed.conversations) == (2, 2)


@pytest.mark.parametrize("typed", ["+86 139 1234 5678", "139-1234-5678", "+86 (139) 1234 5678"])
def test_erasing_by_phone_normalises_the_number_as_the_conversation_does(database_url, rasa_store, typed):
    erased = lead_with_history("conv-phone", rasa_store)
    kept = lead_with_history("conv-other", rasa_store, phone=OTHER_PHONE, email=OTHER_EMAIL)

    removed = privacy.erase(phone=typed, actor="Dr Li")

    assert everything_about(database_url, "conv-phone", erased) == NOTHING
    assert all(everything_about(database_url, "conv-other", kept).values())
    assert removed.leads == 1


def test_an_erasure_writes_one_audit_row_with_the_kind_of_criterion_but_not_the_value(
    database_url, rasa_store
):
    lead_with_history("conv-audit", rasa_store)
    lead_with_history("conv-audit-2", rasa_store, trial_id="nct06642025")

    privacy.erase(email=CANARY_EMAIL, actor="Dr Li")

    (audit,) = audits(database_url)
    assert (audit.action, audit.actor, audit.criteria) == ("erase", "Dr Li", {"by": "email"})
    assert (audit.leads_removed, audit.conversations_removed) == (2, 2)
    with engine_for(database_url).connect() as connection:
        raw = repr(connection.execute(sa.text("SELECT * FROM privacy_audit")).fetchall())
    for secret in (CANARY_EMAIL, CANARY_PHONE, CANARY_NAME, "conv-audit"):
        assert secret not in raw


def test_erasing_someone_we_never_stored_removes_nothing_and_is_still_audited(database_url, rasa_store):
    lead_with_history("conv-1", rasa_store)

    removed = privacy.erase(phone=OTHER_PHONE, actor="Dr Li")

    assert (removed.leads, removed.conversations, removed.tracker_events) == (0, 0, 0)
    assert rows(database_url, "leads") == 1
    (audit,) = audits(database_url)
    assert (audit.criteria, audit.leads_removed) == ({"by": "phone"}, 0)


def test_erasing_a_conversation_that_produced_no_lead_removes_its_tracker_events(database_url, rasa_store):
    save_conversation(rasa_store, "conv-no-lead", ["hi", "my platelets are 72"], at=NOW)

    removed = privacy.erase(conversation_id="conv-no-lead", actor="Dr Li")

    assert tracker_event_count(database_url, "conv-no-lead") == 0
    assert (removed.leads, removed.conversations, removed.tracker_events) == (0, 1, 6)


def test_the_erase_command_reports_a_conversation_without_leads(database_url, rasa_store, capsys):
    save_conversation(rasa_store, "conv-no-lead", ["hi"], at=NOW)

    assert main(["leads", "erase", "--conversation", "conv-no-lead", "--by", "Dr Li"]) == 0

    assert capsys.readouterr().out == "Erased 1 conversation (3 conversation events); no leads.\n"


def test_erasure_works_before_rasa_has_created_its_table_and_says_so(database_url):
    save_referral(referral("conv-early"))

    removed = privacy.erase(conversation_id="conv-early", actor="Dr Li")

    assert removed.leads == 1 and removed.tracker_events == 0
    assert removed.tracker_table_found is False
    assert rows(database_url, "leads") == 0


@pytest.mark.parametrize(
    "whose",
    [{}, {"email": CANARY_EMAIL, "phone": CANARY_PHONE}, {"phone": "call me"}, {"email": "not an address"}],
    ids=["none", "two", "unreadable phone", "unreadable email"],
)
def test_an_erasure_needs_exactly_one_readable_criterion(database_url, whose):
    with pytest.raises(ValueError) as raised:
        privacy.erase(actor="Dr Li", **whose)
    assert isinstance(raised.value, privacy.PrivacyInputError) and str(raised.value)
    assert audits(database_url) == []


def test_an_erasure_needs_to_know_who_does_it(database_url):
    with pytest.raises(ValueError, match="who is doing this"):
        privacy.erase(conversation_id="conv-1", actor="  ")


# ----- purge -----


def test_purge_removes_leads_and_conversations_past_the_period_and_keeps_the_rest(database_url, rasa_store):
    old = lead_with_history("conv-old", rasa_store, created_days_ago=400)
    recent = lead_with_history("conv-recent", rasa_store, created_days_ago=300, email=OTHER_EMAIL)
    save_conversation(rasa_store, "no-lead-old", ["hi"], at=NOW - timedelta(days=400))
    save_conversation(rasa_store, "no-lead-recent", ["hi"], at=NOW - timedelta(days=10))

    removed = privacy.purge(365, actor="retention job", now=NOW)

    assert everything_about(database_url, "conv-old", old) == NOTHING
    assert all(everything_about(database_url, "conv-recent", recent).values())
    assert tracker_event_count(database_url, "no-lead-old") == 0
    assert tracker_event_count(database_url, "no-lead-recent") == 3
    assert (removed.leads, removed.conversations) == (1, 2)
    (audit,) = audits(database_url)
    assert audit.action == "purge"
    assert audit.criteria == {"older_than_days": 365, "no_lead_older_than_days": 365}


def test_conversations_without_a_lead_can_have_a_shorter_period(database_url, rasa_store):
    lead = lead_with_history("conv-lead", rasa_store, created_days_ago=60)
    save_conversation(rasa_store, "no-lead-60", ["hi"], at=NOW - timedelta(days=60))
    save_conversation(rasa_store, "no-lead-20", ["hi"], at=NOW - timedelta(days=20))

    removed = privacy.purge(365, 30, actor="retention job", now=NOW)

    assert all(everything_about(database_url, "conv-lead", lead).values())
    assert tracker_event_count(database_url, "conv-lead") == 9, "a conversation with a lead keeps its events"
    assert tracker_event_count(database_url, "no-lead-60") == 0
    assert tracker_event_count(database_url, "no-lead-20") == 3
    assert (removed.leads, removed.conversations) == (0, 1)


def test_a_conversation_without_a_lead_is_judged_by_its_last_message(database_url, rasa_store):
    save_conversation(rasa_store, "came-back", ["hi"], at=NOW - timedelta(days=90))
    save_conversation(rasa_store, "came-back", ["hi again"], at=NOW - timedelta(days=5))

    privacy.purge(365, 30, actor="retention job", now=NOW)

    assert tracker_event_count(database_url, "came-back") == 6


def test_a_no_lead_period_longer_than_the_general_one_never_keeps_data_longer(database_url, rasa_store):
    save_conversation(rasa_store, "no-lead-100", ["hi"], at=NOW - timedelta(days=100))

    privacy.purge(90, 365, actor="retention job", now=NOW)

    assert tracker_event_count(database_url, "no-lead-100") == 0
    assert audits(database_url)[0].criteria == {"older_than_days": 90, "no_lead_older_than_days": 90}


def test_retention_periods_come_from_the_environment_when_not_given(database_url, rasa_store, monkeypatch):
    monkeypatch.setenv(privacy.RETENTION_ENV, "180")
    monkeypatch.setenv(privacy.NO_LEAD_RETENTION_ENV, "7")
    old = lead_with_history("conv-200", rasa_store, created_days_ago=200)
    kept = lead_with_history("conv-100", rasa_store, created_days_ago=100, email=OTHER_EMAIL)
    save_conversation(rasa_store, "no-lead-8", ["hi"], at=NOW - timedelta(days=8))

    privacy.purge(actor="retention job", now=NOW)

    assert everything_about(database_url, "conv-200", old) == NOTHING
    assert all(everything_about(database_url, "conv-100", kept).values())
    assert tracker_event_count(database_url, "no-lead-8") == 0
    assert audits(database_url)[0].criteria == {"older_than_days": 180, "no_lead_older_than_days": 7}


def test_periods_given_explicitly_win_over_the_environment(database_url, rasa_store, monkeypatch):
    monkeypatch.setenv(privacy.RETENTION_ENV, "30")
    kept = lead_with_history("conv-60", rasa_store, created_days_ago=60)

    privacy.purge(365, actor="retention job", now=NOW)

    assert all(everything_about(database_url, "conv-60", kept).values())


def test_purge_needs_a_period(database_url, monkeypatch):
    monkeypatch.delenv(privacy.RETENTION_ENV, raising=False)
    with pytest.raises(privacy.PrivacyInputError, match="--older-than DAYS, or set PRESCREEN_RETENTION_DAYS"):
        privacy.purge(actor="retention job")
    assert audits(database_url) == []


@pytest.mark.parametrize("value", ["0", "-3", "a year", "1.5"])
def test_a_retention_period_from_the_environment_must_be_a_positive_whole_number(
    database_url, monkeypatch, value
):
    monkeypatch.setenv(privacy.RETENTION_ENV, value)
    with pytest.raises(privacy.PrivacyInputError, match=privacy.RETENTION_ENV):
        privacy.purge(actor="retention job")


# ----- the commands: `python -m bot leads erase|purge` -----


def test_the_erase_command_says_what_it_removed_without_whose_data_it_was(database_url, rasa_store, capsys):
    lead_with_history("conv-cli", rasa_store)

    assert main(["leads", "erase", "--phone", "+86 139 1234 5678", "--by", "Dr Li"]) == 0

    out = capsys.readouterr().out
    assert "Erased 1 lead (1 note or status change," in out
    assert "and 1 conversation (9 conversation events)" in out
    for secret in (CANARY_PHONE, "139 1234 5678", CANARY_EMAIL, "conv-cli"):
        assert secret not in out
    assert rows(database_url, "leads") == 0
    assert audits(database_url)[0].actor == "Dr Li"


def test_the_purge_command_takes_its_periods_from_flags(database_url, rasa_store, capsys):
    lead_with_history("conv-old", rasa_store, created_days_ago=10_000)

    assert main(["leads", "purge", "--older-than", "365", "--no-lead-older-than", "30", "--by", "cron"]) == 0

    assert "Purged 1 lead" in capsys.readouterr().out
    assert audits(database_url)[0].criteria == {"older_than_days": 365, "no_lead_older_than_days": 30}


def test_the_commands_say_when_there_was_nothing_to_remove(database_url, capsys, monkeypatch):
    monkeypatch.setenv("USER", "coordinator")
    assert main(["leads", "erase", "--conversation", "nobody"]) == 0
    assert main(["leads", "purge", "--older-than", "30"]) == 0
    out = capsys.readouterr().out
    assert "Nothing was stored for that person" in out
    assert "Nothing is past its retention period" in out
    assert [a.actor for a in audits(database_url)] == ["coordinator", "coordinator"]  # --by: the login


@pytest.mark.parametrize(
    "argv, message",
    [
        (["erase", "--phone", "call me"], "--phone: this does not read as one phone"),
        (["erase", "--email", "not an address"], "--email: this does not read as one email"),
        (["purge"], "say how long to keep leads: --older-than DAYS, or set PRESCREEN_RETENTION_DAYS"),
    ],
)
def test_bad_input_is_an_error_with_exit_code_2(database_url, capsys, monkeypatch, argv, message):
    monkeypatch.delenv(privacy.RETENTION_ENV, raising=False)
    assert main(["leads", *argv, "--by", "Dr Li"]) == 2
    assert message in capsys.readouterr().err
    assert audits(database_url) == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["erase"], "one of the arguments --conversation --email --phone is required"),
        (["erase", "--email", "a@b.org", "--phone", "+8613800138000"], "not allowed with"),
        (["purge", "--older-than", "0"], "DAYS must be at least 1 day (got 0)"),
        (["purge", "--older-than", "a year"], "DAYS must be a whole number of days"),
        (["purge", "--no-lead-older-than", "-1"], "DAYS must be at least 1 day (got -1)"),
    ],
)
def test_the_commands_reject_bad_arguments_with_a_clear_message(capsys, argv, message):
    with pytest.raises(SystemExit) as exited:
        main(["leads", *argv])
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
