"""End-to-end: the socket.io channel the chat widget uses, against the real Rasa server.

With `session_persistence: true` (credentials.yml), Rasa 3.6.21 puts each socket into a room named
after the client's session id and sends bot replies to that room. python-socketio 5.10 made
`enter_room` a coroutine that Rasa never awaits, so the socket never joins the room and every bot
reply is silently dropped (rasa #13027). constraints.txt pins python-socketio below 5.10; these
tests fail if the pin goes and the bug comes back.
"""

from __future__ import annotations

import asyncio
import secrets
from importlib.metadata import version

import pytest
import socketio
import yaml

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e

REPLY_TIMEOUT_S = 30


class WidgetClient:
    """Speaks the protocol of bot/web/static/chat-widget.js: session_request, then user_uttered."""

    def __init__(self, base_url: str, session_id: str) -> None:
        self.base_url = base_url
        self.session_id = session_id
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict] = asyncio.Queue()
        self.confirmed: asyncio.Queue[str] = asyncio.Queue()
        self.client.on("bot_uttered", self.replies.put_nowait)
        self.client.on("session_confirm", self.confirmed.put_nowait)

    async def __aenter__(self) -> WidgetClient:
        await self.client.connect(self.base_url, transports=["websocket"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        assert await asyncio.wait_for(self.confirmed.get(), REPLY_TIMEOUT_S) == self.session_id
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.disconnect()

    async def say(self, message: str, replies: int) -> list[dict]:
        await self.client.emit("user_uttered", {"message": message, "session_id": self.session_id})
        return [await asyncio.wait_for(self.replies.get(), REPLY_TIMEOUT_S) for _ in range(replies)]


def test_python_socketio_is_pinned_below_the_release_that_drops_replies():
    installed = version("python-socketio")
    major, minor = (int(part) for part in installed.split(".")[:2])
    assert (major, minor) < (5, 10), f"python-socketio {installed} drops replies (rasa #13027)"


def test_credentials_turn_on_session_persistence():
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert credentials["rasa_addons.channels.GuardedSocketIOInput"]["session_persistence"] is True


def test_bot_replies_reach_the_widget_and_a_reconnect_resumes_the_conversation(rasa_server, response_texts):
    session_id = secrets.token_hex(16)

    async def conversation() -> tuple[list[dict], list[dict]]:
        async with WidgetClient(rasa_server.base_url, session_id) as widget:
            greeting = await widget.say("hi", replies=2)
        # A page reload: a new socket, the same session id from localStorage.
        async with WidgetClient(rasa_server.base_url, session_id) as widget:
            after_reload = await widget.say("yes", replies=1)
        return greeting, after_reload

    greeting, after_reload = asyncio.run(conversation())

    assert greeting[0]["text"] in response_texts("utter_greet"), rasa_server.log_tail()
    consent = greeting[1]
    assert consent["text"] in response_texts("utter_ask_screening_consent")
    assert consent.get("quick_replies"), "the consent question should come with buttons"
    # "yes" only makes sense in the conversation started before the reload: the bot moves on
    # from consent instead of greeting a stranger.
    assert after_reload[0]["text"] not in response_texts("utter_greet")
    assert after_reload[0]["text"] not in response_texts("utter_ask_screening_consent")
