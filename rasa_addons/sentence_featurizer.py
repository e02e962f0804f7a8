"""Rasa adapter: a sentence vector for every message, from the encoder that knows its language.

English (and any language not listed in `multilingual_languages`): all-MiniLM-L6-v2
(rasa_addons/sentence_encoder.py), a vector per whitespace token (the mean of the word pieces
inside it) and the sentence vector. Messages written in a listed language (bot.text.written_language;
by default Chinese): the multilingual-e5-small sentence vector (rasa_addons/multilingual_encoder.py)
and no per-token vectors, which that engine does not give and nothing in our pipeline reads. The
intent classifier keeps one model per language, so the two kinds of vector never meet in one model.
Not trainable: the weights are fixed.
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

from bot.parsing.text import everyday_forms
from bot.text import written_language
from rasa_addons.multilingual_encoder import load_multilingual_encoder
from rasa_addons.sentence_encoder import Encoding, load_encoder


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceFeaturizer(DenseFeaturizer, GraphComponent):
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
        # multilingual_languages: written in these, a message gets the multilingual-e5-small vector.
        return {**DenseFeaturizer.get_default_config(), "model_dir": None, "multilingual_languages": ["zh"]}

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._encoder = load_encoder(config.get("model_dir"))
        self._multilingual_languages = frozenset(config.get("multilingual_languages") or ())
        self._multilingual = load_multilingual_encoder() if self._multilingual_languages else None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceFeaturizer:
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
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        language = written_language(text)
        if self._multilingual and language in self._multilingual_languages:
            # dialect and chat forms in standard words, which the encoder knows (木有 → 没有)
            sentence = self._multilingual.encode(everyday_forms(text, language))
            message.add_features(Features(sentence[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT, alias))
            return
        encoding = self._encoder.encode(text)
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
