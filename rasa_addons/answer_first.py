"""Inside the screening, a message that answers the question asked *is* the answer.

NLU reads each message alone: "no problem, I can do that" looks like thanks, "relapsed after my
transplant" like a request for medical advice. Rasa's rules then answer the interruption and ask
the question again, and the person can be stuck in that loop. This layer looks at the message once
NLU has classified it: when the form is asking a screening question (or reading an answer back),
and the words answer that question (`bot.understanding.is_an_answer`), the intent becomes `inform`,
so the form's validator takes it as the answer. The same holds when the form asks which study, and
the message names one ("巨核细胞的研究" is not a question about other studies). Commands (stop,
start over, go back, a person) are never changed.

The same wrapper first notes the conversation's language (conversation_language.py), so that the
reply chosen for this message is in it.

Switch: PRESCREEN_ANSWER_FIRST=0 leaves Rasa's parse untouched. Installed by
rasa_addons.tracker_store, with a guard on the method it wraps (Rasa 3.6's
`MessageProcessor.parse_message(message, tracker, only_output_properties)`).
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
from typing import Any

from rasa.core.processor import MessageProcessor

from bot.conversation import FORM, QUESTION_SLOT, READ_BACK_SLOT, choose_trials, screening_date
from bot.text import LANGUAGE_SLOT
from bot.trials import load_trials
from bot.understanding import HARD_COMMANDS, is_an_answer
from rasa_addons.conversation_language import note_language

logger = logging.getLogger(__name__)
ANSWER_INTENT = "inform"
_RASA_PARSE_MESSAGE = MessageProcessor.parse_message


def enabled() -> bool:
    return os.environ.get("PRESCREEN_ANSWER_FIRST", "1").strip() not in ("0", "false", "no", "off")


def answer_first(parse_data: dict[str, Any], tracker: Any) -> dict[str, Any]:
    """`parse_data` with the intent set to `inform` when the message answers the question asked."""
    if tracker is None or tracker.active_loop_name != FORM:
        return parse_data
    requested = tracker.get_slot("requested_slot")
    intent = (parse_data.get("intent") or {}).get("name")
    if requested not in (QUESTION_SLOT, TRIALS_SLOT) or intent == ANSWER_INTENT:
        return parse_data
    if requested == TRIALS_SLOT:  # "巨核细胞的研究" names a study: not a question about other studies
        answered = (
            intent not in HARD_COMMANDS and choose_trials(parse_data.get("text") or "", _trials()) is not None
        )
    else:
        answered = _answers_the_question(parse_data, tracker, intent)
    if not answered:
        return parse_data
    changed = dict(parse_data)
    changed["intent"] = {"name": ANSWER_INTENT, "confidence": 1.0}
    changed["answer_first"] = {"nlu_intent": intent}
    return changed


TRIALS_SLOT = "chosen_trials"


@functools.cache
def _trials() -> tuple:
    return tuple(load_trials())


def _answers_the_question(parse_data: dict[str, Any], tracker: Any, intent: str | None) -> bool:  # noqa: ANN401
    return is_an_answer(
        tracker.get_slot("current_question"),
        parse_data.get("text") or "",
        intent,
        screening_date(),
        reading_back=bool(tracker.get_slot(READ_BACK_SLOT)),
        proxy=tracker.get_slot("answering_for") == "proxy",
        language=tracker.get_slot(LANGUAGE_SLOT) or "en",  # "mei you" answers in a Chinese conversation
    )


@functools.wraps(_RASA_PARSE_MESSAGE)
async def parse_message(self, message, tracker=None, only_output_properties: bool = True):
    parse_data = await _RASA_PARSE_MESSAGE(self, message, tracker, only_output_properties)
    try:
        note_language(message, tracker)  # before any reply is chosen: the greeting is in it already
    except Exception as error:  # noqa: BLE001 - the conversation carries on in the language it had
        logger.warning("language not noted: %s", type(error).__name__)
    if not enabled():
        return parse_data
    try:
        return answer_first(parse_data, tracker)
    except Exception as error:  # never let this layer cost a reply: Rasa's reading stands
        logger.warning("answer-first check skipped: %s", type(error).__name__)
        return parse_data


def install() -> None:
    """Wrap Rasa's parse_message (idempotent); a different signature leaves Rasa's alone."""
    if MessageProcessor.parse_message is parse_message:
        return
    expected = ["self", "message", "tracker", "only_output_properties"]
    if list(inspect.signature(_RASA_PARSE_MESSAGE).parameters) != expected:
        logger.warning("answer-first layer not installed: Rasa's parse_message has changed")
        return
    MessageProcessor.parse_message = parse_message  # type: ignore[method-assign]
