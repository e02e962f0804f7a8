"""End-to-end: a real Rasa server answers over the REST channel as the domain says."""

from __future__ import annotations

import uuid

import pytest
import requests

pytestmark = pytest.mark.e2e


def send(server, sender: str, message: str) -> list[dict]:
    resp = requests.post(
        f"{server.base_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=30,
    )
    assert resp.status_code == 200, resp.text
    return resp.json()


def reply_texts(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


def assert_one_reply(server, replies: list[str]) -> str:
    # No reply at all usually means the server has no usable model: show its log.
    assert len(replies) == 1, f"expected one reply, got {replies}; server log tail:\n{server.log_tail()}"
    return replies[0]


def test_greeting_then_goodbye(rasa_server, response_texts):
    sender = f"e2e-{uuid.uuid4().hex}"

    reply = assert_one_reply(rasa_server, reply_texts(send(rasa_server, sender, "hi")))
    assert reply in response_texts("utter_greet")

    reply = assert_one_reply(rasa_server, reply_texts(send(rasa_server, sender, "bye")))
    assert reply in response_texts("utter_goodbye")


@pytest.mark.parametrize(
    ("message", "response"),
    [
        ("good morning", "utter_greet"),
        ("thank you", "utter_you_are_welcome"),
        ("are you a bot?", "utter_iamabot"),
    ],
)
def test_small_talk(rasa_server, response_texts, message, response):
    reply = assert_one_reply(rasa_server, reply_texts(send(rasa_server, f"e2e-{uuid.uuid4().hex}", message)))
    assert reply in response_texts(response)
