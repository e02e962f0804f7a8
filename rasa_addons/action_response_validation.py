"""Validate action-server replies with a validator compiled once, not a new one per reply.

Rasa 3.6's RemoteAction._validate_action_result calls `jsonschema.validate(result, schema)` for
every reply of the action server. That call first checks the schema itself against the JSON-schema
meta-schema, which took about 20 ms here, twice per message (the form's validation and its next
question). Even with a reused validator, checking a reply took about 2 ms: every event is tried
against each of the 23 event kinds in Rasa's `oneOf`, and each miss builds an error. Each kind pins
`event` to its own constant and the event schema requires `event`, so that `oneOf` is a lookup: an
event is valid when it fits the common part and the one kind its `event` names. The fast path
compiles those parts with fastjsonschema once and checks each event against its own kind only:
microseconds.

Rasa 3.6 is the last open-source release, so the fix cannot go upstream; `install()` swaps in a
method with the same contract: True for a valid reply, or jsonschema's ValidationError with Rasa's
hint appended. A reply the fast path refuses is checked again by jsonschema, which decides and
raises exactly Rasa's error (tests/unit/test_action_response_validation.py checks the two agree).

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import fastjsonschema
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # once, instead of on every reply
    return validator_class(schema)


Check = Callable[[Any], Any]


@lru_cache(maxsize=1)
def _fast_checks() -> tuple[Check, dict[str, Check]]:
    """The reply without its events' kinds, and one check per event kind (common part + kind)."""
    schema = RemoteAction.action_response_format_spec()
    event_schema = schema["properties"]["events"]["items"]
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    by_kind = {
        kind["properties"]["event"]["const"]: fastjsonschema.compile({"allOf": [common, kind]})
        for kind in event_schema["oneOf"]
    }
    reply = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
    return fastjsonschema.compile(reply), by_kind


def quickly_valid(result: Any) -> bool:
    """True only for a reply Rasa's schema accepts; False means "ask jsonschema"."""
    check_reply, by_kind = _fast_checks()
    try:
        check_reply(result)
        for event in result.get("events") or []:
            kind = event.get("event") if isinstance(event, dict) else None
            check = by_kind.get(kind) if isinstance(kind, str) else None
            if check is None:
                return False
            check(event)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if quickly_valid(result):
        return True
    try:
        _validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise e


def install() -> None:
    """Make every RemoteAction use the cached validator (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
