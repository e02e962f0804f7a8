"""Text clean-up shared by the parsers.

`clean` lower-cases and turns typographic symbols into plain ones (µ → u, × → x, 10⁹ → 10^9, curly
quotes, full-width digits); `expand_contractions` spells out "don't", "I'm", "haven't"...;
`words_to_digits` turns number words into digits with word2number ("seventy-six" → "76",
"a hundred and ten" → "110", "nineteen seventy one" → "1971"). `unknown_phrase` finds "I don't know"
and its relatives (listed in bot/words/<language>.yaml), which mean "unknown" for every fact type.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from opencc import OpenCC
from word2number import w2n

from bot.text import written_language

# ----- symbols --------------------------------------------------------------------------------------
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_POWER_OF_TEN = re.compile(r"10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SYMBOLS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00b5": "u",  # micro sign
        "\u03bc": "u",  # Greek mu (NFKC turns the micro sign into it)
        "\u00d7": "x",  # multiplication sign
        "\u00b7": "x",  # "10·10^9" is rare, but "·" is a multiplication dot
        # Chinese punctuation that NFKC leaves as it is ("，" and "？" it turns to ASCII itself)
        "\u3002": ". ",  # 。
        "\u3001": ", ",  # 、
        "\u300c": '"',
        "\u300d": '"',
        "\uff5e": "~",
    }
)
FULL_STOP = r"\.(?!\d)"
"""A full stop that ends a sentence or clause, as a pattern: not the point inside a number ("7.5",
"18.11.2026"). Clause splitters join it with their other breaks."""

_CJK_CHARACTER = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])")
_TYPED_GAP = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])\s+(?=[\u3400-\u4dbf\u4e00-\u9fff])")
_SPACES = re.compile(r"\s+")


_DRAWN_OUT = re.compile(r"([a-hj-uwyz])\1{2,}")
"""A letter typed three times or more draws a word out ("nooo", "yesss", "nopeee"); no word of the
answers has a letter three times running. Not i, v and x: "III" is a class in Roman figures."""


def clean(text: str) -> str:
    """Lower-case `text` and replace typographic symbols with plain ASCII ones.

    "72 ×10⁹/L" → "72 x10^9/l"; "8,5 g/dL" keeps its comma; full-width digits become ASCII.
    """
    text = _POWER_OF_TEN.sub(lambda m: "10^" + m.group(1).translate(_SUPERSCRIPTS), text)
    text = text.translate(_SUPERSCRIPTS)
    text = unicodedata.normalize("NFKC", text)
    text = _DRAWN_OUT.sub(r"\1", text.translate(_SYMBOLS).lower())  # "nooo", "yesss": no, yes
    language = written_language(text)
    text = everyday_forms(text, language)
    text = lab_signs_in_words(text, language)
    return _SPACES.sub(" ", text).strip()


@functools.cache
def _lab_sign_rewrites(language: str) -> tuple[tuple[re.Pattern, str], ...]:
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    return tuple(
        (re.compile(str(pattern)), str(replacement))
        for pattern, replacement in words(language).raw.get("lab_signs") or []
    )


def lab_signs_in_words(text: str, language: str) -> str:
    """A test result written as a sign in words ("HIV (-)", "HBsAg +ve", "乙肝表面抗原（-）": the
    language's `lab_signs` in bot/words/<language>.yaml), so the minus of a negative result is never
    read as the test named, which would be a yes."""
    for pattern, replacement in _lab_sign_rewrites(language):
        text = pattern.sub(replacement, text)
    return text


@functools.cache
def _colloquial_pattern(language: str) -> tuple[re.Pattern, dict[str, str]] | None:
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    table = {str(k): str(v) for k, v in (words(language).raw.get("colloquial") or {}).items()}
    if not table:
        return None
    return re.compile(alternation(table)), table


@functools.cache
def _script_converter(language: str) -> OpenCC | None:
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    config = words(language).raw.get("script_conversion")
    return OpenCC(str(config)) if config else None


def in_one_script(text: str, language: str) -> str:
    """`text` in the one script the language's words are written in: for Chinese, Traditional
    characters in their Simplified forms (沒有 → 没有, 後 → 后), with OpenCC's conversion named by
    `script_conversion` in bot/words/<language>.yaml. Families in Hong Kong, Taiwan and abroad type
    Traditional, and a 沒 the word lists do not know would leave a no read as a yes."""
    converter = _script_converter(language)
    return converter.convert(text) if converter else text


def everyday_forms(text: str, language: str) -> str:
    """Dialect and chat forms in their standard form, from the language's `colloquial` table in
    bot/words/<language>.yaml (木有 → 没有, 冇 → 没有, 唔该 → 谢谢), so every reader sees one form:
    the answer readers here, and the intent model, whose encoder knows the standard words only.
    Traditional characters are first written in Simplified (`in_one_script`)."""
    text = in_one_script(text, language)
    found = _colloquial_pattern(language)
    if found is None:
        return text
    pattern, table = found
    return pattern.sub(lambda m: table[m.group()], text)


# ----- spans and spellings --------------------------------------------------------------------------
def blanked(text: str, spans: Iterable[re.Match]) -> str:
    """`text` with each matched span turned into as many spaces: the rest keeps its offsets, and a
    phrase read once is not read again (a negation spent, a relapse already counted)."""
    for span in spans:
        text = text[: span.start()] + " " * (span.end() - span.start()) + text[span.end() :]
    return text


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def misspellings_corrected(text: str, vocabulary: Sequence[str], min_length: int, cutoff: float) -> str:
    """`text` with each Latin word of `min_length` letters or more that is not in `vocabulary` but
    close to one of its words (difflib's ratio at least `cutoff`) written as that word. Short words
    are left alone: too many of them are one letter from another real word. `vocabulary` is a
    sequence, sorted by the caller, so that of two words equally close the same one always wins."""

    def corrected(found: re.Match) -> str:
        word = found.group().lower()
        if len(word) < min_length or word in vocabulary:
            return found.group()
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=cutoff)
        return close[0] if close else found.group()

    return _LATIN_WORD.sub(corrected, text)


# ----- contractions ---------------------------------------------------------------------------------
_CONTRACTIONS: list[tuple[re.Pattern, str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"\bcan'?t\b", "can not"),
        (r"\bcannot\b", "can not"),
        (r"\bwon't\b", "will not"),
        (r"\b(i|you|we|they|he|she|it) wont\b", r"\1 will not"),  # typed without the apostrophe
        (
            r"\bwont (be|do|need|mind|matter|happen|have|go|take|want)\b",
            r"will not \1",
        ),  # "wont be a problem"
        (r"\bshan't\b", "shall not"),
        (r"\bain'?t\b", "is not"),
        (r"\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must|need)n'?t\b", r"\1 not"),
        (r"\bi'?m\b", "i am"),
        (r"\b(i|you|we|they)'ve\b", r"\1 have"),
        (r"\bive\b", "i have"),
        (r"\b(i|you|we|they|he|she)'d\b", r"\1 would"),
        (r"\b(i|you|we|they|he|she|it)'ll\b", r"\1 will"),
        (r"\b(you|we|they)'re\b", r"\1 are"),
        (
            r"\b(he|she|it|that|there|what|who|where|nobody|no one|noone|somebody|someone|everyone"
            r"|everybody|nothing|something|everything)'s\b",
            r"\1 is",
        ),
        (r"\b(it|that)s\b", r"\1 is"),
        (r"\bdunno\b", "do not know"),
        (r"\bidk\b", "i do not know"),
    ]
]


def expand_contractions(text: str) -> str:
    """Spell out contractions in lower-case text: "i don't" → "i do not", "she's" → "she is"."""
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def space_cjk(text: str) -> str:
    """Each Chinese character as a word of its own: Chinese has no spaces between words, so the
    phrase tables match Chinese character by character ("没问题" is "没 问 题")."""
    if not _CJK_CHARACTER.search(text):
        return text
    return _SPACES.sub(" ", _CJK_CHARACTER.sub(r" \1 ", text)).strip()


_QUOTE_MARK = re.compile(r"(?<![a-z0-9])'(?=[a-z])|(?<=[a-z])'(?![a-z0-9])")
"""A quote mark opening or closing words ("not 'very poorly'"), not an apostrophe joining two
letters ("crohn's") or before a year ("in '08")."""


def plain(text: str) -> str:
    """`clean` plus `expand_contractions`, Chinese characters spaced: the form the phrase tables
    are written in."""
    text = _QUOTE_MARK.sub(" ", expand_contractions(clean(text)))  # "not 'very poorly'": words, not quotes
    return space_cjk(_TYPED_GAP.sub(" , ", text))  # "不会 已经绝经了": a typed space parts two clauses


# ----- "I don't know" -------------------------------------------------------------------------------
def alternation(phrases: Iterable[object]) -> str:
    """A regex alternation of `phrases`, escaped, the longest first (so "easter sunday" wins over
    "easter"); one that never matches when there are none."""
    ordered = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered) or "(?!x)x"


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """One regex matching any of `phrases` as whole words, longest first (Chinese phrases spaced
    out as `plain` spaces them); an empty list matches nothing."""
    ordered = sorted({space_cjk(p) for p in phrases if p}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _unknown_pattern(text: str = "") -> re.Pattern:
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    return words(written_language(text)).pattern("unknown")


def without_not_unknown(plain_text: str) -> str:
    """The text without the phrases that hold an "I don't know" phrase but say yes (`not_unknown`:
    "I can't say I'm not bleeding"), and without a hedge on a number (`hedges_a_number`: "CHF for
    maybe 5 years" is unsure of the years, not of the heart failure)."""
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    lw = words(written_language(plain_text))
    text = lw.pattern("not_unknown").sub(" ", plain_text)
    hedges = lw.spaced_list("hedges_a_number")
    if hedges:
        hedge = alternation(hedges)
        text = re.sub(rf"(?<![^\s,.;])(?:{hedge})\s*(?=\d)", " ", text)
        # after the number and its unit, at the end of a clause: "13 months maybe", "56 perhaps?"
        text = re.sub(rf"(?<=\d)((?:\s*[^\W\d]+)?)\s+(?:{hedge})(?=\s*(?:[,.;!?]|$))", r"\1 ", text)
        # before a yes that ends its clause, a hedge leans to it: "so maybe yes" (read back if it excludes)
        yes = lw.pattern("yes_words").pattern
        text = re.sub(rf"(?<![^\s,.;])(?:{hedge})\s+(?=(?:{yes})\s*(?:[,.;!?]|$))", " ", text)
    return text


def unknown_phrase(plain_text: str) -> re.Match | None:
    """The first "I don't know" phrase (bot/words/<language>.yaml `unknown`, in the language the
    text is written in) in text already in `plain` form, or None."""
    return _unknown_pattern(plain_text).search(without_not_unknown(plain_text))


def only_hedged(plain_text: str) -> bool:
    """Whether every "I don't know" phrase in the text is a mere hedge (`hedges_a_number`: "maybe",
    "probably", 可能): the person gives their best answer, not a doubt about the whole of it."""
    from bot.parsing.words import words  # bot.parsing's package imports this module first

    hedges = set(words(written_language(plain_text)).spaced_list("hedges_a_number"))
    found = [m.group(0) for m in _unknown_pattern(plain_text).finditer(without_not_unknown(plain_text))]
    return bool(found) and all(phrase in hedges for phrase in found)


def without_unknown_phrases(plain_text: str) -> str:
    """The text with every "I don't know" phrase removed."""
    return _SPACES.sub(" ", _unknown_pattern(plain_text).sub(" ", plain_text)).strip()


# ----- number words ---------------------------------------------------------------------------------
_UNIT_WORDS = {w: n for w, n in w2n.american_number_system.items() if isinstance(n, int) and n < 10}
_TEEN_WORDS = {w: n for w, n in w2n.american_number_system.items() if isinstance(n, int) and 10 <= n < 20}
_TENS_WORDS = {w: n for w, n in w2n.american_number_system.items() if isinstance(n, int) and 20 <= n < 100}
_SCALE_WORDS = {"hundred", "thousand", "million", "billion"}
_NUMBER_WORDS = set(_UNIT_WORDS) | set(_TEEN_WORDS) | set(_TENS_WORDS) | _SCALE_WORDS
_SMALL_WORDS = {**_UNIT_WORDS, **_TEEN_WORDS, **_TENS_WORDS}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_LONE_ONE_AFTER = {
    "had", "have", "has", "got", "get", "any", "no", "the", "this", "that", "which", "every", "each",
    "another", "just", "only", "none", "not", "last", "latest", "recent", "previous", "next", "first",
    "second", "third", "other", "new", "old", "big", "small", "bad", "worst", "same", "newest", "newer",
    "older", "earlier", "later", "final", "most", "good", "best", "mild", "minor", "major", "massive",
    "little", "silent", "proper", "serious", "huge", "tiny", "real", "nasty", "severe",
}  # fmt: skip
"""After these words a lone "one" is a pronoun ("I had one years ago", "the last one was 45"), not
the number 1."""
_ONE_NAMED_AFTER = {"the", "that", "this", "which", "what"}
"""A lone "one" two words after these names a thing ("the kidney one"), unless a number comes between
or the word between says what it is (`_SAID_TO_BE`: "that was one", "the answer: one")."""
_SAID_TO_BE = {"is", "was", "are", "were", "be", "been", "answer", "count", "number", "total", "said", "says"}
_STRENGTH_UNITS = {"mg", "milligram", "milligrams", "mcg", "microgram", "micrograms"}
"""After two small number words, these make the first a count and the second a strength."""
_COUPLE = re.compile(r"\b(?:a\s+)?couple(?:\s+of)?\b(?=\s+[a-z])")
_WORD = re.compile(r"[a-z]+")


def _word_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _adjacent(text: str, left_end: int, right_start: int) -> bool:
    gap = text[left_end:right_start]
    return gap.strip(" -") == ""


def _run_value(words: list[str]) -> str | None:
    """The digits for a run of number words, or None when word2number cannot read it cleanly."""
    core = [w for w in words if w != "and"]
    if core and core[0] == "a":
        core[0] = "one"
    if core and core[0] in _SCALE_WORDS:
        core.insert(0, "one")
    # A year said as two pairs: "nineteen seventy one" → 1971, "twenty twenty five" → 2025.
    if len(core) >= 2 and "point" not in core and not _SCALE_WORDS & set(core):
        first = _SMALL_WORDS.get(core[0], 0)
        rest = core[1:]
        if 11 <= first <= 20 and (rest[0] in _TENS_WORDS or rest[0] in _TEEN_WORDS):
            tail = _SMALL_WORDS[rest[0]] + (_UNIT_WORDS.get(rest[1], 0) if len(rest) == 2 else 0)
            valid_tail = len(rest) == 1 or (
                len(rest) == 2 and rest[0] in _TENS_WORDS and rest[1] in _UNIT_WORDS
            )
            if valid_tail:
                return str(first * 100 + tail)
    # Two small numbers side by side ("five four") are two numbers, not one: leave them as words.
    for left, right in zip(core, core[1:], strict=False):
        if (left in _UNIT_WORDS or left in _TEEN_WORDS) and right in _SMALL_WORDS:
            return None
        if left in _TENS_WORDS and (right in _TENS_WORDS or right in _TEEN_WORDS):
            return None
    try:
        number = w2n.word_to_num(" ".join(core))
    except ValueError:
        return None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return str(number)


_NOUGHT = re.compile(r"\b(?:nought|naught|nil|oh)\b(?=\s+point\b)")
_BARE_POINT = re.compile(
    rf"(?P<before>\S*)(?P<gap>\s+)point(?=\s+(?:{'|'.join(sorted(_UNIT_WORDS))})\b)|^point(?=\s)"
)
"""A "point" with no number before it ("creatinine point nine", "it was point eight"): 0.9, 0.8."""


_NOT_BEFORE_A_BARE_POINT = {
    "zero", "nought", "oh", "this", "that", "the", "a", "some", "what", "which", "one", "any", "no", "my",
    "your", "good", "fair", "decimal", "to", "main", "whole",
}  # fmt: skip


def _zero_before_point(found: re.Match) -> str:
    before = found["before"] or ""
    if before and (before[-1].isdigit() or before in _NUMBER_WORDS or before in _NOT_BEFORE_A_BARE_POINT):
        return found[0]  # "eight point five", "7 point 2": a point inside a number; "at this point"
    return f"{before}{found['gap'] or ''}zero point"


def words_to_digits(text: str, ordinals: bool = False) -> str:
    """Replace number words in lower-case text with digits, using word2number.

    "seventy-six" → "76", "forty five" → "45", "a hundred and ten" → "110", "eight point five" →
    "8.5", "a couple of weeks" → "2 weeks". A lone "one" after "had", "any", "the"... is a pronoun
    and stays. With `ordinals`, "the twenty first" → "the 21st".
    """
    text = _COUPLE.sub("2", text)
    text = _NOUGHT.sub("zero", text)  # "nought point nine" is 0.9
    text = _BARE_POINT.sub(_zero_before_point, text)  # "creatinine point nine" is 0.9 too
    tokens = _word_tokens(text)
    replacements: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        next_word = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        after_digits = bool(re.search(r"\d\s*$", text[:start]))  # "72 thousand": a multiplier, not 1000
        starts_run = (word in _NUMBER_WORDS and not (word in _SCALE_WORDS and after_digits)) or (
            word == "a" and next_word in _SCALE_WORDS
        )
        if not starts_run:
            if ordinals and word in _ORDINALS:
                replacements.append((start, end, f"{_ORDINALS[word]}{_ordinal_suffix(_ORDINALS[word])}"))
            i += 1
            continue
        run = [word]
        j = i + 1
        while j < len(tokens) and _adjacent(text, tokens[j - 1][1], tokens[j][0]):
            candidate = tokens[j][2]
            after = tokens[j + 1][2] if j + 1 < len(tokens) else ""
            if (
                candidate in _NUMBER_WORDS
                or candidate == "and"
                and run[-1] in _SCALE_WORDS
                and after in _SMALL_WORDS
                or candidate == "point"
                and run[-1] in _SMALL_WORDS
                and after in _UNIT_WORDS
            ):
                run.append(candidate)
            else:
                break
            j += 1
        # "twenty first" → 21st when ordinals are wanted
        if (
            ordinals
            and j < len(tokens)
            and run[-1] in _TENS_WORDS
            and tokens[j][2] in _ORDINALS
            and _ORDINALS[tokens[j][2]] < 10
        ):
            day = _TENS_WORDS[run[-1]] + _ORDINALS[tokens[j][2]]
            replacements.append((start, tokens[j][1], f"{day}{_ordinal_suffix(day)}"))
            i = j + 1
            continue
        previous = tokens[i - 1][2] if i > 0 else ""
        before_previous = tokens[i - 2][2] if i > 1 else ""
        lone_pronoun = (
            run == ["one"]
            and (
                previous in _LONE_ONE_AFTER
                # "the kidney one", "that x10^9 one": a noun's pronoun, not the number 1
                or before_previous in _ONE_NAMED_AFTER
                and previous not in _NUMBER_WORDS
                and previous not in _SAID_TO_BE
                and not previous.isdigit()
                and not re.match(r"\s*(?:years?|months?|weeks?|days?|hours?|times?|mg)\b", text[end:])
            )
        )  # (not "the ciclosporin one year ago")
        digits = None if lone_pronoun else _run_value(run)
        if digits is not None:
            replacements.append((start, tokens[j - 1][1], digits))
        elif len(run) == 2 and run[0] in _UNIT_WORDS and j < len(tokens) and tokens[j][2] in _STRENGTH_UNITS:
            # "two five milligram tablets": a count, then each tablet's strength
            replacements.append((start, tokens[i][1], str(_UNIT_WORDS[run[0]])))
            replacements.append((tokens[i + 1][0], tokens[i + 1][1], str(_SMALL_WORDS[run[1]])))
        i = j
    for start, end, digits in reversed(replacements):
        text = text[:start] + digits + text[end:]
    return text


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def numeric_text(text: str, ordinals: bool = False) -> str:
    """`plain` text with hyphens between words opened up and number words turned into digits
    (Chinese numerals and unit words too: bot/parsing/chinese.py)."""
    from bot.parsing.chinese import to_parser_form  # it reads bot/words, which imports this module

    if written_language(text) == "zh":  # (plain() reads the table too, after lower-casing)
        text = everyday_forms(text, "zh")  # before the numerals: 一次都没有 is 没有, not one time
    text = plain(to_parser_form(text))
    text = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", text)
    return _AND_A_HALF.sub(r"\1.5", words_to_digits(text, ordinals=ordinals))


_AND_A_HALF = re.compile(r"(?<![\d.])(\d+)\s+and\s+a\s+half\b")
"""'eight and a half' (after number words become digits: '8 and a half') is 8.5."""
