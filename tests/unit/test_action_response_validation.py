"""The cached validator for action-server replies keeps Rasa's contract: valid replies pass,
invalid ones raise the same ValidationError with Rasa's hint."""

from __future__ import annotations

import jsonschema
import pytest
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
