"""The lock store endpoints.yml names: Redis when REDIS_URL is set, else Rasa's in-memory one.

Rasa handles one message of a conversation at a time by taking that conversation's lock. Rasa's
in-memory lock store holds the locks in one process, which is all `make run` needs on SQLite. For
more throughput Rasa can run several worker processes (`SANIC_WORKERS=2`: on this 2-core machine
the load benchmark went from 76 to 91 messages per second at 50 conversations); the workers need a
lock store they share, Redis. Rasa allows more than one worker only with a lock store that is not
the in-memory one, and cannot see which one this class picks, so this class refuses to start
several workers without REDIS_URL rather than let two of them answer the same person at once.

    REDIS_URL=redis://127.0.0.1:6379/3 SANIC_WORKERS=2 make run

Rasa instantiates the class named in endpoints.yml with `endpoint_config=`; `__new__` hands back
Rasa's own RedisLockStore or InMemoryLockStore, so the locking code is Rasa's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore


class LockStoreSettingsError(ValueError):
    """REDIS_URL or SANIC_WORKERS cannot work as given; the message says what to change."""


def lock_store_for(environ: Mapping[str, str]) -> LockStore:
    """Redis from REDIS_URL (redis:// or rediss://host:port/db, optional password), else in memory."""
    url = environ.get("REDIS_URL", "").strip()
    if url:
        return RedisLockStore(**redis_settings(url))
    workers = environ.get("SANIC_WORKERS", "1").strip()
    if workers.isdigit() and int(workers) > 1:  # Rasa itself ignores other values
        raise LockStoreSettingsError(
            f"SANIC_WORKERS={workers} needs REDIS_URL (e.g. redis://127.0.0.1:6379/3): with the "
            "in-memory lock store each worker would lock a conversation only in its own memory, and "
            "two workers could answer the same person at once. Set REDIS_URL, or leave SANIC_WORKERS unset."
        )
    return InMemoryLockStore()


def redis_settings(url: str) -> dict[str, Any]:
    """RedisLockStore's arguments for a redis:// or rediss:// URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise LockStoreSettingsError(
            f"REDIS_URL must look like redis://host:6379/3 (or rediss:// for TLS), not {url!r}"
        )
    database = parts.path.strip("/") or "0"
    if not database.isdigit():
        raise LockStoreSettingsError(f"REDIS_URL names database {database!r}; Redis databases are numbers")
    try:
        port = parts.port or 6379
    except ValueError:
        raise LockStoreSettingsError(f"REDIS_URL has a port that is not a number: {url!r}") from None
    return {
        "host": parts.hostname,
        "port": port,
        "db": int(database),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class PrescreenLockStore(LockStore):
    """Named in endpoints.yml; gives Rasa's RedisLockStore or InMemoryLockStore (see the module)."""

    def __new__(cls, endpoint_config: Any = None, **kwargs: Any) -> LockStore:  # type: ignore[misc]
        return lock_store_for(os.environ)


def main() -> int:
    """`python -m rasa_addons.lock_store`: check SANIC_WORKERS and REDIS_URL before Rasa starts
    (scripts/run.sh does), and reach Redis when it is named; says what is wrong, exit 2."""
    try:
        store = lock_store_for(os.environ)
        if isinstance(store, RedisLockStore):
            store.red.ping()
    except LockStoreSettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - redis raises several kinds; all mean "not reachable"
        print(f"error: cannot reach Redis at REDIS_URL ({type(error).__name__}: {error})", file=sys.stderr)
        return 2
    print(f"lock store: {type(store).__name__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
