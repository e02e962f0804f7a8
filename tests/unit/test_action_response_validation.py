"""The cached validator for action-server replies keeps Rasa's contract: valid replies pass,
invalid ones raise the same ValidationError with Rasa's hint."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.actions.action import RemoteAction

from rasa_addons import action_response_validation

VALID = {
    "events": [{"event": "slot", "name": "answers", "value": {"age": {"value": 47}}}],
    "responses": [{"text": "How old are you?", "buttons": [{"title": "I don't know", "payload": "x"}]}],
}
INVALID = {"events": "not a list", "responses": []}


@pytest.fixture
def action() -> RemoteAction:
    action_response_validation.install()
    return RemoteAction("action_anything", action_endpoint=None)


def test_a_valid_reply_passes(action):
    assert action._validate_action_result(VALID) is True


def test_an_invalid_reply_is_refused_like_rasa_does(action):
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(INVALID)
    with pytest.raises(jsonschema.ValidationError) as upstream:
        jsonschema.validate(INVALID, RemoteAction.action_response_format_spec())
    assert ours.value.message.startswith(upstream.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_importing_the_tracker_store_installs_it():
    import rasa_addons.tracker_store  # noqa: F401 - the import is the point

    assert RemoteAction._validate_action_result is action_response_validation._validate_action_result


# The fast path must agree with jsonschema on every reply: it decides alone when it says
# "valid", so a reply it wrongly accepted would reach Rasa unchecked.
SAMPLE_EVENTS = [
    {"event": "slot", "name": "answers", "value": {"age": 47}},
    {"event": "slot", "name": "current_question", "value": None},
    {"event": "active_loop", "name": "prescreen_form"},
    {"event": "active_loop", "name": None},
    {"event": "followup", "name": "action_listen"},
    {"event": "reset_slots"},
    {"event": "restart"},
    {"event": "rewind"},
    {"event": "undo"},
    {"event": "action", "name": "action_listen", "policy": None, "confidence": None},
    {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet", "confidence": 1.0}}},
    {"event": "bot", "text": "Hello", "data": {"buttons": None}},
    {"event": "action_execution_rejected", "name": "prescreen_form"},
    {"event": "session_started"},
    {"event": "pause"},
    {"event": "resume"},
]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _mutated(event: dict, key: str, value) -> dict:  # noqa: ANN001
    return {**event, key: value}


replies = st.builds(
    lambda events, responses: {"events": events, "responses": responses},
    st.lists(
        st.sampled_from(SAMPLE_EVENTS)
        | st.builds(
            _mutated,
            st.sampled_from(SAMPLE_EVENTS),
            st.sampled_from(["event", "name", "value", "text", "timestamp", "policy"]),
            json_values,
        ),
        max_size=4,
    )
    | json_values,
    st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=2), max_size=2) | json_values,
)


@settings(max_examples=400, deadline=None)
@given(replies)
def test_the_compiled_validator_agrees_with_jsonschema(reply):
    schema = RemoteAction.action_response_format_spec()
    try:
        jsonschema.validate(reply, schema)
        valid = True
    except jsonschema.ValidationError:
        valid = False
    assert action_response_validation.quickly_valid(reply) == valid


def test_every_sample_event_is_valid_on_the_fast_path():
    for event in SAMPLE_EVENTS:
        assert action_response_validation.quickly_valid({"events": [event], "responses": []}), event
