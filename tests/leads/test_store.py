"""The leads store on SQLite and PostgreSQL: idempotent, encrypted at rest, safe under races."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from bot.leads import save_referral
from bot.leads.database import engine_for
from bot.leads.queries import leads_for_conversation
from tests.leads.factories import CANARY_EMAIL, CANARY_NAME, CANARY_PHONE, referral


def test_submitting_the_same_conversation_twice_updates_one_lead(database_url):
    first = save_referral(referral("conv-1"))
    second = save_referral(referral("conv-1"))
    assert first == second
    assert len(leads_for_conversation("conv-1")) == 1


def test_concurrent_submissions_of_one_conversation_make_one_lead(database_url):
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(lambda _: save_referral(referral("conv-race"))[0], range(16)))
    assert len(set(ids)) == 1
    assert len(leads_for_conversation("conv-race")) == 1


def test_contact_details_are_not_stored_in_plain_text(database_url):
    save_referral(referral("conv-2"))
    with engine_for(database_url).connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM leads")).fetchall()
    raw = repr(rows)
    assert rows
    for canary in (CANARY_NAME, CANARY_PHONE, CANARY_EMAIL, "Zxqvname"):
        assert canary not in raw


def test_production_without_an_encryption_key_is_a_clear_error(monkeypatch):
    import pytest

    from bot.leads.crypto import MissingKeyError, encrypt

    monkeypatch.delenv("PRESCREEN_ENCRYPTION_KEY", raising=False)
    monkeypatch.setenv("PRESCREEN_ENV", "production")
    with pytest.raises(MissingKeyError, match="PRESCREEN_ENCRYPTION_KEY is not set"):
        encrypt("Anna")
