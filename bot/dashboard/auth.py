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
TRUSTED_PROXIES_ENV = "PRESCREEN_TRUSTED_PROXIES"


@dataclass(frozen=True)
class AuthSettings:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=8)
    always_secure_cookies: bool = False  # set behind a TLS-terminating proxy that is not trusted below
    # The sign-in throttle (SignInThrottle): failures free of any wait, per client address and per
    # login name, within `failure_window`; each failure after them doubles the wait, up to `max_wait`.
    address_free_failures: int = 3
    login_free_failures: int = 10
    failure_window: timedelta = timedelta(minutes=15)
    max_wait: timedelta = timedelta(minutes=15)
    # Proxies (nginx) whose X-Forwarded-For and X-Forwarded-Proto are believed: their addresses.
    trusted_proxies: frozenset[str] = frozenset()

    @classmethod
    def from_env(cls) -> AuthSettings:
        proxies = os.environ.get(TRUSTED_PROXIES_ENV, "")
        return cls(
            idle=timedelta(minutes=_positive(IDLE_ENV, 30)),
            absolute=timedelta(hours=_positive(ABSOLUTE_ENV, 8)),
            always_secure_cookies=os.environ.get(SECURE_ENV, "").strip().lower() in ("1", "true", "yes"),
            trusted_proxies=frozenset(p.strip() for p in proxies.split(",") if p.strip()),
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


KNOWN_ADDRESS_DAYS = 30


@dataclass
class SignInThrottle:
    """Slows down guessing without locking the real coordinator out (OWASP ASVS 2.2.1).

    Wrong passwords are counted per client address and per login name over `window`. After the
    free failures, each further one doubles the time before that address may try again (1 s, 2 s,
    4 s ... up to `max_wait`): the address that guesses waits, not the account. Many failures for
    one login name from anywhere make every address wait the same way for that name, except
    addresses the right password came from recently (`KNOWN_ADDRESS_DAYS`), so the coordinator at
    their usual desk can always sign in. In memory: the dashboard runs as one process. Unknown
    names are counted the same way, so the throttle says nothing about which names exist."""

    window: timedelta
    address_free: int
    login_free: int
    max_wait: timedelta
    _by_address: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    _by_login: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    _known: dict[tuple[str, str], datetime] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    MAX_TRACKED = 10_000
    FIRST_WAIT = timedelta(seconds=1)

    @classmethod
    def from_settings(cls, settings: AuthSettings) -> SignInThrottle:
        return cls(
            settings.failure_window,
            settings.address_free_failures,
            settings.login_free_failures,
            settings.max_wait,
        )

    def wait(self, login: str, address: str, now: datetime) -> timedelta | None:
        """How long `address` must wait before trying `login` again, or None when it may try now."""
        with self._lock:
            waits = [self._wait(self._by_address, address, self.address_free, now)]
            known = self._known.get((login, address))
            if known is None or now - known > timedelta(days=KNOWN_ADDRESS_DAYS):
                waits.append(self._wait(self._by_login, login, self.login_free, now))
        longest = max((w for w in waits if w is not None), default=None)
        return longest if longest and longest > timedelta(0) else None

    def _wait(self, table: dict[str, deque], key: str, free: int, now: datetime) -> timedelta | None:
        times = table.get(key)
        if not times:
            return None
        while times and now - times[0] > self.window:
            times.popleft()
        extra = len(times) - free
        if extra < 0:
            return None
        delay = min(self.max_wait, self.FIRST_WAIT * (2 ** min(extra, 20)))
        return times[-1] + delay - now

    def failed(self, login: str, address: str, now: datetime) -> None:
        with self._lock:
            for table, key in ((self._by_address, address), (self._by_login, login)):
                if len(table) > self.MAX_TRACKED:  # many tried: forget the stale ones
                    for stale in [k for k, t in table.items() if not t or now - t[-1] > self.window]:
                        del table[stale]
                table[key].append(now)

    def succeeded(self, login: str, address: str, now: datetime) -> None:
        """The right password from `address`: its own failures are forgotten and it is known for
        this login (failures for the login from elsewhere still count against the others)."""
        with self._lock:
            self._by_address.pop(address, None)
            if len(self._known) > self.MAX_TRACKED:
                self._known.clear()
            self._known[(login, address)] = now


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The address a request came from: the peer, or when the peer is a trusted proxy, the nearest
    address in its X-Forwarded-For that is not itself a trusted proxy."""
    peer = peer or "unknown"
    if peer not in trusted or not forwarded_for:
        return peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if hop not in trusted:
            return hop
    return peer


def same_origin(origin: str | None, referer: str | None, host: str | None) -> bool:
    """Does a state-changing request come from this site's own pages? The Origin header decides when
    sent (browsers send it with every POST), else the Referer's; a request with neither (not from a
    browser page) is left to the CSRF token."""
    from urllib.parse import urlsplit

    source = origin if origin and origin != "null" else referer
    if origin == "null":
        return False
    if not source:
        return True
    return bool(host) and urlsplit(source).netloc.lower() == host.lower()
