"""A marrow blast percentage as the answer to "did it go into remission?".

Remission in AML is, by definition, fewer than 5 % blasts in the marrow (the facts that take this
say so with `remission_below_blasts` in facts.yaml), so "第二疗程后原始细胞8%", "they got the blasts
down to 8%" and "原始细胞从80%降到3%" answer the question even without the word remission. The last
percentage said after the blast words counts ("from 40% down to 2%"); "under 5%" is below.
The blast words and the words for "below" are each language's data (`blasts` in
bot/words/<language>.yaml).
"""

from __future__ import annotations

import functools
import re

from bot.parsing.text import numeric_text, phrase_pattern
from bot.parsing.words import words
from bot.text import written_language

_PERCENT = r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent|pc)"
_SENTENCE = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?。；！？]")
_DOWN_TO = r"(?:降\s*到|降\s*至|下\s*降\s*到|down to|dropped to|fell to)\s*(\d+(?:\.\d+)?)(?!\s*\d)"
"""A figure after "down to" continues the percentages before it ("从百分之四十降到两个")."""


@functools.cache
def _blast_words(language: str) -> tuple[re.Pattern, re.Pattern, dict[str, float]] | None:
    section = words(language).raw.get("blasts") or {}
    if not section.get("words"):
        return None
    named = phrase_pattern(words(language).spaced_list_in("blasts", "words"))
    below = phrase_pattern(words(language).spaced_list_in("blasts", "below"))
    rough = {" ".join(str(k)): float(v) for k, v in (section.get("rough_percent") or {}).items()}
    return named, below, rough


def blasts_in_remission(text: str, below: float) -> bool | None:
    """Whether the blast percentage the answer gives is below `below` (remission), or None when the
    answer gives none."""
    found = _blast_words(written_language(text))
    if found is None:
        return None
    named, below_words, rough = found
    said = numeric_text(text)
    for phrase, percent in rough.items():  # 百分之十几
        said = said.replace(phrase, f"{percent:g}%")
    percents: list[tuple[float, bool]] = []
    for match in named.finditer(said):
        sentence_end = _SENTENCE.search(said, match.end())
        after = said[match.end() : sentence_end.start() if sentence_end else len(said)]
        in_sentence = sorted(
            [*re.finditer(_PERCENT, after), *re.finditer(_DOWN_TO, after)], key=lambda m: m.end()
        )
        if in_sentence:
            last = in_sentence[-1]
            percents.append((float(last.group(1)), bool(below_words.search(after[: last.start()][-12:]))))
            continue
        before = re.search(
            _PERCENT + r"\s*(?:的|嘅|of)?\s*$", said[: match.start()]
        )  # "8% blasts", 8%的原始细胞
        if before:
            percents.append((float(before.group(1)), False))
    if not percents:
        return None
    percent, said_below = percents[-1]
    return percent < below or (said_below and percent <= below)
