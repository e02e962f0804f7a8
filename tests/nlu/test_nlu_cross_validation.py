"""NLU quality gate: 3-fold cross-validation of data/nlu with the project's config.yml.

Runs `rasa test nlu --cross-validation` in a subprocess (the same command a person would run, with
NumPy seeded first so the folds are the same on every run), then reads the intent report Rasa
writes for the test folds taken together (<out>/intent_report.json) and compares the measured F1
scores with the thresholds below.

Each language is cross-validated on its own data (English: the files directly in data/nlu;
another language: data/nlu/<code>/), and the bars hold for each. The intent classifier keeps one
model per language and gives a message to the model of the language it is written in, so this is
what the joint model does, and adding Chinese cannot hide a loss in English or move its folds.

Slow (3 trainings: a few minutes on the 2-core CI machine); select with `-m nlu`, skip with
`-m "not nlu"`. Other splits move the scores by about 0.01, so the data should clear the bars
with a margin, not just scrape past them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.rasa_env import rasa_env

pytestmark = pytest.mark.nlu

ROOT = Path(__file__).resolve().parents[2]
FOLDS = 3
TIMEOUT_S = 900
OUTPUT_TAIL_LINES = 60

# The bar: weighted F1 >= 0.95 and every intent >= 0.85, and the suite fails below it.
# Measured with this data and config.yml (sentence encoder + logistic regression): unseeded
# folds gave weighted 0.954-0.971 over eight suite runs; the weakest intents sit at 0.92-0.93.
# The folds are seeded (FOLD_SEED) so that the gate does not move from run to run.
FOLD_SEED = 0
MIN_WEIGHTED_F1 = 0.95
MIN_INTENT_F1 = 0.85
# Chinese (issue 14) long stayed under that bar. With the English sentence encoder (which knows
# Chinese only character by character) and character n-grams it stayed at weighted F1 0.908-0.916
# through 1,350, then 1,820, then 2,420 examples. Since 5 December Chinese messages get the
# multilingual-e5-small vector (rasa_addons/multilingual_encoder.py): 0.944-0.948 on these folds,
# every intent 0.89 or more; sklearn's stratified 3-fold CV over three seeds gives 0.947 to 0.949
# whatever C (30-300), vector weight (2-3) or n-gram range (1-2 to 1-4). What is left is mostly
# words the encoder does not know and only one example carries (木有, 母鸡, 雷猴), and labels
# that overlap in the examples themselves (算了吧: deny or stop; 不聊了: goodbye or stop). This
# floor sits under the measured range so that a fold's luck does not fail the suite, and well
# above the old figures, so losing the encoder would; the bar is still the target.
# Since the sixth stop of 5 December, dialect and chat forms are read in standard words first (the
# `colloquial` table of bot/words/zh.yaml, which the answer readers use too: 木有 → 没有, 唔该 → 谢谢):
# 0.944 → 0.946 on these folds, 0.950 mean over three sklearn stratified splits.
# Since 6 December Chinese meets the bar, and the suite holds it there: a third writer's
# 234 examples (data/nlu/zh/third_voice.yml) and chat forms read the plain way in the `colloquial`
# table (不造 → 不知道, 没什么不可以 → 可以, 没毛病 → 没问题) give 0.954 on these folds (0.952 and 0.958
# with fold seeds 1 and 2), every intent 0.91 or more.
BARS = {"en": (MIN_WEIGHTED_F1, MIN_INTENT_F1), "zh": (MIN_WEIGHTED_F1, MIN_INTENT_F1)}

# Keys in Rasa's intent report that are summaries, not intents.
SUMMARY_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def _tail(text: str, lines: int = OUTPUT_TAIL_LINES) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _top_confusions(scores: dict, n: int = 3) -> str:
    confused = scores.get("confused_with") or {}
    top = sorted(confused.items(), key=lambda kv: -kv[1])[:n]
    return ", ".join(f"{name} x{count}" for name, count in top) or "-"


NLU_DIR = ROOT / "data" / "nlu"


def language_data() -> dict[str, list[Path]]:
    """The NLU files of each language: English directly in data/nlu, others in data/nlu/<code>/."""
    languages = {"en": sorted(NLU_DIR.glob("*.yml"))}
    for folder in sorted(p for p in NLU_DIR.iterdir() if p.is_dir()):
        languages[folder.name] = sorted(folder.glob("*.yml"))
    return languages


@pytest.mark.parametrize("language", sorted(language_data()))
def test_intent_f1_in_cross_validation(tmp_path: Path, language: str) -> None:
    data = tmp_path / "nlu"
    data.mkdir()
    for source in language_data()[language]:
        shutil.copy(source, data / source.name)
    out = tmp_path / "nlu-cv"
    # Rasa shuffles the folds with NumPy's global generator and takes no seed; seeding it first
    # makes the gate give the same folds, and so the same scores, on every run.
    seeded_rasa = f"import sys, numpy; numpy.random.seed({FOLD_SEED}); from rasa.__main__ import main; main()"
    cmd = [
        sys.executable,
        "-c",
        seeded_rasa,
        "test",
        "nlu",
        "--nlu",
        str(data),
        "--config",
        "config.yml",
        "--cross-validation",
        "--folds",
        str(FOLDS),
        "--out",
        str(out),
        "--no-plot",
    ]
    start = time.monotonic()
    try:
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            env=rasa_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout
        pytest.fail(f"rasa test nlu did not finish in {TIMEOUT_S} s; output tail:\n{_tail(output or '')}")
    elapsed = time.monotonic() - start
    print(f"\nNLU cross-validation ({FOLDS} folds): {elapsed:.0f} s")

    report_path = out / "intent_report.json"
    assert proc.returncode == 0, f"rasa test nlu exited {proc.returncode}; output tail:\n{_tail(proc.stdout)}"
    assert report_path.is_file(), f"no {report_path}; output tail:\n{_tail(proc.stdout)}"

    report = json.loads(report_path.read_text(encoding="utf-8"))
    intents = {name: scores for name, scores in report.items() if name not in SUMMARY_KEYS}
    assert intents, f"{report_path} lists no intents"
    weighted_f1 = report["weighted avg"]["f1-score"]

    lines = [f"NLU cross-validation [{language}] ({FOLDS} folds, {elapsed:.0f} s)"]
    lines += [f"  {n:16s} f1={sc['f1-score']:.3f} n={sc['support']}" for n, sc in sorted(intents.items())]
    lines.append(f"  weighted avg f1={weighted_f1:.3f}")
    bar = BARS.get(language, (MIN_WEIGHTED_F1, MIN_INTENT_F1))
    lines.append(f"  bar: weighted >= {bar[0]}, every intent >= {bar[1]}")
    summary = "\n".join(lines)
    print(summary)
    # make test prints this file at the end, so the numbers are in every CI log.
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / f"nlu-cross-validation-{language}.txt").write_text(summary + "\n", encoding="utf-8")

    min_weighted, min_intent = BARS.get(language, (MIN_WEIGHTED_F1, MIN_INTENT_F1))
    weak = {name: s for name, s in intents.items() if s["f1-score"] < min_intent}
    problems = []
    if weighted_f1 < min_weighted:
        problems.append(f"weighted-avg F1 {weighted_f1:.3f} < {min_weighted}")
    for name, s in sorted(weak.items(), key=lambda kv: kv[1]["f1-score"]):
        problems.append(
            f"{name}: F1 {s['f1-score']:.3f} < {min_intent} "
            f"(precision {s['precision']:.3f}, recall {s['recall']:.3f}, n={s['support']}); "
            f"confused with: {_top_confusions(s)}"
        )
    errors_file = out / "intent_errors.json"
    assert not problems, (
        f"NLU cross-validation [{language}] ({FOLDS} folds, {elapsed:.0f} s) below the bar:\n  "
        + "\n  ".join(problems)
        + f"\nMisclassified examples: {errors_file} (pytest keeps tmp_path for the last runs)"
    )
