"""The screening funnel: how many conversations reached each step, and which criteria excluded most.

The leads table only holds people who agreed to be contacted, and conversations without a lead are
purged after a day, so the funnel keeps its own counters (`funnel_counts`): one row per day (UTC),
trial, step and criterion, holding a count. Nothing in it names a person or a conversation.

Steps, in order (the actions record each once per conversation; see actions/funnel.py):

    started    the screening form began (after the greeting)
    consented  the person agreed to the screening questions
    chosen     a study was chosen
    finished   the outcome was shown
    referred   contact details were saved as a lead

Each counter is also kept per conversation language (en, zh), so the funnel can be filtered by it.

`trial_id` "" counts the conversation as a whole, once, whichever studies it chose; a trial id counts
it for that study. `started` and `consented` come before any study is chosen, so they only have the
"" row. `excluded` rows count, per trial and criterion, each criterion that was not met when the
outcome was shown.

`record_step` is an upsert that works on SQLite and PostgreSQL (INSERT ... ON CONFLICT DO UPDATE), so
two conversations finishing at once both count. `funnel_report` reads the counters for the dashboard
and `python -m bot leads funnel`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.leads.database import session
from bot.leads.models import FunnelCount, utc_now
from bot.leads.service import LeadFilter, LeadsError
from bot.text import DEFAULT_LANGUAGE, known_language, localize
from bot.trials import load_trials

STAGES = ("started", "consented", "chosen", "finished", "referred")
TRIAL_STAGES = ("chosen", "finished", "referred")
"""The steps that are also counted per trial (the others happen before a study is chosen)."""
EXCLUDED = "excluded"
ALL_TRIALS = ""
TOP_EXCLUSIONS = 10

STAGE_LABELS = {
    "started": "Conversations started",
    "consented": "Agreed to the questions",
    "chosen": "Chose a study",
    "finished": "Saw their outcome",
    "referred": "Referred (contact details saved)",
}


def record_step(
    stage: str,
    trial_ids: Iterable[str] = (),
    excluded_criteria: Iterable[tuple[str, str]] = (),
    *,
    day: date | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> None:
    """Count one conversation reaching `stage` today: once for the conversation as a whole, once per
    trial in `trial_ids` (for chosen, finished, referred), and once per (trial id, criterion id) in
    `excluded_criteria`, under the conversation's `language`. One transaction; the caller decides
    that a conversation counts only once."""
    if stage not in STAGES:
        raise ValueError(f"unknown funnel step {stage!r}; steps are {', '.join(STAGES)}")
    day = day or utc_now().date()
    language = known_language(language)
    keys = [(ALL_TRIALS, stage, "")]
    if stage in TRIAL_STAGES:
        keys += [(trial_id, stage, "") for trial_id in dict.fromkeys(trial_ids)]
    keys += [(trial_id, EXCLUDED, criterion) for trial_id, criterion in dict.fromkeys(excluded_criteria)]
    with session() as db:
        for trial_id, step, criterion in keys:
            _increment(db, day, trial_id, step, criterion, language)
        db.commit()


def _increment(db: Session, day: date, trial_id: str, stage: str, criterion_id: str, language: str) -> None:
    dialect = db.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise RuntimeError(f"the funnel counters support SQLite and PostgreSQL, not {dialect}")
    insert = (sqlite if dialect == "sqlite" else postgresql).insert
    statement = insert(FunnelCount.__table__).values(
        day=day, trial_id=trial_id, stage=stage, criterion_id=criterion_id, language=language, count=1
    )
    statement = statement.on_conflict_do_update(
        index_elements=["day", "trial_id", "stage", "criterion_id", "language"],
        set_={"count": FunnelCount.__table__.c.count + 1},
    )
    db.execute(statement)


# ----- reading -----


@dataclass
class Exclusion:
    trial_id: str
    criterion_id: str
    plain: str  # the criterion in plain words, from the trial file ("" if the criterion is gone)
    count: int


@dataclass
class TrialFunnel:
    """One group of the report: every trial together (`trial_id` ""), or one trial."""

    trial_id: str
    title: str
    stages: dict[str, int]  # only the steps that apply to the group, in order
    exclusions: list[Exclusion] = field(default_factory=list)


def funnel_report(
    wanted: LeadFilter | None = None, top: int = TOP_EXCLUSIONS, shown_in: str = DEFAULT_LANGUAGE
) -> list[TrialFunnel]:
    """The funnel between `wanted.since` and `wanted.until` (UTC days, both included): every trial
    together first, then each trial; only `wanted.trial` when it is set, and only conversations in
    `wanted.language` when that is set. Outcome and status are
    properties of leads, not of the funnel, and are refused. Trial titles and criteria in plain words
    are given in `shown_in` (the reader's language, not a filter)."""
    wanted = wanted or LeadFilter()
    if wanted.outcome or wanted.status:
        raise LeadsError("the funnel counts conversations: filter it by trial, language and dates only")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    excluded: dict[tuple[str, str], int] = defaultdict(int)
    statement = select(
        FunnelCount.trial_id, FunnelCount.stage, FunnelCount.criterion_id, func.sum(FunnelCount.count)
    ).group_by(FunnelCount.trial_id, FunnelCount.stage, FunnelCount.criterion_id)
    if wanted.since:
        statement = statement.where(FunnelCount.day >= wanted.since)
    if wanted.until:
        statement = statement.where(FunnelCount.day <= wanted.until)
    if wanted.language:
        statement = statement.where(FunnelCount.language == wanted.language)
    with session() as db:
        for trial_id, stage, criterion_id, total in db.execute(statement):
            if stage == EXCLUDED:
                excluded[(trial_id, criterion_id)] += int(total)
            else:
                counts[(trial_id, stage)] += int(total)

    trials = {t.id: t for t in load_trials()}
    plain = {(t.id, c.id): localize(c.plain, shown_in) for t in trials.values() for c in t.criteria}
    known = list(trials) + sorted({t for t, _ in counts if t and t not in trials})

    def exclusions(trial_id: str | None) -> list[Exclusion]:
        rows = [
            Exclusion(t, c, plain.get((t, c), ""), n)
            for (t, c), n in excluded.items()
            if trial_id is None or t == trial_id
        ]
        return sorted(rows, key=lambda e: (-e.count, e.trial_id, e.criterion_id))[:top]

    groups = []
    if not wanted.trial:
        groups.append(
            TrialFunnel(
                ALL_TRIALS,
                "All studies",
                {stage: counts[(ALL_TRIALS, stage)] for stage in STAGES},
                exclusions(None),
            )
        )
    for trial_id in known:
        if wanted.trial and trial_id != wanted.trial:
            continue
        trial = trials.get(trial_id)
        title = localize(trial.short_title, shown_in) if trial else trial_id
        stages = {stage: counts[(trial_id, stage)] for stage in TRIAL_STAGES}
        groups.append(TrialFunnel(trial_id, title, stages, exclusions(trial_id)))
    return groups
