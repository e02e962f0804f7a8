"""PrescreenTracker.applied_events() returns exactly what Rasa's own method returns, however the
events arrive: one at a time, in batches, after a restart, with rewinds and forms, or in a new deque."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.actions.forms import FormAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.slots import AnySlot
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

import rasa_addons.tracker
from rasa_addons.tracker import PrescreenTracker, as_prescreen_tracker

FORM, OTHER_FORM = "prescreen_form", "other_form"

# Every kind of event that changes how Rasa folds the history, and a few that do not.
EVENT_MAKERS = [
    lambda: UserUttered("yes", {"name": "affirm", "confidence": 1.0}),
    lambda: ActionExecuted("action_listen"),
    lambda: ActionExecuted(FORM),
    lambda: ActionExecuted(OTHER_FORM),
    lambda: ActionExecuted("action_explain_why"),
    lambda: ActiveLoop(FORM),
    lambda: ActiveLoop(OTHER_FORM),
    lambda: ActiveLoop(None),
    lambda: ActionExecutionRejected(FORM),
    lambda: ActionReverted(),
    lambda: UserUtteranceReverted(),
    lambda: Restarted(),
    lambda: SessionStarted(),
    lambda: SlotSet("requested_slot", "current_answer"),
    lambda: BotUttered("How old are you?"),
]

event_lists = st.lists(st.sampled_from(range(len(EVENT_MAKERS))), max_size=60).map(
    lambda picks: [EVENT_MAKERS[i]() for i in picks]
)


def rasa_applied(events) -> list:
    """What Rasa 3.6 itself computes for these events."""
    return DialogueStateTracker.from_events("someone", list(events)).applied_events()


def add(tracker, events) -> None:
    for event in events:
        tracker.update(event)


def a_screening_turn() -> list:
    return [
        UserUttered("72", {"name": "inform", "confidence": 0.9}),
        SlotSet("current_answer", "72"),
        ActionExecuted(FORM),
        SlotSet("answers", {"age": 72}),
        SlotSet("requested_slot", "current_answer"),
        ActionExecuted("action_ask_current_answer"),
        BotUttered("Have you had a platelet transfusion?"),
        ActionExecuted("action_listen"),
    ]


@settings(max_examples=300, deadline=None)
@given(event_lists, st.lists(st.booleans(), max_size=60))
def test_same_result_as_rasa_after_every_event(events, ask_after):
    tracker = PrescreenTracker("someone", None)
    for index, event in enumerate(events):
        tracker.update(event)
        if index < len(ask_after) and ask_after[index]:
            assert tracker.applied_events() == rasa_applied(tracker.events)
    assert tracker.applied_events() == rasa_applied(tracker.events)


@settings(max_examples=100, deadline=None)
@given(event_lists, event_lists)
def test_same_result_when_the_events_are_replaced_or_copied(first, second):
    tracker = PrescreenTracker.from_events("someone", first)
    tracker.applied_events()
    copied = copy.deepcopy(tracker)
    tracker.events = tracker._create_events(second)  # what Rasa's own resets do
    assert tracker.applied_events() == rasa_applied(second)
    for event in second:
        copied.update(event)
    assert copied.applied_events() == rasa_applied([*first, *second])


def test_a_long_screening_with_a_form_matches_rasa():
    tracker = PrescreenTracker("someone", None)
    opening = [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"}), ActionExecuted(FORM)]
    add(tracker, [*opening, ActiveLoop(FORM)])
    for _ in range(40):
        add(tracker, a_screening_turn())
        assert tracker.applied_events() == rasa_applied(tracker.events)
    # An interruption ("why do you ask?") is an unhappy path: the form is rejected, then resumes.
    why = UserUttered("why?", {"name": "ask_why"})
    add(tracker, [why, ActionExecutionRejected(FORM), ActionExecuted("action_explain_why")])
    add(tracker, a_screening_turn())
    assert tracker.applied_events() == rasa_applied(tracker.events)


def test_the_caller_cannot_change_the_remembered_result():
    tracker = PrescreenTracker.from_events("someone", a_screening_turn())
    tracker.applied_events().clear()
    assert tracker.applied_events() == rasa_applied(tracker.events)


def test_a_new_form_name_later_on_refolds_the_history():
    # Rasa treats an execution of a form as a loop only once the conversation names that form.
    early = [UserUttered("hi"), ActionExecuted(OTHER_FORM), ActionExecuted(OTHER_FORM)]
    tracker = PrescreenTracker.from_events("someone", early)
    assert tracker.applied_events() == rasa_applied(early)
    tracker.update(ActiveLoop(OTHER_FORM))
    assert tracker.applied_events() == rasa_applied(tracker.events)
    assert tracker.applied_events() != [*rasa_applied(early), tracker.events[-1]]


def test_a_bounded_history_falls_back_to_rasa():
    tracker = PrescreenTracker("someone", None, max_event_history=5)
    for event in a_screening_turn() * 2:
        tracker.update(event)
        assert tracker.applied_events() == rasa_applied(tracker.events)


def test_as_prescreen_tracker_keeps_the_object_and_its_state():
    plain = DialogueStateTracker.from_events("someone", a_screening_turn())
    slots_before = plain.current_slot_values()
    same = as_prescreen_tracker(plain)
    assert same is plain and isinstance(same, PrescreenTracker)
    assert same.current_slot_values() == slots_before
    assert as_prescreen_tracker(None) is None


# copy(): the same tracker Rasa's copy (a replay of every event into a new tracker) gives.
SLOT_EVENTS = [
    lambda: SlotSet("answers", {"age": {"value": 47}}),
    lambda: SlotSet("current_question", "age"),
    lambda: SlotSet("current_question", None),
    lambda: AllSlotsReset(),
    lambda: LoopInterrupted(True),
    lambda: LoopInterrupted(False),
    lambda: FollowupAction("action_explain_why"),
    lambda: ConversationPaused(),
    lambda: ConversationResumed(),
]
copy_event_lists = st.lists(st.sampled_from(range(len(EVENT_MAKERS) + len(SLOT_EVENTS))), max_size=50).map(
    lambda picks: [(EVENT_MAKERS + SLOT_EVENTS)[i]() for i in picks]
)
DOMAIN_SLOTS = [AnySlot("answers", mappings=[]), AnySlot("current_question", mappings=[])]


def state_of(tracker) -> dict:  # noqa: ANN001
    return {
        "state": tracker.current_state(EventVerbosity.ALL),
        "slots": {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()},
        "active_loop": tracker.active_loop,
        "latest_message": tracker.latest_message,
        "latest_bot_utterance": tracker.latest_bot_utterance,
        "is_rule_tracker": tracker.is_rule_tracker,
        "model_id": tracker.model_id,
        "assistant_id": tracker.assistant_id,
        "sender_source": tracker.sender_source,
    }


@settings(max_examples=300, deadline=None)
@given(copy_event_lists, copy_event_lists)
def test_copy_equals_rasas_copy_and_is_independent(events, later):
    tracker = PrescreenTracker.from_events("someone", events, slots=DOMAIN_SLOTS)
    tracker.model_id, tracker.assistant_id = "model-1", "assistant-1"
    original = state_of(tracker)
    ours, rasas = tracker.copy(), DialogueStateTracker.copy(tracker)
    assert state_of(ours) == state_of(rasas)
    for event in later:  # what the processor does with its copy
        ours.update(event)
        rasas.update(copy.deepcopy(event))
    assert state_of(ours) == state_of(rasas)
    assert ours.applied_events() == rasas.applied_events()
    assert state_of(tracker) == original, "changing the copy left the original alone"


# The form's scratch tracker: the same as Rasa's replay.
FORM_DOMAIN = Domain.from_yaml(
    """
    version: "3.1"
    slots:
      answers: {type: any, mappings: [{type: custom}]}
      current_question: {type: any, mappings: [{type: custom}]}
    forms:
      prescreen_form:
        required_slots: [current_question]
    """
)


@settings(max_examples=200, deadline=None)
@given(copy_event_lists, copy_event_lists)
def test_the_forms_scratch_tracker_equals_rasas(events, new_events):
    form = FormAction(FORM, None)
    tracker = PrescreenTracker.from_events("someone", events, slots=FORM_DOMAIN.slots)
    ours = rasa_addons.tracker._temporary_tracker(form, tracker, list(new_events), FORM_DOMAIN)
    rasas = rasa_addons.tracker._RASA_TEMPORARY_TRACKER(form, tracker, copy.deepcopy(new_events), FORM_DOMAIN)
    # Both add a requested-slot and a form event of their own: equal but for the clock.
    assert without_times(state_of(ours)) == without_times(state_of(rasas))
    assert ours.applied_events() == rasas.applied_events()


def without_times(value):  # noqa: ANN001
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k not in ("timestamp", "latest_event_time")}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def test_a_slot_copy_is_what_copy_copy_gives_for_every_slot_type():
    from rasa.shared.core.slots import BooleanSlot, CategoricalSlot, FloatSlot, ListSlot, TextSlot

    slots = [
        AnySlot("a", mappings=[], initial_value={"x": 1}),
        TextSlot("t", mappings=[{"type": "from_text"}]),
        BooleanSlot("b", mappings=[]),
        FloatSlot("f", mappings=[], max_value=10.0),
        ListSlot("l", mappings=[]),
        CategoricalSlot("c", mappings=[], values=["yes", "no"]),
    ]
    for slot in slots:
        slot.value = slot.value  # marks it as set
        ours, theirs = rasa_addons.tracker._copy_slot(slot), copy.copy(slot)
        assert type(ours) is type(theirs) and ours is not slot
        assert vars(ours) == vars(theirs)


# current_state: the active form as a dict, built without dataclasses.asdict.
STATE_EVENTS = [
    lambda: UserUttered(
        "I'm 47 and my platelets are 70",
        {"name": "inform", "confidence": 0.93},
        entities=[{"entity": "age", "value": 47, "start": 4, "end": 6, "extractor": "x"}],
        parse_data={
            "intent_ranking": [{"name": "inform", "confidence": 0.93}],
            "text": "I'm 47",
            "text_tokens": [(0, 3), (4, 6)],  # as Rasa's NLU gives them
        },
    ),
    lambda: UserUttered("why?", {"name": "ask_why", "confidence": 0.8}, metadata={"nested": {"a": [1, 2.5]}}),
]
state_event_lists = st.lists(
    st.sampled_from(range(len(EVENT_MAKERS) + len(SLOT_EVENTS) + len(STATE_EVENTS))), max_size=50
).map(lambda picks: [(EVENT_MAKERS + SLOT_EVENTS + STATE_EVENTS)[i]() for i in picks])


@settings(max_examples=200, deadline=None)
@given(state_event_lists, st.sampled_from(list(EventVerbosity)))
def test_current_state_equals_rasas(events, verbosity):
    tracker = PrescreenTracker.from_events("someone", events, slots=DOMAIN_SLOTS)
    ours = tracker.current_state(verbosity)
    assert ours == DialogueStateTracker.current_state(tracker, verbosity)
    assert tracker.current_state(verbosity) == ours  # and the tracker's own loop is back in place
    if tracker.active_loop and tracker.active_loop.trigger_message:
        ours["active_loop"]["trigger_message"]["text"] = "changed"  # a copy, as asdict gives
        assert tracker.active_loop.trigger_message.get("text") != "changed"


def test_an_active_form_holding_other_kinds_of_data_is_left_to_asdict():
    tracker = PrescreenTracker.from_events(
        "someone", [STATE_EVENTS[0](), ActiveLoop(FORM)], slots=DOMAIN_SLOTS
    )
    tracker.active_loop.trigger_message["ranking"] = {"inform"}  # a set: not JSON-plain
    ours = tracker.current_state()
    assert ours == DialogueStateTracker.current_state(tracker)
    assert ours["active_loop"]["trigger_message"]["ranking"] == {"inform"}


def test_rasas_parse_data_takes_the_direct_path(monkeypatch):
    """Token spans are tuples in Rasa's parse data: they must not send every call to asdict."""
    tracker = PrescreenTracker.from_events(
        "someone", [STATE_EVENTS[0](), ActiveLoop(FORM)], slots=DOMAIN_SLOTS
    )

    def refuse(_loop):  # noqa: ANN001
        raise AssertionError("fell back to dataclasses.asdict")

    monkeypatch.setattr(rasa_addons.tracker.dataclasses, "asdict", refuse)
    state = tracker.current_state()
    assert state["active_loop"]["trigger_message"]["text_tokens"] == [(0, 3), (4, 6)]
