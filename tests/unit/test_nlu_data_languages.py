"""Each NLU example sits with the examples of the language it is written in.

The intent classifier trains one model per written language (bot.text.written_language) and gives a
message to the model of its own language. An English word in data/nlu/zh/ ("thanks") trains the
English model, not the Chinese one, and the Chinese cross-validation would score it against a
model that never sees it in use; so every example must be written in its folder's language.
"""

from __future__ import annotations

import re

import pytest
import yaml

from bot.text import written_language
from tests.nlu.test_nlu_cross_validation import language_data

EXAMPLE_LINE = re.compile(r"^\s*-\s*(.+?)\s*$")


def _examples(path) -> list[tuple[str, str]]:  # noqa: ANN001
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in document.get("nlu") or []:
        for line in (block.get("examples") or "").splitlines():
            match = EXAMPLE_LINE.match(line)
            if match and "intent" in block:
                found.append((block["intent"], match.group(1)))
    return found


@pytest.mark.parametrize("language", sorted(language_data()))
def test_every_example_is_written_in_its_folders_language(language):
    misplaced = [
        f"{path.relative_to(path.parents[2])}: {intent}: {text!r} reads as {written_language(text)}"
        for path in language_data()[language]
        for intent, text in _examples(path)
        if written_language(text) != language
    ]
    assert not misplaced, "examples in the wrong language's folder:\n" + "\n".join(misplaced)
