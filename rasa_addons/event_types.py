"""Find an event's class by its type name from a table, instead of searching every class each time.

Rasa 3.6 turns every event the action server returns, and every stored event it loads, into an
object with `Event.resolve_by_type(type_name)`. That walks all subclasses of Event recursively and
asks `inspect.isabstract` of each, for every single event: about 5 % of Rasa's CPU per message in
the load benchmark's profile.

The replacement asks Rasa's function once per type name and remembers the class it found. The
answer can only change when a new Event class is defined, so defining one empties the table
(`Event.__init_subclass__`). Unknown names, and the defaults and None Rasa returns for them, are
not remembered: Rasa's function answers those every time, with its own errors.

Installed by rasa_addons.tracker_store, which every `rasa run` with our endpoints.yml imports.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event

_RASA_RESOLVE_BY_TYPE = Event.resolve_by_type
_found: dict[str, type[Event]] = {}


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """What `Event.resolve_by_type` returns, remembered per type name when it is a real match."""
    found = _found.get(type_name)
    if found is not None:
        return found
    resolved = _RASA_RESOLVE_BY_TYPE(type_name, default)
    if resolved is not None and resolved is not default:
        _found[type_name] = resolved
    return resolved


def _forget_on_new_event_class(cls: type, **kwargs: Any) -> None:
    _found.clear()
    super(Event, cls).__init_subclass__(**kwargs)


def install() -> None:
    """Make `Event.resolve_by_type` use the table (idempotent)."""
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
    Event.__init_subclass__ = classmethod(_forget_on_new_event_class)  # type: ignore[assignment]
