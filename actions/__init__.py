"""Thin rasa_sdk adapters over `bot/`: read slots, call bot/, turn results into events and replies.

No eligibility or parsing logic lives here; user-facing wording lives in domain.yml and the data
files under bot/ (questions, glossary, trial texts), never in Python.

No message text, slot value or tracker state in the action server's logs (bot/log_privacy.py);
errors name the conversation being handled.
"""

from rasa_sdk.executor import ActionExecutor

from bot import log_privacy

log_privacy.install()
_run_action = ActionExecutor.run


async def _run_naming_the_conversation(self: ActionExecutor, action_call: dict):  # noqa: ANN202
    log_privacy.conversation_id.set(str(action_call.get("sender_id") or "") or None)
    return await _run_action(self, action_call)


if not getattr(ActionExecutor.run, "_names_conversation", False):
    _run_naming_the_conversation._names_conversation = True  # type: ignore[attr-defined]
    ActionExecutor.run = _run_naming_the_conversation
