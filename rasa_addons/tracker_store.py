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
turn works on it and put back when the turn is saved, so a failed turn is never reused.

Everything else is SQLTrackerStore unchanged. endpoints.yml selects this class.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation import FORGET_SLOT
from rasa_addons import action_response_validation

# Rasa imports this module when it reads endpoints.yml, before any conversation: the right moment
# to make action-reply validation cheap (see action_response_validation.py).
action_response_validation.install()

logger = logging.getLogger(__name__)
DEFAULT_CACHE_SIZE = 1000


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


@dataclass
class _Saved:
    tracker: DialogueStateTracker
    events_in_tracker: int
    rows_in_database: int


class PrescreenTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that forgets on request and reuses the trackers it saved."""

    def __init__(self, *args: Any, cache_size: int = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            from bot.leads.database import use_sqlite_pragmas

            # The same file as the leads: the same WAL mode and busy timeout.
            use_sqlite_pragmas(self.engine)
        self._cache_size = int(cache_size)
        self._saved: OrderedDict[str, _Saved] = OrderedDict()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        saved = self._saved.pop(sender_id, None)
        if (
            saved is not None
            and len(saved.tracker.events) == saved.events_in_tracker
            and self.stored_rows(sender_id) == saved.rows_in_database
        ):
            return saved.tracker
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self._saved.pop(sender_id, None)
        if asks_to_be_forgotten(tracker) and not await asyncio.to_thread(_has_leads, sender_id):
            self.forget(sender_id)
            logger.info("conversation forgotten at the person's request (nothing stored)")
            return
        await super().save(tracker)
        if self._cache_size > 0:
            self._saved[sender_id] = _Saved(tracker, len(tracker.events), self.stored_rows(sender_id))
            while len(self._saved) > self._cache_size:
                self._saved.popitem(last=False)

    def stored_rows(self, sender_id: str) -> int:
        """How many events the database holds for this conversation (all sessions)."""
        with self.session_scope() as session:
            query = sa.select(sa.func.count()).where(self.SQLEvent.sender_id == sender_id)
            return session.execute(query).scalar_one()

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many were deleted."""
        self._saved.pop(sender_id, None)
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
            return deleted
