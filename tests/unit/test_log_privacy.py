"""Logs hold names and exception types, never what people typed (bot/log_privacy.py).

Each test logs the way Rasa or rasa_sdk does on one of its error paths, with a canary in the
message, the exception or the structlog fields, and searches the output for it.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import log_privacy

CANARY = "Qzcanary Zyxwelt +8613912345678"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    log_privacy.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)
    log_privacy.uninstall()


def test_an_exception_is_logged_as_its_type_and_frames_never_its_message(output):
    logger = logging.getLogger("rasa.core.processor")
    try:
        try:
            raise KeyError(CANARY)
        except KeyError as error:
            raise RuntimeError(f"action server replied {{'tracker': {{'text': '{CANARY}'}}}}") from error
    except RuntimeError:
        logger.exception("Encountered an exception while running action 'prescreen_form'.")
    text = output.getvalue()
    assert "Qzcanary" not in text
    assert "KeyError: <withheld>" in text and "RuntimeError: <withheld>" in text
    assert "direct cause" in text and "test_log_privacy.py" in text  # the frames stay


def test_a_message_quoting_the_exception_being_handled_has_the_quote_withheld(output):
    # rasa/core/channels/*.py: logger.error(f"Exception when trying to handle message.{e}")
    try:
        raise ValueError(f"cannot parse {CANARY!r}")
    except ValueError as e:
        logging.getLogger("rasa.core.channels.slack").error(f"Exception when trying to handle message.{e}")
    assert "Qzcanary" not in output.getvalue()
    assert "Exception when trying to handle message.ValueError: <withheld>" in output.getvalue()


def test_errors_name_the_conversation_being_handled(output):
    token = log_privacy.conversation_id.set("conv-42")
    try:
        logging.getLogger("rasa_sdk.endpoint").error("Exception occurred during execution of request")
        logging.getLogger("rasa_sdk.endpoint").info("Starting plugins...")
    finally:
        log_privacy.conversation_id.reset(token)
    first, second = output.getvalue().splitlines()
    assert first.endswith("(conversation=conv-42)") and "conv-42" not in second


def test_a_long_message_is_cut(output):
    logging.getLogger("sanic.error").warning("payload: " + "x" * 50_000 + CANARY)
    line = output.getvalue()
    assert "Qzcanary" not in line and len(line) < log_privacy.MAX_MESSAGE_CHARS + 100


def test_rasas_rest_channel_failure_logs_no_text(caplog):
    # rasa/core/channels/rest.py logs the whole message when handling it fails:
    #   structlogger.exception("rest.message.received.failure", text=copy.deepcopy(text))
    # with Rasa's own structlog configuration (JSON lines when not on a terminal).
    import structlog
    from rasa.utils.log_utils import configure_structlog

    saved = structlog.get_config()
    caplog.set_level(logging.INFO)
    configure_structlog(logging.INFO)
    log_privacy.install()
    try:
        logger = structlog.get_logger()
        try:
            raise ValueError(CANARY)
        except ValueError:
            logger.exception("rest.message.received.failure", text=CANARY * 1000, sender_id="conv-7")
    finally:
        log_privacy.uninstall()
        structlog.configure(**saved)
    line = next(r.getMessage() for r in caplog.records if "rest.message" in r.getMessage())
    assert "Qzcanary" not in line
    logged = json.loads(line)
    assert logged["event"] == "rest.message.received.failure" and logged["sender_id"] == "conv-7"
    assert logged["withheld"] == ["text"]
    assert "ValueError: <withheld>" in logged["exception"]


def test_an_exception_that_names_only_settings_keeps_its_message(output):
    from bot.leads.notify_config import NotificationConfigError

    try:
        raise NotificationConfigError(["config/notifications.yml: trials.xj-mk-002.emails must be a list"])
    except NotificationConfigError as error:
        logging.getLogger("bot.leads.notify").error("saved without notifications: %s", error)
        logging.getLogger("bot.leads.notify").exception("and with its traceback")
    text = output.getvalue()
    assert "saved without notifications: config/notifications.yml: trials.xj-mk-002.emails" in text
    assert "NotificationConfigError: config/notifications.yml: trials.xj-mk-002.emails" in text
