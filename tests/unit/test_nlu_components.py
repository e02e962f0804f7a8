"""The NLU pieces Rasa lacks: the NumPy sentence encoder and the logistic-regression intent model."""

from __future__ import annotations

import numpy as np
import pytest

from rasa_addons.intent_model import IntentModel
from rasa_addons.sentence_encoder import EncoderUnavailable, SentenceEncoder, load_encoder


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return load_encoder()


def test_the_sentence_vector_has_unit_length_and_one_row_per_word_piece(encoder):
    encoding = encoder.encode("my platelets were 72k")
    assert encoding.sentence.shape == (384,)
    assert np.isclose(np.linalg.norm(encoding.sentence), 1.0, atol=1e-5)
    assert encoding.pieces.shape == (len(encoding.spans), 384)
    assert all(0 <= start < end <= len("my platelets were 72k") for start, end in encoding.spans)


def test_similar_meanings_are_closer_than_different_ones(encoder):
    def similarity(a: str, b: str) -> float:
        return float(encoder.encode(a).sentence @ encoder.encode(b).sentence)

    assert similarity("I want to talk to a person", "can I speak to a human") > similarity(
        "I want to talk to a person", "my platelets were 72k"
    )
    assert similarity("what time is it", "what's the time in New York") > similarity(
        "what time is it", "I had chemotherapy last month"
    )


def test_missing_model_files_give_a_clear_error(tmp_path):
    with pytest.raises(EncoderUnavailable, match="make setup"):
        SentenceEncoder(tmp_path)


def test_a_long_message_is_cut_not_refused(encoder):
    encoding = encoder.encode("very " * 400 + "long")
    assert encoding.pieces.shape[0] < 400


TRAIN = {
    "greet": ["hello", "hi there", "good morning", "hey"],
    "stop": ["stop", "I want to stop", "end this please", "quit"],
    "inform": ["I'm 47", "platelets were 72", "breast cancer", "born in 1971"],
}


def _data(encoder):
    texts = [t for examples in TRAIN.values() for t in examples]
    labels = [label for label, examples in TRAIN.items() for _ in examples]
    return texts, np.stack([encoder.encode(t).sentence for t in texts]), labels


def test_the_intent_model_learns_and_survives_a_save_and_load(encoder, tmp_path):
    texts, embeddings, labels = _data(encoder)
    model = IntentModel().fit(texts, embeddings, labels)
    probe = ["hello again", "please stop now", "I'm 52"]
    probe_vectors = np.stack([encoder.encode(t).sentence for t in probe])
    before = model.predict_proba(probe, probe_vectors)
    assert [model.classes[i] for i in before.argmax(axis=1)] == ["greet", "stop", "inform"]
    assert np.allclose(before.sum(axis=1), 1.0)

    model.save(tmp_path)
    assert not list(tmp_path.glob("*.pkl")), "no pickles: the files are data, not code"
    loaded = IntentModel.load(tmp_path)
    assert loaded.classes == model.classes
    assert np.allclose(loaded.predict_proba(probe, probe_vectors), before)


def test_the_fast_logits_equal_scikit_learns_sparse_features(encoder, tmp_path):
    texts, embeddings, labels = _data(encoder)
    model = IntentModel().fit(texts, embeddings, labels)
    model.save(tmp_path)
    loaded = IntentModel.load(tmp_path)
    odd = ["", "zzzz qqqq", "!!!", "Ich möchte 72k Plättchen", "hello hello hello", "I'M 52, MY DAD IS 76"]
    probe = texts + odd
    vectors = np.stack([encoder.encode(t).sentence if t else np.zeros(384) for t in probe])
    for trained in (model, loaded):
        sparse = np.asarray(trained._features(probe, vectors) @ trained.coef.T + trained.intercept)
        fast = np.stack([trained._logits(t, v) for t, v in zip(probe, vectors, strict=True)])
        assert np.allclose(fast, sparse, rtol=1e-10, atol=1e-10)


def test_an_untrained_model_says_so(encoder):
    with pytest.raises(RuntimeError, match="not trained"):
        IntentModel().predict_proba(["hi"], np.zeros((1, 384)))


def test_repeated_texts_come_from_the_cache_and_cannot_be_changed(encoder):
    first = encoder.encode("Yes, I agree")
    assert encoder.encode("Yes, I agree") is first
    with pytest.raises(ValueError):
        first.sentence[0] = 1.0


def test_the_cache_can_be_turned_off_and_a_bad_setting_is_named(monkeypatch):
    from rasa_addons.sentence_encoder import SentenceEncoder, model_dir

    monkeypatch.setenv("PRESCREEN_ENCODER_CACHE", "0")
    uncached = SentenceEncoder(model_dir())
    first, again = uncached.encode("Yes, I agree"), uncached.encode("Yes, I agree")
    assert again is not first and np.array_equal(again.sentence, first.sentence)
    monkeypatch.setenv("PRESCREEN_ENCODER_CACHE", "lots")
    with pytest.raises(ValueError, match="PRESCREEN_ENCODER_CACHE must be a whole number"):
        SentenceEncoder(model_dir())


def textbook_encoding(text: str) -> tuple[np.ndarray, np.ndarray]:
    """BERT as written in the papers and in sentence-transformers, straight from the checkpoint's
    tensors: the reference for the encoder's fused and pre-transposed weights."""
    from safetensors.numpy import load_file
    from scipy.special import erf
    from tokenizers import Tokenizer

    from rasa_addons.sentence_encoder import model_dir

    w = load_file(str(model_dir() / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    ids = tokenizer.encode(text).ids

    def norm(x, name):  # noqa: ANN001
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]

    def dense(x, name):  # noqa: ANN001
        return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    e = "embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][: len(ids)]
    x = norm(x + w[e + "token_type_embeddings.weight"][0], e + "LayerNorm")
    for i in range(6):
        p = f"encoder.layer.{i}."
        heads = [
            dense(x, p + f"attention.self.{m}").reshape(len(ids), 12, 32).transpose(1, 0, 2)
            for m in ("query", "key", "value")
        ]
        q, k, v = heads
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(32)
        attention = np.exp(scores - scores.max(-1, keepdims=True))
        attention /= attention.sum(-1, keepdims=True)
        context = (attention @ v).transpose(1, 0, 2).reshape(len(ids), 384)
        x = norm(x + dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        hidden = dense(x, p + "intermediate.dense")
        hidden = 0.5 * hidden * (1 + erf(hidden / np.sqrt(2)))
        x = norm(x + dense(hidden, p + "output.dense"), p + "output.LayerNorm")
    sentence = x.mean(0)
    return x[1:-1], sentence / np.linalg.norm(sentence)


@pytest.mark.parametrize(
    "text", ["yes", "I don't know", "my dad is seventy-six and had a heart attack two years ago", "72k"]
)
def test_the_encoder_gives_the_textbook_encoding(encoder, text):
    pieces, sentence = textbook_encoding(text)
    encoding = encoder._encode(text)
    assert encoding.pieces.shape == pieces.shape
    assert np.allclose(encoding.pieces, pieces, atol=1e-4)
    assert np.allclose(encoding.sentence, sentence, atol=1e-5)


def test_the_language_a_message_is_written_in():
    from bot.text import written_language

    assert written_language("my platelets were 72k") == "en"
    assert written_language("血小板72") == "zh"
    assert written_language("AML复发了两次") == "zh"
    assert written_language("") == "en"


def test_a_chinese_model_reads_characters_and_survives_a_save_and_load(tmp_path):
    texts = ["你好", "您好啊", "早上好", "停止", "不做了", "我想停下", "血小板72", "我今年47岁", "化疗"]
    labels = ["greet"] * 3 + ["stop"] * 3 + ["inform"] * 3
    embeddings = np.zeros((len(texts), 384))
    model = IntentModel(language="zh").fit(texts, embeddings, labels)
    model.save(tmp_path)
    loaded = IntentModel.load(tmp_path)
    assert loaded.language == "zh"
    probe = ["你好呀", "不做了吧"]
    assert np.allclose(
        loaded.predict_proba(probe, np.zeros((2, 384))), model.predict_proba(probe, np.zeros((2, 384)))
    )
    assert [loaded.classes[i] for i in loaded.predict_proba(probe, np.zeros((2, 384))).argmax(axis=1)] == [
        "greet",
        "stop",
    ]
