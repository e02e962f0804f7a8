"""Building referrals for store tests from the real engine, so leads hold realistic results."""

from __future__ import annotations

from datetime import date

from bot.eligibility import evaluate
from bot.leads.referral import Contact, Referral
from bot.trials import find_trial, load_trials

ON = date(2026, 11, 21)
CANARY_NAME = "Zxqvname Canary"
CANARY_PHONE = "+8613912345678"
CANARY_EMAIL = "zxq.canary@example.org"

LIKELY_XJ = {
    "age": 47,
    "sex": "female",
    "diagnosis": "solid_tumour",
    "cancer_treatments": ["chemotherapy"],
    "platelet_count": 72,
    "last_platelet_transfusion": "never",
    "active_bleeding": False,
    "ecog": 1,
    "can_become_pregnant": False,
}


def answers_slot(facts: dict) -> dict:
    return {
        k: {"value": v, "unit": None, "said": str(v), "question": f"question about {k}"}
        for k, v in facts.items()
    }


def referral(
    conversation_id: str = "conv-1", facts: dict | None = None, trial_id: str = "xj-mk-002"
) -> Referral:
    facts = facts or LIKELY_XJ
    trial = find_trial(load_trials(), trial_id)
    result = evaluate(trial, facts, on_date=ON)
    return Referral(
        conversation_id=conversation_id,
        results=[result],
        answers=answers_slot(facts),
        answered_by_proxy=False,
        contact=Contact(
            name=CANARY_NAME,
            phone=CANARY_PHONE,
            email=CANARY_EMAIL,
            preferred_time="mornings",
            language="English",
        ),
        consents=[
            {
                "kind": "screening",
                "agreed": True,
                "at": "2026-11-21T09:00:00+00:00",
                "wording": "Do you agree?",
            }
        ],
    )
