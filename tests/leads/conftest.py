"""Store tests run against SQLite and PostgreSQL: every test using `database_url` runs twice.

PostgreSQL comes from TEST_POSTGRES_URL (scripts/postgres.sh sets it: our server on 5432, or a
throwaway cluster). Without it these tests FAIL rather than skip, so PostgreSQL is never silently
untested. Each test gets its own database (a fresh SQLite file, or a fresh schema), with the schema
built by the migrations, as at run time.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from bot.leads import database, migrate

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    try:
        sa.create_engine(url).connect().close()
    except sa.exc.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {url} (run via `make test`, which starts one): {error}")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    """An empty leads database, migrated to the latest schema, set as DATABASE_URL for the code under
    test."""
    monkeypatch.setenv("PRESCREEN_ENCRYPTION_KEY", Fernet.generate_key().decode())
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'leads.db'}"
        monkeypatch.setenv("DATABASE_URL", url)
        migrate.upgrade(url)
        yield url
        database.dispose_engine(url)
        return
    base = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{base}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        database.dispose_engine(url)
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
