"""The leads tables (SQLAlchemy 1.4, 2.0-style). Contact details are stored encrypted."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, Column, DateTime, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Lead(Base):
    """One person and one trial. Submitting the same conversation and trial again updates it."""

    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("conversation_id", "trial_id", name="uq_lead_conversation_trial"),)

    id = Column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
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
    contact_time = Column(String(120))
    contact_language = Column(String(60))
    consents = Column(JSON, nullable=False)  # what was agreed, when, and the exact wording shown
    status = Column(String(32), nullable=False, default="new", index=True)
    notes = Column(JSON, nullable=False, default=list)
    created_at = Column(DateTime(timezone=True), nullable=False, default=_now, index=True)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=_now, onupdate=_now)
