"""Logs without people's words: no message text, slot value or tracker state in any log line.

Rasa and rasa_sdk log what people typed in three ways, all closed here:
- structlog events with the message as a field (Rasa's REST channel logs `text=` the whole message
  when handling it fails: a 20 MB message became a 20 MB log line). `structlog_processor` keeps
  only the fields in SAFE_FIELDS and names the others it withheld.
- exceptions: an exception's message can hold anything (the action server's error reply, with the
  whole tracker, becomes the message of the aiohttp error Rasa logs; a parse error quotes its
  input), and structlog's JSON tracebacks add every frame's local variables. Every exception is
  logged as its type and its frames (file, line, function, source line), never its message or
  locals, and a message that quotes the exception being handled has that quote withheld. Our own
  exceptions whose messages only name settings or files say so (`log_message_is_safe = True`).
- long lines: any log message is cut at MAX_MESSAGE_CHARS.
Errors name the conversation (`conversation=...`) when one is being handled: the tracker store
(Rasa) and the action executor (action server) set `conversation_id`.

`install()` is idempotent. It wraps logging's record factory, so every record of every logger
passes through `PeopleWordsFilter` whatever handlers Rasa, Sanic or rasa_sdk add later, and adds
the processor to structlog's configuration in place (loggers that already cached it see it too).
Rasa installs it from rasa_addons/tracker_store.py, the action server from actions/__init__.py.
Debug logging (`--debug`) is not covered: Rasa then logs whole trackers by design; never use it
with real people.
"""

from __future__ import annotations

import contextvars
import logging
import sys
import traceback
from typing import Any

MAX_MESSAGE_CHARS = 1000
WITHHELD = "<withheld>"

conversation_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "prescreen_log_conversation_id", default=None
)

SAFE_FIELDS = frozenset(
    {
        # structlog's own and Rasa's HumanConsoleRenderer's
        "event", "event_key", "event_info", "level", "log_level", "timestamp", "logger",
        # names, never values
        "sender_id", "conversation", "action_name", "intent_name", "policy_name", "slot_name",
        "placeholder_key", "event_type", "status", "exception", "withheld",
    }
)  # fmt: skip


def safe_traceback(error: BaseException) -> str:
    """The exception's type and frames, with its causes, as Python prints them, but without any
    exception's message (`ValueError: <withheld>`) and without local variables."""
    chain: list[tuple[BaseException, str]] = []  # (exception, how it follows the one before)
    link = ""
    current: BaseException | None = error
    while current is not None and all(current is not e for e, _ in chain):
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    parts = []
    for index in range(len(chain) - 1, -1, -1):  # Python prints the root cause first
        exception, _ = chain[index]
        frames = traceback.format_list(traceback.extract_tb(exception.__traceback__))
        head = "Traceback (most recent call last):\n" + "".join(frames) if frames else ""
        parts.append(f"{head}{_type_name(exception)}: {_message(exception)}")
        if index > 0:
            parts.append(chain[index][1])
    return "\n".join(parts)


_CAUSE = "\nThe above exception was the direct cause of the following exception:\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n"


def _message(error: BaseException) -> str:
    return _cut(str(error)) if getattr(error, "log_message_is_safe", False) is True else WITHHELD


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def _exceptions(error: BaseException | None) -> list[BaseException]:
    found: list[BaseException] = []
    while error is not None and error not in found:
        found.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return found


def _without_quotes(text: str, errors: list[BaseException]) -> str:
    """The text with any quote of these exceptions' messages withheld."""
    for error in errors:
        if getattr(error, "log_message_is_safe", False) is True:
            continue
        for quoted in {str(error), repr(error), *(str(arg) for arg in error.args)}:
            if len(quoted) >= 4 and quoted in text:
                text = text.replace(quoted, f"{_type_name(error)}: {WITHHELD}")
    return text


def _cut(text: str) -> str:
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return f"{text[:MAX_MESSAGE_CHARS]}... [{len(text) - MAX_MESSAGE_CHARS} characters withheld]"


class PeopleWordsFilter(logging.Filter):
    """Rewrites a record so it holds no exception message, local variable or long text."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        error = exc_info[1] if isinstance(exc_info, tuple) else None
        handled = sys.exc_info()[1]
        errors = _exceptions(error) + [e for e in _exceptions(handled) if e not in _exceptions(error)]
        if error is not None:
            record.exc_text = safe_traceback(error)
            record.exc_info = None
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: keep the template only
            message = str(record.msg)
        message = _cut(_without_quotes(message, errors))
        conversation = conversation_id.get()
        if record.levelno >= logging.ERROR and conversation and conversation not in message:
            message += f" (conversation={conversation})"
        record.msg, record.args = message, ()
        return True


_FILTER = PeopleWordsFilter()


def structlog_processor(_logger: Any, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Keep only SAFE_FIELDS; an exception becomes its safe traceback (no message, no locals)."""
    exc_info = event_dict.pop("exc_info", None)
    if exc_info:
        if exc_info is True:
            exc_info = sys.exc_info()
        error = exc_info if isinstance(exc_info, BaseException) else exc_info[1]
        if isinstance(error, BaseException):
            event_dict["exception"] = safe_traceback(error)
    withheld = sorted(key for key in event_dict if key not in SAFE_FIELDS)
    for key in withheld:
        del event_dict[key]
    if withheld:
        event_dict["withheld"] = withheld
    for key in ("event", "event_info"):
        if isinstance(event_dict.get(key), str):
            event_dict[key] = _cut(event_dict[key])
    if conversation_id.get() and "sender_id" not in event_dict:
        event_dict["conversation"] = conversation_id.get()
    return event_dict


def install() -> None:
    """Route every log record through PeopleWordsFilter and add the structlog processor."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "_prescreen_private", False):

        def private_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = factory(*args, **kwargs)
            _FILTER.filter(record)
            return record

        private_record._prescreen_private = True  # type: ignore[attr-defined]
        private_record._prescreen_wrapped = factory  # type: ignore[attr-defined]
        logging.setLogRecordFactory(private_record)
    _install_structlog_processor()


def uninstall() -> None:
    """Undo `install` (tests)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "_prescreen_private", False):
        logging.setLogRecordFactory(factory._prescreen_wrapped)  # type: ignore[attr-defined]
    try:
        import structlog
    except ImportError:
        return
    processors = structlog.get_config()["processors"]
    while structlog_processor in processors:
        processors.remove(structlog_processor)


def _install_structlog_processor() -> None:
    try:
        import structlog
        from structlog.dev import set_exc_info
    except ImportError:
        return
    processors = structlog.get_config()["processors"]  # the configured list itself: changed in place
    if structlog_processor in processors:
        return
    # After set_exc_info (which marks `.exception()` calls), before the renderers.
    at = processors.index(set_exc_info) + 1 if set_exc_info in processors else max(len(processors) - 1, 0)
    processors.insert(at, structlog_processor)
