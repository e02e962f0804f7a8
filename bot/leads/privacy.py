"""Erasure and retention: removing a person's data, and everything past its retention period.

What one conversation leaves behind: its leads (one per trial), their lead_events, any notifications
still queued in the outbox for them, and Rasa's tracker events (table `events`, one row per event,
keyed by `sender_id`, the conversation id). Rasa's SQL tracker store uses the same database
(endpoints.yml: `url: ${DATABASE_URL}`), so both are removed here in one transaction.

- `erase(conversation_id=... | email=... | phone=...)`: a person asks to be forgotten. Email and
  phone are found through their keyed lookup hashes (the conversation's own normalisation first:
  E.164 for phones), so nothing is decrypted.
- `purge(older_than_days, no_lead_older_than_days)`: leads created before the cutoff go, with their
  conversations; conversations that produced no lead go when their last event is older than the
  no-lead period (which can only shorten the general one).

Each call writes one `privacy_audit` row: who, when, the kind of criterion ("email") or the periods,
and how much was removed. Never the email, phone or conversation id: on channels such as WhatsApp
or Twilio the conversation id *is* the phone number, and an audit row must not keep what was erased.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.leads.crypto import lookup_hash
from bot.leads.database import session
from bot.leads.models import Lead, LeadEvent, Outbox, PrivacyAudit, utc_now
from bot.leads.service import LeadsError, check_actor
from bot.parsing import parse_email, parse_phone

RETENTION_ENV = "PRESCREEN_RETENTION_DAYS"
NO_LEAD_RETENTION_ENV = "PRESCREEN_NO_LEAD_RETENTION_DAYS"

TRACKER_EVENTS = sa.table("events", sa.column("sender_id", sa.String), sa.column("timestamp", sa.Float))
"""Rasa's SQLTrackerStore table (rasa.core.tracker_store.SQLTrackerStore.SQLEvent): only the columns
used here. `timestamp` is Unix time in seconds."""

_CHUNK = 500  # ids per IN (...) clause, well under SQLite's limit on bound parameters


class PrivacyInputError(LeadsError):
    """Bad input for an erasure or purge; the message says what to fix. A LeadsError (a ValueError),
    so `python -m bot` prints it and exits with code 2."""


@dataclass(frozen=True)
class Removed:
    """What an erasure or purge removed."""

    leads: int
    conversations: int  # conversations whose leads or tracker events were removed
    tracker_events: int
    outbox: int
    lead_events: int
    tracker_table_found: bool  # False: no Rasa `events` table in this database, so none were removed


def erase(
    *, conversation_id: str | None = None, email: str | None = None, phone: str | None = None, actor: str
) -> Removed:
    """Remove one person's leads and conversations, found by exactly one of conversation id, email
    or phone. Finding nothing is not an error: the audit row records that the request was made."""
    actor = check_actor(actor)
    given = {"conversation": conversation_id, "email": email, "phone": phone}
    chosen = [kind for kind, value in given.items() if value is not None]
    if len(chosen) != 1:
        raise PrivacyInputError("say whose data to erase: exactly one of --conversation, --email, --phone")
    by = chosen[0]
    if by == "conversation":
        if not conversation_id.strip():
            raise PrivacyInputError("--conversation must not be empty")
        match = Lead.conversation_id == conversation_id
    elif by == "email":
        match = Lead.email_hash == lookup_hash(_normalised(parse_email(email), "email"))
    else:
        match = Lead.phone_hash == lookup_hash(_normalised(parse_phone(phone), "phone"))

    with session() as db:
        leads = [tuple(row) for row in db.execute(sa.select(Lead.id, Lead.conversation_id).where(match))]
        conversations = {c for _, c in leads} | ({conversation_id} if by == "conversation" else set())
        removed = _remove(db, leads, conversations)
        _audit(db, actor, "erase", {"by": by}, removed)
        db.commit()
    return removed


def purge(
    older_than_days: int | None = None,
    no_lead_older_than_days: int | None = None,
    *,
    actor: str,
    now: datetime | None = None,
) -> Removed:
    """Remove leads created more than `older_than_days` ago with their conversations, and the
    conversations that produced no lead whose last event is more than `no_lead_older_than_days`
    ago. Unset periods come from PRESCREEN_RETENTION_DAYS (required, if not given) and
    PRESCREEN_NO_LEAD_RETENTION_DAYS (default: the general period)."""
    actor = check_actor(actor)
    days = retention_days(older_than_days, RETENTION_ENV, required=True)
    no_lead_days = retention_days(no_lead_older_than_days, NO_LEAD_RETENTION_ENV) or days
    now = now or utc_now()
    lead_cutoff = now - timedelta(days=days)
    no_lead_cutoff = now - timedelta(days=min(days, no_lead_days))

    with session() as db:
        expired = sa.select(Lead.id, Lead.conversation_id).where(Lead.created_at < lead_cutoff)
        old = [tuple(row) for row in db.execute(expired)]
        # A conversation goes with its leads, unless it also holds a lead still inside the period.
        conversations = {c for _, c in old}
        conversations -= _conversations_with_leads_since(db, conversations, lead_cutoff)
        if _has_tracker_table(db):
            conversations |= _idle_conversations_without_leads(db, no_lead_cutoff)
        removed = _remove(db, old, conversations)
        _audit(
            db,
            actor,
            "purge",
            {"older_than_days": days, "no_lead_older_than_days": min(days, no_lead_days)},
            removed,
        )
        db.commit()
    return removed


def retention_days(value: int | str | None, env: str, *, required: bool = False) -> int | None:
    """A retention period in days: the value given, else the environment variable `env`."""
    if value is not None:
        return parse_days(value, "the retention period")
    from_env = os.environ.get(env, "").strip()
    if from_env:
        return parse_days(from_env, env)
    if required:
        raise PrivacyInputError(f"say how long to keep leads: --older-than DAYS, or set {env}")
    return None


def parse_days(value: int | str, source: str) -> int:
    """A positive whole number of days; `source` names where it came from, for the message."""
    try:
        days = int(str(value).strip())
    except ValueError:
        raise PrivacyInputError(f"{source} must be a whole number of days (got {value!r})") from None
    if days < 1:
        raise PrivacyInputError(f"{source} must be at least 1 day (got {days})")
    return days


def _normalised(parsed, kind: str) -> str:  # noqa: ANN001 - a bot.parsing.Parsed
    """The contact detail as the conversation stored it (E.164 phone, normalised email)."""
    if parsed.status != "value":
        example = "+86 139 1234 5678" if kind == "phone" else "name@example.org"
        raise PrivacyInputError(
            f"--{kind}: this does not read as one {kind} ({parsed.problem}); write it as e.g. {example}"
        )
    return parsed.value


def _remove(db: Session, leads: list[tuple[str, str]], conversations: set[str]) -> Removed:
    """Delete these leads (id, conversation id) with their lead_events and outbox rows, and the
    tracker events of these conversations."""
    lead_events = outbox = removed_leads = 0
    for chunk in _chunks([lead_id for lead_id, _ in leads]):
        lead_events += db.execute(sa.delete(LeadEvent.__table__).where(LeadEvent.lead_id.in_(chunk))).rowcount
        outbox += db.execute(sa.delete(Outbox.__table__).where(Outbox.lead_id.in_(chunk))).rowcount
        removed_leads += db.execute(sa.delete(Lead.__table__).where(Lead.id.in_(chunk))).rowcount
    touched = {conversation for _, conversation in leads}

    tracker_events = 0
    found = _has_tracker_table(db)
    if found:
        sender = TRACKER_EVENTS.c.sender_id
        for chunk in _chunks(sorted(conversations)):
            touched.update(db.execute(sa.select(sender).where(sender.in_(chunk)).distinct()).scalars())
            tracker_events += db.execute(sa.delete(TRACKER_EVENTS).where(sender.in_(chunk))).rowcount
    return Removed(
        leads=removed_leads,
        conversations=len(touched),
        tracker_events=tracker_events,
        outbox=outbox,
        lead_events=lead_events,
        tracker_table_found=found,
    )


def _conversations_with_leads_since(db: Session, conversations: set[str], cutoff: datetime) -> set[str]:
    kept: set[str] = set()
    for chunk in _chunks(sorted(conversations)):
        rows = db.execute(
            sa.select(Lead.conversation_id).where(Lead.conversation_id.in_(chunk), Lead.created_at >= cutoff)
        ).scalars()
        kept.update(rows)
    return kept


def _idle_conversations_without_leads(db: Session, cutoff: datetime) -> set[str]:
    sender = TRACKER_EVENTS.c.sender_id
    idle = (
        sa.select(sender)
        .where(sender.notin_(sa.select(Lead.conversation_id)))
        .group_by(sender)
        .having(sa.func.max(TRACKER_EVENTS.c.timestamp) < cutoff.timestamp())
    )
    return set(db.execute(idle).scalars())


def _has_tracker_table(db: Session) -> bool:
    return sa.inspect(db.connection()).has_table(TRACKER_EVENTS.name)


def _audit(db: Session, actor: str, action: str, criteria: dict, removed: Removed) -> None:
    db.add(
        PrivacyAudit(
            actor=actor,
            action=action,
            criteria=criteria,
            leads_removed=removed.leads,
            conversations_removed=removed.conversations,
        )
    )


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
