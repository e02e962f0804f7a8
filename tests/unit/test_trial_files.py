"""Trial files are data: a bad one is rejected with a message a curator can act on,
and a new, valid one works without any code change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.trials import TRIALS_DIR, TrialFileError, load_trial_file, load_trials

XJ = TRIALS_DIR / "xj-mk-002.yaml"


def broken_copy(tmp_path: Path, old: str, new: str, name: str = "xj-broken.yaml") -> Path:
    text = XJ.read_text(encoding="utf-8")
    assert old in text, f"the mutation target {old!r} is no longer in the trial file"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems_of(path: Path) -> list:
    with pytest.raises(TrialFileError) as caught:
        load_trial_file(path)
    return caught.value.problems


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "{fact: platelet_count, at_least: 50, at_most: 100}",
            "{fact: platelet_count, at_least: 50, at_most: hundred}",
            r"xj-broken\.yaml: criterion `inc-2-platelet-range`: "
            r"`rule\.at_most` must be a number \(got 'hundred'\)",
        ),
        (
            "{fact: ecog, in: [0, 1, 2]}",
            "{fact: ecg, in: [0, 1, 2]}",
            r"criterion `inc-4-daily-activity`: `rule`: reads unknown fact `ecg` "
            r"\(did you mean `ecog`\?\)",
        ),
        (
            "{fact: active_bleeding, is: false}",
            "{fact: active_bleeding, at_most: 3}",
            r"criterion `inc-2-no-bleeding`: `rule`: "
            r"`active_bleeding` is a boolean fact, so at_most cannot apply",
        ),
        (
            "in: [solid_tumour, lymphoma",
            "in: [solid_tumor, lymphoma",
            r"criterion `inc-2-cancer-diagnosis`: `rule`: 'solid_tumor' is not a choice of `diagnosis`",
        ),
        (
            "    verified_by: patient\n    rule: {fact: age",
            "    verified_by: patients\n    rule: {fact: age",
            r"criterion `inc-1-age`: `verified_by` must be one of 'patient', 'study_team' \(got 'patients'\)",
        ),
        (
            "    plain:\n      en: Aged 18 to 75, any gender.",
            "    plian:\n      en: Aged 18 to 75, any gender.",
            r"criterion `inc-1-age`: `plian` is not a known field \(did you mean `plain`\?\)",
        ),
        (
            "    rule: {fact: age, at_least: 18, at_most: 75}",
            "    rule: {fact: age, at_least: 18, at_most: 75, all: []}",
            r"criterion `inc-1-age`: `rule`: `all` must stand alone",
        ),
        (
            "planned_participants: 16",
            "planned_participants: sixteen",
            r"xj-broken\.yaml: `planned_participants` must be a whole number \(got 'sixteen'\)",
        ),
        (
            "    verified_by: study_team\n",
            "    verified_by: study_team\n    rule: {fact: age, at_least: 18}\n",
            r"criterion `inc-2-diagnosis-confirmed-by-tests`: a study_team criterion has no `rule`",
        ),
        (
            "      not: {fact: last_platelet_transfusion, ago: {less_than: {hours: 72}}}",
            "      not: {fact: last_platelet_transfusion, ago: {less_than: {fortnights: 2}}}",
            r"criterion `inc-3-no-recent-platelet-transfusion`: "
            r"`rule\.not\.ago\.less_than\.fortnights` is not a known",
        ),
    ],
    ids=[
        "bound-not-a-number",
        "unknown-fact",
        "test-unfit-for-type",
        "not-a-choice",
        "bad-literal",
        "typo-field",
        "combinator-mixed-with-leaf",
        "trial-field-type",
        "study-team-with-rule",
        "bad-duration-unit",
    ],
)
def test_a_broken_trial_file_names_file_criterion_field_and_expectation(tmp_path, old, new, expected):
    problems = problems_of(broken_copy(tmp_path, old, new))
    assert any(re.search(expected, p) for p in problems), problems


def test_a_missing_protocol_sentence_is_reported_as_required(tmp_path):
    text = XJ.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("    protocol_text: Eastern"))
    path = tmp_path / "xj.yaml"
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    assert "criterion `inc-4-daily-activity`: `protocol_text` is required" in " ".join(problems_of(path))


def test_invalid_yaml_reports_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ncriteria: [\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(str(path)) and "not valid YAML at line 3" in problem


def test_duplicate_criterion_ids_are_rejected(tmp_path):
    path = broken_copy(tmp_path, "- id: inc-4-daily-activity", "- id: inc-1-age")
    assert any("id `inc-1-age` is used twice" in p for p in problems_of(path))


def test_check_trials_command_exits_non_zero_on_a_broken_copy(tmp_path, capsys):
    path = broken_copy(tmp_path, "at_most: 100}", "at_most: hundred}")
    assert main(["check-trials", str(path)]) == 1
    err = capsys.readouterr().err
    assert "criterion `inc-2-platelet-range`: `rule.at_most` must be a number (got 'hundred')" in err


def test_check_trials_command_accepts_the_real_trials(capsys):
    assert main(["check-trials"]) == 0
    assert "ok: 2 trial file(s)" in capsys.readouterr().out


def test_a_new_trial_is_added_by_dropping_in_a_file_without_code(tmp_path, monkeypatch):
    folder = tmp_path / "trials"
    folder.mkdir()
    shutil.copy(XJ, folder / "xj-mk-002.yaml")
    text = XJ.read_text(encoding="utf-8")
    (folder / "demo.yaml").write_text(
        text.replace("id: xj-mk-002", "id: demo-001", 1)
        .replace("sponsor_code: XJ-MK-002", "sponsor_code: DEMO-001")
        .replace("nct: NCT07110090", "nct: NCT00000001")
        .replace("at_least: 18, at_most: 75", "at_least: 40, at_most: 60"),
        encoding="utf-8",
    )
    monkeypatch.setenv("PRESCREEN_TRIALS_DIR", str(folder))
    trials = {t.id: t for t in load_trials()}
    assert set(trials) == {"xj-mk-002", "demo-001"}
    age_rule = next(c.rule for c in trials["demo-001"].criteria if c.id == "inc-1-age")
    assert (age_rule.at_least, age_rule.at_most) == (40, 60)


def test_two_files_with_one_trial_id_are_rejected(tmp_path, monkeypatch):
    folder = tmp_path / "trials"
    folder.mkdir()
    shutil.copy(XJ, folder / "a.yaml")
    shutil.copy(XJ, folder / "b.yaml")
    monkeypatch.setenv("PRESCREEN_TRIALS_DIR", str(folder))
    with pytest.raises(TrialFileError, match="trial id `xj-mk-002` is used by 2 files"):
        load_trials()
