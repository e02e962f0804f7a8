"""What Rasa sends the action server: with `send_events: current_turn`, this turn's events and
everything else exactly as Rasa 3.6 builds it; without it, exactly Rasa's request."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_addons import action_call

ROOT = Path(__file__).resolve().parents[2]
RASA_ACTION_CALL_FORMAT = RemoteAction._action_call_format  # before install() replaces it
action_call.install()

DOMAIN = Domain.from_yaml(
    """
    version: "3.1"
    actions:
      - validate_prescreen_form:
          send_domain: true
      - action_ask_current_answer
    slots:
      current_answer:
        type: any
        mappings: [{type: custom}]
    """
)


def conversation() -> DialogueStateTracker:
    events = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0})]
    events += [ActionExecuted("prescreen_form"), ActiveLoop("prescreen_form"), BotUttered("How old are you?")]
    events += [ActionExecuted("action_listen")]
    events += [UserUttered("seventy-six", {"name": "inform", "confidence": 0.9}, input_channel="rest")]
    events += [SlotSet("current_answer", "seventy-six")]
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


def action(name: str, **settings: str | bool) -> RemoteAction:
    return RemoteAction(name, EndpointConfig("http://127.0.0.1:5055/webhook", **settings))


def test_without_the_setting_the_request_is_rasas():
    tracker = conversation()
    ours = action_call._action_call_format(action("action_ask_current_answer"), tracker, DOMAIN)
    assert ours == RASA_ACTION_CALL_FORMAT(action("action_ask_current_answer"), tracker, DOMAIN)
    assert len(ours["tracker"]["events"]) == len(tracker.events)


def test_current_turn_sends_the_events_from_the_latest_user_message_on():
    tracker = conversation()
    wanted = action("validate_prescreen_form", send_events="current_turn")
    ours = action_call._action_call_format(wanted, tracker, DOMAIN)
    rasas = RASA_ACTION_CALL_FORMAT(wanted, tracker, DOMAIN)
    assert [e["event"] for e in ours["tracker"]["events"]] == ["user", "slot"]
    assert ours["tracker"]["events"] == rasas["tracker"]["events"][-2:]
    # The rest is Rasa's: slots, latest message, active form, input channel, the domain.
    for key in rasas["tracker"]:
        if key != "events":
            assert ours["tracker"][key] == rasas["tracker"][key], key
    assert {k: v for k, v in ours.items() if k != "tracker"} == {
        k: v for k, v in rasas.items() if k != "tracker"
    }
    assert ours["tracker"]["latest_input_channel"] == "rest"


def test_before_any_user_message_every_event_is_sent():
    tracker = DialogueStateTracker.from_events(
        "someone", [ActionExecuted("action_listen")], slots=DOMAIN.slots
    )
    ours = action_call._action_call_format(action("x", send_events="current_turn"), tracker, DOMAIN)
    assert len(ours["tracker"]["events"]) == 1


def test_the_selective_domain_still_applies():
    tracker = conversation()
    settings = {"send_events": "current_turn", "enable_selective_domain": True}
    assert "domain" in action_call._action_call_format(
        action("validate_prescreen_form", **settings), tracker, DOMAIN
    )
    assert "domain" not in action_call._action_call_format(
        action("action_ask_current_answer", **settings), tracker, DOMAIN
    )


def test_an_unknown_setting_is_reported_and_sends_everything(caplog):
    tracker = conversation()
    with caplog.at_level(logging.ERROR, logger=action_call.__name__):
        ours = action_call._action_call_format(action("x", send_events="last_three"), tracker, DOMAIN)
    assert len(ours["tracker"]["events"]) == len(tracker.events)
    assert "send_events must be 'all' or 'current_turn', not 'last_three'" in caplog.text


@pytest.mark.parametrize("name", ["validate_prescreen_form", "action_ask_contact_confirmed"])
def test_our_endpoints_and_domain_send_the_domain_to_the_actions_that_read_it(name):
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())["action_endpoint"]
    assert endpoints["send_events"] == "current_turn" and endpoints["enable_selective_domain"] is True
    domain = Domain.load(str(ROOT / "domain.yml"))
    assert domain.does_custom_action_explicitly_need_domain(name)
    assert not domain.does_custom_action_explicitly_need_domain("action_ask_current_answer")
