"""Debug-log arguments are built only when debug lines can be written, and `copy` in the patched
Rasa modules serves nothing but debug-log arguments (else the stand-in would be wrong)."""

from __future__ import annotations

import ast
import inspect
import logging

import pytest
import rasa.core.processor
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SlotSet
from rasa.shared.core.slots import AnySlot
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons import debug_logs

debug_logs.install()


@pytest.mark.parametrize("module", debug_logs.MODULES, ids=lambda m: m.__name__)
def test_copy_only_builds_debug_log_arguments(module):
    tree = ast.parse(inspect.getsource(module))
    debug_call_args: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "debug"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "structlogger"
        ):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                debug_call_args.update(id(inner) for inner in ast.walk(argument))
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "copy"]
    assert uses, "the module no longer uses copy: drop it from MODULES"
    for use in uses:
        assert id(use) in debug_call_args, f"{module.__name__} line {use.lineno} uses copy for real work"
    attributes = {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and getattr(n.value, "id", "") == "copy"
    }
    assert attributes == {"deepcopy"}


def set_debug(on: bool, monkeypatch) -> None:  # noqa: ANN001
    for module in debug_logs.MODULES:
        monkeypatch.setattr(
            logging.getLogger(module.__name__), "level", logging.DEBUG if on else logging.INFO
        )
        logging.getLogger(module.__name__).manager._clear_cache()


def test_values_are_copied_only_while_debug_lines_are_written(monkeypatch):
    stand_in = rasa.core.processor.copy
    assert isinstance(stand_in, debug_logs.CopyForDebugLog)
    events = [SlotSet("age", 47)]
    set_debug(False, monkeypatch)
    assert stand_in.deepcopy(events) is events
    set_debug(True, monkeypatch)
    copied = stand_in.deepcopy(events)
    assert copied == events and copied is not events and copied[0] is not events[0]


def test_the_slot_dump_is_logged_only_while_debug_lines_are_written(monkeypatch):
    logged = []

    class Recorder:
        def debug(self, event, **values):  # noqa: ANN001, ANN003
            logged.append((event, values))

    monkeypatch.setattr(rasa.core.processor, "structlogger", Recorder())
    tracker = DialogueStateTracker.from_events(
        "someone", [SlotSet("age", 47)], slots=[AnySlot("age", mappings=[])]
    )
    set_debug(False, monkeypatch)
    MessageProcessor._log_slots(tracker)
    assert logged == []
    set_debug(True, monkeypatch)
    MessageProcessor._log_slots(tracker)
    assert logged == [("processor.slots.log", {"slot_values": "\tage: 47"})]
