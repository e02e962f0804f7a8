"""No contact detail in clear at rest, read as an auditor would: the raw bytes of the database files.

One whole conversation through the real Rasa and action servers, with canary contact details and a
phone number refused as invalid first. Then the database file, its WAL and its shared-memory file,
byte for byte, must not contain any canary (name, either phone, email, in every form the
conversation turns them into), and all three files must be readable by their owner only.

The conversation must really happen for the search to mean anything: the lead is saved, and the
tracker store holds the conversation, the refused number and the read-back included, once
decrypted with the key.
"""

from __future__ import annotations

import re
import stat
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.leads import queries
from bot.leads.crypto import event_cipher
from tests.e2e.test_no_health_data_in_logs import CONTACT, EMAIL, NAME, PHONE, converse

pytestmark = pytest.mark.e2e

REFUSED_PHONE = "+86 139 8765"  # too short to be a phone number: refused, asked again
CONTACT_DETAILS = [
    NAME,
    "Qzcanary",
    "Zyxwelt",
    PHONE,
    "+8613912345678",
    "13912345678",
    "139 1234 5678",
    EMAIL,
    "qz.canary",
    REFUSED_PHONE,
    "1398765",
    "139 8765",
]


def _database_files(url: str) -> list[Path]:
    path = Path(sa.engine.make_url(url).database)
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _found_in(raw: bytes) -> list[str]:
    return [c for c in CONTACT_DETAILS if re.search(re.escape(c.encode()), raw, flags=re.IGNORECASE)]


def test_no_contact_detail_is_in_the_database_files_in_clear(rasa_server, e2e_env, monkeypatch):
    for key in ("DATABASE_URL", "PRESCREEN_ENCRYPTION_KEY"):
        monkeypatch.setenv(key, e2e_env[key])
    sender = f"e2e-at-rest-{uuid.uuid4().hex}"
    contact = list(CONTACT)
    contact.insert(contact.index(PHONE), REFUSED_PHONE)

    transcript = "\n".join(converse(rasa_server, sender, contact))

    # The conversation ran to the end: the refused number was asked again, the details were read
    # back and the lead saved; the tracker store holds all of it (decrypted with the key).
    assert "That phone number doesn't look right" in transcript, transcript
    assert "Let me read that back" in transcript, transcript
    assert [lead.trial_id for lead in queries.leads_for_conversation(sender)] == ["xj-mk-002"], transcript
    engine = sa.create_engine(e2e_env["DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :s"), {"s": sender}
        ).scalars()
        stored = "\n".join(event_cipher().decrypt(data, sender) for data in rows)
    engine.dispose()
    for value in (NAME, REFUSED_PHONE, EMAIL, "+8613912345678", "Let me read that back"):
        assert value in stored, f"the tracker store should hold {value!r} (encrypted)"

    files = _database_files(e2e_env["DATABASE_URL"])
    assert all(f.exists() for f in files), [f.name for f in files if not f.exists()]
    assert files[1].stat().st_size > 0, "the WAL holds this conversation's pages"
    for f in files:
        raw = f.read_bytes()
        assert not _found_in(raw), f"{f.name} holds contact details in clear: {_found_in(raw)}"
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f"{f.name} is {oct(stat.S_IMODE(f.stat().st_mode))}"
