"""Database settings shared by the leads store and Rasa's tracker store.

SQLite is the default: a file under var/, in WAL mode with a busy timeout so readers never block
the writer. DATABASE_URL selects another database, e.g. postgresql://user@host/db. Rasa reads the
same variable: endpoints.yml gives its SQL tracker store `url: ${DATABASE_URL}`, and scripts/run.sh
exports the URL this module prints (`python -m bot.leads.database`), default included.

The schema comes from the Alembic migrations (bot/leads/migrate.py): `engine_for` applies them
once per URL, at first use, before handing out the engine.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE = ROOT / "var" / "prescreen.db"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """One engine per database URL for the whole process (the action server's worker threads share it).
    The first call for a URL also brings its schema up to date with the migrations."""
    with _engines_lock:
        if url not in _engines:
            from bot.leads import migrate  # migrate imports this module

            migrate.upgrade(url)
            _engines[url] = new_engine(url)
        return _engines[url]


def new_engine(url: str) -> Engine:
    """A new engine for `url`, without migrating: pooled, and for SQLite in WAL mode with a busy
    timeout. `engine_for` keeps one per URL for the leads; Rasa's tracker store
    (rasa_addons/tracker_store.py) makes its own from this for the same file."""
    if url.startswith("sqlite"):
        DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
        private_sqlite_file(url)
        # A pool: SQLAlchemy 1.4 gives file SQLite no pool, and opening and closing a connection per
        # save cost about 11 ms. Connections are shared across the action server's threads.
        engine = create_engine(
            url,
            future=True,
            poolclass=QueuePool,
            connect_args={"timeout": 30, "check_same_thread": False},
        )

        use_sqlite_pragmas(engine)
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    return engine


def private_sqlite_file(url: str) -> None:
    """Make a SQLite database file readable by its owner only (0600), creating it empty if it does
    not exist yet, before SQLite opens it: SQLite creates the -wal and -shm files with the
    database file's permissions. Files left from before (-wal, -shm, -journal) are narrowed too.
    Every engine on the file is made through here: the leads', the migrations', Rasa's tracker
    store's (rasa_addons/tracker_store.py)."""
    path = make_url(url).database
    if not url.startswith("sqlite") or not path or path == ":memory:" or path.startswith("file:"):
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for file in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except FileNotFoundError:
            pass


BUSY_TIMEOUT_S = 30
"""How long a connection waits for another's lock before "database is locked"."""


def use_wal(dbapi_connection: Any, timeout_s: float = BUSY_TIMEOUT_S) -> None:  # noqa: ANN401 - a DB-API connection
    """Put the SQLite file in WAL mode (it stays so: the mode is kept in the file).

    Switching a file to WAL needs a moment alone with it. With several processes starting on a
    fresh file at once, the switch failed with "database is locked" despite the busy timeout (1 run
    in about 14 on a loaded machine; 0 in 25 since). So the mode is read first (a file already in
    WAL needs no switch), and the switch is retried until `timeout_s`."""
    cursor = dbapi_connection.cursor()
    try:
        deadline = time.monotonic() + timeout_s
        delay = 0.02
        while True:
            try:
                if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                    return
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
    finally:
        cursor.close()


def use_sqlite_pragmas(engine: Engine) -> None:
    """WAL (readers never block the writer) and a 30 s busy timeout on every new connection."""

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(connection, _record):  # noqa: ANN001 - SQLAlchemy's callback signature
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.close()
        use_wal(connection)


def session() -> Session:
    return sessionmaker(engine_for(database_url()), future=True, expire_on_commit=False)()


def dispose_engine(url: str) -> None:
    """Close and forget the engine for a URL (tests that create throwaway databases)."""
    with _engines_lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


if __name__ == "__main__":
    print(database_url())  # scripts/run.sh: the one URL for the leads and Rasa's tracker store
