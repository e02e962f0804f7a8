"""Stored answers in the typed shape of bot/answer_record.py.

Before, an answer's `unit` was the unit the person used ("/uL") next to a value already in the
canonical unit (72 ×10⁹/L), so the dashboard showed "72 /uL". Each stored answer now holds the
canonical unit in `unit`, the unit said in `unit_said`, and `how` it was understood ("parsed" for
answers with words, "given" otherwise). Downgrading puts the unit said back in `unit`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LEADS = sa.table("leads", sa.column("id", sa.String()), sa.column("answers", sa.JSON()))


def _rewrite(change) -> None:  # noqa: ANN001 - a function of (fact_id, answer) -> answer
    connection = op.get_bind()
    for lead_id, answers in connection.execute(sa.select(_LEADS.c.id, _LEADS.c.answers)).all():
        if isinstance(answers, str):
            answers = json.loads(answers)
        rewritten = {
            fact_id: change(fact_id, given) if isinstance(given, dict) else given
            for fact_id, given in (answers or {}).items()
        }
        if rewritten != answers:
            connection.execute(sa.update(_LEADS).where(_LEADS.c.id == lead_id).values(answers=rewritten))


def upgrade() -> None:
    from bot.answer_record import upgraded
    from bot.facts import default_registry

    registry = default_registry()
    _rewrite(lambda fact_id, given: upgraded(given, registry.get(fact_id)))


def downgrade() -> None:
    def back(fact_id: str, given: dict) -> dict:
        old = {k: v for k, v in given.items() if k not in ("unit_said", "how")}
        old["unit"] = given.get("unit_said")
        return old

    _rewrite(back)
