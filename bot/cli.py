"""Command line for coordinators and developers: `python -m bot <command>`.

    trials                       list the trials
    check-trials [FILE ...]      validate the facts registry, glossary and trial files
    screen --facts FILE.json     screen a person's facts, criterion by criterion
    facts [--json-schema]        list the facts a facts file may hold (or print its JSON Schema)
    leads list|show|status|note|export|funnel   work and export leads (see bot/leads/cli.py)
    coordinators add|list|disable|enable   dashboard accounts (see bot/dashboard/accounts_cli.py)

Exit codes: 0 success, 1 invalid trial files, 2 bad input (a clear message says what to fix).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.dashboard.accounts import AccountError
from bot.dashboard.accounts_cli import add_coordinator_commands
from bot.eligibility import evaluate
from bot.facts import FactsError, default_registry, load_registry, parse_facts
from bot.facts_schema import facts_json_schema
from bot.glossary import load_glossary, missing_terms
from bot.leads.cli import add_leads_commands
from bot.leads.database import database_url
from bot.leads.service import LeadsError
from bot.next_questions import next_questions
from bot.report import format_questions, format_result, format_trials, result_as_json
from bot.trials import TrialFileError, find_trial, load_trial_file, load_trials, trial_files


class UsageError(Exception):
    """Bad input from the person at the terminal; the message says what to fix."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, LeadsError, AccountError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        url = make_url(database_url()).render_as_string(hide_password=True)
        reason = (str(error.orig or error).strip().splitlines() or ["no reason given"])[0]
        print(f"error: cannot reach the database at {url}: {reason}", file=sys.stderr)
        return 2
    except TrialFileError as error:
        print(error.report(), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    trials = commands.add_parser("trials", help="list the trials")
    trials.add_argument("--json", action="store_true", help="print JSON")
    trials.set_defaults(handler=cmd_trials)

    check = commands.add_parser("check-trials", help="validate trial files, the facts registry and glossary")
    check.add_argument("files", nargs="*", type=Path, help="trial files (default: every file in bot/trials)")
    check.set_defaults(handler=cmd_check_trials)

    screen = commands.add_parser("screen", help="screen a person's facts against the trials")
    screen.add_argument("--facts", required=True, type=Path, help="facts JSON file (see docs/facts.md)")
    screen.add_argument("--trial", help="one trial id or registry id (default: every recruiting trial)")
    screen.add_argument("--on", dest="on_date", help="planned dosing date, YYYY-MM-DD (default: today)")
    screen.add_argument("--json", action="store_true", help="print JSON")
    screen.set_defaults(handler=cmd_screen)

    facts = commands.add_parser("facts", help="list the facts a facts file may hold")
    facts.add_argument("--json-schema", action="store_true", help="print the facts file's JSON Schema")
    facts.set_defaults(handler=cmd_facts)

    add_leads_commands(commands)
    add_coordinator_commands(commands)
    return parser


def cmd_trials(args: argparse.Namespace) -> int:
    trials = load_trials()
    if args.json:
        rows = [
            {
                "id": t.id,
                "identifiers": t.identifiers,
                "title": t.title,
                "status": t.status,
                "phase": t.phase,
                "protocol_version": t.protocol_version,
                "criteria": len(t.criteria),
            }
            for t in trials
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(format_trials(trials))
    return 0


def cmd_check_trials(args: argparse.Namespace) -> int:
    problems: list[str] = []
    try:
        registry = load_registry()
        problems += missing_terms(registry, load_glossary())
    except (FactsError, ValueError) as error:
        problems += str(error).split("\n") if not isinstance(error, FactsError) else error.problems
        registry = None
    files = args.files or trial_files()
    for path in files:
        if not path.exists():
            problems.append(f"{path}: no such file")
            continue
        if registry is None:
            break
        try:
            load_trial_file(path, registry)
        except TrialFileError as error:
            problems += error.problems
    if not args.files and registry is not None and not problems:
        load_trials(registry=registry)  # also checks that ids are unique across files
    if problems:
        raise TrialFileError(problems)
    print(f"ok: {len(files)} trial file(s), the facts registry and the glossary are valid")
    return 0


def cmd_screen(args: argparse.Namespace) -> int:
    on_date = _parse_date(args.on_date) if args.on_date else date.today()
    raw = _read_facts_file(args.facts)
    trials = load_trials()
    if args.trial:
        try:
            chosen = [find_trial(trials, args.trial)]
        except KeyError as error:
            raise UsageError(error.args[0]) from None
    else:
        chosen = [t for t in trials if t.is_active]
    registry = default_registry()
    try:
        facts = parse_facts(raw, on_date, registry)
    except FactsError as error:
        raise UsageError(f"{args.facts}: " + "; ".join(error.problems)) from None
    results = [(trial, evaluate(trial, facts, registry=registry)) for trial in chosen]
    questions = next_questions(chosen, facts, registry=registry)
    if args.json:
        payload = {
            "on_date": on_date.isoformat(),
            "results": [result_as_json(t, r) for t, r in results],
            "next_questions": questions,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(format_result(t, r) for t, r in results))
        print()
        print(format_questions(questions, registry))
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    registry = default_registry()
    if args.json_schema:
        print(json.dumps(facts_json_schema(registry), indent=2, ensure_ascii=False))
        return 0
    for definition in registry:
        detail = definition.unit or ", ".join(str(v) for v in definition.choice_values) or ""
        print(f"{definition.id:<40} {definition.type:<8} {detail}")
    return 0


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--on must be a date written YYYY-MM-DD (got {text!r})") from None


def _read_facts_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read facts file {path}: {error.strerror}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(raw, dict):
        raise UsageError(f"{path}: must be a JSON object of fact: answer (see docs/facts.md)")
    raw.pop("$schema", None)
    return raw


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
