"""The funnel (SQLite and PostgreSQL): counters recorded by bot.leads.funnel.record_step, read back
per trial and for every trial, drawn as an accessible SVG chart with the same numbers in a table,
and never a name or an id of a person."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import date

import pytest

from bot.cli import main
from bot.leads import funnel, save_referral
from bot.leads.service import LeadsError, parse_filter
from bot.text import localize
from bot.trials import find_trial, load_trials
from tests.leads.factories import CANARY_NAME, referral

XJ, NCT = "xj-mk-002", "nct06642025"
ON = date(2026, 11, 10)


def criteria(trial_id: str) -> list[str]:
    return [c.id for c in find_trial(load_trials(), trial_id).criteria]


@pytest.fixture
def recorded(database_url) -> dict:
    """A few conversations' steps, and what they should add up to."""
    xj_a, xj_b = criteria(XJ)[:2]
    (nct_a,) = criteria(NCT)[:1]
    conversations = [
        # (stages reached, trials chosen, excluded criteria when finished, referred trials)
        (["started"], [], [], []),
        (["started", "consented"], [], [], []),
        (["started", "consented", "chosen", "finished"], [XJ], [(XJ, xj_a), (XJ, xj_b)], []),
        (["started", "consented", "chosen", "finished"], [XJ, NCT], [(XJ, xj_a), (NCT, nct_a)], []),
        (["started", "consented", "chosen", "finished", "referred"], [XJ, NCT], [(NCT, nct_a)], [XJ]),
    ]
    expected_all: Counter = Counter()
    expected_trial: Counter = Counter()
    excluded: Counter = Counter()
    for stages, chosen, exclusions, referred in conversations:
        for stage in stages:
            trials = referred if stage == "referred" else chosen
            excluding = exclusions if stage == "finished" else ()
            funnel.record_step(stage, trials, excluding, day=ON)
            expected_all[stage] += 1
            for trial_id in trials if stage in funnel.TRIAL_STAGES else ():
                expected_trial[(trial_id, stage)] += 1
        excluded.update(exclusions)
    funnel.record_step("started", day=date(2026, 10, 1))  # outside the dates asked for below
    return {"all": expected_all, "trial": expected_trial, "excluded": excluded}


def test_the_report_adds_up_the_recorded_steps_per_trial_and_for_all(recorded):
    groups = funnel.funnel_report(parse_filter(since="2026-11-01", until="2026-11-30"))
    by_trial = {g.trial_id: g for g in groups}
    assert groups[0].trial_id == ""
    assert by_trial[""].stages == {stage: recorded["all"][stage] for stage in funnel.STAGES}
    for trial_id in (XJ, NCT):
        assert by_trial[trial_id].stages == {
            stage: recorded["trial"][(trial_id, stage)] for stage in funnel.TRIAL_STAGES
        }
        expected = sorted(
            ((c, n) for (t, c), n in recorded["excluded"].items() if t == trial_id),
            key=lambda x: (-x[1], x[0]),
        )
        assert [(e.criterion_id, e.count) for e in by_trial[trial_id].exclusions] == expected
        trial = find_trial(load_trials(), trial_id)
        plain = {c.id: localize(c.plain) for c in trial.criteria}
        assert all(e.plain == plain[e.criterion_id] for e in by_trial[trial_id].exclusions)
    everything = funnel.funnel_report()
    assert everything[0].stages["started"] == recorded["all"]["started"] + 1  # the October one too
    (only,) = funnel.funnel_report(parse_filter(trial="NCT07110090"))
    assert only.trial_id == XJ


def test_the_funnel_counts_only_trials_and_dates(database_url):
    with pytest.raises(LeadsError, match="filter it by trial, language and dates only"):
        funnel.funnel_report(parse_filter(outcome="needs_review"))
    with pytest.raises(ValueError, match="unknown funnel step"):
        funnel.record_step("clicked")


def test_counting_at_the_same_time_loses_nothing(database_url):
    def count() -> None:
        for _ in range(5):
            funnel.record_step("finished", [XJ], day=ON)

    threads = [threading.Thread(target=count) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    by_trial = {g.trial_id: g for g in funnel.funnel_report()}
    assert by_trial[""].stages["finished"] == 30 and by_trial[XJ].stages["finished"] == 30
    assert by_trial[NCT].stages["finished"] == 0


def test_the_page_draws_each_group_as_an_svg_chart_with_the_same_numbers_in_a_table(dashboard, recorded):
    (lead_id,) = save_referral(referral("conv-zqx-canary"))  # a lead exists; it must not show here
    browser = dashboard.signed_in()
    response = browser.get("/funnel?since=2026-11-01&until=2026-11-30")
    assert response.status == 200
    page = response.page
    for key, stages in (("all", recorded["all"]), (XJ, None), (NCT, None)):
        chart = page.by_id[f"chart-{key}"]
        assert chart.attrs["role"] == "img"
        assert chart.attrs["aria-labelledby"] == f"chart-{key}-title chart-{key}-desc"
        table = page.by_id[f"funnel-table-{key}"].text
        expected = (
            stages if stages is not None else {s: recorded["trial"][(key, s)] for s in funnel.TRIAL_STAGES}
        )
        for stage, count in expected.items():
            label = funnel.STAGE_LABELS[stage]
            assert f"{label} {count}" in table
            assert f"{label}: {count}" in page.by_id[f"chart-{key}-desc"].text
            assert f"{label} {count}" in chart.text  # the bar's label and number, as SVG text
    top = page.by_id[f"exclusions-{NCT}"].text
    (nct_criterion,) = {c for (t, c) in recorded["excluded"] if t == NCT}
    assert nct_criterion in top and str(recorded["excluded"][(NCT, nct_criterion)]) in top
    for personal in (CANARY_NAME, "conv-zqx-canary", lead_id):
        assert personal not in response.text


def test_a_bad_date_on_the_funnel_page_says_what_to_fix(dashboard, database_url):
    response = dashboard.signed_in().get("/funnel?since=yesterday")
    assert response.status == 400
    assert (
        "since must be a date written YYYY-MM-DD (got 'yesterday')"
        in response.page.by_id["filter-error"].text
    )


def test_the_api_and_the_cli_give_the_same_report(dashboard, recorded, capsys):
    browser = dashboard.signed_in()
    api = json.loads(browser.get("/api/funnel?since=2026-11-01").text)
    assert main(["leads", "funnel", "--since", "2026-11-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == api
    assert api[0]["stages"]["started"] == recorded["all"]["started"]
    assert main(["leads", "funnel", "--trial", "NCT06642025"]) == 0
    out = capsys.readouterr().out
    assert f"{funnel.STAGE_LABELS['chosen']}" in out and "Criteria that excluded most" in out


def test_the_funnel_can_be_filtered_by_the_conversations_language(recorded):
    chinese = [("started", []), ("consented", []), ("chosen", [NCT]), ("finished", [NCT])]
    for stage, trials in chinese:
        funnel.record_step(stage, trials, day=ON, language="zh")
    funnel.record_step("started", day=ON, language="zh-CN")  # a region tag counts as its language

    def stages(language: str | None) -> dict[str, int]:
        wanted = parse_filter(since="2026-11-01", until="2026-11-30", language=language)
        return funnel.funnel_report(wanted)[0].stages

    in_chinese, in_english, together = stages("zh"), stages("en"), stages(None)
    assert in_chinese["started"] == 2 and in_chinese["chosen"] == 1 and in_chinese["referred"] == 0
    assert in_english == {stage: recorded["all"][stage] for stage in funnel.STAGES}
    assert together == {stage: in_chinese[stage] + in_english[stage] for stage in funnel.STAGES}
    with pytest.raises(LeadsError, match="unknown language 'fr'"):
        parse_filter(language="fr")
