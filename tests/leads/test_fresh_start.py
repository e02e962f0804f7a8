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
