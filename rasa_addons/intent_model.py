"""Intent model: logistic regression over word and character TF-IDF plus a sentence embedding.

Why not DIET: on our 1,400 examples (3-fold cross-validation, same folds) DIET with these
features reached weighted F1 0.89, this model 0.95, and it trains in seconds rather than a
minute. Plain scikit-learn and NumPy, no Rasa imports, so it can be tested on its own; the Rasa
adapter is rasa_addons/linear_intent_classifier.py. Saved as JSON and .npy files, never pickles.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.parsing.text import everyday_forms

# Chosen by cross-validation (scripts in the issue notes): C=100 keeps confidences sharp enough
# for the 0.6 fallback threshold; the embedding counts twice as much as each TF-IDF block.
DEFAULTS = {"C": 100.0, "embedding_weight": 2.0, "max_iter": 5000}
# Per-language settings for the other languages' models (English takes the component's config).
# Chinese: the vector is multilingual-e5-small's (rasa_addons/multilingual_encoder.py); chosen by
# 3-fold cross-validation on data/nlu/zh: weight 2 gave weighted F1 0.948, 3 gave 0.945 (the
# English MiniLM vector, which knows Chinese characters only one by one, was best at 0.5: 0.913).
LANGUAGE_DEFAULTS = {"zh": {"C": 100.0, "embedding_weight": 2.0}}


def _marked_ends(text: str) -> str:
    """The text lower-cased between ^ and $, so character n-grams can tell a whole short reply."""
    return f"^{text.lower()}$"


def _marked_ends_in_standard_chinese(text: str) -> str:
    """As _marked_ends, with dialect and chat forms in standard Mandarin first (木有 → 没有,
    唔该 → 谢谢; bot/words/zh.yaml `colloquial`), as the sentence featurizer encodes them."""
    return _marked_ends(everyday_forms(text.lower(), "zh"))


def _vectorizers(language: str = "en") -> dict[str, TfidfVectorizer]:
    if language == "zh":
        # Chinese has no spaces between words: character 1-3-grams carry the words. Measured by
        # 3-fold cross-validation on data/nlu/zh: jieba word features next to them scored lower
        # (0.74 vs 0.78 weighted F1 on the first 500 examples), so there is no tokenizer here.
        # The n-grams see where the message starts and ends (^不可以$ is not ^可以$): +0.009.
        return {
            "chars": TfidfVectorizer(
                lowercase=False,
                preprocessor=_marked_ends_in_standard_chinese,
                analyzer="char",
                ngram_range=(1, 3),
                sublinear_tf=True,
            )
        }
    return {
        "words": TfidfVectorizer(lowercase=True, ngram_range=(1, 2), sublinear_tf=True),
        "chars": TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
    }


class IntentModel:
    """fit / predict_proba / save / load. `embeddings` is one unit vector per text."""

    def __init__(
        self,
        C: float = DEFAULTS["C"],
        embedding_weight: float = DEFAULTS["embedding_weight"],
        language: str = "en",
    ) -> None:
        self.C = C
        self.embedding_weight = embedding_weight
        self.language = language
        self.vectorizers = _vectorizers(language)
        self.classes: list[str] = []
        self.coef: np.ndarray | None = None
        self.intercept: np.ndarray | None = None

    def _features(self, texts: list[str], embeddings: np.ndarray, fit: bool = False) -> csr_matrix:
        blocks = [
            (vectorizer.fit_transform(texts) if fit else vectorizer.transform(texts))
            for vectorizer in self.vectorizers.values()
        ]
        blocks.append(csr_matrix(np.asarray(embeddings) * self.embedding_weight))
        return hstack(blocks).tocsr()

    def fit(self, texts: list[str], embeddings: np.ndarray, labels: list[str]) -> IntentModel:
        features = self._features(texts, embeddings, fit=True)
        regression = LogisticRegression(C=self.C, max_iter=DEFAULTS["max_iter"])
        regression.fit(features, labels)
        self.__dict__.pop("_parts", None)
        self.classes = [str(c) for c in regression.classes_]
        self.coef, self.intercept = regression.coef_, regression.intercept_
        return self

    def predict_proba(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        """One row per text, one column per class (self.classes)."""
        if self.coef is None:
            raise RuntimeError("the intent model is not trained")
        logits = np.stack([self._logits(text, row) for text, row in zip(texts, embeddings, strict=True)])
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def _logits(self, text: str, embedding: np.ndarray) -> np.ndarray:
        """The logits of one text: what `_features(...) @ coef.T + intercept` gives, without
        building sparse matrices (scikit-learn's per-call overhead was most of the model's time on
        one message). The TF-IDF weights are computed as TfidfVectorizer.transform does for our
        settings: sklearn's own analyzer, vocabulary counts, sublinear tf (1 + log tf), times idf,
        L2-normalised. tests/unit/test_nlu_components.py compares the two on every training text."""
        logits = self.intercept.astype(float, copy=True)
        offset = 0
        for analyze, vocabulary, idf in self._tfidf_parts():
            counts = Counter(i for i in map(vocabulary.get, analyze(text)) if i is not None)
            if counts:
                columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
                weights = np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))) + 1.0
                weights *= idf[columns]
                weights /= np.sqrt(weights @ weights)
                logits += self.coef[:, offset + columns] @ weights
            offset += len(vocabulary)
        logits += self.coef[:, offset:] @ (np.asarray(embedding, dtype=float) * self.embedding_weight)
        return logits

    def _tfidf_parts(self) -> list[tuple[Callable[[str], list[str]], dict[str, int], np.ndarray]]:
        """Each vectorizer's analyzer, vocabulary and idf, taken once (sklearn rebuilds `idf_` from
        a sparse diagonal on every access). Forgotten by fit() and load()."""
        if "_parts" not in self.__dict__:
            self._parts = [
                (v.build_analyzer(), v.vocabulary_, np.asarray(v.idf_)) for v in self.vectorizers.values()
            ]
        return self._parts

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = {
            "C": self.C,
            "embedding_weight": self.embedding_weight,
            "language": self.language,
            "classes": self.classes,
            "vocabularies": {
                name: {term: int(i) for term, i in v.vocabulary_.items()}
                for name, v in self.vectorizers.items()
            },
        }
        (directory / "intent_model.json").write_text(json.dumps(meta), encoding="utf-8")
        for name, vectorizer in self.vectorizers.items():
            np.save(directory / f"idf_{name}.npy", vectorizer.idf_)
        np.save(directory / "coef.npy", self.coef)
        np.save(directory / "intercept.npy", self.intercept)

    @classmethod
    def load(cls, directory: Path) -> IntentModel:
        meta = json.loads((directory / "intent_model.json").read_text(encoding="utf-8"))
        model = cls(
            C=meta["C"], embedding_weight=meta["embedding_weight"], language=meta.get("language", "en")
        )
        model.classes = meta["classes"]
        for name, vectorizer in model.vectorizers.items():
            vectorizer.vocabulary = meta["vocabularies"][name]
            vectorizer.fit(["x"])  # sets up the fixed vocabulary; the idf below replaces the fitted one
            vectorizer.idf_ = np.load(directory / f"idf_{name}.npy", allow_pickle=False)
        model.coef = np.load(directory / "coef.npy", allow_pickle=False)
        model.intercept = np.load(directory / "intercept.npy", allow_pickle=False)
        return model
