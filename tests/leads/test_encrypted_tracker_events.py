"""Rasa's conversation events are encrypted at rest, and the SQLite files are private.

The tracker store endpoints.yml names encrypts each event's `data` (what the person typed, the
bot's replies, slot values) and leaves the columns Rasa, erasure and the retention purge query
(sender_id, type_name, timestamp, intent_name, action_name) as Rasa writes them.
"""

from __future__ import annotations

import asyncio
import os
import stat
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.leads import privacy
from bot.leads.crypto import EVENT_PREFIX, MissingKeyError, event_cipher
from bot.leads.database import engine_for
from tests.leads.rasa_tracker import save_conversation, tracker_event_count, tracker_store_from_endpoints

PHONE = "+8613912345678"
NAME = "Qzcanary Zyxwelt"


def _converse(store, sender: str) -> None:  # noqa: ANN001
    async def run() -> None:
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, slots=[])
        tracker.update(ActionExecuted("action_listen", timestamp=1.0))
        tracker.update(UserUttered(NAME, {"name": "inform", "confidence": 0.9}, timestamp=2.0))
        tracker.update(SlotSet("contact_phone", PHONE, timestamp=3.0))
        tracker.update(BotUttered(f"Name: {NAME} Phone: {PHONE}", timestamp=4.0))
        await store.save(tracker)

    asyncio.run(run())


def _raw_rows(url: str, sender: str) -> list[tuple]:
    with engine_for(url).connect() as connection:
        columns = "type_name, intent_name, action_name, data"
        query = f"SELECT {columns} FROM events WHERE sender_id = :s ORDER BY id"
        return [tuple(row) for row in connection.execute(sa.text(query), {"s": sender})]


def test_event_data_is_stored_encrypted_and_read_back_by_another_process(database_url):
    sender = f"enc-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        _converse(store, sender)
        original = [e.as_dict() for e in asyncio.run(store.retrieve(sender)).events]

    rows = _raw_rows(database_url, sender)
    assert [r[:3] for r in rows] == [
        ("action", None, "action_listen"),
        ("user", "inform", None),
        ("slot", None, "contact_phone"),
        ("bot", None, None),
    ]  # the columns Rasa and the purge query stay readable
    for *_, data in rows:
        assert data.startswith(EVENT_PREFIX)
        for canary in (NAME, "Qzcanary", PHONE, "13912345678", "Phone:"):
            assert canary not in data

    with tracker_store_from_endpoints() as fresh:  # no cache: rebuilt from the database
        rebuilt = asyncio.run(fresh.retrieve(sender))
    assert [e.as_dict() for e in rebuilt.events] == original


def test_an_event_moved_to_another_conversation_does_not_decrypt(database_url):
    sender, other = f"enc-{uuid.uuid4().hex}", f"enc-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        _converse(store, sender)
    data = _raw_rows(database_url, sender)[1][3]
    assert event_cipher().decrypt(data, sender)
    with pytest.raises(MissingKeyError):
        event_cipher().decrypt(data, other)


def test_rows_written_before_encryption_are_still_read(database_url):
    # Rows written in plain JSON (before this store encrypted) are read as they are; the
    # retention purge removes them within the no-lead period.
    from rasa.core.tracker_store import SQLTrackerStore

    sender = f"old-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        plain = SQLTrackerStore.__new__(SQLTrackerStore)
        plain.__dict__.update(store.__dict__)
        _converse(plain, sender)
        assert _raw_rows(database_url, sender)[1][3].startswith("{")
    with tracker_store_from_endpoints() as fresh:
        tracker = asyncio.run(fresh.retrieve(sender))
    assert tracker.latest_message.text == NAME


def test_erasure_and_purge_remove_encrypted_conversations(database_url):
    erased, idle = f"erase-{uuid.uuid4().hex}", f"idle-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        _converse(store, erased)
        save_conversation(store, idle, ["hello"], at=datetime.now(timezone.utc) - timedelta(days=3))
    assert privacy.erase(conversation_id=erased, actor="test").tracker_events == 4
    assert privacy.purge(30, 1, actor="test").tracker_events == 3
    assert tracker_event_count(database_url, erased) == tracker_event_count(database_url, idle) == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_database_wal_and_shm_are_created_private(tmp_path, monkeypatch):
    from bot.leads import database, migrate

    old_umask = os.umask(0o022)  # as a login shell: files would be 0644
    try:
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
        monkeypatch.setenv("DATABASE_URL", url)
        migrate.upgrade(url)
        with tracker_store_from_endpoints() as store:
            _converse(store, f"mode-{uuid.uuid4().hex}")
            files = [tmp_path / name for name in ("fresh.db", "fresh.db-wal", "fresh.db-shm")]
            assert all(f.exists() for f in files), sorted(p.name for p in tmp_path.iterdir())
            assert {f.name: oct(_mode(f)) for f in files} == {f.name: "0o600" for f in files}
        database.dispose_engine(url)
    finally:
        os.umask(old_umask)


def test_a_database_left_readable_is_narrowed_when_opened(tmp_path):
    from bot.leads.database import private_sqlite_file

    db = tmp_path / "old.db"
    for name in ("old.db", "old.db-wal", "old.db-shm"):
        (tmp_path / name).write_bytes(b"")
        (tmp_path / name).chmod(0o644)
    private_sqlite_file(f"sqlite:///{db}")
    assert {p.name: oct(_mode(p)) for p in tmp_path.iterdir()} == {
        n: "0o600" for n in ("old.db", "old.db-wal", "old.db-shm")
    }


def test_the_local_key_file_is_created_private(tmp_path, monkeypatch):
    from bot.leads import crypto

    monkeypatch.delenv("PRESCREEN_ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("PRESCREEN_ENV", raising=False)
    monkeypatch.setattr(crypto, "LOCAL_KEY_FILE", tmp_path / "var" / "local-encryption.key")
    old_umask = os.umask(0o022)
    try:
        key = crypto.load_key()
    finally:
        os.umask(old_umask)
    assert _mode(crypto.LOCAL_KEY_FILE) == 0o600
    assert crypto.load_key() == key
