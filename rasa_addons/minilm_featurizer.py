"""Rasa adapter: dense features from rasa_addons/sentence_encoder.py (all-MiniLM-L6-v2).

Gives DIET a vector per whitespace token (the mean of the word pieces inside it) and the
sentence vector, next to the sparse count features. Not trainable: the weights are fixed.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.sentence_encoder import Encoding, load_encoder


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Sentence-encoder features for the user's text."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["tokenizers", "safetensors", "scipy"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # model_dir: None means rasa_addons.sentence_encoder.model_dir() (the copy setup unpacked).
        return {**DenseFeaturizer.get_default_config(), "model_dir": None}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._encoder = load_encoder(config.get("model_dir"))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MiniLMFeaturizer:
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._add_features(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def _add_features(self, message: Message) -> None:
        text = message.get(TEXT)
        tokens = message.get(TOKENS_NAMES[TEXT])
        if not text or not tokens:
            return  # e.g. an action name in the core training data: no user text
        encoding = self._encoder.encode(text)
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        sequence = _per_token(encoding, [(t.start, t.end) for t in tokens])
        message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, TEXT, alias))
        message.add_features(Features(encoding.sentence[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, alias))


def _per_token(encoding: Encoding, token_spans: list[tuple[int, int]]) -> np.ndarray:
    """One row per Rasa token: the mean of the word pieces that overlap it (zeros if none, e.g.
    a token cut off by the encoder's length limit)."""
    rows = np.zeros((len(token_spans), encoding.sentence.shape[0]), dtype=np.float32)
    for row, (start, end) in enumerate(token_spans):
        inside = [i for i, (s, e) in enumerate(encoding.spans) if s < end and e > start]
        if inside:
            rows[row] = encoding.pieces[inside].mean(axis=0)
    return rows
