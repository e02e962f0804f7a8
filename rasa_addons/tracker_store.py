"""Rasa's SQL tracker store, plus "store nothing" for people who decline or stop.

The actions decide: when someone declines the screening consent, or says "stop" before agreeing
to be contacted, they set the slot `forget_conversation`. Rasa saves the tracker at the end of the
turn; this store then deletes everything it holds for that conversation instead of saving, so no
answer, not even the greeting, outlives the conversation. A conversation that produced a lead is
kept (the lead points at it; retention and erasure remove both together).

Everything else is SQLTrackerStore unchanged. endpoints.yml selects this class.
"""

from __future__ import annotations

import asyncio
import logging

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation import FORGET_SLOT

logger = logging.getLogger(__name__)


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


class PrescreenTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that deletes, rather than saves, a conversation that asked to be forgotten."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asks_to_be_forgotten(tracker) and not await asyncio.to_thread(_has_leads, tracker.sender_id):
            await asyncio.to_thread(self.forget, tracker.sender_id)
            logger.info("conversation forgotten at the person's request (nothing stored)")
            return
        await super().save(tracker)

    def forget(self, sender_id: str) -> int:
        """Delete every stored event of one conversation; returns how many were deleted."""
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
            return deleted
