"""JSON: a list of leads, each with its contact details, per-criterion results, the answers as given
(value, unit, the person's words, the question as shown, when), the consents with their wording, and
the coordinators' events. One lead per line inside the list (valid JSON, and easy to grep or diff),
written one lead at a time, so large exports use little memory."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.leads.service import LeadView

BINARY = False


def write(views: Iterable[LeadView], stream: IO[str]) -> int:
    count = 0
    stream.write("[")
    for view in views:
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(plain(view), ensure_ascii=False, default=_iso))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def plain(view: LeadView) -> dict[str, Any]:
    """The view's fields as they are (no copies: pydantic's .json() would copy every criterion and
    answer first, which triples the time of a large export). Field order is the model's."""
    return {
        **view.__dict__,
        "contact": view.contact.__dict__,
        "events": [event.__dict__ for event in view.events],
    }


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
