"""Every criterion quotes its protocol word for word, and every protocol bullet is encoded.

The sources are the protocol pages the trial files were written from (`protocol_source`, copies of
the seeds kept next to the trial files). The pages escape some Markdown characters (`\\>`); the
trial files quote the text as it reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import NCT_ID, ROOT, SEEDS_DIR, XJ_ID

from bot.trials import find_trial

ESCAPES = {r"\>": ">", r"\<": "<", r"\^": "^", r"\&": "&"}


def normalise(text: str) -> str:
    for escaped, plain in ESCAPES.items():
        text = text.replace(escaped, plain)
    return " ".join(text.split())


def seed_path(trial) -> Path:
    path = ROOT / trial.protocol_source
    assert path.is_file(), f"{trial.id}: protocol_source {trial.protocol_source} not found"
    return path


def seed_bullets(trial) -> list[tuple[str, int, str]]:
    """(kind, number, text) for each inclusion/exclusion bullet of the seed page."""
    lines = seed_path(trial).read_text(encoding="utf-8").splitlines()
    if trial.id == XJ_ID:  # "• text", inclusion criteria only, numbered by position
        texts = [line.strip()[2:] for line in lines if line.strip().startswith("• ")]
        return [("inclusion", i, normalise(t)) for i, t in enumerate(texts, start=1)]
    bullets, section = [], None
    for line in lines:
        text = line.strip().lstrip("•").strip()
        if text == "Inclusion Criteria:":
            section = "inclusion"
        elif text == "Exclusion Criteria:":
            section = "exclusion"
        elif section and (m := re.match(r"^(\d+)\.\s+(.*)$", text)):
            bullets.append((section, int(m.group(1)), normalise(m.group(2))))
        elif section and text:
            section = None  # the list has ended
    return bullets


def test_the_unescaping_matches_the_page():
    assert (
        normalise(r"hemoglobin \> 60g/L,  CD3+ \> 0.5×10\^9/L  \& more")
        == "hemoglobin > 60g/L, CD3+ > 0.5×10^9/L & more"
    )


@pytest.mark.parametrize(
    "trial_id, inclusions, exclusions",
    [pytest.param(XJ_ID, 6, 0, id=XJ_ID), pytest.param(NCT_ID, 7, 8, id=NCT_ID)],
)
def test_the_seed_bullets_are_all_found(trials, trial_id, inclusions, exclusions):
    bullets = seed_bullets(find_trial(trials, trial_id))
    assert [n for kind, n, _ in bullets if kind == "inclusion"] == list(range(1, inclusions + 1))
    assert [n for kind, n, _ in bullets if kind == "exclusion"] == list(range(1, exclusions + 1))


def test_every_protocol_text_appears_verbatim_in_its_seed(trials):
    for trial in trials:
        seed = normalise(seed_path(trial).read_text(encoding="utf-8"))
        for criterion in trial.criteria:
            assert normalise(criterion.protocol_text) in seed, (
                f"{trial.id} {criterion.id}: text not in the seed"
            )


def test_every_protocol_text_quotes_the_bullet_its_reference_names(trials):
    for trial in trials:
        bullets = {(kind, n): text for kind, n, text in seed_bullets(trial)}
        for criterion in trial.criteria:
            m = re.match(r"^(Inclusion|Exclusion) (\d+)[a-z]?$", criterion.protocol_ref)
            assert m, f"{trial.id} {criterion.id}: unexpected protocol_ref {criterion.protocol_ref!r}"
            kind, number = m.group(1).lower(), int(m.group(2))
            assert kind == criterion.kind, (
                f"{trial.id} {criterion.id}: {criterion.protocol_ref} but kind {criterion.kind}"
            )
            bullet = bullets.get((kind, number))
            assert bullet is not None, f"{trial.id} {criterion.id}: the seed has no {criterion.protocol_ref}"
            assert normalise(criterion.protocol_text) in bullet, (
                f"{trial.id} {criterion.id} quotes another bullet"
            )


def test_every_seed_bullet_is_covered_by_a_criterion(trials):
    for trial in trials:
        quoted = [normalise(c.protocol_text) for c in trial.criteria]
        for kind, number, text in seed_bullets(trial):
            assert any(q in text for q in quoted), (
                f"{trial.id}: {kind} {number} is not encoded: {text[:80]}..."
            )


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no shared seeds beside the repo at {SEEDS_DIR}")
@pytest.mark.parametrize("trial_id", [XJ_ID, NCT_ID])
def test_the_kept_sources_are_unchanged_copies_of_the_shared_seeds(trials, trial_id):
    kept = seed_path(find_trial(trials, trial_id)).read_bytes()
    assert any(kept == seed.read_bytes() for seed in SEEDS_DIR.glob("*.txt"))
