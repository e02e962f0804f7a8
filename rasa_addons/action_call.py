"""Send the action server this turn's events, not the whole conversation, when endpoints.yml asks.

Rasa 3.6 sends every event of the conversation with every action call, serialised to JSON twice
per message (the form's validation and its next question). Late in a screening that is several
hundred events, and it was the largest single cost left in Rasa's profile (building the dicts and
encoding them), with the action server paying again to decode them. Our actions read slots, the
latest message and the active form, which Rasa sends anyway; rasa_sdk's forms read only the slot
events at the end of the list (`Tracker.slots_to_validate`) and the latest user event's channel.

With `send_events: current_turn` under `action_endpoint`, the list starts at the latest user
message (or holds every event if there is none yet). `all`, or no setting, is Rasa's behaviour.
Rasa keeps unknown endpoint keys in `EndpointConfig.kwargs` and passes none of them to aiohttp.
Everything else in the request is built exactly as Rasa 3.6's `_action_call_format` builds it,
including the selective domain (`enable_selective_domain`).

Every call also carries the shared secret the action server asks for (`_show_shared_secret`).

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.leads.crypto import ACTION_SECRET_HEADER, action_secret

logger = logging.getLogger(__name__)

SETTING = "send_events"
ALL, CURRENT_TURN = "all", "current_turn"
_warned: set[str] = set()


def events_to_send(action: RemoteAction) -> str:
    """The endpoint's `send_events` setting; an unknown value is reported once and means `all`."""
    kwargs = action.action_endpoint.kwargs if action.action_endpoint else {}
    value = str(kwargs.get(SETTING, ALL))
    if value not in (ALL, CURRENT_TURN):
        if value not in _warned:
            _warned.add(value)
            logger.error(
                f"action_endpoint: {SETTING} must be '{ALL}' or '{CURRENT_TURN}', not '{value}'; "
                f"sending all events."
            )
        return ALL
    return value


def current_turn(events: Iterable[Event]) -> list[Event]:
    """The events from the latest user message on (all of them before the first one)."""
    events = list(events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def _action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
    _show_shared_secret(self)
    if events_to_send(self) == ALL:
        tracker_state = tracker.current_state(EventVerbosity.ALL)
    else:
        tracker_state = tracker.current_state(EventVerbosity.NONE)
        tracker_state["events"] = [event.as_dict() for event in current_turn(tracker.events)]
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": tracker_state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        result["domain"] = domain.as_dict()
    return result


def _show_shared_secret(action: RemoteAction) -> None:
    """Every call carries the action server's shared secret (rasa_addons/action_server.py checks it).
    Derived in this process from the encryption key Rasa already holds for the tracker store, so
    no second secret has to be handed around; set once on the endpoint, whose headers Rasa adds to
    each request."""
    endpoint = action.action_endpoint
    if endpoint is not None and ACTION_SECRET_HEADER not in endpoint.headers:
        endpoint.headers[ACTION_SECRET_HEADER] = action_secret()


def install() -> None:
    """Make every RemoteAction honour `send_events` (idempotent)."""
    RemoteAction._action_call_format = _action_call_format  # type: ignore[method-assign]
