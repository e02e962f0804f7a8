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


def test_answers_stored_before_typed_records_get_the_canonical_unit_and_back(database_url):
    """0003: a stored platelet count of 72 with the unit said ("/uL") in `unit` becomes 72 ×10⁹/L,
    with "/uL" kept as the unit said; downgrading restores the old shape."""
    engine_for(database_url)  # its first use migrates to the latest: done before going back to 0002
    migrate.downgrade(database_url, "0002")
    old = {
        "platelet_count": {"value": 72, "unit": "/uL", "said": "72,000", "question": "q"},
        "age": {"value": 47, "unit": None, "said": "47", "question": "q"},
    }
    leads = sa.table(
        "leads",
        sa.column("id", sa.String()),
        sa.column("conversation_id", sa.String()),
        sa.column("trial_id", sa.String()),
        sa.column("answers", sa.JSON()),
    )
    with engine_for(database_url).begin() as connection:
        columns = {c["name"]: c for c in sa.inspect(connection).get_columns("leads")}
        required = {n for n, c in columns.items() if not c["nullable"] and n not in ("id", "answers")}
        row = {"id": "lead-0003", "answers": old, **{n: _filler(columns[n]["type"]) for n in required}}
        table = sa.Table("leads", sa.MetaData(), autoload_with=connection)
        connection.execute(table.insert().values(**row))
    migrate.upgrade(database_url)
    with engine_for(database_url).connect() as connection:
        answers = connection.execute(sa.select(leads.c.answers).where(leads.c.id == "lead-0003")).scalar_one()
    answers = answers if isinstance(answers, dict) else __import__("json").loads(answers)
    platelets = answers["platelet_count"]
    assert (platelets["value"], platelets["unit"], platelets["unit_said"]) == (72, "×10⁹/L", "/uL")
    assert platelets["how"] == "parsed" and answers["age"]["unit"] == "years"
    migrate.downgrade(database_url, "0002")
    with engine_for(database_url).connect() as connection:
        answers = connection.execute(sa.select(leads.c.answers).where(leads.c.id == "lead-0003")).scalar_one()
    answers = answers if isinstance(answers, dict) else __import__("json").loads(answers)
    assert answers["platelet_count"]["unit"] == "/uL"
    with engine_for(database_url).begin() as connection:
        connection.execute(sa.delete(leads).where(leads.c.id == "lead-0003"))
    migrate.upgrade(database_url)


def _filler(column_type: sa.types.TypeEngine):  # noqa: ANN202 - a value of that column's type
    import datetime

    python_type = getattr(column_type, "python_type", str)
    return {
        bool: False,
        int: 0,
        datetime.datetime: datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc),
        dict: {},
        list: [],
    }.get(python_type, "x")


def test_funnel_counters_gain_a_language_and_lose_it_without_losing_counts(database_url):
    """0004: counters written before are English; going back adds each language's counts together."""
    engine_for(database_url)  # its first use migrates to the latest
    migrate.downgrade(database_url, "0003")
    day = __import__("datetime").date(2026, 11, 10)
    old = sa.table(
        "funnel_counts",
        *(sa.column(n, sa.String()) for n in ("trial_id", "stage", "criterion_id")),
        sa.column("day", sa.Date()),
        sa.column("count", sa.Integer()),
    )
    with engine_for(database_url).begin() as connection:
        connection.execute(
            sa.insert(old).values(day=day, trial_id="", stage="started", criterion_id="", count=5)
        )
    migrate.upgrade(database_url)
    counts = sa.table(
        "funnel_counts",
        *(sa.column(n, sa.String()) for n in ("trial_id", "stage", "criterion_id", "language")),
        sa.column("day", sa.Date()),
        sa.column("count", sa.Integer()),
    )
    with engine_for(database_url).begin() as connection:
        rows = connection.execute(sa.select(counts.c.language, counts.c["count"])).all()
        assert [tuple(r) for r in rows] == [("en", 5)]
        connection.execute(
            sa.insert(counts).values(
                day=day, trial_id="", stage="started", criterion_id="", language="zh", count=2
            )
        )
    migrate.downgrade(database_url, "0003")
    with engine_for(database_url).connect() as connection:
        rows = connection.execute(sa.select(old.c.stage, old.c["count"])).all()
    assert [tuple(r) for r in rows] == [("started", 7)]
    with engine_for(database_url).begin() as connection:
        connection.execute(sa.delete(old))
    migrate.upgrade(database_url)
