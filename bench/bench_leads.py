"""How fast the leads store writes and exports (a benchmark, not a test).

On SQLite (a temporary file) and PostgreSQL (TEST_POSTGRES_URL, or postgresql://postgres@127.0.0.1:5432/test,
in a fresh schema dropped afterwards) it prints:
- leads written per second through `save_referral` (one conversation per lead, each its own
  transaction, contact details encrypted, as the action server writes them);
- the time to export 10 000 leads in each format (csv, xlsx, json, fhir) through `export_leads`,
  the function the CLI and the dashboard call. Leads beyond those written through `save_referral`
  are copies of them, inserted in bulk so the run stays short.

    .venv/bin/python -m bench.bench_leads [--write 1000] [--export 10000] [--only sqlite|postgresql]

A throwaway encryption key is used; no real database or key file is touched.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from cryptography.fernet import Fernet

from bot.leads import save_referral
from bot.leads.database import dispose_engine, engine_for, session
from bot.leads.models import Lead, utc_now
from bot.leads.service import EXPORT_FORMATS, export_leads
from tests.leads.factories import referral

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
NEEDS_REVIEW = {"age": 66, "diagnosis": "aml"}


def templates() -> list:
    """Referrals of each kind: likely eligible and needs review, for both trials."""
    return [
        referral("t-1"),
        referral("t-2", NEEDS_REVIEW),
        referral("t-3", NEEDS_REVIEW, trial_id="nct06642025"),
    ]


def write_leads(count: int) -> float:
    """Leads per second through save_referral."""
    made = templates()
    start = time.perf_counter()
    for n in range(count):
        template = made[n % len(made)]
        save_referral(template.copy(update={"conversation_id": f"bench-{n}"}))
    return count / (time.perf_counter() - start)


def fill_to(total: int, url: str) -> None:
    """Copy the leads already written until there are `total`, created a minute apart going back."""
    columns = [
        c.name for c in Lead.__table__.columns if c.name not in ("id", "conversation_id", "created_at")
    ]
    with session() as db:
        existing = [
            dict(row._mapping) for row in db.execute(sa.select(*[Lead.__table__.c[c] for c in columns]))
        ]
        have = db.scalar(sa.select(sa.func.count()).select_from(Lead))
    now = utc_now()
    rows = []
    for n in range(have, total):
        row = dict(existing[n % len(existing)])
        row.update(
            id=str(uuid.uuid4()),
            conversation_id=f"bench-copy-{n}",
            created_at=now - timedelta(minutes=n),
        )
        rows.append(row)
    with engine_for(url).begin() as connection:
        for start in range(0, len(rows), 1000):
            connection.execute(Lead.__table__.insert(), rows[start : start + 1000])


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        try:
            yield url
        finally:
            dispose_engine(url)


@contextmanager
def postgres_database() -> Iterator[str]:
    base = os.environ.get("TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{base}?options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def run(name: str, database, write: int, export: int) -> None:
    with database() as url, tempfile.TemporaryDirectory() as out:
        os.environ["DATABASE_URL"] = url
        engine_for(url)  # migrations run here, outside the timings
        rate = write_leads(write)
        print(f"{name:<11} save_referral: {rate:8.0f} leads/s ({write} leads)", flush=True)
        fill_to(export, url)
        for fmt in EXPORT_FORMATS:
            path = Path(out) / f"leads.{fmt}"
            start = time.perf_counter()
            rows = export_leads(None, fmt, path, "bench")
            seconds = time.perf_counter() - start
            size = path.stat().st_size / 1e6
            print(
                f"{name:<11} export {fmt:<5} {rows} leads: {seconds:6.2f} s "
                f"({rows / seconds:6.0f} leads/s, {size:6.1f} MB)",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=int, default=1000, help="leads written through save_referral")
    parser.add_argument("--export", type=int, default=10_000, help="leads in each export")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    os.environ["PRESCREEN_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    databases = {"sqlite": sqlite_database, "postgresql": postgres_database}
    for name, database in databases.items():
        if args.only in (None, name):
            run(name, database, args.write, max(args.export, args.write))


if __name__ == "__main__":
    main()
