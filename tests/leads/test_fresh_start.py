"""The first start of a fresh checkout: Rasa's tracker store, the retention job and the migrations
all open a database file that does not exist yet, at the same moment. None may fail with
"database is locked" (SQLite: WAL, a 30 s busy timeout, migrations under BEGIN IMMEDIATE)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
TRACKER_STORE = (
    "from tests.leads.rasa_tracker import tracker_store_from_endpoints\n"
    "with tracker_store_from_endpoints(): pass"
)
PURGE = [
    "-m",
    "bot",
    "leads",
    "purge",
    "--by",
    "retention-job",
    "--older-than",
    "365",
    "--no-lead-older-than",
    "1",
]


@pytest.mark.parametrize("attempt", range(2))
def test_everything_starting_at_once_on_a_new_sqlite_file_waits_instead_of_failing(tmp_path, attempt):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prescreen.db'}",
        "PRESCREEN_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    commands = [["-c", TRACKER_STORE], PURGE, PURGE, ["-m", "bot.leads.migrate"]]
    started = [
        subprocess.Popen(
            [sys.executable, *cmd], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for cmd in commands
    ]
    for proc in started:
        output = proc.communicate(timeout=120)[0].decode(errors="replace")
        assert proc.returncode == 0, output[-2000:]
        assert "locked" not in output.lower(), output[-2000:]


def test_switching_a_fresh_file_to_wal_waits_for_a_lock_instead_of_failing(tmp_path):
    """The switch to WAL can fail with "database is locked" while another process holds a lock (it
    failed once in CI that way, from PRAGMA journal_mode=WAL, on a loaded machine); `use_wal` keeps
    trying past the connection's own busy timeout (here a short one, so the test is quick)."""
    import sqlite3
    import threading

    from bot.leads.database import use_wal

    path = tmp_path / "fresh.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    waiting = sqlite3.connect(path, timeout=0.05, check_same_thread=False)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        waiting.execute("PRAGMA journal_mode=WAL")  # one try, as before
    use_wal(waiting, timeout_s=10)
    assert waiting.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
