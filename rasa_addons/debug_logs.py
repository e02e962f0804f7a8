"""Skip the work Rasa does for debug log lines that are switched off.

Rasa 3.6's message processor and forms build the arguments of their debug log lines before the
logger decides to drop them: a deep copy of every action's events (`copy.deepcopy`, several per
message) and a text dump of every slot after each action. With logging at INFO, as `rasa run`
serves by default, all of it was thrown away, at about 5 % of Rasa's CPU per message.

In those two modules `copy` is used for nothing else (tests/unit/test_debug_logs.py checks their
source), so `install()` gives them a stand-in whose `deepcopy` returns its argument unchanged
while the module's logger drops debug lines, which is then the argument's only use; and the slot
dump runs only when its logger would keep it. With debug logging on, both do exactly what Rasa
does.

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

import copy
import logging
from types import ModuleType
from typing import Any

import rasa.core.actions.forms
import rasa.core.processor
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

# The modules whose `copy` only ever builds debug-log arguments.
MODULES: tuple[ModuleType, ...] = (rasa.core.processor, rasa.core.actions.forms)
_RASA_LOG_SLOTS = MessageProcessor._log_slots


def debug_is_logged(logger_name: str) -> bool:
    """Whether a debug line of this logger can be written (structlog's stdlib filter asks this)."""
    return logging.getLogger(logger_name).isEnabledFor(logging.DEBUG)


class CopyForDebugLog:
    """Stands in for the `copy` module where only debug-log arguments are copied."""

    def __init__(self, logger_name: str) -> None:
        self.logger_name = logger_name

    def deepcopy(self, value: Any, memo: dict | None = None) -> Any:
        """A deep copy if the debug line can be written; else the value (the line is dropped)."""
        if debug_is_logged(self.logger_name):
            return copy.deepcopy(value, memo)
        return value


def _log_slots(tracker: DialogueStateTracker) -> None:
    if debug_is_logged(rasa.core.processor.__name__):
        _RASA_LOG_SLOTS(tracker)


def install() -> None:
    """Give the modules the stand-in and skip the unused slot dump (idempotent)."""
    for module in MODULES:
        if module.copy is copy:  # type: ignore[attr-defined]
            module.copy = CopyForDebugLog(module.__name__)  # type: ignore[attr-defined]
    MessageProcessor._log_slots = staticmethod(_log_slots)  # type: ignore[method-assign]
