"""Rasa as two worker processes (SANIC_WORKERS=2) with the Redis lock store (REDIS_URL), the
setting for more throughput: several whole conversations at once end exactly as they do with one
process, through the same action server and database, each with its leads once."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import rasa_serving
from tests.e2e.test_conversations import converse_and_check
from tests.personas import by_name

pytestmark = pytest.mark.e2e

# scripts/redis.sh sets it (ours on 6379, or a throwaway server); never skipped silently.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/3"
AT_ONCE = [
    "xj likely eligible, typed in plain words",
    "car-t likely eligible",
    "someone who says I don't know a lot",
    "caregiver for her father, both studies",
    "declines consent",
]


@pytest.fixture(scope="module")
def two_worker_rasa(rasa_model, action_server, e2e_env, e2e_workdir):
    env = {**e2e_env, "SANIC_WORKERS": "2", "REDIS_URL": REDIS_URL}
    with rasa_serving(rasa_model, action_server, env, e2e_workdir / "rasa-two-workers.log") as server:
        yield server


def test_rasa_runs_two_workers(two_worker_rasa):
    # Each worker process loads the model and says so; the first can answer before the second has.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        log = two_worker_rasa.log_path.read_text(errors="replace")
        if log.count("Rasa server is up and running.") == 2:
            return
        time.sleep(0.5)
    pytest.fail(f"Rasa did not start two workers:\n{two_worker_rasa.log_tail()}")


def test_conversations_at_once_end_as_with_one_process(two_worker_rasa, response_texts, leads_db, tmp_path):
    personas = [by_name(name) for name in AT_ONCE]
    for i in range(len(personas)):
        (tmp_path / str(i)).mkdir()
    with ThreadPoolExecutor(max_workers=len(personas)) as pool:
        futures = [
            pool.submit(
                converse_and_check, two_worker_rasa, persona, response_texts, leads_db, tmp_path / str(i)
            )
            for i, persona in enumerate(personas)
        ]
        senders = [future.result() for future in futures]
    assert len(set(senders)) == len(personas)
