"""`python -m bot leads erase|purge`: the privacy commands of the `leads` command group.

    leads erase (--conversation ID | --email ADDRESS | --phone NUMBER) [--by NAME]
    leads purge [--older-than DAYS] [--no-lead-older-than DAYS] [--by NAME]

The periods default to PRESCREEN_RETENTION_DAYS and PRESCREEN_NO_LEAD_RETENTION_DAYS; --by to the
login name. Bad input raises `PrivacyInputError` (a `service.LeadsError`, so `bot.cli.main` prints it
and exits 2) with a sentence that says what to fix; argparse itself rejects a missing or doubled
--conversation/--email/--phone and a DAYS that is not a positive whole number (also exit 2). The
output says how much was removed, never whose data it was.
"""

from __future__ import annotations

import argparse
import sys

from bot.leads import privacy, service


def add_privacy_commands(leads_commands) -> None:  # noqa: ANN001 - an argparse subparsers action
    """Add the erase and purge commands to the `leads` command group."""
    erase = leads_commands.add_parser(
        "erase",
        help="remove one person's leads and conversations (a request to be forgotten)",
        description="Remove one person's leads, their notes, queued notifications and conversations, "
        "and record the erasure (without the email, phone or conversation id) in the privacy audit.",
    )
    whose = erase.add_mutually_exclusive_group(required=True)
    whose.add_argument("--conversation", metavar="ID", help="the conversation id (Rasa's sender id)")
    whose.add_argument("--email", metavar="ADDRESS", help="the email address the person gave")
    whose.add_argument("--phone", metavar="NUMBER", help="the phone number the person gave")
    _add_actor(erase)
    erase.set_defaults(handler=cmd_erase)

    purge = leads_commands.add_parser(
        "purge",
        help="remove leads and conversations past their retention period",
        description="Remove leads created more than DAYS ago with their conversations, and conversations "
        "that produced no lead whose last message is older than the no-lead period.",
    )
    purge.add_argument(
        "--older-than",
        type=_days,
        metavar="DAYS",
        help=f"how long leads and their conversations are kept (default: ${privacy.RETENTION_ENV})",
    )
    purge.add_argument(
        "--no-lead-older-than",
        type=_days,
        metavar="DAYS",
        help="how long conversations that produced no lead are kept; only ever shortens --older-than "
        f"(default: ${privacy.NO_LEAD_RETENTION_ENV}, else the same as --older-than)",
    )
    _add_actor(purge)
    purge.set_defaults(handler=cmd_purge)


def cmd_erase(args: argparse.Namespace) -> int:
    removed = privacy.erase(
        conversation_id=args.conversation, email=args.email, phone=args.phone, actor=_actor(args)
    )
    if removed.leads or removed.conversations:
        print(f"Erased {_summary(removed)}.")
    else:
        print("Nothing was stored for that person. The request is recorded in the privacy audit.")
    _warn_without_tracker_table(removed)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    removed = privacy.purge(args.older_than, args.no_lead_older_than, actor=_actor(args))
    if removed.leads or removed.conversations:
        print(f"Purged {_summary(removed)}.")
    else:
        print("Nothing is past its retention period. The purge is recorded in the privacy audit.")
    _warn_without_tracker_table(removed)
    return 0


def _add_actor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", metavar="NAME", help="who is doing this, for the audit (default: login name)")


def _actor(args: argparse.Namespace) -> str:
    """--by, else the login name, as the other `leads` commands do."""
    return service.actor_or_login_name(args.by)


def _days(text: str) -> int:
    try:
        return privacy.parse_days(text, "DAYS")
    except privacy.PrivacyInputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _summary(removed: privacy.Removed) -> str:
    conversations = _count(removed.conversations, "conversation", "conversations")
    events = _count(removed.tracker_events, "conversation event", "conversation events")
    if not removed.leads:
        return f"{conversations} ({events}); no leads"
    leads = _count(removed.leads, "lead", "leads")
    notes = _count(removed.lead_events, "note or status change", "notes or status changes")
    outbox = _count(removed.outbox, "queued notification", "queued notifications")
    return f"{leads} ({notes}, {outbox}) and {conversations} ({events})"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _warn_without_tracker_table(removed: privacy.Removed) -> None:
    if not removed.tracker_table_found:
        print(
            "note: this database holds no Rasa conversations (no `events` table). If Rasa's tracker "
            "store is elsewhere, remove the conversations there too.",
            file=sys.stderr,
        )
