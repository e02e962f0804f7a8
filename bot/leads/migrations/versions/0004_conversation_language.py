"""The language each conversation was held in, on leads and in the funnel's counters.

`leads.conversation_language` (en, zh) lets coordinators see, filter and export leads by the
language the person wrote in, apart from `contact_language`, the language they asked to be called
in. `funnel_counts.language` splits the counters by language, so the funnel can be filtered by it;
the counters' unique key takes the language in. Rows written before are English: that was the only
language then.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_OLD_KEY = ["day", "trial_id", "stage", "criterion_id"]


def upgrade() -> None:
    # Batch mode: SQLite cannot add a NOT NULL column or change a constraint in place, so alembic
    # copies the table; on PostgreSQL these are plain ALTER TABLE statements.
    with op.batch_alter_table("leads") as batch:
        batch.add_column(
            sa.Column("conversation_language", sa.String(length=8), nullable=False, server_default="en")
        )
        batch.create_index("ix_leads_conversation_language", ["conversation_language"], unique=False)
    with op.batch_alter_table("leads") as batch:
        batch.alter_column("conversation_language", server_default=None)

    with op.batch_alter_table("funnel_counts") as batch:
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default="en"))
        batch.drop_constraint("uq_funnel_counts_key", type_="unique")
        batch.create_unique_constraint("uq_funnel_counts_key", [*_OLD_KEY, "language"])
    with op.batch_alter_table("funnel_counts") as batch:
        batch.alter_column("language", server_default=None)


def downgrade() -> None:
    # The counters of each language are added together again before the language goes.
    connection = op.get_bind()
    counts = sa.table(
        "funnel_counts",
        sa.column("id", sa.Integer()),
        *(sa.column(name, sa.String()) for name in ("trial_id", "stage", "criterion_id", "language")),
        sa.column("day", sa.Date()),
        sa.column("count", sa.Integer()),
    )
    key = [counts.c[name] for name in _OLD_KEY]
    merged = connection.execute(
        sa.select(*key, sa.func.sum(counts.c["count"]), sa.func.min(counts.c.id)).group_by(*key)
    ).all()
    connection.execute(sa.delete(counts))
    with op.batch_alter_table("funnel_counts") as batch:
        batch.drop_constraint("uq_funnel_counts_key", type_="unique")
        batch.drop_column("language")
        batch.create_unique_constraint("uq_funnel_counts_key", _OLD_KEY)
    counts = sa.table(
        "funnel_counts",
        sa.column("id", sa.Integer()),
        *(sa.column(name, sa.String()) for name in ("trial_id", "stage", "criterion_id")),
        sa.column("day", sa.Date()),
        sa.column("count", sa.Integer()),
    )
    for day, trial_id, stage, criterion_id, total, first_id in merged:
        connection.execute(
            sa.insert(counts).values(
                id=first_id, day=day, trial_id=trial_id, stage=stage, criterion_id=criterion_id, count=total
            )
        )
    with op.batch_alter_table("leads") as batch:
        batch.drop_index("ix_leads_conversation_language")
        batch.drop_column("conversation_language")
