"""Alembic's entry point for the leads tables (see bot/leads/migrate.py for how they are applied).

The database is DATABASE_URL (bot.leads.database.database_url), the target schema is models.Base.
Rasa's tracker table (`events`) lives in the same database but belongs to Rasa: it is neither
created, compared nor dropped here.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from bot.leads import migrate
from bot.leads.database import database_url
from bot.leads.models import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=migrate.include_name,
        compare_type=True,
        # Always true here: PostgreSQL's DDL is transactional, and on SQLite locked_connection runs
        # everything in one explicit BEGIN IMMEDIATE transaction.
        transactional_ddl=True,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # `alembic upgrade --sql`: print the SQL instead of running it
    context.configure(
        url=database_url(),
        target_metadata=Base.metadata,
        include_name=migrate.include_name,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    # bot.leads.migrate.upgrade hands over a connection that already holds the migration lock.
    given = context.config.attributes.get("connection")
    if given is not None:
        run_migrations(given)
    else:
        with migrate.locked_connection(database_url()) as connection:
            run_migrations(connection)
