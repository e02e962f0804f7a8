"""The schema comes from the Alembic migrations, and they build exactly what models.py describes, on
SQLite and PostgreSQL, next to Rasa's own tracker table."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.leads import migrate
from bot.leads.database import dispose_engine, engine_for
from bot.leads.models import Base
from tests.leads.rasa_tracker import ROOT, tracker_store_from_endpoints

LEADS_TABLES = {
    "leads",
    "lead_events",
    "outbox",
    "export_audit",
    "privacy_audit",
    "coordinators",
    "coordinator_sessions",
    "funnel_counts",
}


def schema_differences(url: str) -> list:
    with engine_for(url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": migrate.include_name, "compare_type": True}
        )
        return compare_metadata(context, Base.metadata)


def tables(url: str) -> set[str]:
    with engine_for(url).connect() as connection:
        return set(sa.inspect(connection).get_table_names())


def test_the_migrations_build_exactly_the_models_schema(database_url):
    assert schema_differences(database_url) == []
    assert tables(database_url) >= LEADS_TABLES


def test_the_database_is_at_the_latest_migration(database_url):
    assert migrate.current_revision(database_url) == migrate.head_revision()


def test_rasa_tracker_table_is_neither_a_difference_nor_touched_by_migrations(database_url):
    with tracker_store_from_endpoints():
        pass  # Rasa creates its `events` table in the same database
    assert schema_differences(database_url) == []
    migrate.downgrade(database_url)
    assert tables(database_url) & LEADS_TABLES == set()
    assert "events" in tables(database_url)
    migrate.upgrade(database_url)
    assert schema_differences(database_url) == []
    assert "events" in tables(database_url)


def test_several_processes_starting_at_once_migrate_once(database_url):
    migrate.downgrade(database_url)
    command = [sys.executable, "-m", "bot.leads.migrate"]
    processes = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], "\n".join(outputs)
    assert sum("Running upgrade" in out for out in outputs) == 1, "\n".join(outputs)
    assert migrate.current_revision(database_url) == migrate.head_revision()
    assert schema_differences(database_url) == []


def test_the_first_engine_for_a_new_database_migrates_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    try:
        engine_for(url)
        assert migrate.current_revision(url) == migrate.head_revision()
        assert tables(url) >= LEADS_TABLES
    finally:
        dispose_engine(url)


def forget_migrations(url: str) -> None:
    """Make the database look like one from before migrations: no tables, no alembic_version."""
    engine = engine_for(url)  # first, as its first use for a URL migrates
    migrate.downgrade(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE alembic_version"))


def test_a_database_made_by_create_all_before_migrations_is_adopted_when_it_matches(database_url):
    forget_migrations(database_url)
    with engine_for(database_url).begin() as connection:
        Base.metadata.create_all(connection)

    migrate.upgrade(database_url)

    assert migrate.current_revision(database_url) == migrate.head_revision()
    assert schema_differences(database_url) == []


def test_an_older_schema_made_before_migrations_is_refused_with_what_to_do(database_url):
    forget_migrations(database_url)
    with engine_for(database_url).begin() as connection:
        connection.execute(sa.text("CREATE TABLE leads (id VARCHAR(36) PRIMARY KEY, trial_id VARCHAR(64))"))

    with pytest.raises(migrate.SchemaNotFromMigrationsError, match="delete it .* and run again"):
        migrate.upgrade(database_url)
    assert migrate.current_revision(database_url) is None
