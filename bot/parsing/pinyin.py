"""Answers typed in pinyin in a Chinese conversation ("mei you", "zuo tian", "hai meiyou huanjie"):
turned into the Chinese words the readers already know, so they are read like any Chinese answer.

The words are those of bot/words/zh.yaml: every Chinese phrase there is indexed by its toneless
pinyin (pypinyin spells it), and an answer is rewritten by the longest phrases whose pinyin it
spells, left to right. `pinyin_preferred` in zh.yaml settles syllables that many characters share
(shi → 是). An answer is only rewritten when every letter of it is spelled by those phrases, so an
English answer ("no", "she is fine") is never touched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from bot.text import written_language

_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uan|van|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ui|ue|ve"
    r"|er|a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE})+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LONGEST = 24
"""Letters in the longest phrase looked up at once."""


def _strings(node: Any) -> Iterator[str]:  # noqa: ANN401 - any part of a words file
    """Every string of a words file: keys, values and list items, at any depth."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _strings(item)


@functools.cache
def _index() -> dict[str, str]:
    """Toneless pinyin without spaces → a Chinese phrase of bot/words/zh.yaml."""
    from pypinyin import lazy_pinyin  # imported on first pinyin answer: it loads its dictionary

    from bot.parsing.words import words  # words.py imports text.py, which imports this package

    raw = words("zh").raw
    index: dict[str, str] = {}
    # In the words file's order (a set's order changes from run to run), shortest first.
    phrases = dict.fromkeys(p for said in _strings(raw) for p in _CJK.findall(said))
    from pypinyin.constants import PHRASES_DICT

    # The shortest phrase for a spelling, and of those a word of the dictionary: the words files
    # also list typing slips (换解 beside 缓解), which must not be what a spelling is written as.
    for phrase in sorted(phrases, key=lambda p: (len(p), len(p) > 1 and p not in PHRASES_DICT)):
        key = "".join(lazy_pinyin(phrase, errors="ignore")).replace("ü", "v")
        index.setdefault(key, phrase)
    index.update({str(k): str(v) for k, v in (raw.get("pinyin_preferred") or {}).items()})
    return index


def from_pinyin(text: str) -> str | None:
    """The Chinese an all-pinyin answer spells, or None when it is not one (any Chinese character,
    a word that is not pinyin, or letters no phrase spells)."""
    if written_language(text) == "zh":
        return None
    lowered = text.lower().replace("ü", "v")
    words_ = re.findall(r"[a-z]+", lowered)
    if not words_ or not all(_PINYIN_WORD.fullmatch(word) for word in words_):
        return None
    if all(word in _english_words() for word in words_):
        return None  # "no", "so so", "he can": English that happens to spell pinyin
    index = _index()
    out: list[str] = []
    for piece in re.findall(r"[a-z][a-z ]*|[^a-z]+", lowered):  # words run together: "mei you" is 没有
        if not piece[0].isalpha():
            out.append(piece.strip() or " ")
            continue
        spelled = _spell(piece.replace(" ", ""), index)
        if spelled is None:
            return None
        out.append(spelled)
    return _TEN.sub("十", "".join(out))


_LATIN_RUN = re.compile(r"[a-z]+(?: [a-z]+)*")
_CONTEXT = 2
"""Chinese characters either side of a pinyin slip that may belong to its word (yuan意 is 愿意)."""


def pinyin_slips_written(text: str) -> str:
    """A Chinese answer with syllables typed in pinyin among the characters (a word sent before the
    keyboard offered its characters: "yuan意", "huan解了", "复发过 liang ci") written in characters:
    each lower-case run of pinyin syllables, with as few neighbouring characters as it needs, that
    the phrases of bot/words/zh.yaml spell. English words, abbreviations (CR, PLT, MRD, mg) and
    runs no phrase spells are left as typed."""
    if written_language(text) != "zh":
        return text
    out = text
    for match in reversed(list(_LATIN_RUN.finditer(text))):
        run = match.group(0)
        if not all(_PINYIN_WORD.fullmatch(w) for w in run.split()):
            continue
        touching = _CJK.match(text, match.end()) or (match.start() and _CJK.match(text, match.start() - 1))
        if not touching and any(w in _english_words() for w in run.split()):
            continue  # "我 fine": English beside Chinese; "fu发" touches its word
        if match.start() > 0 and text[match.start() - 1].isascii() and text[match.start() - 1].isalnum():
            continue  # part of a longer Latin word or code ("CD3", "Ara-c")
        written = _with_neighbours(out, match.start(), match.end(), run.replace(" ", ""))
        if written is not None:
            start, end, chinese = written
            out = out[:start] + chinese + out[end:]
    return out


def _with_neighbours(text: str, start: int, end: int, letters: str) -> tuple[int, int, str] | None:
    """The span, with up to `_CONTEXT` neighbouring characters either side kept as typed, that the
    fewest phrases per character spell once the run at text[start:end] is joined to it ("yuan意" is
    the one phrase 愿意, not 与+啊+嗯 and 意), and what they spell; None when none does."""
    index = _index()
    sounds = _char_sounds(text)
    best: tuple[float, int, int, int, str] | None = None
    for before in range(_CONTEXT + 1):
        for after in range(_CONTEXT + 1):
            if start - before < 0 or end + after > len(text):
                continue
            left, right = sounds[start - before : start], sounds[end : end + after]
            if None in left or None in right:
                continue
            parts = _spelling(("".join(left) + letters + "".join(right)), index)
            if parts is None:
                continue
            spelled = "".join(parts)
            if spelled[:before] != text[start - before : start] or (
                after and spelled[-after:] != text[end : end + after]
            ):
                continue  # the characters typed stay as typed
            found = (len(parts) / len(spelled), before + after, start - before, end + after, spelled)
            best = found if best is None or found[:2] < best[:2] else best
    return None if best is None else best[2:]


@functools.cache
def _english_words() -> frozenset[str]:
    """Every word of bot/words/en.yaml: an answer made only of these is English."""
    from bot.parsing.words import words  # words.py imports text.py, which imports this package

    return frozenset(
        word for said in _strings(words("en").raw) for word in re.findall(r"[a-z]+", said.lower())
    )


_NUMERAL = "一二三四五六七八九两"
_TEN = re.compile(rf"(?<=[{_NUMERAL}])是|是(?=[{_NUMERAL}])")
"""shi between numerals is 十 ("liu shi san": 六十三), not 是."""


def _spell(letters: str, index: dict[str, str]) -> str | None:
    """The fewest phrases that spell all the letters ("meiyouaizibing": 没有 + 艾滋病, not 没有癌 + 子 +
    并); None when some letters are left unspelled."""
    parts = _spelling(letters, index)
    return None if parts is None else "".join(parts)


def _spelling(letters: str, index: dict[str, str]) -> list[str] | None:
    """The phrases of `_spell`, one by one."""
    best: list[tuple[int, list[str]] | None] = [(0, [])] + [None] * len(letters)
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - _LONGEST), end):
            before, phrase = best[start], index.get(letters[start:end])
            if before is None or phrase is None:
                continue
            if best[end] is None or before[0] + 1 < best[end][0]:
                best[end] = (before[0] + 1, [*before[1], phrase])
    found = best[-1]
    return None if found is None else found[1]


def homophones_corrected(text: str, phrases: tuple[str, ...], keep: str = "不没无未非否冇莫勿") -> str:
    """The text with characters typed for a homophone of one of `phrases` written as that phrase:
    化廖 and 花疗 are 化疗, 房疗 放疗, 把向 靶向, 随系 髓系 (pinyin input offers a word with the same
    sound). Whole runs of two or more characters that sound exactly like a phrase, tones ignored,
    longest phrase first, unless the run is (part of) a word of its own (上半天 stays, not 上班天);
    text with no such run is returned as it is. A character of `keep` (the negations) is never
    written or taken away: 眼部 is not turned into a "眼不" that says no."""
    by_sound = _sounds(phrases)
    if not by_sound or not _CJK.search(text):
        return text
    chars = list(text)
    sounds = _char_sounds(text)
    longest = _longest(phrases)
    start = 0
    while start < len(chars):
        for size in range(min(longest, len(chars) - start), 1, -1):
            window = tuple(sounds[start : start + size])
            phrase = by_sound.get(window) if None not in window else None
            if phrase is not None and _keeps(text[start : start + size], phrase, keep):
                if _in_a_word(text, start, size) or _counts_something(text, start):
                    continue
                chars[start : start + size] = list(phrase)
                start += size - 1
                break
        start += 1
    return "".join(chars)


@functools.lru_cache(maxsize=256)
def _char_sounds(text: str) -> tuple[str | None, ...]:
    """Each character's toneless syllable (None for anything but a Chinese character); cached, as
    one answer is read against several facts."""
    from pypinyin import lazy_pinyin

    return tuple(
        (lazy_pinyin(ch, errors="ignore") or [None])[0] if _CJK.fullmatch(ch) else None for ch in text
    )


@functools.lru_cache(maxsize=256)
def _longest(phrases: tuple[str, ...]) -> int:
    return max(len(key) for key in _sounds(phrases))


@functools.lru_cache(maxsize=256)
def _sounds(phrases: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Each phrase of two or more Chinese characters by its toneless syllables (the first phrase
    for a sound wins)."""
    from pypinyin import lazy_pinyin

    by_sound: dict[tuple[str, ...], str] = {}
    for phrase in phrases:
        if len(phrase) >= 2 and _CJK.fullmatch(phrase):
            by_sound.setdefault(tuple(lazy_pinyin(phrase, errors="ignore")), phrase)
    return by_sound


def _keeps(typed: str, phrase: str, keep: str) -> bool:
    """Whether writing `phrase` over `typed` leaves every character of `keep` where it was."""
    return all(a == b for a, b in zip(typed, phrase, strict=True) if a in keep or b in keep)


_NUMERALS = "0123456789几两一二三四五六七八九十百千万零〇多"


def _counts_something(text: str, start: int) -> bool:
    """Whether the run starts with a numeral or right after one: 六十几岁 is an age, never the 急髓
    it sounds like, and 三次 is a count."""
    return text[start] in _NUMERALS or (start > 0 and text[start - 1] in _NUMERALS)


def _in_a_word(text: str, start: int, size: int) -> bool:
    """Whether the characters at text[start:start+size] were typed as meant: they are a word of
    pypinyin's phrase dictionary (47,000 common words), lie wholly inside one, or share characters
    with a word of three or more (上半天 in "在上半天班", which is not 在上班)."""
    from pypinyin.constants import PHRASES_DICT

    end = start + size
    for length in range(2, max(size, 4) + 3):
        for first in range(max(0, start - length + 1), min(end, len(text) - length + 1)):
            last = first + length
            covers = first <= start and last >= end
            if (covers or length >= 3) and text[first:last] in PHRASES_DICT:
                return True
    return False
