"""The leads tables (SQLAlchemy 1.4, 2.0-style), all in one module.

- `leads`: one person and one trial. Contact details are stored encrypted, with keyed hashes of
  phone and email so erasure can find a person without decrypting every row.
- `lead_events`: each status change and note, stamped with who and when.
- `outbox`: notifications to coordinators, written in the same transaction as the lead and sent
  later with retries, so a mail server that is down delays a notification but never loses it.
- `export_audit`: one row per export (who, when, format, filter, row count). No health data.
- `privacy_audit`: one row per erasure or retention purge. No health data.
- `coordinators`, `coordinator_sessions`: the dashboard's accounts (argon2 hashes) and signed-in
  sessions (only a SHA-256 of each session token is stored).
- `funnel_counts`: how many conversations reached each step of the screening, per day and trial.
  Aggregates only: no conversation id, no person.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()

LEAD_STATUSES = ("new", "contacted", "screening", "enrolled", "not_eligible", "declined", "unreachable")
"""The coordinator status flow: new → contacted → screening → enrolled / not eligible / declined /
unreachable."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _uuid() -> str:
    return str(uuid.uuid4())


class Lead(Base):
    """One person and one trial. Submitting the same conversation and trial again updates it."""

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("conversation_id", "trial_id", name="uq_lead_conversation_trial"),)

    id = Column(String(36), primary_key=True, default=_uuid)
    conversation_id = Column(String(255), nullable=False, index=True)
    trial_id = Column(String(64), nullable=False, index=True)
    protocol_version = Column(String(255), nullable=False)
    outcome = Column(String(32), nullable=False, index=True)
    criteria = Column(JSON, nullable=False)  # per-criterion status, reason, protocol sentence
    answers = Column(JSON, nullable=False)  # facts as answered: value, unit, said, question, answered_at
    answered_by_proxy = Column(Boolean, nullable=False, default=False)
    relation = Column(String(64))
    name_encrypted = Column(Text)
    phone_encrypted = Column(Text)
    email_encrypted = Column(Text)
    phone_hash = Column(String(64), index=True)  # keyed HMAC of the normalised phone, for erasure
    email_hash = Column(String(64), index=True)  # keyed HMAC of the normalised email, for erasure
    contact_time = Column(String(120))
    contact_language = Column(String(60))  # the language the person asked to be called in, as typed
    conversation_language = Column(String(8), nullable=False, default="en", index=True)  # en, zh
    consents = Column(JSON, nullable=False)  # what was agreed, when, and the exact wording shown
    status = Column(String(32), nullable=False, default="new", index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, onupdate=utc_now)

    events = relationship(
        "LeadEvent", back_populates="lead", cascade="all, delete-orphan", order_by="LeadEvent.at"
    )


class LeadEvent(Base):
    """A status change or a note on a lead, with who made it and when."""

    __tablename__ = "lead_events"

    id = Column(Integer, primary_key=True, autoincrement=True)
    lead_id = Column(String(36), ForeignKey("leads.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    actor = Column(String(120), nullable=False)
    kind = Column(String(16), nullable=False)  # "status" or "note"
    from_status = Column(String(32))
    to_status = Column(String(32))
    note = Column(Text)

    lead = relationship("Lead", back_populates="events")


class Outbox(Base):
    """A notification waiting to be sent. Its payload never holds health data or contact details."""

    __tablename__ = "outbox"

    id = Column(Integer, primary_key=True, autoincrement=True)
    lead_id = Column(String(36), nullable=False, index=True)
    channel = Column(String(16), nullable=False)  # "email" or "webhook"
    target = Column(String(500), nullable=False)  # recipient address or webhook URL
    payload = Column(JSON, nullable=False)  # trial id, outcome, lead id, link
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    sent_at = Column(DateTime(timezone=True), index=True)
    last_error = Column(Text)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


class ExportAudit(Base):
    """One row per export: who, when, format, filter and how many rows. No health data."""

    __tablename__ = "export_audit"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    actor = Column(String(120), nullable=False)
    format = Column(String(16), nullable=False)
    filters = Column(JSON, nullable=False)
    row_count = Column(Integer, nullable=False)


class PrivacyAudit(Base):
    """One row per erasure or purge: what was asked, by whom, and how much was removed."""

    __tablename__ = "privacy_audit"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    actor = Column(String(120), nullable=False)
    action = Column(String(16), nullable=False)  # "erase" or "purge"
    criteria = Column(JSON, nullable=False)  # e.g. {"by": "email"} or {"older_than_days": 365}; no values
    leads_removed = Column(Integer, nullable=False, default=0)
    conversations_removed = Column(Integer, nullable=False, default=0)


class Coordinator(Base):
    """A dashboard account. `login` is lower case; the password is kept only as an argon2 hash."""

    __tablename__ = "coordinators"

    id = Column(Integer, primary_key=True, autoincrement=True)
    login = Column(String(64), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    disabled = Column(Boolean, nullable=False, default=False)


class CoordinatorSession(Base):
    """A signed-in dashboard session. The cookie holds a random token; only its SHA-256 is stored,
    so a copy of the database signs no one in. `view` keeps the leads list's filter and page on the
    server, so health data (an outcome filter) never travels in a URL."""

    __tablename__ = "coordinator_sessions"

    token_hash = Column(String(64), primary_key=True)
    login = Column(
        String(64), ForeignKey("coordinators.login", ondelete="CASCADE"), nullable=False, index=True
    )
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    last_seen_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    expires_at = Column(DateTime(timezone=True), nullable=False, index=True)  # the absolute limit
    view = Column(JSON)


class FunnelCount(Base):
    """How many conversations reached a step of the screening on a day (UTC).

    `trial_id` is "" for the conversation as a whole (counted once, whichever studies it chose) and a
    trial id for that study. `criterion_id` is "" except for the `excluded` step, which counts each
    criterion that was not met. `language` is the conversation's (en, zh). See bot/leads/funnel.py.
    """

    __tablename__ = "funnel_counts"
    __table_args__ = (
        UniqueConstraint("day", "trial_id", "stage", "criterion_id", "language", name="uq_funnel_counts_key"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    trial_id = Column(String(64), nullable=False, default="")
    stage = Column(String(16), nullable=False)
    criterion_id = Column(String(64), nullable=False, default="")
    language = Column(String(8), nullable=False, default="en")  # the conversation's language
    count = Column(Integer, nullable=False, default=0)
