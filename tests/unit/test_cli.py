"""The coordinators' command line: screening from a facts file, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from bot.cli import main
from bot.facts import default_registry
from bot.facts_schema import facts_json_schema

EXAMPLES = Path(__file__).resolve().parents[2] / "bot" / "examples"
DOCS = Path(__file__).resolve().parents[2] / "docs"
ON = "2026-11-21"


def run_json(capsys, *args: str) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "example, trial, outcome",
    [
        ("xj-mk-002-likely-eligible.json", "xj-mk-002", "likely_eligible"),
        ("xj-mk-002-likely-eligible.json", "nct06642025", "not_eligible"),
        ("nct06642025-likely-eligible.json", "nct06642025", "likely_eligible"),
        ("nct06642025-likely-eligible.json", "xj-mk-002", "not_eligible"),
        ("caregiver-many-unknowns.json", "nct06642025", "needs_review"),
        ("caregiver-many-unknowns.json", "xj-mk-002", "needs_review"),
    ],
)
def test_each_example_facts_file_screens_as_its_name_says(capsys, example, trial, outcome):
    data = run_json(
        capsys, "screen", "--facts", str(EXAMPLES / example), "--trial", trial, "--on", ON, "--json"
    )
    (result,) = data["results"]
    assert (result["trial_id"], result["outcome"]) == (trial, outcome)


def test_screen_by_registry_id_prints_every_criterion_with_its_protocol_sentence(capsys):
    facts = str(EXAMPLES / "xj-mk-002-likely-eligible.json")
    assert main(["screen", "--facts", facts, "--trial", "NCT07110090", "--on", ON]) == 0
    out = capsys.readouterr().out
    assert "Outcome: LIKELY ELIGIBLE" in out and "the study team makes the final decision" in out
    for criterion_id in (
        "inc-1-age",
        "inc-2-platelet-range",
        "inc-5-life-expectancy",
        "inc-6-pregnancy-test",
    ):
        assert criterion_id in out
    assert "Estimated life expectancy of more than 3 months." in out
    assert "to be confirmed by the study team" in out


def test_screen_without_trial_screens_every_recruiting_trial(capsys):
    data = run_json(capsys, "screen", "--facts", str(EXAMPLES / "caregiver-many-unknowns.json"), "--json")
    assert {r["trial_id"] for r in data["results"]} == {"xj-mk-002", "nct06642025"}
    assert data["next_questions"], "a person with unknowns should have questions left"


def test_json_output_carries_reasons_and_protocol_sentences(capsys):
    data = run_json(
        capsys,
        "screen",
        "--facts",
        str(EXAMPLES / "xj-mk-002-likely-eligible.json"),
        "--trial",
        "xj-mk-002",
        "--json",
    )
    criteria = data["results"][0]["criteria"]
    assert all(c["reason"] and c["protocol_text"] and c["status"] for c in criteria)


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"age": 230}', "`age`: 230 is outside the plausible range"),
        ('{"age": "forty"}', "`age`: must be a number (got 'forty')"),
        ('{"agee": 40}', "`agee` is not a known fact"),
        ('{"diagnosis": "flu"}', "`diagnosis`: must be one of"),
        ('{"haemoglobin": {"value": 8, "unit": "stone"}}', "unit 'stone' is not known here"),
        ('{"age": 40,', "not valid JSON at line 1"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_bad_facts_files_get_a_clear_message_and_exit_code_2(tmp_path, capsys, content, expected):
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    assert main(["screen", "--facts", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.startswith("error: ")


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--trial", "NCT99999999"], "no trial called 'NCT99999999'; known trials:"),
        (["--on", "21/11/2026"], "--on must be a date written YYYY-MM-DD"),
    ],
)
def test_bad_options_get_a_clear_message(capsys, args, expected):
    facts = str(EXAMPLES / "xj-mk-002-likely-eligible.json")
    assert main(["screen", "--facts", facts, *args]) == 2
    assert expected in capsys.readouterr().err


def test_a_missing_facts_file_is_a_clear_error(tmp_path, capsys):
    assert main(["screen", "--facts", str(tmp_path / "nope.json")]) == 2
    assert "cannot read facts file" in capsys.readouterr().err


def test_trials_command_lists_both_trials_with_protocol_versions(capsys):
    rows = run_json(capsys, "trials", "--json")
    assert {r["id"] for r in rows} == {"xj-mk-002", "nct06642025"}
    assert all(r["protocol_version"] for r in rows)


def test_the_committed_facts_schema_matches_the_registry():
    committed = json.loads((DOCS / "facts.schema.json").read_text(encoding="utf-8"))
    assert committed == facts_json_schema(default_registry()), (
        "run: python -m bot facts --json-schema > docs/facts.schema.json"
    )


def test_example_files_are_valid_against_the_schema():
    schema = json.loads((DOCS / "facts.schema.json").read_text(encoding="utf-8"))
    for example in EXAMPLES.glob("*.json"):
        jsonschema.validate(json.loads(example.read_text(encoding="utf-8")), schema)
