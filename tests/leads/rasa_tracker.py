"""Conversations written by Rasa's own SQL tracker store, configured from the real endpoints.yml.

So the privacy tests delete rows from exactly the table Rasa creates (`events`, with Rasa's
columns), in the database the running assistant would use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def tracker_store_from_endpoints() -> Iterator:
    """Rasa's tracker store as `rasa run --endpoints endpoints.yml` builds it (DATABASE_URL set)."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(config, domain=Domain.empty())
    try:
        yield store
    finally:
        store.engine.dispose()


def save_conversation(store, sender_id: str, messages: list[str], at: datetime) -> None:  # noqa: ANN001
    """Add these messages, all sent at `at`, to the conversation (as Rasa does after each turn)."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    async def save() -> None:
        tracker = await store.retrieve(sender_id) or DialogueStateTracker(sender_id, slots=[])
        for text in messages:
            tracker.update(ActionExecuted("action_listen", timestamp=ts))
            tracker.update(UserUttered(text, intent={"name": "inform", "confidence": 1.0}, timestamp=ts))
            tracker.update(BotUttered("Thank you.", timestamp=ts))
        await store.save(tracker)

    ts = at.timestamp()
    asyncio.run(save())


def tracker_event_count(url: str, sender_id: str) -> int:
    from bot.leads.database import engine_for

    with engine_for(url).connect() as connection:
        return connection.execute(
            sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender_id}
        ).scalar_one()
