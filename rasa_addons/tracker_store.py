"""Rasa's SQL tracker store, plus "store nothing" for people who decline or stop, and a small cache.

Store nothing: the actions decide. When someone declines the screening consent, or says "stop"
before agreeing to be contacted, they set the slot `forget_conversation`. Rasa saves the tracker
at the end of the turn; this store then deletes everything it holds for that conversation instead
of saving, so no answer, not even the greeting, outlives the conversation. A conversation that
produced a lead is kept (the lead points at it; retention and erasure remove both together).

Cache: SQLTrackerStore rebuilds the tracker on every message by loading every event of the
session and replaying it. This store keeps the trackers it saved last (LRU) and hands one back
only if the database still holds exactly the rows it wrote, checked with one COUNT per message, so
an erasure or purge by the CLI, or a write by another Rasa process, is never shadowed: the
tracker is then rebuilt from the database as usual. A tracker is taken out of the cache while a
turn works on it and put back when the turn is saved, so a failed turn is never reused. Saving a
tracker that came from the cache inserts the events after the ones it already held, in one
statement, with the columns Rasa writes; it needs neither Rasa's count of the stored session nor a
count afterwards. (Rasa's count covers only the latest session, while a cached tracker can span
two: counting would re-insert old events.)

Speed: every tracker handed to Rasa is a PrescreenTracker (rasa_addons/tracker.py), whose
`applied_events()` carries on from its last call instead of refolding the conversation; and on
SQLite the connections are pooled (SQLAlchemy 1.4 opens a new one per session for a file database,
with our pragmas each time).

Encrypted at rest: the `data` column of every event row (the serialised event: what the person
typed, the bot's replies, including the read-back of contact details, slot values, parse data) is
encrypted with AES-256-GCM under a key derived from the leads key (bot.leads.crypto.EventCipher),
with the conversation id as associated data. The other columns (sender_id, type_name, timestamp,
intent_name, action_name) stay as Rasa writes them, so Rasa's queries, erasure and the retention
purge (bot/leads/privacy.py) work unchanged. On SQLite the database file is made 0600 before
Rasa opens it (bot.leads.database.private_sqlite_file). docs/privacy.md says what is kept, how
and for how long.

Everything else is SQLTrackerStore unchanged. endpoints.yml selects this class.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot import log_privacy
from bot.conversation import FORGET_SLOT
from bot.leads.crypto import EventCipher, event_cipher
from bot.leads.database import private_sqlite_file
from rasa_addons import (
    action_call,
    action_connection,
    action_failure,
    action_response_validation,
    answer_first,
    debug_logs,
    event_types,
    graph_runner,
)
from rasa_addons import tracker as prescreen_tracker

# Rasa imports this module when it reads endpoints.yml, before any conversation: the right moment
# to make action-reply validation cheap (action_response_validation.py) and to send the action
# server only this turn's events when endpoints.yml says so (action_call.py), over a connection
# kept open (action_connection.py), to let forms copy trackers instead of replaying them
# (tracker.py), to run the model's graph without dask's bookkeeping (graph_runner.py; Rasa
# loads the model after it creates the tracker store), to find event classes by name in a table
# (event_types.py), to skip building debug-log lines that are switched off (debug_logs.py), and to
# take a message that answers the screening question as the answer (answer_first.py), and to
# answer kindly when the action server fails or hangs (action_failure.py).
log_privacy.install()  # before anything else: no message text, slot value or tracker in any log line
action_response_validation.install()
action_call.install()
action_connection.install()
graph_runner.install()
event_types.install()
debug_logs.install()
prescreen_tracker.install()
answer_first.install()
action_failure.install()

logger = logging.getLogger(__name__)
# Trackers kept in memory for reuse (the most recently used conversations). bench/soak.py measured
# about 0.5 MB each, a finished screening's tracker: with 1 000 kept, Rasa grew from 700 MB to
# 1.2 GB over the first 1 000 conversations and then stayed flat. 200 is far more conversations than
# are ever active at once here; an older one is read back from the database (a few ms) if it returns.
# endpoints.yml can set `cache_size` under tracker_store.
DEFAULT_CACHE_SIZE = 200


def asks_to_be_forgotten(tracker: DialogueStateTracker) -> bool:
    """Did this turn's actions (the events since the last user message) set forget_conversation?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == FORGET_SLOT and event.value is True:
            return True
    return False


def _has_leads(conversation_id: str) -> bool:
    from bot.leads import queries

    return bool(queries.leads_for_conversation(conversation_id))


def _row(sender_id: str, event: Event, cipher: EventCipher) -> dict[str, Any]:
    """An `events` row as Rasa 3.6's SQLTrackerStore.save builds it, its `data` encrypted."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": cipher.encrypt(json.dumps(data), sender_id),
    }


@functools.lru_cache(maxsize=4)
def _count_rows(events: sa.Table) -> sa.sql.Select:
    return sa.select(sa.func.count()).where(events.c.sender_id == sa.bindparam("sender_id"))


@dataclass
class _Saved:
    tracker: DialogueStateTracker
    events_in_tracker: int
    rows_in_database: int


def _commit_without_fsync(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PrescreenTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that forgets on request and reuses the trackers it saved."""

    def __init__(self, *args: Any, cache_size: int = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        host = kwargs.get("host")  # endpoints.yml's `url` (Rasa passes it as host)
        if isinstance(host, str) and host.startswith("sqlite"):
            private_sqlite_file(host)  # 0600 before Rasa's engine creates the file
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite_connections()
        self._cache_size = int(cache_size)
        self._saved: OrderedDict[str, _Saved] = OrderedDict()
        self._lent: OrderedDict[str, _Saved] = OrderedDict()  # handed to a turn, not saved yet

    def _pool_sqlite_connections(self) -> None:
        """Replace Rasa's engine (one new connection per session) by the leads store's kind of
        engine for the same file: pooled, WAL mode, busy timeout; and commits without fsync.

        synchronous=NORMAL, on this engine's connections only: in WAL mode a commit then waits
        for no fsync (the WAL is synced at checkpoints). The database stays consistent after any
        crash; a power cut can undo the last conversation turns saved, never corrupt the file.
        The fsync on every message's commit was about 5 % of Rasa's CPU and added to each reply's
        latency. The leads, written by the action server on its own engine, keep SQLite's
        default (FULL): a lead, once confirmed, is on disk."""
        from bot.leads.database import new_engine

        url = str(self.engine.url)
        self.engine.dispose()
        self.engine = new_engine(url)
        sa.event.listen(self.engine, "connect", _commit_without_fsync)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        log_privacy.conversation_id.set(sender_id)  # errors of this turn name the conversation
        saved = self._saved.pop(sender_id, None)
        if (
            saved is not None
            and len(saved.tracker.events) == saved.events_in_tracker
            and self.stored_rows(sender_id) == saved.rows_in_database
        ):
            self._remember(self._lent, sender_id, saved)
            # A new conversation's tracker was made by Rasa's wrapper store, as a plain one.
            return prescreen_tracker.as_prescreen_tracker(saved.tracker)
        return prescreen_tracker.as_prescreen_tracker(await super().retrieve(sender_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self._saved.pop(sender_id, None)
        lent = self._lent.pop(sender_id, None)
        if lent is not None and lent.tracker is not tracker:
            lent = None  # another copy of the conversation: save it Rasa's way
        if asks_to_be_forgotten(tracker) and not await asyncio.to_thread(_has_leads, sender_id):
            self.forget(sender_id)
            logger.info("conversation forgotten at the person's request (nothing stored)")
            return
        if lent is not None and self.event_broker is None:
            rows = lent.rows_in_database + self._append(
                sender_id, islice(tracker.events, lent.events_in_tracker, None)
            )
        else:
            await self._save_rasas_way(tracker)
            rows = self.stored_rows(sender_id)
        if self._cache_size > 0:
            self._remember(self._saved, sender_id, _Saved(tracker, len(tracker.events), rows))

    async def _save_rasas_way(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save (stream to the event broker, then store the events after the
        ones the latest session already holds), writing encrypted rows."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
        self._append(tracker.sender_id, new_events)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """SQLTrackerStore._retrieve, decrypting each event's data."""
        with self.session_scope() as session:
            stored = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).with_entities(self.SQLEvent.data)
            cipher = event_cipher()
            events = [json.loads(cipher.decrypt(data, sender_id)) for (data,) in stored]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _append(self, sender_id: str, events: Iterable[Event]) -> int:
        """Insert these events in one statement, with the columns Rasa's save writes; returns how many."""
        cipher = event_cipher()
        rows = [_row(sender_id, event, cipher) for event in events]
        if rows:
            with self.engine.begin() as connection:  # SQLAlchemy Core: no ORM session per message
                connection.execute(self.SQLEvent.__table__.insert(), rows)
        return len(rows)

    def _remember(self, cache: OrderedDict[str, _Saved], sender_id: str, saved: _Saved) -> None:
        cache[sender_id] = saved
        while len(cache) > self._cache_size:
            cache.popitem(last=False)

    def stored_rows(self, sender_id: str) -> int:
        """How many events the database holds for this conversation (all sessions)."""
        with self.engine.connect() as connection:  # Core, one statement built once: 0.1 ms, not 0.4
            return connection.execute(
                _count_rows(self.SQLEvent.__table__), {"sender_id": sender_id}
            ).scalar_one()

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many were deleted."""
        self._saved.pop(sender_id, None)
        self._lent.pop(sender_id, None)
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
            return deleted
