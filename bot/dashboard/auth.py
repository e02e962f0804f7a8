"""Signed-in sessions, CSRF tokens and the sign-in throttle (no web framework here).

A session is a random 32-byte token in an HttpOnly, SameSite=Strict cookie; the database keeps only
its SHA-256 (`coordinator_sessions`), with the login, a CSRF token, and when it was created, last
used and when it ends for good. A session ends after `idle` without a request (30 minutes) or
`absolute` after sign-in (8 hours), whichever comes first; signing in again always makes a new token.
Every POST carries the session's CSRF token in a hidden field. The sign-in form, before any session
exists, uses a double-submit token: a random value in a cookie and the same value in the form.

Times come from the caller (`now`), so tests can move the clock.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from bot.leads.database import session as db_session
from bot.leads.models import Coordinator, CoordinatorSession
from bot.leads.service import as_utc

IDLE_ENV = "PRESCREEN_DASHBOARD_IDLE_MINUTES"
ABSOLUTE_ENV = "PRESCREEN_DASHBOARD_SESSION_HOURS"
SECURE_ENV = "PRESCREEN_DASHBOARD_SECURE_COOKIES"


@dataclass(frozen=True)
class AuthSettings:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=8)
    always_secure_cookies: bool = False  # set behind a TLS-terminating proxy (the app then sees http)
    max_failures: int = 5
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)

    @classmethod
    def from_env(cls) -> AuthSettings:
        return cls(
            idle=timedelta(minutes=_positive(IDLE_ENV, 30)),
            absolute=timedelta(hours=_positive(ABSOLUTE_ENV, 8)),
            always_secure_cookies=os.environ.get(SECURE_ENV, "").strip().lower() in ("1", "true", "yes"),
        )


def _positive(env: str, default: float) -> float:
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{env} must be a number (got {raw!r})") from None
    if value <= 0:
        raise ValueError(f"{env} must be more than 0 (got {raw!r})")
    return value


@dataclass
class SignedIn:
    """The session behind a request."""

    token_hash: str
    login: str
    csrf_token: str
    view: dict[str, Any]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_match(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def start_session(login: str, now: datetime, settings: AuthSettings, replaces: str | None = None) -> str:
    """A new session for `login`; returns the token for the cookie. `replaces`: the token of the
    session the browser had before (deleted, so a token fixed before sign-in is worthless)."""
    token = new_token()
    with db_session() as db:
        if replaces:
            db.execute(
                delete(CoordinatorSession).where(CoordinatorSession.token_hash == token_hash(replaces))
            )
        db.execute(delete(CoordinatorSession).where(CoordinatorSession.expires_at < now))  # tidy up
        db.add(
            CoordinatorSession(
                token_hash=token_hash(token),
                login=login,
                csrf_token=secrets.token_urlsafe(32),
                created_at=now,
                last_seen_at=now,
                expires_at=now + settings.absolute,
                view={},
            )
        )
        db.commit()
    return token


def resume_session(token: str | None, now: datetime, settings: AuthSettings) -> SignedIn | None:
    """The session for a cookie's token, marked as used now; None (and the row deleted) if it is
    unknown, idle too long, past its absolute end, or its account is disabled."""
    if not token:
        return None
    hashed = token_hash(token)
    with db_session() as db:
        row = db.execute(
            select(CoordinatorSession, Coordinator.disabled)
            .join(Coordinator, Coordinator.login == CoordinatorSession.login)
            .where(CoordinatorSession.token_hash == hashed)
        ).first()
        if row is None:
            return None
        found, disabled = row
        idle_until = as_utc(found.last_seen_at) + settings.idle
        if disabled or now >= as_utc(found.expires_at) or now >= idle_until:
            db.delete(found)
            db.commit()
            return None
        found.last_seen_at = now
        db.commit()
        return SignedIn(hashed, found.login, found.csrf_token, dict(found.view or {}))


def save_view(signed_in: SignedIn, view: dict[str, Any]) -> None:
    """Keep the leads list's filter and page (and a one-off message) with the session."""
    with db_session() as db:
        found = db.get(CoordinatorSession, signed_in.token_hash)
        if found is not None:
            found.view = view
            db.commit()
    signed_in.view = view


def end_session(token: str | None) -> None:
    if not token:
        return
    with db_session() as db:
        db.execute(delete(CoordinatorSession).where(CoordinatorSession.token_hash == token_hash(token)))
        db.commit()


@dataclass
class SignInThrottle:
    """After `max_failures` wrong passwords for one login name within `window`, refuse that name for
    `lockout`. In memory: the dashboard runs as one process. Unknown names are throttled the same
    way, so the throttle says nothing about which names exist."""

    max_failures: int
    window: timedelta
    lockout: timedelta
    _failures: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    _locked_until: dict[str, datetime] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    MAX_TRACKED = 10_000

    @classmethod
    def from_settings(cls, settings: AuthSettings) -> SignInThrottle:
        return cls(settings.max_failures, settings.failure_window, settings.lockout)

    def locked_for(self, login: str, now: datetime) -> timedelta | None:
        with self._lock:
            until = self._locked_until.get(login)
            if until is None or now >= until:
                self._locked_until.pop(login, None)
                return None
            return until - now

    def failed(self, login: str, now: datetime) -> None:
        with self._lock:
            if len(self._failures) > self.MAX_TRACKED:  # many names tried: forget the stale ones
                for name in [n for n, t in self._failures.items() if not t or now - t[-1] > self.window]:
                    del self._failures[name]
            times = self._failures[login]
            times.append(now)
            while times and now - times[0] > self.window:
                times.popleft()
            if len(times) >= self.max_failures:
                self._locked_until[login] = now + self.lockout
                times.clear()

    def succeeded(self, login: str) -> None:
        with self._lock:
            self._failures.pop(login, None)
