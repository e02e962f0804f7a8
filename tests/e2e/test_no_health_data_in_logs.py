"""No health data or contact details in logs.

One whole conversation with the real Rasa and action servers, with canary values no log line could
contain by chance: a name, a phone number, an email address, a platelet count and a free-text
answer. Then every line both servers logged, and everything logged in this process, is searched
for each canary (in every form the conversation may turn it into, e.g. the phone in E.164).

The conversation must really happen for the search to mean anything, so the test also checks that
the lead was saved and that Rasa's tracker store holds the conversation in the same database.

The error paths too, on a second pair of servers whose read-back action raises an error quoting the
contact details (tests/e2e/failing_actions, test only): a conversation with a phone number refused as
invalid that ends in that error, and an oversize message (1 MB, canaries inside). Rasa then logs the
action server's error reply (which carries the whole tracker) as part of an exception, and its REST
channel logs a failing message's text: both must show only names and exception types.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from bot import conversation
from bot.facts import default_registry
from bot.leads import queries
from bot.leads.crypto import event_cipher
from tests.e2e.conftest import RasaServer, _free_port, action_server_cmd, rasa_serving, serving

pytestmark = pytest.mark.e2e

NAME = "Qzcanary Zyxwelt"
PHONE = "+86 139 1234 5678"
EMAIL = "qz.canary.zyx@example.org"
PLATELETS = "73.7"
FREE_TEXT = "Thursdays after the vexillum choir"

REFUSED_PHONE = "+86 139 8765"  # too short: refused as invalid, asked again
OVERSIZE = ("I am Qzcanary Zyxwelt, call +86 139 1234 5678, vexillum. " * 20_000)[:1_000_000]

CANARIES = [
    REFUSED_PHONE,
    "1398765",
    "139 8765",
    NAME,
    "Qzcanary",
    "Zyxwelt",
    PHONE,
    "+8613912345678",
    "13912345678",
    "139 1234 5678",
    EMAIL,
    "qz.canary",
    PLATELETS,
    FREE_TEXT,
    "vexillum",
]

ANSWERS = {
    "age": "I'm forty-seven",
    "sex": "female",
    "diagnosis": "breast cancer",
    "cancer_treatments": "chemo",
    "platelet_count": f"my platelets were {PLATELETS}",
    "last_platelet_transfusion": "never had one",
    "active_bleeding": "no",
    "ecog": "I can do light housework but nothing heavy",
    "can_become_pregnant": "no, I've been through the menopause",
}
OPENING = ["hi", "yes I agree", "it's for me", "the platelet one"]
CONTACT = ["yes please", NAME, PHONE, EMAIL, FREE_TEXT, "English", "yes"]
MAX_TURNS = 60


def send(server, sender: str, message: str) -> list[str]:
    resp = requests.post(
        f"{server.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
    )
    assert resp.status_code == 200, resp.text
    return [m["text"] for m in resp.json() if "text" in m]


def asked_fact(reply: str) -> str | None:
    for definition in default_registry():
        if (
            definition.question is not None
            and reply.strip() == conversation.question_text(definition.id, False, None).strip()
        ):
            return definition.id
    return None


def converse(server, sender: str, contact_lines: list[str] = CONTACT) -> list[str]:
    transcript: list[str] = []
    for line in OPENING:
        replies = send(server, sender, line)
        transcript += [f"> {line}", *replies]
    contact = list(contact_lines)
    for _ in range(MAX_TURNS):
        fact_id = asked_fact(replies[-1]) if replies else None
        if fact_id is not None:
            line = ANSWERS.get(fact_id, "I don't know")
        elif contact:
            line = contact.pop(0)
        else:
            break
        replies = send(server, sender, line)
        transcript += [f"> {line}", *replies]
    return transcript


def canaries_in(text: str) -> list[str]:
    return [c for c in CANARIES if re.search(re.escape(c), text, flags=re.IGNORECASE)]


def test_no_canary_value_appears_in_any_log(rasa_server, action_server, e2e_env, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    for key in ("DATABASE_URL", "PRESCREEN_ENCRYPTION_KEY"):
        monkeypatch.setenv(key, e2e_env[key])
    sender = f"e2e-privacy-{uuid.uuid4().hex}"

    transcript = "\n".join(converse(rasa_server, sender))

    # The conversation really ran to the end and stored its lead and its events...
    assert [lead.trial_id for lead in queries.leads_for_conversation(sender)] == ["xj-mk-002"], transcript
    engine = sa.create_engine(e2e_env["DATABASE_URL"])
    with engine.connect() as connection:
        events = connection.execute(
            sa.text("SELECT data FROM events WHERE sender_id = :s"), {"s": sender}
        ).scalars()
        stored = "\n".join(event_cipher().decrypt(data, sender) for data in events)  # encrypted at rest
    engine.dispose()
    assert PLATELETS in stored and FREE_TEXT in stored, "the tracker store holds the conversation"

    # ...and no log line holds any of what the person typed.
    for server in (rasa_server, action_server):
        lines = server.log_path.read_text(errors="replace").splitlines()
        assert lines, f"{server.log_path} is empty: the search below would prove nothing"
        leaked = [(n, line, canaries_in(line)) for n, line in enumerate(lines, 1) if canaries_in(line)]
        assert not leaked, f"{server.log_path.name} logged health data or contact details: {leaked[:5]}"
    assert not canaries_in(caplog.text), f"this process logged: {canaries_in(caplog.text)}"


@pytest.fixture(scope="module")
def failing_servers(rasa_model, e2e_workdir, e2e_env) -> Iterator[tuple[RasaServer, RasaServer]]:
    """Rasa and an action server whose read-back raises (tests/e2e/failing_actions)."""
    port = _free_port()
    cmd = action_server_cmd("tests.e2e.failing_actions", port)
    action_log, rasa_log = e2e_workdir / "actions-failing.log", e2e_workdir / "rasa-failing.log"
    with (
        serving(cmd, port, "/health", action_log, e2e_env) as actions,
        rasa_serving(rasa_model, actions, e2e_env, rasa_log) as rasa,
    ):
        yield rasa, actions


def test_error_paths_log_names_and_exception_types_but_no_canary(failing_servers, caplog):
    caplog.set_level(logging.DEBUG)
    rasa, actions = failing_servers
    sender = f"e2e-privacy-errors-{uuid.uuid4().hex}"
    contact = list(CONTACT)
    contact.insert(contact.index(PHONE), REFUSED_PHONE)

    transcript = "\n".join(converse(rasa, sender, contact))
    oversize = requests.post(
        f"{rasa.base_url}/webhooks/rest/webhook", json={"sender": sender, "message": OVERSIZE}, timeout=300
    )

    # The error paths really ran: the phone was refused, the read-back raised in the action
    # server, and Rasa reported the failed action for this conversation.
    assert "That phone number doesn't look right" in transcript, transcript
    assert oversize.status_code, "the oversize message was answered (a reply or a refusal)"
    action_log = actions.log_path.read_text(errors="replace")
    rasa_log = rasa.log_path.read_text(errors="replace")
    assert "ReadBackFailed: <withheld>" in action_log, action_log[-3000:]
    assert f"conversation={sender}" in action_log, "the action server's error names the conversation"
    failed = [line for line in rasa_log.splitlines() if "failed (" in line and "try again" in line]
    assert failed and all(f"conversation={sender}" in line for line in failed), rasa_log[-3000:]
    assert "ClientResponseError: <withheld>" in rasa_log, "the action server's error reply is withheld"

    for server in (rasa, actions):
        lines = server.log_path.read_text(errors="replace").splitlines()
        leaked = [(n, line[:300], canaries_in(line)) for n, line in enumerate(lines, 1) if canaries_in(line)]
        assert not leaked, f"{server.log_path.name} logged what the person typed: {leaked[:5]}"
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > 2000]
        assert not too_long, f"{server.log_path.name}: lines {too_long[:5]} are over 2000 characters"
    assert not canaries_in(caplog.text), f"this process logged: {canaries_in(caplog.text)}"
