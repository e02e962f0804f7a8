"""The engine's default wording, kept in `messages.yaml` so it can be translated."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from bot.text import LocalizedText, fill, localize

MESSAGES_PATH = Path(__file__).with_name("messages.yaml")


@functools.cache
def _messages() -> dict[str, LocalizedText]:
    return yaml.safe_load(MESSAGES_PATH.read_text(encoding="utf-8"))


def message(key: str, language: str = "en", **values: str) -> str:
    """The message `key` in `language`, with {placeholders} filled."""
    return fill(localize(_messages()[key], language), values)
