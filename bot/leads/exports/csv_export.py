"""CSV: one row per lead, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return that hides one) as a
formula, so a contact name such as `=HYPERLINK("http://evil", "click")` could run or leak data when
a coordinator opens the file. `neutralise` puts a single quote in front of such cells, which makes
them plain text (OWASP's advice). A phone number "+86 139..." is therefore written "'+86 139...".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.leads.service import LeadView

BINARY = False
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADERS = [
    "lead_id",
    "conversation_id",
    "trial_id",
    "protocol_version",
    "outcome",
    "status",
    "created_at_utc",
    "updated_at_utc",
    "answered_by_proxy",
    "relation",
    "conversation_language",
    "name",
    "phone",
    "email",
    "preferred_time",
    "contact_language",
    "still_unknown",
    "to_confirm_by_study_team",
    "not_met",
]


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, made plain text with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def lead_row(view: LeadView) -> list[Any]:
    """The values of one lead, in HEADERS order (times as aware UTC datetimes, criteria as "a; b")."""
    contact = view.contact
    return [
        view.id,
        view.conversation_id,
        view.trial_id,
        view.protocol_version,
        view.outcome,
        view.status,
        view.created_at,
        view.updated_at,
        "yes" if view.answered_by_proxy else "no",
        view.relation,
        view.conversation_language,
        contact.name,
        contact.phone,
        contact.email,
        contact.preferred_time,
        contact.language,
        "; ".join(view.criteria_ids("unknown")),
        "; ".join(view.criteria_ids("to_confirm")),
        "; ".join(view.criteria_ids("not_met")),
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return neutralise(value)


def write(views: Iterable[LeadView], stream: IO[str]) -> int:
    out = csv.writer(stream)
    out.writerow(HEADERS)
    count = 0
    for view in views:
        out.writerow([_cell(v) for v in lead_row(view)])
        count += 1
    return count
