"""Rasa's REST and socket.io channels with the front-door checks of bot/inbound.py.

Named in credentials.yml in place of `rest:` and `socketio:`. The URLs, request and reply shapes stay
Rasa's (/webhooks/rest/webhook, /socket.io), so the widget and any REST client work unchanged. What
changes is what gets in, before NLU, the tracker or an action sees it:

- request bodies over MAX_BODY_BYTES are refused by Sanic with 413 before they are read (the
  server's REQUEST_MAX_SIZE, set when the server starts), and socket.io packets over the same size
  are dropped by engine.io;
- REST: a body that is not a JSON object, or has no valid `sender`, gets 400 and a JSON error; a
  message that cannot be read gets a normal 200 reply that says why (bot/inbound.py), so a person
  always sees an answer;
- socket.io: a session id that is not of the right shape is replaced by a new one; a message that
  cannot be read gets the same kind of reply, emitted to that person only.

Relies on Rasa 3.6's RestInput and SocketIOInput: `PRESCREEN_GUARDED_CHANNELS=0` makes these
classes behave exactly as Rasa's own (for comparison and as an escape hatch).
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.inbound import MAX_BODY_BYTES, check_message, message_language, valid_sender

logger = logging.getLogger(__name__)

SWITCH = "PRESCREEN_GUARDED_CHANNELS"


def guarded() -> bool:
    """False only when PRESCREEN_GUARDED_CHANNELS=0: then Rasa's own channels run unchanged."""
    return os.environ.get(SWITCH, "1").strip() != "0"


def _limit_request_size(blueprint: Blueprint) -> None:
    @blueprint.listener("before_server_start")
    async def limit(app: Any, _loop: Any) -> None:  # noqa: ANN401 - Sanic's app
        # Each connection reads this when it opens; all of them open after the server starts.
        app.config.REQUEST_MAX_SIZE = min(int(app.config.REQUEST_MAX_SIZE), MAX_BODY_BYTES)


def _refused(status: int, error: str) -> HTTPResponse:
    return response.json({"error": error}, status=status)


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook {"sender": ..., "message": ..., "metadata": {...}}, checked."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not guarded():
            return super().blueprint(on_new_message)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        _limit_request_size(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if len(request.body or b"") > MAX_BODY_BYTES:
                return _refused(413, f"the request body is over {MAX_BODY_BYTES} bytes")
            try:
                body = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _refused(400, "the body must be a JSON object with sender and message")
            if not isinstance(body, dict):
                return _refused(400, "the body must be a JSON object with sender and message")
            sender = valid_sender(body.get("sender"))
            if sender is None:
                return _refused(400, "sender must be 1-128 letters, digits or _ . : -")
            metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            checked = check_message(body.get("message"), message_language(body.get("message"), metadata))
            if not checked.accepted:
                return response.json([{"recipient_id": sender, "text": checked.refusal}])
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(checked.text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
            return response.json(collector.messages)

        return webhook


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel (the widget's), with its session ids and messages checked."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        if not guarded():
            return webhook
        sio = self.sio
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        _limit_request_size(webhook)
        namespace = self.namespace or "/"
        handlers = sio.handlers[namespace]
        rasas_session_request = handlers["session_request"]
        rasas_message = handlers[self.user_message_evt]

        async def session_request(sid: str, data: Any) -> None:
            data = dict(data) if isinstance(data, dict) else {}
            if data.get("session_id") is not None and valid_sender(data["session_id"]) is None:
                data["session_id"] = uuid.uuid4().hex  # a fresh conversation, not the odd id
            await rasas_session_request(sid, data)

        async def handle_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            if self.session_persistence and valid_sender(data.get("session_id")) is None:
                logger.warning("socket.io: a message without a valid session id was ignored")
                return
            room = data.get("session_id") if self.session_persistence else sid
            metadata = data.get(self.metadata_key)
            metadata = metadata if isinstance(metadata, dict) else {}
            checked = check_message(data.get("message"), message_language(data.get("message"), metadata))
            if not checked.accepted:
                await sio.emit(self.bot_message_evt, {"text": checked.refusal}, room=room)
                return
            await rasas_message(sid, {**data, "message": checked.text, self.metadata_key: metadata})

        handlers["session_request"] = session_request
        handlers[self.user_message_evt] = handle_message
        return webhook
