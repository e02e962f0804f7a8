"""End-to-end: whole conversations with the real Rasa server and action server over REST.

Each persona answers whatever the assistant asks, recognising the question by its wording in the
facts registry, so the test does not depend on the order the engine chooses. It checks the outcome
the assistant gives for each trial and whether a lead was stored.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
import requests

from bot.leads import queries, service
from bot.text import localize, written_language
from bot.trials import load_trials
from tests.leads.rasa_tracker import tracker_event_count
from tests.personas import CHINESE_PERSONAS, PERSONAS, Persona, asked_fact

pytestmark = pytest.mark.e2e

MAX_TURNS = 80


def send(server, sender: str, message: str, language: str = "en") -> list[str]:
    """One message as the widget sends it: with the page's language in the metadata."""
    body = {"sender": sender, "message": message, "metadata": {"language": language}}
    resp = requests.post(f"{server.base_url}/webhooks/rest/webhook", json=body, timeout=60)
    assert resp.status_code == 200, resp.text
    return [m["text"] for m in resp.json() if "text" in m]


def matches(reply: str, template: str) -> bool:
    """Does a reply come from this response template ({placeholders} match anything)?"""
    import re

    pattern = re.escape(template.strip())
    pattern = re.sub(r"\\\{[a-z_]+\\\}", ".*", pattern)
    return re.fullmatch(pattern, reply.strip(), flags=re.S) is not None


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_a_whole_conversation(rasa_server, response_texts, leads_db, tmp_path, persona: Persona):
    converse_and_check(rasa_server, persona, response_texts, leads_db, tmp_path)


@pytest.mark.parametrize("persona", CHINESE_PERSONAS, ids=[p.name for p in CHINESE_PERSONAS])
def test_a_whole_conversation_in_chinese(rasa_server, response_texts, leads_db, tmp_path, persona: Persona):
    """The same people, on the Chinese page, writing Chinese: the same outcomes, every reply in
    Chinese, and the lead records the conversation's language."""
    sender = converse_and_check(rasa_server, persona, response_texts, leads_db, tmp_path)
    for lead in queries.leads_for_conversation(sender):
        assert lead.conversation_language == "zh"


def converse_and_check(rasa_server, persona: Persona, response_texts, leads_db: str, tmp_path) -> str:  # noqa: ANN001
    """Hold the persona's whole conversation and check its outcome, leads, export and stored
    events; returns the conversation id."""
    sender = f"e2e-{uuid.uuid4().hex}"
    transcript: list[str] = []

    def say(text: str) -> list[str]:
        replies = send(rasa_server, sender, text, persona.language)
        transcript.extend([f"> {text}", *replies])
        assert replies, "every message gets a reply:\n" + "\n".join(transcript)
        if persona.language == "zh":  # every reply in Chinese (a reply may quote a Latin name)
            assert all(written_language(r) == "zh" for r in replies), "\n".join(transcript)
        return replies

    replies = say("你好" if persona.language == "zh" else "hi")
    for line in persona.opening:
        replies = say(line)
    contact = list(persona.contact or [])
    for _ in range(MAX_TURNS):
        fact_id = asked_fact(replies[-1], persona) if replies else None
        if fact_id is not None:
            replies = say(persona.answers.get(fact_id, persona.dont_know))
            continue
        if contact and not _is_goodbye(replies, response_texts, persona.language):
            replies = say(contact.pop(0))
            continue
        break
    text = "\n".join(transcript)
    assert _is_goodbye(replies, response_texts, persona.language), f"the conversation did not end:\n{text}"

    trials = {t.id: t for t in load_trials()}
    for trial_id, response in persona.expected.items():
        title = localize(trials[trial_id].short_title, persona.language)
        said = [r for r in transcript for t in response_texts(response, persona.language) if matches(r, t)]
        assert any(title in r for r in said), f"expected {response} for {trial_id}:\n{text}"
    assert not any("you are eligible" in line.lower() for line in transcript)

    stored = queries.leads_for_conversation(sender)
    assert {lead.trial_id for lead in stored} == persona.lead_trials, text
    for lead in stored:
        assert lead.answered_by_proxy == persona.proxy
        assert lead.answers, "the answers as given travel with the lead"
    if stored:
        assert_json_export_shows(sender, persona, tmp_path)
    events = tracker_event_count(leads_db, sender)
    if persona.forgotten:
        assert events == 0, f"{events} events of a declined/stopped conversation were stored:\n{text}"
    else:
        assert events > 0, "the conversation should be stored (purged later by retention)"
    return sender


def assert_json_export_shows(sender: str, persona: Persona, tmp_path) -> None:
    """The round trip: the conversation's leads appear in the JSON export under its id, once per
    trial, with their per-criterion results."""
    out = tmp_path / "leads.json"
    service.export_leads(None, "json", out, actor="e2e-test")
    exported = [
        lead for lead in json.loads(out.read_text(encoding="utf-8")) if lead["conversation_id"] == sender
    ]
    assert sorted(lead["trial_id"] for lead in exported) == sorted(persona.lead_trials)
    for lead in exported:
        assert lead["criteria"] and all(c["status"] and c["protocol_text"] for c in lead["criteria"])


def _is_goodbye(replies: list[str], response_texts, language: str = "en") -> bool:
    endings = [
        "utter_lead_saved",
        "utter_lead_saved_proxy",
        "utter_no_contact_goodbye",
        "utter_not_eligible_goodbye",
        "utter_consent_declined",
        "utter_stopped",
    ]
    return any(matches(r, t) for r in replies for name in endings for t in response_texts(name, language))


def test_the_servers_run_with_the_e2e_database(e2e_env):
    assert e2e_env["DATABASE_URL"].startswith("sqlite:///") and os.environ.get("CI") in (None, "true", "1")
