"""A failing action server never means silence.

Rasa 3.6 logs an action call that fails (server down, refused, 5xx) and carries on with no reply at
all: the person sees nothing (rasa #7630, #5588), and a call to a server that hangs waits five
minutes. Here every call to the action server:

- is given `timeout_seconds` (under `action_endpoint` in endpoints.yml; DEFAULT_TIMEOUT_S if unset),
  after which it counts as failed;
- when it fails, sends the person a kind message in the conversation's language
  (`failure.try_again` in bot/messages.yaml), once per message they sent, and ends the turn by
  listening (a form's next call in the same turn is not made: one wait, not two). The failed
  action's events are not applied, so the screening stays where it was: the
  form, the question being asked and every answer so far. The next message carries on from there.

A rejection (ActionExecutionRejection: the form says the message is not for it) is Rasa's normal
flow and passes through. `PRESCREEN_KIND_FAILURE=0` switches this off (Rasa's behaviour).
Installed by rasa_addons.tracker_store, with the other patches.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, Event, FollowupAction

from bot.messages import message
from bot.text import known_language

logger = logging.getLogger(__name__)

SWITCH = "PRESCREEN_KIND_FAILURE"
SETTING = "timeout_seconds"
DEFAULT_TIMEOUT_S = 10.0

_rasas_run = RemoteAction.run


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip() != "0"


def timeout_seconds(action: RemoteAction) -> float:
    """The endpoint's `timeout_seconds`, or DEFAULT_TIMEOUT_S when unset or not a positive number."""
    kwargs = action.action_endpoint.kwargs if action.action_endpoint else {}
    try:
        seconds = float(kwargs.get(SETTING, DEFAULT_TIMEOUT_S))
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT_S
    return seconds if seconds > 0 else DEFAULT_TIMEOUT_S


def apology(tracker: Any) -> BotUttered | None:  # noqa: ANN401 - Rasa's DialogueStateTracker
    """The kind message for this turn, or None when this message already got one."""
    for event in reversed(tracker.events):  # a failure earlier in the same turn already apologised
        if isinstance(event, BotUttered) and event.metadata.get("failure") is True:
            return None
        if event.type_name == "user":
            break
    text = message("failure.try_again", known_language(tracker.get_slot("language")))
    return BotUttered(text, metadata={"failure": True})


async def run(
    self: RemoteAction,
    output_channel: Any,  # noqa: ANN401 - Rasa's types
    nlg: Any,  # noqa: ANN401
    tracker: Any,  # noqa: ANN401
    domain: Any,  # noqa: ANN401
    *args: Any,
    **kwargs: Any,
) -> list[Event]:
    """RemoteAction.run with a timeout, and a kind reply instead of silence when the call fails."""
    if not enabled():
        return await _rasas_run(self, output_channel, nlg, tracker, domain, *args, **kwargs)
    if apology(tracker) is None:  # a call already failed this turn: don't wait on the server again
        return [FollowupAction(ACTION_LISTEN_NAME)]
    try:
        return await asyncio.wait_for(
            _rasas_run(self, output_channel, nlg, tracker, domain, *args, **kwargs), timeout_seconds(self)
        )
    except ActionExecutionRejection:
        raise
    except Exception as error:  # noqa: BLE001 - any failure of the call gets the same kind reply
        timed_out = isinstance(error, asyncio.TimeoutError)
        logger.error(
            "action %s failed (%s; conversation=%s): the person was asked to try again",
            self.name(),
            f"no answer within {timeout_seconds(self):g} s" if timed_out else type(error).__name__,
            tracker.sender_id,
            exc_info=not timed_out,  # the traceback, with every message withheld (bot/log_privacy.py)
        )
        said = apology(tracker)
        if said is None:
            return [FollowupAction(ACTION_LISTEN_NAME)]
        return [said, FollowupAction(ACTION_LISTEN_NAME)]  # Rasa sends the BotUttered to the channel


run.__wrapped__ = _rasas_run  # type: ignore[attr-defined]  # inspect.unwrap finds Rasa's own


def install() -> None:
    """Route every RemoteAction call through `run` (idempotent)."""
    RemoteAction.run = run  # type: ignore[method-assign]
