"""Rasa adapter for rasa_addons/intent_model.py: trains on the NLU examples, sets intent and ranking.

One model per language the examples are written in (bot.text.written_language): a message is
classified by the model of its own language, so Chinese examples cannot pull English messages
towards the wrong intent, and English keeps the accuracy and speed it had alone."""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text import DEFAULT_LANGUAGE, written_language
from rasa_addons.intent_model import DEFAULTS, LANGUAGE_DEFAULTS, IntentModel


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Logistic regression over TF-IDF and the dense sentence features (SentenceFeaturizer)."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [DenseFeaturizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": DEFAULTS["C"], "embedding_weight": DEFAULTS["embedding_weight"]}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        models: dict[str, IntentModel] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._models = models or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                models = {d.name: IntentModel.load(d) for d in sorted(directory.iterdir()) if d.is_dir()}
                return cls(config, model_storage, resource, models)
        except ValueError:  # nothing was persisted (e.g. no NLU data)
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        by_language: dict[str, list[Message]] = {}
        for example in training_data.intent_examples:
            if example.get(TEXT):
                by_language.setdefault(written_language(example.get(TEXT)), []).append(example)
        models = {}
        for language, examples in sorted(by_language.items()):
            if len({e.get(INTENT) for e in examples}) < 2:
                continue
            # The component's config tunes the English model; other languages have their own.
            settings = {**self._config, **LANGUAGE_DEFAULTS.get(language, {})}
            model = IntentModel(
                C=settings["C"], embedding_weight=settings["embedding_weight"], language=language
            )
            texts = [e.get(TEXT) for e in examples]
            models[language] = model.fit(texts, _embeddings(examples), [e.get(INTENT) for e in examples])
        if not models:
            return self._resource
        with self._model_storage.write_to(self._resource) as directory:
            for language, model in models.items():
                model.save(directory / language)
        self._models = models
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not self._models or not text:
                continue
            model = self._models.get(written_language(text)) or self._models.get(DEFAULT_LANGUAGE)
            model = model or next(iter(self._models.values()))
            probabilities = model.predict_proba([text], _embeddings([message]))[0]
            order = np.argsort(-probabilities)[:LABEL_RANKING_LENGTH]
            ranking = [{"name": model.classes[i], "confidence": float(probabilities[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages


def _embeddings(messages: list[Message]) -> np.ndarray:
    rows = []
    for message in messages:
        _, sentence = message.get_dense_features(TEXT)
        if sentence is None:
            raise ValueError("LinearIntentClassifier needs a dense featurizer (SentenceFeaturizer) before it")
        rows.append(sentence.features[0])
    return np.stack(rows)
