"""End-to-end, through the real Rasa and action servers: whatever comes in gets a clear reply or a
clear refusal, never silence, a stack trace, a shared conversation or an injected intent; and a dead
or frozen action server means a kind message, not silence, with the screening kept.

The checks themselves are bot/inbound.py (unit-tested in tests/unit/test_inbound.py); these tests
prove they run in Rasa's channel, before NLU.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import time
import uuid
from pathlib import Path

import pytest
import requests

from bot.inbound import MAX_BODY_BYTES, MAX_TEXT_CHARS
from bot.messages import message
from tests.e2e.conftest import (
    RasaServer,
    _free_port,
    action_server_cmd,
    pid_listening_on,
    rasa_serving,
    serving,
)
from tests.e2e.test_conversations import send

pytestmark = pytest.mark.e2e

FAILURE_REPLY = message("failure.try_again", "en")
FUZZ_MESSAGES = 150
FUZZ_SEED = 20261203


def post(server: RasaServer, body: object | bytes, timeout: float = 30) -> requests.Response:
    url = f"{server.base_url}/webhooks/rest/webhook"
    if isinstance(body, bytes):
        return requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=timeout)
    return requests.post(url, json=body, timeout=timeout)


def texts(resp: requests.Response) -> list[str]:
    assert resp.status_code == 200, resp.text[:300]
    return [m["text"] for m in resp.json() if isinstance(m.get("text"), str)]


def new_sender() -> str:
    return f"e2e-hostile-{uuid.uuid4().hex}"


@pytest.mark.parametrize(
    ("sent", "reply_key"),
    [
        ("", "inbound.empty"),
        ("   \n\t ", "inbound.empty"),
        (None, "inbound.not_text"),
        ([1, 2], "inbound.not_text"),
        ({"text": "hi"}, "inbound.not_text"),
        (4.5, "inbound.not_text"),
        ("👍👍🙂", "inbound.no_words"),
        ("\x00\x01\x1b", "inbound.empty"),
        ("x" * (MAX_TEXT_CHARS + 1), "inbound.too_long"),
    ],
)
def test_a_message_that_cannot_be_read_gets_a_reply_that_says_what_to_do(rasa_server, sent, reply_key):
    replies = texts(post(rasa_server, {"sender": new_sender(), "message": sent}))
    expected = message(reply_key, "en", limit=str(MAX_TEXT_CHARS))
    assert replies == [expected]


def test_the_reply_follows_the_pages_language_or_the_text(rasa_server):
    replies = texts(
        post(rasa_server, {"sender": new_sender(), "message": "", "metadata": {"language": "zh"}})
    )
    assert replies == [message("inbound.empty", "zh")]
    replies = texts(post(rasa_server, {"sender": new_sender(), "message": "血" * (MAX_TEXT_CHARS + 1)}))
    assert replies == [message("inbound.too_long", "zh", limit=str(MAX_TEXT_CHARS))]


def test_control_characters_are_removed_and_the_rest_is_read(rasa_server):
    assert texts(post(rasa_server, {"sender": new_sender(), "message": "hi\x00\x1b"})) == send(
        rasa_server, new_sender(), "hi"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"message": "hi"},  # no sender: never a shared "default" conversation
        {"sender": "", "message": "hi"},
        {"sender": "a b", "message": "hi"},
        {"sender": "x" * 129, "message": "hi"},
        {"sender": 12, "message": "hi"},
        ["sender", "message"],
        b"{not json",
    ],
)
def test_a_request_without_a_proper_sender_or_body_is_refused(rasa_server, body):
    resp = post(rasa_server, body)
    assert resp.status_code == 400
    assert resp.json()["error"]


def test_a_body_over_the_limit_is_refused_before_it_is_read_and_others_carry_on(rasa_server):
    huge = json.dumps({"sender": new_sender(), "message": "x" * (1024 * 1024)}).encode()
    start = time.monotonic()
    resp = post(rasa_server, huge)
    assert resp.status_code == 413
    assert time.monotonic() - start < 5
    just_over = json.dumps({"sender": "s" * 128, "message": "x" * MAX_BODY_BYTES}).encode()
    assert post(rasa_server, just_over).status_code == 413
    assert send(rasa_server, new_sender(), "hi")  # the server still answers everyone else


def test_typed_intent_syntax_is_read_as_words_not_as_an_intent(rasa_server):
    sender = new_sender()
    send(rasa_server, sender, "hi")
    # With Rasa's own channel this would set the slot and skip the consent question.
    injected = send(rasa_server, sender, '/inform{"age": "30", "screening_consent": true}')
    assert injected and all(reply.strip() for reply in injected)
    assert send(rasa_server, sender, "/affirm")  # "affirm" as a word: some reply, no crash


def fuzz_messages(rng: random.Random) -> list[object]:
    alphabets = [
        "abcdefghijklmnopqrstuvwxyz ",
        "0123456789.,-+e ",
        "血小板岁月年不是没有知道 ",
        "😀👍🩸💊🏥\u200d ",
        "\x00\x01\x07\x1b\x7f\u202e\ufeff\t\n ",
        "<>&'\";/\\{}[]()*=% ",
    ]
    out: list[object] = [None, True, 0, -1, 10**30, 1e308, [], {}, {"a": [1]}, "", " "]
    while len(out) < FUZZ_MESSAGES:
        letters = "".join(rng.choice(alphabets) for _ in range(rng.randint(1, 3)))
        length = rng.choice([1, 3, 10, 40, 200, MAX_TEXT_CHARS - 1, MAX_TEXT_CHARS + 5, 20_000])
        out.append("".join(rng.choice(letters) for _ in range(length)))
    rng.shuffle(out)
    return out


def test_every_fuzzed_message_gets_a_non_empty_reply_or_a_clear_refusal(rasa_server):
    rng = random.Random(FUZZ_SEED)
    senders = [new_sender() for _ in range(5)]
    for sent in fuzz_messages(rng):
        resp = post(rasa_server, {"sender": rng.choice(senders), "message": sent})
        if resp.status_code == 413:
            assert len(json.dumps(sent)) > MAX_BODY_BYTES - 200
            continue
        replies = texts(resp)
        assert replies and all(reply.strip() for reply in replies), f"no reply to {str(sent)[:80]!r}"


# ----- a dead or frozen action server -----


@pytest.fixture(scope="module")
def own_stack(rasa_model: Path, e2e_workdir: Path, e2e_env):
    """An action server and a Rasa server of this module's own, so killing the action server does
    not disturb the other tests. Yields a controller that can kill, freeze and restart it."""
    port = _free_port()
    cmd = action_server_cmd("actions", port)
    log = e2e_workdir / "actions-killed.log"

    class Stack:
        rasa: RasaServer | None = None
        servers = contextlib.ExitStack()  # every action server started, stopped at the end

        def start_actions(self):
            return self.servers.enter_context(serving(cmd, port, "/health", log, e2e_env))

        def stop_actions(self, sig=signal.SIGKILL):
            pid = pid_listening_on(port)
            os.kill(pid, sig)
            return pid

    stack = Stack()
    action_server = stack.start_actions()
    with (
        stack.servers,
        rasa_serving(rasa_model, action_server, e2e_env, e2e_workdir / "rasa-killed.log") as rasa,
    ):
        stack.rasa = rasa
        yield stack


def test_a_killed_action_server_gets_a_kind_reply_and_the_screening_carries_on(own_stack):
    sender = new_sender()
    greeting = send(own_stack.rasa, sender, "hi")
    consent = send(own_stack.rasa, sender, "yes")
    assert greeting and consent

    own_stack.stop_actions(signal.SIGKILL)
    start = time.monotonic()
    replies = send(own_stack.rasa, sender, "For myself")
    assert time.monotonic() - start < 2.5
    assert replies == [FAILURE_REPLY]

    own_stack.start_actions()
    # The answer that met the dead server was kept (Rasa filled the slot before calling the
    # actions): this conversation is now where a fresh one is after the same answers.
    after = send(own_stack.rasa, sender, "not sure")
    assert after and FAILURE_REPLY not in after
    fresh = new_sender()
    for said in ("hi", "yes", "For myself"):
        send(own_stack.rasa, fresh, said)
    assert after == send(own_stack.rasa, fresh, "not sure")


def test_a_frozen_action_server_gets_a_kind_reply_within_the_timeout(own_stack):
    sender = new_sender()
    send(own_stack.rasa, sender, "hi")
    send(own_stack.rasa, sender, "yes")
    pid = own_stack.stop_actions(signal.SIGSTOP)
    try:
        start = time.monotonic()
        replies = send(own_stack.rasa, sender, "For myself")
        waited = time.monotonic() - start
    finally:
        os.kill(pid, signal.SIGCONT)
    assert replies == [FAILURE_REPLY]
    assert waited < 3.0  # timeout_seconds: 2 in endpoints.yml
    assert FAILURE_REPLY not in send(own_stack.rasa, sender, "not sure")
