"""A reader learned from examples, for the scales people describe rather than name.

"How are your days?" (ECOG) and "how much does the heart failure limit you?" are answered with a
picture of a day: "I walk the dog, but a flight of stairs beats me", 每天能下楼转转，饭是老伴做.
Phrase lists catch the words, but a picture is many words pointing at neighbouring levels, and
phrase lists alone read one in five of them a level off. So a fact marked `learned_reader: true`
in bot/facts.yaml is also read by a small classifier: logistic regression over character and word
n-grams (TF-IDF), trained when first needed on

- the examples in `bot/words/examples/<language>.yaml`: replies written by people, with the level
  they meant (made from the tuning corpora by `python -m bench.learned_examples`; the held-out
  corpora are never used), and
- the fact's own phrases: its choice labels and the synonyms in `bot/words/<language>.yaml`.

The classifier never decides alone: `weigh` combines its guess with what the phrase lists read
(bot/parsing/choices.py). The design and its thresholds were chosen by 5-fold cross-validation on
the tuning corpora (4 December). Understood first time: ECOG from 79.9 % to 82.8 % in English and
from 79.6 % to 82.2 % in Chinese (wrong values 18 to 10); the heart-failure scale from 87.2 % to
90.5 % and from 84.3 % to 84.9 %. On yes/no facts and on the other choice facts the same
classifier did worse than the phrase lists, so only these scales use it. A guess is never beyond
doubt: a level that would exclude is read back first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.parsing.text import plain
from bot.parsing.words import words as language_words
from bot.validation_messages import read_yaml_file

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "words" / "examples"

TAKE_ABOVE = 0.55
"""A guess this confident fills a gap the phrase lists left, or overrules a level they read.
Re-chosen on 6 December with twice the examples, by five-fold cross-validation on the tuning replies
of both scales (0.5 to 0.7 tried): 0.55 understands 12 more of 1,603 replies than 0.6 did, for two
more wrong values, none that would exclude."""
DOUBT_ABOVE = 0.4
"""A guess this confident that disagrees with the phrase lists makes the answer doubtful: the
question is asked again rather than either level taken."""
REGULARISATION = 10.0
"""Logistic regression's C, chosen with the thresholds by cross-validation (3, 10 and 30 tried)."""


@dataclass(frozen=True)
class Guess:
    value: Any
    confidence: float


class LearnedReader:
    """A classifier from answer text to one of a fact's choices."""

    def __init__(self, examples: Iterable[tuple[str, Any]], spaced: bool) -> None:
        # Imported here: scikit-learn takes a second to import, and only these scales need it.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts, values = zip(*examples, strict=True)
        said = [plain(t) for t in texts]
        # In a language written without spaces (Chinese) character n-grams run across words; in
        # one written with them they stay inside words.
        self._vectorizers = [
            TfidfVectorizer(analyzer="char_wb" if spaced else "char", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ]
        for vectorizer in self._vectorizers:
            vectorizer.fit(said)
        self._classifier = LogisticRegression(C=REGULARISATION, max_iter=3000)
        self._classifier.fit(self._features(said), list(values))

    def _features(self, said: list[str]) -> Any:
        from scipy.sparse import hstack

        return hstack([v.transform(said) for v in self._vectorizers]).tocsr()

    def guess(self, text: str) -> Guess:
        probabilities = self._classifier.predict_proba(self._features([plain(text)]))[0]
        best = int(probabilities.argmax())
        value = self._classifier.classes_[best]
        return Guess(value.item() if hasattr(value, "item") else value, float(probabilities[best]))


def weigh(phrase_reading: Any | None, guess: Guess) -> tuple[Any | None, bool]:
    """Combine what the phrase lists read (None: nothing, or several levels they could not choose
    between) with the classifier's guess. Returns (value or None to ask again, whether the guess
    decided)."""
    if phrase_reading is None:
        return (guess.value, True) if guess.confidence > TAKE_ABOVE else (None, False)
    if guess.value == phrase_reading or guess.confidence <= DOUBT_ABOVE:
        return phrase_reading, False
    if guess.confidence > TAKE_ABOVE:
        return guess.value, True
    return None, True


def examples(fact_id: str, language: str) -> list[tuple[str, Any]]:
    """The written examples of one fact in one language: (reply, value meant)."""
    path = EXAMPLES_DIR / f"{language}.yaml"
    if not path.is_file():
        return []
    by_value = (read_yaml_file(path, f"the examples file {path.name}") or {}).get(fact_id) or {}
    return [(str(text), value) for value, texts in by_value.items() for text in texts or []]


@functools.cache
def reader(fact_id: str, language: str, phrases: tuple[tuple[str, Any], ...]) -> LearnedReader | None:
    """The classifier of one fact in one language, trained once on its examples and phrases; None
    when there are too few of either to learn from."""
    training = examples(fact_id, language) + list(phrases)
    if len({value for _, value in training}) < 2:
        return None
    return LearnedReader(training, spaced=bool(language_words(language).raw.get("words_spaced", True)))
