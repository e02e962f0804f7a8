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


def assert_replies(server, replies: list[str], response_texts, *names: str) -> None:
    # No reply at all usually means the server has no usable model: show its log.
    tail = server.log_tail()
    assert len(replies) == len(names), f"expected {names}, got {replies}; server log tail:\n{tail}"
    for reply, name in zip(replies, names, strict=True):
        assert reply in response_texts(name), f"{reply!r} is not {name}"


def test_a_greeting_opens_with_consent_before_any_health_question(rasa_server, response_texts):
    sender = f"e2e-{uuid.uuid4().hex}"
    replies = reply_texts(send(rasa_server, sender, "hi"))
    assert_replies(rasa_server, replies, response_texts, "utter_greet", "utter_ask_screening_consent")

    replies = reply_texts(send(rasa_server, sender, "bye"))
    assert_replies(rasa_server, replies, response_texts, "utter_stopped")


@pytest.mark.parametrize(
    ("message", "responses"),
    [
        ("good morning", ("utter_greet", "utter_ask_screening_consent")),
        ("thank you", ("utter_you_are_welcome",)),
        ("are you a bot?", ("utter_iamabot",)),
    ],
)
def test_small_talk(rasa_server, response_texts, message, responses):
    replies = reply_texts(send(rasa_server, f"e2e-{uuid.uuid4().hex}", message))
    assert_replies(rasa_server, replies, response_texts, *responses)
