"""The lock store endpoints.yml names: in memory for one Rasa process, Redis (REDIS_URL) for
several; several workers without Redis are refused with a message saying what to set."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import read_endpoint_config

from rasa_addons.lock_store import LockStoreSettingsError, PrescreenLockStore, lock_store_for, redis_settings

ROOT = Path(__file__).resolve().parents[2]
# scripts/redis.sh sets it (ours on 6379, or a throwaway server); never skipped silently.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/3"


def test_without_redis_url_the_lock_store_is_rasas_in_memory_one():
    assert isinstance(lock_store_for({}), InMemoryLockStore)
    assert isinstance(lock_store_for({"SANIC_WORKERS": "1"}), InMemoryLockStore)
    assert isinstance(lock_store_for({"SANIC_WORKERS": "not a number"}), InMemoryLockStore)  # Rasa: 1


def test_several_workers_without_redis_are_refused_with_what_to_set():
    with pytest.raises(LockStoreSettingsError, match=r"SANIC_WORKERS=2 needs REDIS_URL \(e\.g\. redis://"):
        lock_store_for({"SANIC_WORKERS": "2"})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis://127.0.0.1:6379/3", {"host": "127.0.0.1", "port": 6379, "db": 3, "use_ssl": False}),
        ("redis://cache.internal", {"host": "cache.internal", "port": 6379, "db": 0, "use_ssl": False}),
        (
            "rediss://:s%40cret@redis.example:6380/1",
            {"port": 6380, "db": 1, "password": "s@cret", "use_ssl": True},
        ),
        ("redis://rasa:pw@10.0.0.5:6379/2", {"username": "rasa", "password": "pw", "db": 2}),
    ],
)
def test_redis_urls(url, expected):
    settings = redis_settings(url)
    assert {key: settings[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("localhost:6379", "must look like redis://host:6379/3"),
        ("http://127.0.0.1:6379/3", "must look like redis://host:6379/3"),
        ("redis://127.0.0.1:6379/cache", "Redis databases are numbers"),
        ("redis://127.0.0.1:port/3", "port that is not a number"),
    ],
)
def test_bad_redis_urls_say_what_is_wrong(url, complaint):
    with pytest.raises(LockStoreSettingsError, match=complaint):
        lock_store_for({"REDIS_URL": url})


def test_endpoints_yml_names_this_lock_store(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("SANIC_WORKERS", raising=False)
    monkeypatch.setenv("ACTIONS_PORT", "5055")  # read_endpoint_config expands every ${...} in the file
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "lock_store")
    assert isinstance(LockStore.create(config), InMemoryLockStore)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    assert isinstance(LockStore.create(config), RedisLockStore)
    assert isinstance(PrescreenLockStore(endpoint_config=config), RedisLockStore)


def test_one_conversation_is_handled_one_message_at_a_time_across_processes_on_real_redis():
    # Two lock stores on the same Redis, as two Rasa workers have: the second message of a
    # conversation waits until the first is done; another conversation does not wait.
    first, second = lock_store_for({"REDIS_URL": REDIS_URL}), lock_store_for({"REDIS_URL": REDIS_URL})
    conversation, other = f"lock-{uuid.uuid4().hex}", f"lock-{uuid.uuid4().hex}"
    order: list[str] = []

    async def handle(store, conversation_id: str, name: str, hold: float) -> None:  # noqa: ANN001
        async with store.lock(conversation_id, wait_time_in_seconds=0.02):
            order.append(f"{name} start")
            await asyncio.sleep(hold)
            order.append(f"{name} end")

    async def run() -> None:
        one = asyncio.create_task(handle(first, conversation, "one", 0.3))
        await asyncio.sleep(0.05)
        await asyncio.gather(one, handle(second, conversation, "two", 0), handle(second, other, "other", 0))

    asyncio.run(run())
    assert order.index("one end") < order.index("two start")
    assert order.index("other end") < order.index("one end"), "another conversation does not wait"


def test_the_check_run_sh_runs_before_starting(monkeypatch):
    def check(**env: str) -> subprocess.CompletedProcess:
        environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "SANIC_WORKERS")}
        return subprocess.run(
            [sys.executable, "-m", "rasa_addons.lock_store"], cwd=ROOT, env={**environ, **env},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    refused = check(SANIC_WORKERS="2")
    assert refused.returncode == 2 and "needs REDIS_URL" in refused.stderr
    unreachable = check(REDIS_URL="redis://127.0.0.1:1/3")
    assert unreachable.returncode == 2 and "cannot reach Redis" in unreachable.stderr
    assert check(REDIS_URL=REDIS_URL, SANIC_WORKERS="2").stdout.strip() == "lock store: RedisLockStore"
