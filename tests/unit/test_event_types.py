"""`Event.resolve_by_type` from a table gives what Rasa's search gives, for every event type, for
unknown names, and after a new Event class is defined."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from rasa_addons import event_types

RASA = event_types._RASA_RESOLVE_BY_TYPE
event_types.install()
TYPE_NAMES = sorted({cls.type_name for cls in all_subclasses(Event)})


@pytest.mark.parametrize("type_name", TYPE_NAMES)
def test_every_event_type_resolves_as_in_rasa(type_name):
    assert Event.resolve_by_type(type_name) is RASA(type_name)
    assert Event.resolve_by_type(type_name) is RASA(type_name)  # and again, from the table


def test_events_rasa_stores_come_back_the_same():
    for event in [UserUttered("hi", {"name": "greet", "confidence": 1.0}), SlotSet("age", 47)]:
        assert Event.from_parameters(event.as_dict()) == event


def test_unknown_names_are_left_to_rasa_every_time():
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert "no_such_event" not in event_types._found  # a default is not a match
    assert Event.resolve_by_type("topic") is None  # Rasa's old TopicSet events


def test_a_new_event_class_empties_the_table():
    assert Event.resolve_by_type("slot") is SlotSet
    assert event_types._found

    class LaterEvent(SlotSet):  # e.g. a plugin imported after the first message
        type_name = "later_event_for_this_test"

    assert not event_types._found
    assert Event.resolve_by_type("later_event_for_this_test") is LaterEvent
