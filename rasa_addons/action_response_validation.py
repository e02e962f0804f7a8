"""Validate action-server replies with one compiled JSON-schema validator, not a new one per reply.

Rasa 3.6's RemoteAction._validate_action_result calls `jsonschema.validate(result, schema)` for
every reply of the action server. That call first checks the schema itself against the JSON-schema
meta-schema, which took about 20 ms here, twice per message (the form's validation and its next
question); validating the reply took under 1 ms. Rasa 3.6 is the last open-source release, so the
fix cannot go upstream; `install()` swaps in a method with the same contract (True, or the same
ValidationError with the same hint appended) that reuses a validator built once.

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
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
