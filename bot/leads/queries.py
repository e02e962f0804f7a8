"""Reading leads back. The CLI, the dashboard and the tests share these queries."""

from __future__ import annotations

from sqlalchemy import select

from bot.leads.database import session
from bot.leads.models import Lead


def leads_for_conversation(conversation_id: str) -> list[Lead]:
    with session() as db:
        return list(db.execute(select(Lead).where(Lead.conversation_id == conversation_id)).scalars())
