"""Dashboard accounts and sessions, and the screening funnel's counters.

Tables: coordinators, coordinator_sessions (the coordinator dashboard, bot/dashboard/) and
funnel_counts (bot/leads/funnel.py). Written against `alembic revision --autogenerate` output, with
indexes created by plain `op.create_index` as in 0001.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coordinators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("login"),
    )

    op.create_table(
        "coordinator_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("view", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["login"], ["coordinators.login"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    for column in ("expires_at", "login"):
        op.create_index(
            op.f(f"ix_coordinator_sessions_{column}"), "coordinator_sessions", [column], unique=False
        )

    op.create_table(
        "funnel_counts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("trial_id", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "trial_id", "stage", "criterion_id", name="uq_funnel_counts_key"),
    )
    op.create_index(op.f("ix_funnel_counts_day"), "funnel_counts", ["day"], unique=False)


def downgrade() -> None:
    # Sessions refer to coordinators, so they go first.
    for table in ("funnel_counts", "coordinator_sessions", "coordinators"):
        op.drop_table(table)
