"""The tracker store endpoints.yml names: a conversation that asks to be forgotten is deleted.

Declining the screening consent, or "stop" before agreeing to be contacted, makes the action set
the forget slot (bot.conversation.FORGET_SLOT); the store then deletes every stored event of that
conversation instead of saving it. A conversation with a lead is kept. SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation import FORGET_SLOT
from bot.leads import save_referral
from rasa_addons.tracker_store import PrescreenTrackerStore
from tests.leads.factories import referral as make_referral
from tests.leads.rasa_tracker import save_conversation, tracker_event_count, tracker_store_from_endpoints


def _turn(store, sender_id: str, text: str, forget: bool) -> None:  # noqa: ANN001
    async def run() -> None:
        tracker = await store.retrieve(sender_id) or DialogueStateTracker(sender_id, slots=[])
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, intent={"name": "deny", "confidence": 1.0}))
        if forget:
            tracker.update(SlotSet(FORGET_SLOT, True))
        tracker.update(BotUttered("Thank you. Nothing has been stored."))
        await store.save(tracker)

    asyncio.run(run())


def test_endpoints_yml_selects_the_forgetting_store(database_url):
    with tracker_store_from_endpoints() as store:
        assert isinstance(store, PrescreenTrackerStore)


def test_declining_deletes_the_whole_conversation(database_url):
    sender = f"declines-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        save_conversation(store, sender, ["hi", "I'm 47 with breast cancer"], datetime.now(timezone.utc))
        assert tracker_event_count(database_url, sender) > 0
        _turn(store, sender, "no thank you", forget=True)
        assert tracker_event_count(database_url, sender) == 0


def test_other_conversations_are_saved_as_usual(database_url):
    sender, bystander = f"answers-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        save_conversation(store, bystander, ["hi"], datetime.now(timezone.utc))
        _turn(store, sender, "no, never had one", forget=False)
        assert tracker_event_count(database_url, sender) > 0
        _turn(store, f"x-{uuid.uuid4().hex}", "stop", forget=True)
        assert tracker_event_count(database_url, bystander) > 0, "only that conversation goes"


def test_the_forget_slot_of_an_earlier_turn_does_not_delete_later(database_url):
    sender = f"later-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        _turn(store, sender, "hello", forget=False)
        store_events_before = tracker_event_count(database_url, sender)
        _turn(store, sender, "yes", forget=False)
        assert tracker_event_count(database_url, sender) > store_events_before


def test_a_conversation_with_a_lead_is_kept(database_url):
    sender = f"lead-{uuid.uuid4().hex}"
    save_referral(make_referral(conversation_id=sender))
    with tracker_store_from_endpoints() as store:
        save_conversation(store, sender, ["hi"], datetime.now(timezone.utc))
        _turn(store, sender, "stop", forget=True)
        assert tracker_event_count(database_url, sender) > 0


# The cache: a saved tracker is reused only while the database holds exactly what was saved.


def _retrieve(store, sender_id: str):  # noqa: ANN001
    return asyncio.run(store.retrieve(sender_id))


def _events(tracker) -> list[dict]:  # noqa: ANN001
    return [event.as_dict() for event in tracker.events] if tracker else []


def test_a_reused_tracker_equals_the_one_rebuilt_from_the_database(database_url):
    sender = f"cache-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store, tracker_store_from_endpoints() as fresh:
        _turn(store, sender, "hello", forget=False)
        _turn(store, sender, "I'm 47", forget=False)
        reused = _retrieve(store, sender)
        assert reused is not None
        assert _events(reused) == _events(_retrieve(fresh, sender))


def test_an_erasure_by_another_process_is_not_hidden_by_the_cache(database_url):
    sender = f"erased-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store, tracker_store_from_endpoints() as other:
        _turn(store, sender, "hello", forget=False)
        other.forget(sender)  # as `python -m bot leads erase` would, from another process
        assert _retrieve(store, sender) is None
        _turn(store, f"x-{uuid.uuid4().hex}", "hi", forget=False)
        assert tracker_event_count(database_url, sender) == 0, "nothing erased comes back"


def test_a_write_by_another_process_is_seen(database_url):
    sender = f"shared-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as first, tracker_store_from_endpoints() as second:
        _turn(first, sender, "hello", forget=False)
        _turn(second, sender, "I'm 47", forget=False)
        texts = [e.get("text") for e in _events(_retrieve(first, sender)) if e["event"] == "user"]
        assert texts == ["hello", "I'm 47"]


def test_a_turn_that_was_never_saved_is_not_reused(database_url):
    sender = f"failed-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store:
        _turn(store, sender, "hello", forget=False)
        half_done = _retrieve(store, sender)
        half_done.update(UserUttered("this turn crashed before it was saved"))
        again = _retrieve(store, sender)
        assert "this turn crashed before it was saved" not in [e.get("text") for e in _events(again)]


def test_a_cached_conversation_that_starts_a_new_session_is_saved_once(database_url):
    # Rasa counts only the latest session's rows to find what to insert; a tracker from the cache
    # still holds the earlier session too, so counting would insert its events a second time.
    sender = f"sessions-{uuid.uuid4().hex}"

    async def turn(store, text: str, new_session: bool = False) -> None:  # noqa: ANN001
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, slots=[])
        if new_session:
            tracker.update(ActionExecuted("action_session_start"))
            tracker.update(SessionStarted())
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, intent={"name": "inform", "confidence": 1.0}))
        tracker.update(BotUttered("Thank you."))
        await store.save(tracker)

    async def conversation(store) -> int:  # noqa: ANN001
        await turn(store, "hello")
        await turn(store, "I'm 47")
        await turn(store, "back after an hour", new_session=True)
        await turn(store, "yes")
        await turn(store, "no")
        return len((await store.retrieve(sender)).events)

    with tracker_store_from_endpoints() as store:
        events_held = asyncio.run(conversation(store))
    assert tracker_event_count(database_url, sender) == events_held == 5 * 3 + 2


def test_the_store_hands_out_trackers_with_the_incremental_applied_events(database_url):
    from rasa_addons.tracker import PrescreenTracker

    sender = f"kind-{uuid.uuid4().hex}"
    with tracker_store_from_endpoints() as store, tracker_store_from_endpoints() as fresh:
        _turn(store, sender, "hello", forget=False)
        assert isinstance(_retrieve(store, sender), PrescreenTracker)  # from the cache
        assert isinstance(_retrieve(fresh, sender), PrescreenTracker)  # rebuilt from the database


def _rows(url: str, sender_id: str) -> list[tuple]:
    """The conversation's rows, `data` decrypted (ours are encrypted, Rasa's own class writes JSON)."""
    from bot.leads.crypto import event_cipher
    from bot.leads.database import engine_for

    with engine_for(url).connect() as connection:
        columns = "type_name, timestamp, intent_name, action_name, data"
        query = f"SELECT {columns} FROM events WHERE sender_id = :s ORDER BY id"
        rows = connection.execute(sa.text(query), {"s": sender_id})
        return [(*row[:4], event_cipher().decrypt(row[4], sender_id)) for row in rows]


def test_a_cached_turn_writes_the_rows_rasa_would(database_url):
    # The same conversation saved turn by turn through the cache (our insert) and by Rasa's own
    # SQLTrackerStore (a new tracker from the database each turn) gives the same rows.
    from rasa.core.tracker_store import SQLTrackerStore

    ours, rasas = f"ours-{uuid.uuid4().hex}", f"rasa-{uuid.uuid4().hex}"
    turns = [
        [ActionExecuted("action_listen", timestamp=1.0), UserUttered("hi", {"name": "greet"}, timestamp=2.0)],
        [SlotSet("answers", {"age": {"value": 47}}, timestamp=3.0), BotUttered("How old?", timestamp=4.0)],
        [ActionExecuted("prescreen_form", policy="RulePolicy", confidence=1.0, timestamp=5.0)],
        [UserUttered("47", {"name": "inform", "confidence": 0.9}, timestamp=6.0)],
    ]

    async def converse(store, sender: str) -> None:  # noqa: ANN001
        for events in turns:
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, slots=[])
            for event in events:
                tracker.update(event)
            await store.save(tracker)

    with tracker_store_from_endpoints() as store:
        asyncio.run(converse(store, ours))
        plain = SQLTrackerStore.__new__(SQLTrackerStore)
        plain.__dict__.update(store.__dict__)  # Rasa's class on the same engine and domain
        asyncio.run(converse(plain, rasas))
    assert _rows(database_url, ours) == _rows(database_url, rasas)
    assert len(_rows(database_url, ours)) == 6


def test_on_sqlite_turns_commit_without_fsync_and_leads_with_it(database_url):
    """The tracker store's connections use synchronous=NORMAL (1); the leads store's keep FULL (2)."""
    if not database_url.startswith("sqlite"):
        return  # a SQLite setting
    from bot.leads.database import engine_for

    with tracker_store_from_endpoints() as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with engine_for(database_url).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
