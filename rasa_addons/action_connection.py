"""Keep the connection to the action server open between action calls, when endpoints.yml asks.

Rasa 3.6 builds a new aiohttp ClientSession, and so a new TCP connection, for every request to an
endpoint, and closes it afterwards. Each screening message calls the action server twice (the
form's validation and its next question), so in the profile the connection set-up and teardown on
both sides was about a tenth of Rasa's CPU per message, and it added to every reply's latency.

With `keep_alive_seconds: N` under `action_endpoint`, each event loop (one per Rasa worker) keeps
one session for that endpoint, whose connections stay open while idle for up to N seconds. N must
be shorter than the action server's own keep-alive (Sanic's default is 5 s): the client then
always drops an idle connection before the server does, so a request never goes out on a
connection the server is closing. Without the setting, Rasa's behaviour is unchanged.

The kept session also writes request bodies with ujson instead of the json module: the same JSON
(tests/unit/test_action_connection.py compares them on random data) about three times faster. A
screening turn sends about 30 KB (the slots, the turn's events, and for the form's validation the
domain), and encoding it was the largest single cost left in Rasa's profile. Whatever ujson refuses
goes to json.dumps, which writes it or raises its own error.

Only `EndpointConfig.session()` changes: Rasa's `request()` still builds every request, reads the
reply and maps the errors. It enters `async with self.session()`, which here lends the kept
session instead of a new one, and leaving the block leaves it open.

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import weakref
from typing import Any

import aiohttp
import ujson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

logger = logging.getLogger(__name__)

SETTING = "keep_alive_seconds"
_rasa_session = EndpointConfig.session
# Every session made here, with its event loop, to close their connections when the process ends.
_open_sessions: weakref.WeakKeyDictionary[aiohttp.ClientSession, asyncio.AbstractEventLoop] = (
    weakref.WeakKeyDictionary()
)


def keep_alive_seconds(endpoint: EndpointConfig) -> float | None:
    """The endpoint's `keep_alive_seconds`, or None when unset or unusable (reported once)."""
    value = endpoint.kwargs.get(SETTING)
    if value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = 0.0
    if seconds <= 0:
        if not getattr(endpoint, "_keep_alive_warned", False):
            endpoint._keep_alive_warned = True  # type: ignore[attr-defined]
            logger.error(
                f"{SETTING} must be a number of seconds above 0, not {value!r}; "
                f"opening a new connection for every request."
            )
        return None
    return seconds


def dumps_json(value: Any) -> str:
    """What `json.dumps(value)` means, written by ujson (json.dumps for what ujson refuses)."""
    try:
        return ujson.dumps(value, escape_forward_slashes=False)
    except (TypeError, ValueError, OverflowError):
        return json.dumps(value)


class _LentSession:
    """`async with` hands out the kept session and leaves it open afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


def kept_session(endpoint: EndpointConfig, seconds: float) -> aiohttp.ClientSession:
    """This event loop's open session for the endpoint, made on first use (or after a close)."""
    loop = asyncio.get_running_loop()
    per_loop = endpoint.__dict__.setdefault("_kept_sessions", weakref.WeakKeyDictionary())
    session = per_loop.get(loop)
    if session is None or session.closed:
        # As Rasa's session(), plus the connector that keeps idle connections.
        auth = None
        if endpoint.basic_auth:
            auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
        session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(keepalive_timeout=seconds),
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=dumps_json,
        )
        per_loop[loop] = session
        _open_sessions[session] = loop
    return session


def _session(self: EndpointConfig) -> Any:
    seconds = keep_alive_seconds(self)
    if seconds is None:
        return _rasa_session(self)
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # not in a coroutine: nothing to keep a session for
        return _rasa_session(self)
    return _LentSession(kept_session(self, seconds))


async def close_kept_sessions() -> None:
    """Close the sessions kept for this event loop (the next request makes a new one)."""
    loop = asyncio.get_running_loop()
    for session, session_loop in list(_open_sessions.items()):
        if session_loop is loop:
            await session.close()


@atexit.register
def _close_open_sessions() -> None:
    # The loops are gone by now; close the sockets directly (a closed connector makes its
    # session closed) so aiohttp does not warn of unclosed sessions at exit.
    for session in list(_open_sessions):
        connector = session.connector
        if connector is not None and not connector.closed:
            connector._close()  # noqa: SLF001 - the synchronous part of close()


def install() -> None:
    """Make every endpoint honour `keep_alive_seconds` (idempotent)."""
    EndpointConfig.session = _session  # type: ignore[method-assign]
