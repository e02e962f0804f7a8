"""XLSX: sheet "Leads" (one row per lead, the CSV's columns) and sheet "Criteria" (one row per lead
and criterion: status, reason, protocol sentence).

Excel runs formulas too, so text cells get the CSV's neutralisation; characters that XLSX cannot
hold at all (control characters other than tab, newline and carriage return) are dropped. Times are
real Excel date-times in UTC (Excel has no time zones; the headers say UTC).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bot.leads.exports.csv_export import HEADERS, lead_row, neutralise

if TYPE_CHECKING:
    from bot.leads.service import LeadView

BINARY = True
CRITERIA_HEADERS = [
    "lead_id",
    "trial_id",
    "criterion_id",
    "kind",
    "status",
    "to_be_confirmed_by_study_team",
    "reason",
    "protocol_ref",
    "protocol_text",
]


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # already UTC
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def criteria_rows(view: LeadView) -> Iterable[list[Any]]:
    for c in view.criteria:
        yield [
            view.id,
            view.trial_id,
            c.get("criterion_id"),
            c.get("kind"),
            c.get("status"),
            "yes" if c.get("to_be_confirmed_by_study_team") else "no",
            c.get("reason"),
            c.get("protocol_ref"),
            c.get("protocol_text"),
        ]


def write(views: Iterable[LeadView], stream: IO[bytes]) -> int:
    book = Workbook(write_only=True)  # streams rows to disk: flat memory for large exports
    leads = book.create_sheet("Leads")
    criteria = book.create_sheet("Criteria")
    leads.append(HEADERS)
    criteria.append(CRITERIA_HEADERS)
    count = 0
    for view in views:
        leads.append([_cell(v) for v in lead_row(view)])
        for row in criteria_rows(view):
            criteria.append([_cell(v) for v in row])
        count += 1
    book.save(stream)
    return count
