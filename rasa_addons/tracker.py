"""A DialogueStateTracker whose `applied_events()` carries on from its previous call.

Rasa 3.6 asks a tracker for its applied events (the events minus those undone by rewinds and by
form executions) several times per message: the session check, the form, and RulePolicy's replay of
the conversation. Each call folds over every event again, and each form execution in the history
copies the list built so far, so the cost grows with the square of the conversation's length: in the
load benchmark's profile it was about a quarter of Rasa's CPU time per message, late in a screening.

The fold only ever reads a prefix of the events, and Rasa only ever appends to `tracker.events` (or
replaces the deque), so the result for the first n events never changes once computed. This class
remembers the fold's state and feeds it only the new events. It reuses Rasa's own step helpers, so
the result is the same list Rasa computes (tests/unit/test_tracker.py compares them after every
event of random conversations and of a long screening). Whenever it cannot be sure the old prefix
is intact (another deque, fewer events, a different last event, a bounded deque, a form name not
seen before), it starts over.

It also copies itself without replaying its events (see `copy`), which Rasa does before every action,
and `install()` lets Rasa's forms build their scratch trackers from such a copy.

`as_prescreen_tracker()` gives a tracker this class; the tracker store applies it to every tracker
it hands to Rasa.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from rasa.core.actions.forms import FormAction
from rasa.shared.constants import DEFAULT_SENDER_ID
from rasa.shared.core.constants import ACTIVE_LOOP, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity, TrackerActiveLoop


@dataclass
class _Fold:
    """How far `applied_events` got: the deque it read, how many events, the last one, the result."""

    events: deque
    count: int = 0
    last: Event | None = None
    loop_names: set[str] = field(default_factory=set)
    applied: list[Event] = field(default_factory=list)

    def still_a_prefix_of(self, events: deque) -> bool:
        if events is not self.events or len(events) < self.count:
            return False
        return self.count == 0 or events[self.count - 1] is self.last


class PrescreenTracker(DialogueStateTracker):
    """DialogueStateTracker with an incremental `applied_events()` (same result, less work)."""

    def applied_events(self) -> list[Event]:
        events = self.events
        if events.maxlen is not None:  # a bounded deque drops old events: no stable prefix
            return super().applied_events()
        fold: _Fold | None = self.__dict__.get("_applied_fold")
        usable = fold is not None and fold.still_a_prefix_of(events)
        new_events = list(islice(events, fold.count, None)) if usable else list(events)
        # Rasa checks every form execution against the names of all forms in the conversation,
        # so a form name not seen before can change how earlier events fold: then start over.
        if not usable or not _loop_names(new_events) <= fold.loop_names:
            fold = _Fold(events, loop_names=_loop_names(events))
            self.__dict__["_applied_fold"] = fold
            new_events = list(events)
        for event in new_events:
            self._apply_one(event, fold)
        fold.count, fold.last = len(events), (events[-1] if events else None)
        return list(fold.applied)

    def copy(self) -> DialogueStateTracker:
        """What Rasa's `copy()` gives, without replaying every event into a new tracker.

        Rasa copies the tracker before every action it runs (`travel_back_in_time(inf)`: a new
        tracker, then each event applied again). Rasa's rule for its trackers is that their state
        "MUST be re-creatable by processing all the events", so the state the replay would rebuild
        is the state this tracker holds; this copies it. Not carried, as Rasa's copy does not:
        `model_id`, `assistant_id` and `sender_source`. tests/unit/test_tracker.py compares the
        two copies on random conversations."""
        if self.events.maxlen is not None:
            return super().copy()
        twin = PrescreenTracker(
            self.sender_id or DEFAULT_SENDER_ID, None, is_rule_tracker=self.is_rule_tracker
        )
        twin.slots = type(self.slots)()
        twin.slots.update({name: _copy_slot(slot) for name, slot in self.slots.items()})
        twin.events = deque(self.events)
        twin._paused = self._paused
        twin.followup_action = self.followup_action
        twin.latest_action = copy.copy(self.latest_action)
        twin.latest_message = self.latest_message
        twin.latest_bot_utterance = self.latest_bot_utterance
        twin.active_loop = copy.copy(self.active_loop)  # interrupt_loop() changes it in place
        return twin

    def current_state(self, event_verbosity: EventVerbosity = EventVerbosity.NONE) -> dict[str, Any]:
        """Rasa's `current_state`, with the active form turned into a dict without
        `dataclasses.asdict`, whose generic deep copy of the form's trigger message was about 5 %
        of Rasa's CPU: Rasa builds this state for every call to the action server."""
        loop = self.active_loop
        if type(loop) is not TrackerActiveLoop:
            return super().current_state(event_verbosity)
        self.active_loop = None  # Rasa's method then puts {} there; replaced below
        try:
            state = super().current_state(event_verbosity)
        finally:
            self.active_loop = loop
        state[ACTIVE_LOOP] = _loop_as_dict(loop)
        return state

    def _apply_one(self, event: Event, fold: _Fold) -> None:
        """One step of Rasa's `applied_events` loop, with Rasa's own helpers."""
        if isinstance(event, (Restarted, SessionStarted)):
            fold.applied = []
        elif isinstance(event, ActionReverted):
            self._undo_till_previous(ActionExecuted, fold.applied)
        elif isinstance(event, UserUtteranceReverted):
            self._undo_till_previous(UserUttered, fold.applied)
            self._undo_till_previous(ActionExecuted, fold.applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in fold.loop_names
            and not self._first_loop_execution_or_unhappy_path(event.action_name, fold.applied)
        ):
            self._undo_till_previous_loop_execution(event.action_name, fold.applied)
        else:
            fold.applied.append(event)


def _loop_names(events: Iterable[Event]) -> set[str]:
    return {e.name for e in events if isinstance(e, ActiveLoop) and e.name}


class _NotPlainData(Exception):
    pass


_LOOP_FIELDS = tuple(f.name for f in dataclasses.fields(TrackerActiveLoop))
_ATOMIC_TYPES = frozenset({str, int, float, bool, type(None)})


def _loop_as_dict(loop: TrackerActiveLoop) -> dict[str, Any]:
    """`dataclasses.asdict(loop)`: the same dict, built directly when the loop holds only dicts,
    lists, tuples and JSON scalars (as Rasa's parse data does); anything else goes to `asdict`."""
    try:
        return {name: _plain_copy(getattr(loop, name)) for name in _LOOP_FIELDS}
    except _NotPlainData:
        return dataclasses.asdict(loop)


def _plain_copy(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {_plain_copy(key): _plain_copy(item) for key, item in value.items()}
    if kind is list:
        return [_plain_copy(item) for item in value]
    if kind is tuple:  # Rasa's parse data keeps each token's span as one
        return tuple(_plain_copy(item) for item in value)
    if kind in _ATOMIC_TYPES:  # immutable: asdict's deepcopy returns the object itself
        return value
    raise _NotPlainData


def _copy_slot(slot: Slot) -> Slot:
    """What `copy.copy(slot)` gives (Rasa's slots are plain objects: no __slots__, __copy__ or
    __reduce__ of their own), without copy's generic protocol, which was most of `copy()`'s time."""
    twin = slot.__class__.__new__(slot.__class__)
    twin.__dict__.update(slot.__dict__)
    return twin


def _temporary_tracker(
    form: FormAction, current_tracker: DialogueStateTracker, additional_events: list[Event], domain: Domain
) -> DialogueStateTracker:
    """FormAction's scratch tracker, built from a copy instead of a replay of every event.

    Rasa's form builds it twice per message with `DialogueStateTracker.from_events(events after
    the latest restart + the requested slot + the form's execution + new events, domain's slots)`.
    Without a restart in the conversation and with the domain's slots, that replay ends in the state
    `copy()` gives; the extra events are then applied the same way. Anything else goes to Rasa's code.
    tests/unit/test_tracker.py compares the two."""
    if (
        not isinstance(current_tracker, PrescreenTracker)
        or current_tracker.is_rule_tracker
        or current_tracker.idx_after_latest_restart() != 0
        or set(current_tracker.slots) != {slot.name for slot in domain.slots}
    ):
        return _RASA_TEMPORARY_TRACKER(form, current_tracker, additional_events, domain)
    scratch = current_tracker.copy()
    form_events = [
        SlotSet(REQUESTED_SLOT, form.get_slot_to_fill(current_tracker)),
        ActionExecuted(form.name()),
    ]
    for event in form_events + list(additional_events):
        scratch.update(event, domain)
    return scratch


_RASA_TEMPORARY_TRACKER = FormAction._temporary_tracker


def install() -> None:
    """Make Rasa's forms build their scratch trackers by copying (idempotent)."""
    FormAction._temporary_tracker = _temporary_tracker  # type: ignore[method-assign]


def as_prescreen_tracker(tracker: DialogueStateTracker | None) -> DialogueStateTracker | None:
    """Give a tracker built by Rasa (always a plain DialogueStateTracker) the incremental method.

    Changing `__class__` keeps the object, its events and slots as they are; only the method
    differs, and it returns what Rasa's returns."""
    if tracker is not None and type(tracker) is DialogueStateTracker:
        tracker.__class__ = PrescreenTracker
    return tracker
