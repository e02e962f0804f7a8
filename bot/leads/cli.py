"""`python -m bot leads ...`: the coordinators' commands for leads. A thin layer over
`bot.leads.service`, which the dashboard calls too.

    leads list   [filters] [--limit N] [--json]    newest first: id, created, trial, outcome, status, lang
    leads show   LEAD_ID                            criteria, answers in the person's words, consents, events
    leads status LEAD_ID NEW_STATUS [--note TEXT] [--by NAME]
    leads note   LEAD_ID TEXT [--by NAME]
    leads export --format csv|xlsx|json|fhir --out PATH [filters] [--by NAME] [--progress]
    leads funnel [--trial ID] [--language en|zh] [--since DAY] [--until DAY] [--json]
                                                    conversations per step; top exclusions

Filters: --trial (id or registry id), --outcome, --status, --language (the conversation's: en or
zh), --since and --until (YYYY-MM-DD, UTC days,
both included). Bad input raises service.LeadsError, which `bot.cli.main` prints with exit code 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import textwrap
from pathlib import Path

from bot.answer_record import answer_in_words
from bot.leads import funnel, service
from bot.leads.models import LEAD_STATUSES
from bot.leads.privacy_cli import add_privacy_commands

MARKS = {"met": "✓", "not_met": "✗", "unknown": "?", "not_applicable": "–"}
WIDTH = 100


def add_leads_commands(commands) -> None:  # noqa: ANN001 - an argparse subparsers action
    """Add the `leads` command group (and, through privacy_cli, erase and purge)."""
    leads = commands.add_parser("leads", help="list, show, update and export leads")
    leads_commands = leads.add_subparsers(dest="leads_command", required=True, metavar="LEADS_COMMAND")

    listing = leads_commands.add_parser("list", help="list leads, newest first")
    _add_filters(listing)
    listing.add_argument("--limit", type=int, default=50, help="show at most N leads (default 50; 0: all)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    show = leads_commands.add_parser("show", help="one lead in full, contact details included")
    show.add_argument("lead_id", metavar="LEAD_ID")
    show.set_defaults(handler=cmd_show)

    status = leads_commands.add_parser("status", help="move a lead to another status")
    status.add_argument("lead_id", metavar="LEAD_ID")
    status.add_argument("new_status", metavar="NEW_STATUS", help=", ".join(LEAD_STATUSES))
    status.add_argument("--note", help="why, or what happened")
    _add_actor(status)
    status.set_defaults(handler=cmd_status)

    note = leads_commands.add_parser("note", help="add a note to a lead")
    note.add_argument("lead_id", metavar="LEAD_ID")
    note.add_argument("text", metavar="TEXT")
    _add_actor(note)
    note.set_defaults(handler=cmd_note)

    export = leads_commands.add_parser("export", help="export leads to a file (audited)")
    export.add_argument("--format", required=True, choices=service.EXPORT_FORMATS, dest="fmt")
    export.add_argument("--out", required=True, type=Path, help="file to write (replaced when complete)")
    _add_filters(export)
    _add_actor(export)
    export.add_argument(
        "--progress", action="store_true", help="show a progress bar (default: on a terminal)"
    )
    export.set_defaults(handler=cmd_export)

    counts = leads_commands.add_parser(
        "funnel", help="how many conversations reached each step, and the criteria that excluded most"
    )
    counts.add_argument("--trial", help="one trial id or registry id (default: every trial)")
    counts.add_argument("--language", help="only conversations held in this language: en or zh")
    counts.add_argument("--since", help="from this day, YYYY-MM-DD (UTC)")
    counts.add_argument("--until", help="up to and including this day, YYYY-MM-DD (UTC)")
    counts.add_argument("--json", action="store_true", help="print JSON")
    counts.set_defaults(handler=cmd_funnel)

    add_privacy_commands(leads_commands)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trial", help="trial id or registry id, e.g. xj-mk-002 or NCT07110090")
    parser.add_argument("--outcome", help="likely_eligible, needs_review or not_eligible")
    parser.add_argument("--status", help=", ".join(LEAD_STATUSES))
    parser.add_argument("--language", help="the language the conversation was held in: en or zh")
    parser.add_argument("--since", help="created on or after this day, YYYY-MM-DD (UTC)")
    parser.add_argument("--until", help="created on or before this day, YYYY-MM-DD (UTC)")


def _add_actor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", dest="actor", help="who is doing this (default: your login name)")


def _filter(args: argparse.Namespace) -> service.LeadFilter:
    return service.parse_filter(
        trial=args.trial,
        outcome=args.outcome,
        status=args.status,
        language=args.language,
        since=args.since,
        until=args.until,
    )


def _actor(args: argparse.Namespace) -> str:
    return service.actor_or_login_name(args.actor)


# ----- commands -----


def cmd_list(args: argparse.Namespace) -> int:
    wanted = _filter(args)
    if args.limit < 0:
        raise service.LeadsError("--limit must be 0 (all) or more")
    leads = service.list_leads(wanted, limit=args.limit or None)
    if args.json:
        print(json.dumps([service.lead_summary(lead) for lead in leads], indent=2, ensure_ascii=False))
        return 0
    if not leads:
        print("No leads match.")
        return 0
    rows = [service.lead_summary(lead) for lead in leads]
    header = f"{'id':<36}  {'created (UTC)':<16}  {'trial':<14}  {'outcome':<15}  {'status':<12}  proxy  lang"
    print(header)
    for row in rows:
        created = row["created_at"][:16].replace("T", " ")
        proxy = "yes" if row["answered_by_proxy"] else "no"
        print(
            f"{row['id']:<36}  {created:<16}  {row['trial_id']:<14}  {row['outcome']:<15}  "
            f"{row['status']:<12}  {proxy:<5}  {row['language']}"
        )
    total = len(rows) if args.limit == 0 or len(rows) < args.limit else service.count_leads(wanted)
    more = f"; --limit 0 shows all {total}" if total > len(rows) else ""
    print(f"\n{len(rows)} of {total} lead(s), newest first{more}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    view = service.lead_view(service.get_lead(args.lead_id))
    print(format_lead(view))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    event = service.change_status(args.lead_id, args.new_status, _actor(args), note=args.note)
    print(f"lead {args.lead_id}: {event.from_status} → {event.to_status} (by {event.actor})")
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    event = service.add_note(args.lead_id, args.text, _actor(args))
    print(f"lead {args.lead_id}: note added (by {event.actor})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    wanted = _filter(args)
    actor = _actor(args)
    progress = args.progress or sys.stdout.isatty()
    count = service.export_leads(wanted, args.fmt, args.out, actor, progress=progress)
    print(f"exported {count} lead(s) as {args.fmt} to {args.out} (recorded in the export audit)")
    return 0


def cmd_funnel(args: argparse.Namespace) -> int:
    wanted = service.parse_filter(
        trial=args.trial, language=args.language, since=args.since, until=args.until
    )
    groups = funnel.funnel_report(wanted)
    if args.json:
        print(json.dumps([dataclasses.asdict(g) for g in groups], indent=2, ensure_ascii=False))
        return 0
    for group in groups:
        print(f"{group.title}{f' ({group.trial_id})' if group.trial_id else ''}")
        for stage, count in group.stages.items():
            print(f"  {funnel.STAGE_LABELS[stage]:<36} {count:>7}")
        if group.exclusions:
            print("  Criteria that excluded most:")
        for item in group.exclusions:
            where = f"{item.trial_id} " if not group.trial_id else ""
            print(_wrap(f"{item.count:>5}  {where}{item.criterion_id}: {item.plain}", "    ", "           "))
        print()
    return 0


# ----- formatting -----


def format_lead(view: service.LeadView) -> str:
    contact = view.contact
    who = (
        f"someone answering for them ({view.relation or 'relation not given'})"
        if view.answered_by_proxy
        else "the person"
    )
    lines = [
        f"Lead {view.id}",
        f"  trial: {view.trial_id}    protocol version: {view.protocol_version}",
        f"  outcome: {view.outcome.replace('_', ' ')}    status: {view.status}",
        f"  created: {_when(view.created_at)}    updated: {_when(view.updated_at)}",
        f"  answered by: {who}    conversation: {view.conversation_id}",
        "",
        "Contact",
        f"  name:           {contact.name or '-'}",
        f"  phone:          {contact.phone or '-'}",
        f"  email:          {contact.email or '-'}",
        f"  preferred time: {contact.preferred_time or '-'}",
        f"  language:       {contact.language or '-'}",
        "",
        "Criteria",
    ]
    quoted: set[str] = set()
    for c in view.criteria:
        lines += _criterion_lines(c, repeat=c.get("protocol_text") in quoted)
        quoted.add(c.get("protocol_text"))
    lines += ["", "Answers, in the person's own words"]
    if not view.answers:
        lines.append("  (none)")
    for fact_id, given in view.answers.items():
        lines += _answer_lines(fact_id, given)
    lines += ["", "Consents"]
    if not view.consents:
        lines.append("  (none)")
    for record in view.consents:
        agreed = "agreed" if record.get("agreed") else "declined"
        lines.append(f"  {record.get('at', '?')}  {record.get('kind', 'consent')}: {agreed}")
        lines.append(_wrap(f"wording shown: “{record.get('wording', '')}”", "      "))
    lines += ["", "Events"]
    if not view.events:
        lines.append("  (none)")
    for event in view.events:
        if event.kind == "status":
            what = f"status {event.from_status} → {event.to_status}"
            what += f": {event.note}" if event.note else ""
        else:
            what = f"note: {event.note}"
        lines.append(_wrap(f"{_when(event.at)}  {event.actor}  {what}", "  ", "      "))
    return "\n".join(lines)


def _criterion_lines(c: dict, repeat: bool) -> list[str]:
    if c.get("to_be_confirmed_by_study_team"):
        mark, status = "…", "to be confirmed by the study team"
    else:
        status = str(c.get("status", "?"))
        mark, status = MARKS.get(status, "?"), status.replace("_", " ")
    sentence = "(the sentence quoted above)" if repeat else f"“{c.get('protocol_text')}”"
    return [
        f"  {mark} {c.get('criterion_id')} [{c.get('kind')}, {status}]",
        _wrap(str(c.get("reason", "")), "      "),
        _wrap(f"protocol: {c.get('protocol_ref')}: {sentence}", "      ", "          "),
    ]


def _answer_lines(fact_id: str, given: object) -> list[str]:
    given = given if isinstance(given, dict) else {"value": given}
    question = given.get("question") or "(given without a question, in another answer)"
    said = given.get("said")
    understood = answer_in_words(fact_id, given)
    return [
        _wrap(f"{fact_id}: {question}", "  ", "      "),
        _wrap(f"said: “{said}”" if said else "said: (no words recorded)", "      "),
        f"      understood as: {understood}",
    ]


def _when(moment) -> str:  # noqa: ANN001 - a datetime
    return moment.isoformat(timespec="seconds")


def _wrap(text: str, indent: str, subsequent: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=subsequent or indent)
