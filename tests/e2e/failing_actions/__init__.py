"""Test only: the real actions, except that reading back the contact details raises.

`rasa_sdk --actions tests.e2e.failing_actions` (tests/e2e/test_no_health_data_in_logs.py) serves
every production action (importing `actions` registers them, and installs the log filter as in
production), but the read-back raises an error whose message quotes the person's contact details,
so the test can check that neither server logs them. Nothing outside tests/ imports this package.
"""

from __future__ import annotations

from typing import Any

import actions.actions  # noqa: F401 - registers every production action, installs the log filter
from actions.ask import ActionAskContactConfirmed


class ReadBackFailed(RuntimeError):
    pass


async def _raise_quoting_the_details(self, dispatcher, tracker, domain) -> list[Any]:  # noqa: ANN001
    details = {slot: tracker.get_slot(slot) for slot in ("contact_name", "contact_phone", "contact_email")}
    raise ReadBackFailed(f"could not read back {details} for {tracker.latest_message.get('text')!r}")


ActionAskContactConfirmed.run = _raise_quoting_the_details
