"""From a finished conversation to leads: one per trial the person may fit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.eligibility import Outcome, TrialResult
from bot.leads.crypto import encrypt, lookup_hash
from bot.leads.database import session
from bot.leads.models import Lead
from bot.text import known_language


class Contact(BaseModel):
    name: str
    phone: str | None = None
    email: str | None = None
    preferred_time: str | None = None
    language: str | None = None


class Referral(BaseModel):
    """What the conversation hands over when a person agrees to be contacted."""

    conversation_id: str
    results: list[TrialResult]
    answers: dict[str, Any]
    answered_by_proxy: bool = False
    relation: str | None = None
    language: str = "en"  # the language the conversation was held in (bot.text.LANGUAGES)
    contact: Contact
    consents: list[dict[str, Any]]


def save_referral(referral: Referral) -> list[str]:
    """Create or update one lead per trial the person may fit; returns the lead ids.

    Idempotent: the same conversation and trial always lands on one row, even when two
    submissions race (the unique constraint decides, and the loser updates instead).
    """
    ids = []
    for result in referral.results:
        if result.outcome is Outcome.NOT_ELIGIBLE:
            continue
        ids.append(_upsert(referral, result))
    return ids


def _upsert(referral: Referral, result: TrialResult) -> str:
    values = _lead_values(referral, result)
    for _attempt in range(3):
        with session() as db:
            lead = db.execute(
                select(Lead).where(
                    Lead.conversation_id == referral.conversation_id, Lead.trial_id == result.trial_id
                )
            ).scalar_one_or_none()
            created = lead is None
            if created:
                lead = Lead(conversation_id=referral.conversation_id, trial_id=result.trial_id, **values)
                db.add(lead)
            else:
                for key, value in values.items():
                    setattr(lead, key, value)
            try:
                if created:
                    # Same transaction as the lead: if this insert loses the race, its rollback drops
                    # these rows too, and only the winner's notifications remain.
                    # (Imported here so `python -m bot.leads.notify` does not load that module twice.)
                    from bot.leads.notify import enqueue_for_new_lead

                    enqueue_for_new_lead(db, lead)
                db.commit()
                return lead.id
            except IntegrityError:
                db.rollback()  # another writer inserted it first: go round and update it
    raise RuntimeError("could not save the lead after 3 attempts")


def _lead_values(referral: Referral, result: TrialResult) -> dict[str, Any]:
    contact = referral.contact
    return {
        "protocol_version": result.protocol_version,
        "outcome": result.outcome.value,
        "criteria": [
            {
                "criterion_id": c.criterion_id,
                "kind": c.kind,
                "status": c.status.value,
                "to_be_confirmed_by_study_team": c.to_be_confirmed_by_study_team,
                "reason": c.reason,
                "protocol_ref": c.protocol_ref,
                "protocol_text": c.protocol_text,
            }
            for c in result.criteria
        ],
        "answers": referral.answers,
        "answered_by_proxy": referral.answered_by_proxy,
        "relation": referral.relation,
        "conversation_language": known_language(referral.language),
        "name_encrypted": encrypt(contact.name),
        "phone_encrypted": encrypt(contact.phone),
        "email_encrypted": encrypt(contact.email),
        "phone_hash": lookup_hash(contact.phone),
        "email_hash": lookup_hash(contact.email),
        "contact_time": contact.preferred_time,
        "contact_language": contact.language,
        "consents": referral.consents,
    }
