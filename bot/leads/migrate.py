"""Schema migrations (Alembic) for the leads tables: `python -m bot.leads.migrate` upgrades the
database in DATABASE_URL to the latest schema.

The schema comes only from the migrations in bot/leads/migrations/versions; nothing calls
`create_all`. `make run` (scripts/run.sh) applies them before it starts the servers, the test
fixtures apply them to each throwaway database, and `engine_for` applies them once per database
URL at first use, so the action server and the CLI never work on an old schema.

Writing a migration: change models.py, then against a scratch database

    export DATABASE_URL=sqlite:///var/scratch.db
    .venv/bin/python -m bot.leads.migrate
    .venv/bin/alembic -c bot/leads/migrations/alembic.ini revision --autogenerate --rev-id 0002 -m "what"

and review the file it writes (autogenerate misses renames and guesses some type changes).
tests/leads/test_migrations.py fails until the migrations produce exactly the models' schema.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from bot.leads.database import database_url, private_sqlite_file, use_wal

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

RASA_TABLES = frozenset({"events"})
"""Tables Rasa's SQLTrackerStore creates and owns in the same database; migrations leave them alone."""

_LOCK_KEY = 7_413_020_261_121
"""PostgreSQL advisory lock held while migrating, so two processes never migrate at once."""

_alembic_lock = threading.Lock()
"""Alembic keeps the running migration in module globals (`alembic.context`): one at a time per process."""


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic's filter: compare and migrate every table except Rasa's."""
    return not (type_ == "table" and name in RASA_TABLES)


def alembic_config() -> Config:
    return Config(str(MIGRATIONS / "alembic.ini"))


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at `url` (default: DATABASE_URL) up to `revision`. Safe to call from
    several processes at once: the first migrates, the others wait and then find nothing to do."""
    _migrate(url, "upgrade", revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    """Undo migrations down to `revision` (`base`: drop every leads table; Rasa's are kept)."""
    _migrate(url, "downgrade", revision)


def current_revision(url: str | None = None) -> str | None:
    engine = _migration_engine(url or database_url())
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


class SchemaNotFromMigrationsError(RuntimeError):
    """The database has leads tables that no migration made, and they differ from the models."""


def _migrate(url: str | None, direction: str, revision: str) -> None:
    config = alembic_config()
    url = url or database_url()
    with _alembic_lock, locked_connection(url) as connection:
        config.attributes["connection"] = connection
        if direction == "upgrade":
            _adopt_schema_made_before_migrations(connection, config, url)
        getattr(command, direction)(config, revision)


def _adopt_schema_made_before_migrations(connection: Connection, config: Config, url: str) -> None:
    """Databases made before migrations existed (by `create_all`) have the tables but no
    alembic_version. If their tables are exactly the models', record them as up to date; otherwise
    say so, rather than fail on "table leads already exists"."""
    from alembic.autogenerate import compare_metadata

    from bot.leads.models import Base

    existing = set(sa.inspect(connection).get_table_names())
    if "alembic_version" in existing or not existing & set(Base.metadata.tables):
        return
    context = MigrationContext.configure(connection, opts={"include_name": include_name})
    differences = compare_metadata(context, Base.metadata)
    if differences:
        shown = sa.engine.make_url(url).render_as_string(hide_password=True)
        raise SchemaNotFromMigrationsError(
            f"{shown} holds leads tables made before schema migrations, and they differ from the current "
            f"models ({len(differences)} differences, e.g. {differences[0]}). If it is a development "
            "database, delete it (e.g. rm var/prescreen.db) and run again; otherwise bring it to a known "
            "revision by hand and record it with `alembic -c bot/leads/migrations/alembic.ini stamp REV`."
        )
    logging.getLogger(__name__).info("existing leads tables match the models: recorded as up to date")
    command.stamp(config, "head")


@contextmanager
def locked_connection(url: str) -> Iterator[Connection]:
    """A connection inside one transaction that only one migrating process holds at a time.

    PostgreSQL: an advisory lock for the transaction, and its DDL is transactional. SQLite: the
    transaction starts with BEGIN IMMEDIATE (the database's write lock), and the driver's own
    transaction handling is off, since it would run CREATE TABLE outside any transaction.
    """
    engine = _migration_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield connection
    finally:
        engine.dispose()


def _migration_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, future=True, poolclass=NullPool)
    private_sqlite_file(url)  # created 0600, before SQLite makes it (and its -wal, -shm) 0644
    engine = sa.create_engine(url, future=True, poolclass=NullPool, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _manual_transactions(dbapi_connection, _record):  # noqa: ANN001 - SQLAlchemy's callback
        dbapi_connection.isolation_level = None
        use_wal(dbapi_connection)  # WAL from the very first transaction on a fresh file

    @sa.event.listens_for(engine, "begin")
    def _begin_immediate(connection):  # noqa: ANN001 - SQLAlchemy's callback
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    url = database_url()
    shown = sa.engine.make_url(url).render_as_string(hide_password=True)
    upgrade(url)
    print(f"{shown}: schema at revision {current_revision(url)} (latest: {head_revision()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
