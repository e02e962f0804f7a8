"""A measurement said as the answer to a yes/no question.

Some questions are answered by a figure as well as by words: remission in AML is, by definition,
fewer than 5 % blasts in the marrow, so "第二疗程后原始细胞8%", "they got the blasts down to 8%" and
"原始细胞从80%降到3%" answer "did it go into remission?"; kidneys "working at about 25 percent" or
"eGFR around 25" answer "serious kidney problems?". A fact opts in with `answered_by_measure` in
facts.yaml: the measure, the figure below which the answer is yes, and the one from which it is no
(between the two it is left to the words, or asked again).

Each measure's words are data (`measures.<name>` in bot/words/<language>.yaml): the words that name
it, the words for "below" said before a figure ("under 5%"), rough figures (百分之十几), whether the
figure must be a percentage, which figure counts (the last, "from 40% down to 2%", or the first),
and the words after which a figure is another measure's (`stop_words`: "肾功能不好，肌酐四百多").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.parsing.text import numeric_text, phrase_pattern, space_cjk
from bot.parsing.words import words
from bot.text import written_language

_FIGURE = r"(\d+(?:\.\d+)?)"
_PERCENT_SIGN = r"\s*(?:%|percent|per cent|pc)"
_SENTENCE = re.compile(r"(?<!\d)\.|\.(?!\d)|[;!?。；！？]")
_DOWN_TO = r"(?:降\s*到|降\s*至|下\s*降\s*到|down to|dropped to|fell to)\s*" + _FIGURE + r"(?!\s*\d)"
"""A figure after "down to" continues the figures before it ("从百分之四十降到两个")."""


@dataclass(frozen=True)
class _MeasureWords:
    named: re.Pattern
    below: re.Pattern
    rough: dict[str, float]
    figure: str  # the regex of one figure of this measure
    stops: re.Pattern  # words after which a figure is another measure's ("肾功能不好，肌酐四百")
    first: bool  # the first figure said counts (else the last: "from 40% down to 2%")


@functools.cache
def _measure_words(language: str, measure: str) -> _MeasureWords | None:
    section = (words(language).raw.get("measures") or {}).get(measure) or {}
    if not section.get("words"):
        return None
    percent_only = bool(section.get("percent_only", True))
    return _MeasureWords(
        named=phrase_pattern(_spaced(section, "words")),
        below=phrase_pattern(_spaced(section, "below")),
        rough={" ".join(str(k)): float(v) for k, v in (section.get("rough_percent") or {}).items()},
        figure=_FIGURE + (_PERCENT_SIGN if percent_only else rf"(?:{_PERCENT_SIGN})?(?![\d.])"),
        stops=phrase_pattern(_spaced(section, "stop_words")),
        first=section.get("take") == "first",
    )


def _spaced(section: dict, key: str) -> list[str]:
    return [space_cjk(str(p)) for p in section.get(key) or []]


def measured(text: str, measure: str) -> tuple[float, bool] | None:
    """The last figure the answer gives for `measure`, and whether it was said to be below it
    ("under 5%"); None when it gives none."""
    found = _measure_words(written_language(text), measure)
    if found is None:
        return None
    said = numeric_text(text)
    for phrase, percent in found.rough.items():  # 百分之十几
        said = said.replace(phrase, f"{percent:g}%")
    figures: list[tuple[float, bool]] = []
    for match in found.named.finditer(said):
        sentence_end = _SENTENCE.search(said, match.end())
        after = said[match.end() : sentence_end.start() if sentence_end else len(said)]
        stop = found.stops.search(after)
        after = after[: stop.start()] if stop else after
        in_sentence = sorted(
            [*re.finditer(found.figure, after), *re.finditer(_DOWN_TO, after)], key=lambda m: m.end()
        )
        if in_sentence:
            last = in_sentence[0] if found.first else in_sentence[-1]
            figures.append((float(last.group(1)), bool(found.below.search(after[: last.start()][-12:]))))
            continue
        before = re.search(found.figure + r"\s*(?:的|嘅|of)?\s*$", said[: match.start()])  # "8% blasts"
        if before:
            figures.append((float(before.group(1)), False))
    return figures[-1] if figures else None


def answer_by_measure(text: str, measure: str, yes_below: float, no_from: float) -> bool | None:
    """Yes when the figure said for `measure` is below `yes_below`, no from `no_from` on, None when
    no figure is said or it falls between."""
    found = measured(text, measure)
    if found is None:
        return None
    figure, said_below = found
    if figure < yes_below or (said_below and figure <= yes_below):
        return True
    return False if figure >= no_from else None
