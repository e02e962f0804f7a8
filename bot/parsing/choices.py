"""Choices: one value (`choice`) or several (`choices`) from a fact's list.

An answer matches a choice by its exact label in any language (button payloads are the label text),
its value, or a synonym from bot/words/<language>.yaml `choices`, in the language the answer is
written in ("bowel cancer" → solid_tumour, "keytruda" → immunotherapy, "bedbound" → ECOG 4).
Matching is on whole words, longest phrase first, case-insensitive; when nothing matches, misspelt
words are corrected against the synonyms with difflib (cutoff 0.8). A choice preceded by a negation
in the same clause ("no chemo", "not lymphoma") does not count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from bot.facts import FactDefinition
from bot.parsing import learned, result
from bot.parsing.chinese import is_chinese
from bot.parsing.pinyin import homophones_corrected
from bot.parsing.result import Parsed
from bot.parsing.text import (
    alternation,
    misspellings_corrected,
    numeric_text,
    phrase_pattern,
    plain,
    space_cjk,
)
from bot.parsing.words import DEFAULT_LANGUAGE, now_and_before, without_future_clauses
from bot.parsing.words import words as language_words
from bot.text import LANGUAGES, localize, written_language


# ----- data (bot/words/<language>.yaml) ------------------------------------------------------------
@dataclass(frozen=True)
class _Vocabulary:
    """One language's choice words."""

    synonyms: dict[str, dict[Any, tuple[str, ...]]]
    """Per fact: choice value → extra phrases (lower case, contractions spelled out as in
    `text.plain`, hyphens as spaces). Labels and values are matched as well and need not be
    repeated here."""
    case_sensitive: dict[str, dict[str, Any]]
    """Acronyms that are ordinary words in lower case: matched as written, whole word."""
    weak: frozenset[str]
    """Generic words that step aside when a more specific choice is named ("AML, a leukaemia" → aml)."""
    answer_only: frozenset[str]
    """Phrases trusted in a direct answer to the question, but not when picking facts out of free
    text ("I listen to the radio" says nothing about radiotherapy; "no cancer treatment yet" is not
    "no cancer")."""
    all_of_these: re.Pattern
    """For multi-choice facts: every choice except "none"."""
    all_but: re.Pattern
    """Beside `all_of_these` or `everything`, the words that take some back ("all of them except
    radiotherapy", 除了放疗都做过): the choices named in their clause are not chosen."""
    everything: re.Pattern
    """Words for every choice that count only with `all_but` ("everything except immunotherapy")."""
    negators: frozenset[str]
    negators_after: re.Pattern
    """A negation right after a choice, with at most two of the language's `negation_passes`
    between ("放疗没做", "靶向药没吃过")."""
    fine_with: dict[str, re.Pattern]
    """Per fact: words that, next to a choice in the same clause, say it brings no trouble ("fine
    sitting down", "the stairs are no problem"), so the choice does not count."""
    unable_counts: dict[str, re.Pattern]
    """Per fact: words of inability that do not negate a choice but confirm it ("can't walk across
    the room" is the limit of a scale of what brings symptoms on)."""
    clause_break: re.Pattern
    declined_later: re.Pattern
    """A next clause that undoes the choice just named ("they offered radiotherapy but I said no",
    "...but decided against it"): `choice_declined_later`, after at most three `negation_passes`."""
    asides: re.Pattern
    """A remark set off by commas inside a sentence ("I have not, to my knowledge, received
    radiation"): `asides`, taken out so a negation before it reaches the choice after it."""
    together: dict[str, dict[Any, tuple[tuple[str, ...], ...]]]
    """Per fact: choice value → groups of words that name it together, wherever each is said
    ("leukaemia, the acute one. Myeloid, I think"; 白血病 急性的 髓系)."""
    named_over: dict[str, dict[Any, frozenset[Any]]]
    """Per fact: choice value → choices it stands over when both are named (MDS beside AML is the
    illness AML came from, not a second diagnosis)."""


@functools.cache
def vocabulary(language: str = "en") -> _Vocabulary:
    """The choice words of `language` (bot/words/<language>.yaml)."""
    lw = language_words(language)
    breaks = lw.spaced_list("clause_breaks") + ["but", "only", "just", "though", "although", "however",
                                                 "except", "whereas"]  # fmt: skip
    return _Vocabulary(
        synonyms=lw.choice_synonyms,
        case_sensitive=dict(lw.raw.get("case_sensitive") or {}),
        weak=frozenset(_bare(p) for p in lw.list("weak_phrases")),
        answer_only=frozenset(_bare(p) for p in lw.list("answer_only")),
        all_of_these=phrase_pattern(lw.spaced_list("all_of_these")),
        all_but=phrase_pattern(lw.spaced_list("all_but")),
        everything=phrase_pattern(lw.spaced_list("everything_but")),
        negators=frozenset(lw.spaced_list("choice_negators")),
        negators_after=_negation_after(lw),
        fine_with={
            fact_id: phrase_pattern(lw.spaced_list_in("choice_fine_with", fact_id))
            for fact_id in (lw.raw.get("choice_fine_with") or {})
        },
        unable_counts={
            fact_id: phrase_pattern(lw.spaced_list_in("choice_unable_counts", fact_id))
            for fact_id in (lw.raw.get("choice_unable_counts") or {})
        },
        clause_break=re.compile(
            r"[,.;:!?]|" + "|".join(rf"(?<![a-z0-9]){re.escape(b)}(?![a-z0-9])" for b in breaks)
        ),
        declined_later=_declined_later(lw),
        asides=re.compile(rf"\s,\s(?:{alternation(lw.spaced_list('asides'))})\s,\s"),
        together={
            fact_id: {
                value: tuple(tuple(_bare(str(w)) for w in group) for group in groups)
                for value, groups in by_value.items()
            }
            for fact_id, by_value in (lw.raw.get("choice_together") or {}).items()
        },
        named_over={
            fact_id: {value: frozenset(others) for value, others in by_value.items()}
            for fact_id, by_value in (lw.raw.get("choice_named_over") or {}).items()
        },
    )


def _passed_words(lw: Any, at_most: int) -> str:  # noqa: ANN401 - the language's Words
    """Up to `at_most` of the language's `negation_passes` ("really", "actually"), each followed by a
    space: the words a negation may reach across."""
    return rf"(?:(?:{alternation(lw.spaced_list('negation_passes'))})\s+){{0,{at_most}}}"


def _declined_later(lw: Any) -> re.Pattern:  # noqa: ANN401 - the language's Words
    declined = alternation(lw.spaced_list("choice_declined_later"))
    trailing = alternation(lw.spaced_list("choice_declined_trailing"))
    return re.compile(rf"\s*{_passed_words(lw, 3)}(?:{declined})(?:\s+(?:{trailing}))*\s*$")


def _negation_after(lw: Any) -> re.Pattern:  # noqa: ANN401 - the language's Words
    negators = lw.spaced_list("choice_negators_after")
    if not negators:
        return re.compile(r"(?!x)x")
    return re.compile(rf"\s*{_passed_words(lw, 2)}(?:{alternation(negators)})(?![a-z0-9])")


_SELF_NEGATING_VALUES = frozenset({"none", "no_cancer"})
NAMES_NO_CHOICE = "names_no_choice"
"""A words file's phrases under this value (`choices.<fact>.names_no_choice`) name none of the choices
but hold a shorter phrase that would ("cancer in the bone marrow" holds "cancer in the bone"): found
first, being longer, they hide those words and give nothing."""
_LEAD_IN = frozenset(
    {
        "ecog", "nyha", "who", "score", "grade", "class", "level", "ps", "performance", "status", "it", "is",
        "its", "of", "about", "i", "think", "he", "she", "they", "are", "am", "a", "the", "my", "his", "her",
        "their", "probably", "say", "would", "id", "was", "be", "number", "option", "answer",
    }
)  # fmt: skip
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_ROMAN_AFTER = frozenset({"class", "nyha", "grade", "stage"})
_FUZZY_CUTOFF = 0.8


# ----- text -----------------------------------------------------------------------------------------
def _choice_text(text: str) -> str:
    """Lower case, contractions and number words resolved, apostrophes dropped, punctuation other than
    clause breaks turned into spaces, clause breaks spaced out."""
    text = numeric_text(text.replace("、", "/")).replace("'", "")  # 化疗、放疗: one list, not two clauses
    text = re.sub(r"(?<=[a-z])x(?=\d)", " x", text)  # "R-CHOP×6": six of R-CHOP
    text = re.sub(r"[^a-z0-9,.;:!?%\u3400-\u4dbf\u4e00-\u9fff]+", " ", text)
    text = re.sub(r"\.(?!\d)|(?<!\d)\.", " . ", text)
    text = re.sub(r"([,;:!?])", r" \1 ", text)
    return " ".join(text.split())


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9\u3400-\u4dbf\u4e00-\u9fff]+", " ", _choice_text(text)).split())


@dataclass(frozen=True)
class _Phrase:
    words: str
    value: Any
    weak: bool
    answer_only: bool

    @property
    def pattern(self) -> re.Pattern:
        return _whole_words(self.words)


@functools.lru_cache(maxsize=4096)
def _whole_words(words: str) -> re.Pattern:
    return re.compile(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])")


@functools.cache
def _phrases(fact_id: str, labels: tuple[tuple[Any, str], ...], language: str = "en") -> tuple[_Phrase, ...]:
    words_of = vocabulary(language)
    found: dict[str, _Phrase] = {}
    for value, label in labels:
        for words in [_bare(label)] + ([_bare(value.replace("_", " "))] if isinstance(value, str) else []):
            if words:
                found.setdefault(
                    words, _Phrase(words, value, words in words_of.weak, words in words_of.answer_only)
                )
    for value, synonyms in words_of.synonyms.get(fact_id, {}).items():
        for words in synonyms:
            key = _bare(words)
            found.setdefault(key, _Phrase(key, value, key in words_of.weak, key in words_of.answer_only))
    return tuple(sorted(found.values(), key=lambda p: len(p.words), reverse=True))


@functools.cache
def _phrases_with_latin(
    fact_id: str, labels: tuple[tuple[Any, str], ...], language: str
) -> tuple[_Phrase, ...]:
    """A language's phrases plus the default language's names written in Latin letters (ABVD,
    FOLFOX, R-CHOP, azacitidine): people writing Chinese name drugs and regimens that way too."""
    own = _phrases(fact_id, labels, language)
    if language == DEFAULT_LANGUAGE:
        return own
    known = {p.words for p in own}
    latin = [
        p
        for p in _phrases(fact_id, labels, DEFAULT_LANGUAGE)
        if p.words not in known and len(p.words) >= MIN_LATIN_NAME and re.fullmatch(r"[a-z0-9 ]+", p.words)
    ]
    return tuple(sorted([*own, *latin], key=lambda p: len(p.words), reverse=True))


MIN_LATIN_NAME = 4
"""Shorter Latin-letter words ("cr", "pd", "run") are too often something else in a Chinese answer."""


def _labels(fact: FactDefinition) -> tuple[tuple[Any, str], ...]:
    """Every choice's label in every language: a button pressed in a Chinese conversation sends
    the Chinese label."""
    return tuple((c.value, fact.choice_label(c.value, lang)) for lang in LANGUAGES for c in fact.choices)


@functools.cache
def _chinese_words(fact_id: str, labels: tuple[tuple[Any, str], ...], language: str) -> tuple[str, ...]:
    """The fact's phrases written in Chinese characters, unspaced (for `homophones_corrected`)."""
    return tuple(
        p.words.replace(" ", "")
        for p in _phrases_with_latin(fact_id, labels, language)
        if is_chinese(p.words)
    )


@functools.cache
def _vocabulary(fact_id: str, labels: tuple[tuple[Any, str], ...], language: str) -> list[str]:
    """The fact's one-word phrases long enough to correct a misspelling towards."""
    together = vocabulary(language).together.get(fact_id, {})
    return sorted(
        {
            p.words
            for p in _phrases_with_latin(fact_id, labels, language)
            if " " not in p.words and len(p.words) >= 5 and p.words.isalpha()
        }
        | {
            w
            for groups in together.values()
            for group in groups
            for w in group
            if len(w) >= 5 and w.isalpha()
        }
    )


# ----- matching -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mentions:
    """Choices named in a text: `positive` ones, and `negated` ones ("no chemo")."""

    positive: tuple[Any, ...]
    negated: tuple[Any, ...]


MOST_WORDS_BEFORE_DECLINED = 3
"""Words that may follow a choice in its own clause before a next clause that undoes it ("was
planned but cancelled")."""


def _clause_before(text: str, start: int, words_of: _Vocabulary) -> str:
    """The words of a choice's clause before it."""
    return words_of.clause_break.split(text[:start])[-1]


def _negated_before(clause: str, words_of: _Vocabulary, fact_id: str) -> bool | None:
    """Whether a negation in the few words of `clause` before a choice denies it ("no chemo"); None
    when there is none there."""
    last_words = clause.split()[-4:]
    if not words_of.negators & set(last_words):
        return None
    unable = words_of.unable_counts.get(fact_id)
    return not (unable and unable.search(" ".join(last_words)))


def _negated(text: str, start: int, end: int, words_of: _Vocabulary, fact_id: str) -> bool:
    clause = _clause_before(text, start, words_of)
    before = _negated_before(clause, words_of, fact_id)
    if before is not None:
        return before
    after_parts = words_of.clause_break.split(text[end:])
    after = after_parts[0]
    if words_of.negators_after.match(after):
        return True
    if (
        len(after_parts) > 1
        and len(after.split())
        <= MOST_WORDS_BEFORE_DECLINED * (2 if is_chinese(after) else 1)  # 字, not words
        and words_of.declined_later.match(after_parts[1])
    ):
        return True  # "they offered radiotherapy but I said no", "radiotherapy was planned but cancelled"
    fine = words_of.fine_with.get(fact_id)
    if fine is None:
        return False
    following = after_parts[1].strip(" .!") if len(after_parts) > 1 else ""
    if len(after.split()) <= 1 and fine.fullmatch(following):
        after += " " + following  # "when I sit, no problem": a next clause that only says it is fine
    # "fine otherwise when he's sitting", "sitting here talking to you I'm fine": a few words either
    # side (a Chinese "word" here is one character, so fewer before)
    before_words = 3 if is_chinese(clause) else 5
    near = " ".join(clause.split()[-before_words:]) + " # " + " ".join(after.split()[:7])
    return bool(fine.search(near))


def _find(
    phrases: tuple[_Phrase, ...], text: str, free_text: bool, words_of: _Vocabulary, fact_id: str = ""
) -> tuple[list[Any], list[Any]]:
    working = text
    hits: list[tuple[int, int, _Phrase]] = []
    for phrase in phrases:
        if free_text and phrase.answer_only:
            continue
        if phrase.words not in working:
            continue
        for match in phrase.pattern.finditer(working):
            hits.append((match.start(), match.end(), phrase))
            working = working[: match.start()] + "#" * len(match.group()) + working[match.end() :]
    hits = [(s, e, p) for s, e, p in hits if p.value != NAMES_NO_CHOICE]  # they only hid their words
    if any(not p.weak for _, _, p in hits):
        hits = [(s, e, p) for s, e, p in hits if not p.weak]
    positive: list[Any] = []
    negated: list[Any] = []
    ordered = sorted(hits, key=lambda h: h[0])
    denied = [
        phrase.value not in _SELF_NEGATING_VALUES and _negated(text, start, end, words_of, fact_id)
        for start, end, phrase in ordered
    ]
    for i in range(len(ordered) - 2, -1, -1):  # "化疗放疗都没做过", "chemo, radio or surgery: none"
        if denied[i + 1] and _JOINED.fullmatch(text[ordered[i][1] : ordered[i + 1][0]]):
            denied[i] = ordered[i][2].value not in _SELF_NEGATING_VALUES
    for i in range(len(ordered) - 1):  # "没做过化疗和放疗", "never had chemo or radiation"
        (start, end, _), (next_start, _, next_phrase) = ordered[i], ordered[i + 1]
        # (English reaches the next one by its own words: "no chemo or radio")
        if (
            denied[i]
            and is_chinese(text[start:end])
            and "完" not in text[max(0, start - 4) : start]  # 没做完化疗和放疗: not finished, but had
            and _negated_before(_clause_before(text, start, words_of), words_of, fact_id)
            and _JOINED_BY_A_WORD.fullmatch(text[end:next_start])
        ):
            denied[i + 1] = next_phrase.value not in _SELF_NEGATING_VALUES
    for i, ((_, end, phrase), is_denied) in enumerate(zip(ordered, denied, strict=True)):
        if (
            phrase.value in _SELF_NEGATING_VALUES
            and i
            and _undoes_the_one_before(text, ordered[i - 1], end, words_of)
        ):
            continue  # "radiation not yet": the "not yet" undoes radiation, it is no "none yet"
        if is_denied:
            negated.append(phrase.value)
        elif phrase.value not in positive:
            positive.append(phrase.value)
    return positive, negated


def _undoes_the_one_before(
    text: str, before: tuple[int, int, _Phrase], end: int, words_of: _Vocabulary
) -> bool:
    undone = words_of.negators_after.match(text, before[1])
    return bool(undone) and undone.end() >= end


_JOINED = re.compile(r"\s*(?:[/、]|and|or|nor|和|或|或者|跟|与|及|还有)\s*|\s?")
"""What may stand between choices said as one list, so that a negation after the last is of them all:
a joining word, or nothing at all (化疗放疗). Not a comma: a typed space that parts two clauses
becomes one ("做过放疗 靶向药没吃过")."""
_JOINED_BY_A_WORD = re.compile(r"\s*(?:[/、]|and|or|nor|和|或|或者|跟|与|及)\s*")
"""Between choices, what carries a negation before the first on to the next ("没做过化疗和放疗"):
a joining word, not a space ("没做化疗 放疗做了25次")."""


def find_mentions(fact: FactDefinition, text: str, free_text: bool = False) -> Mentions:
    """The choices of `fact` named in `text` (labels, values, synonyms; misspellings corrected).

    With `free_text`, phrases that only make sense as a direct answer ("none", "radio") are skipped.
    """
    language = written_language(text)
    words_of = vocabulary(language)
    labels = _labels(fact)
    phrases = _phrases_with_latin(fact.id, labels, language)
    if language == "zh":  # 化廖, 把向: a homophone the pinyin keyboard offered for the word meant
        text = homophones_corrected(text, _chinese_words(fact.id, labels, language))
    normal = words_of.asides.sub(" ", _choice_text(text))  # "not, to my knowledge, had radiation"
    positive, negated = _find(phrases, normal, free_text, words_of, fact.id)
    _add_named_together(fact.id, normal, positive, words_of)
    for acronym, value in words_of.case_sensitive.get(fact.id, {}).items():
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(acronym)}(?![A-Za-z0-9])", text) and value not in positive:
            positive.append(value)
    if not positive and not negated:
        corrected = misspellings_corrected(normal, _vocabulary(fact.id, labels, language), 5, _FUZZY_CUTOFF)
        if corrected != normal:
            positive, negated = _find(phrases, corrected, free_text, words_of, fact.id)
            _add_named_together(fact.id, corrected, positive, words_of)
    return Mentions(tuple(positive), tuple(negated))


def _add_named_together(fact_id: str, text: str, positive: list[Any], words_of: _Vocabulary) -> None:
    """Adds to `positive` each choice whose words (`together`) are all said in `text`, none negated."""
    for value, groups in words_of.together.get(fact_id, {}).items():
        if value in positive:
            continue
        for group in groups:
            found = [_whole_words(word).search(text) for word in group]
            if all(found) and not any(_negated(text, m.start(), m.end(), words_of, fact_id) for m in found):
                positive.append(value)
                break


def _exact(fact: FactDefinition, text: str) -> Any | None:
    """A whole answer that is a label, a value, a short form ("f") or a number choice ("ECOG 1")."""
    bare = _bare(text)
    for value, label in _labels(fact):
        if bare == _bare(label) or (isinstance(value, str) and bare == _bare(value.replace("_", " "))):
            return value
    if all(isinstance(v, int) for v in fact.choice_values):
        words = bare.split()
        numbers = []
        for i, word in enumerate(words):
            if word.isdigit():
                numbers.append(int(word))
            elif word in _ROMAN and i > 0 and words[i - 1] in _ROMAN_AFTER:
                numbers.append(_ROMAN[word])
            elif word not in _LEAD_IN:
                return None
        if len(numbers) == 1 and numbers[0] in fact.choice_values:
            return numbers[0]
    return None


_ORDINAL_FILLERS = frozenset({"one", "1", "option", "choice", "button", "answer", "个", "项", "选"})


@functools.cache
def _ordinals(language: str) -> dict[str, int]:
    """Ordinal words as they read after `_bare` → a position in the list (-1: the last)."""
    table = language_words(language).raw.get("ordinal_choices") or {}
    return {_bare(str(k)): int(v) for k, v in table.items()}


def _ordinal_choice(fact: FactDefinition, bare: str, language: str) -> Any | None:
    """ "the second one", "第二个": the choice at that place in the list the buttons show."""
    rest = " ".join(w for w in bare.split() if w not in _LEAD_IN and w not in _ORDINAL_FILLERS)
    position = _ordinals(language).get(rest)
    values = fact.choice_values
    if position is None or not values or not -len(values) <= position <= len(values) or position == 0:
        return None
    return values[position - 1] if position > 0 else values[position]


_STATED_SCORE = re.compile(
    r"\b(?:ecog|nyha|ps|performance status|who)(?: score| status| class| grade)?(?: is| of| was| at)? (\d)\b"
)


def _stated_score(fact: FactDefinition, bare: str) -> Any | None:
    """A score named with its scale anywhere in the answer ("the doctor said ECOG 2", "NYHA class 3"),
    when the choices are those numbers and only one score is named."""
    if not fact.choice_values or not all(isinstance(v, int) for v in fact.choice_values):
        return None
    found = list(_STATED_SCORE.finditer(bare))
    numbers = re.findall(r"\b\d+\b", bare)
    if len(found) == 1 and len(numbers) == 1 and int(found[0].group(1)) in fact.choice_values:
        return int(found[0].group(1))  # "ECOG 1 or 2" names two numbers: asked again
    return None


def _as_now(text: str) -> str:
    """For a scale about how things are now: the clauses that say "before" left out when another
    says "now" ("before the tablets I was puffed on the stairs, now I walk miles"; "以前爬楼就喘，现在
    爬五楼也没事"), with the language's `earlier_markers` and `latest_markers`."""
    lw = language_words(written_language(text))
    clauses = re.split(r"(?<=[,;.!?，；。！？])", text)
    if len(clauses) < 2:
        return text
    now, before = now_and_before([plain(c) for c in clauses], lw, weak_alone=False)
    if not now or not before:
        return text
    return "".join(c for i, c in enumerate(clauses) if i not in before)


def _varies(text: str) -> bool:
    """Whether the answer says it varies (`varies`: "depends on the day", 时好时坏): a scale is then
    asked again, never read from one of its days."""
    return bool(language_words(written_language(text)).pattern("varies").search(plain(text)))


def parse_choice(fact: FactDefinition, text: str, guess: bool = True) -> Parsed:
    """Read one choice; several different choices are "choice.ambiguous", none "choice.no_match".
    Without `guess`, a learned reader does not weigh in: only what the answer names counts (the
    words beside "I don't know" name a level, or say nothing)."""
    exact = _exact(fact, text)
    if exact is not None:
        return replace(result.value(exact, text), sure=True)
    bare = _bare(text)
    stated = _stated_score(fact, bare)
    if stated is not None:  # "the oncologist said my ECOG is 2": read back if it excludes
        return result.value(stated, text)
    ordinal = _ordinal_choice(fact, bare, written_language(text))
    if ordinal is not None:  # read back if it excludes: the list they counted may not be ours
        return result.value(ordinal, text)
    scale = fact.several_choices == "highest"
    two_levels = _two_levels_said(fact, text) if scale else None
    if two_levels is not None:  # "between 1 and 2", "2和3之间", "number 2, maybe 3 on a bad week"
        return two_levels
    said = _as_now(text) if scale else text
    mentions = find_mentions(fact, said)
    if scale and _varies(text):
        # "good days in the office, bad days on the sofa": the levels it varies between, the study
        # team deciding when the outcome hangs on which; "it varies" naming none is asked again
        return _between(text, mentions.positive) or result.unclear(text, "choice.ambiguous")
    reading = _by_phrases(fact, text, mentions)
    # Not overruled: a score named with its scale ("ECOG 1 or 2") is the person's own reading, and
    # a short answer that only denies a level ("not fully active") says what it is not, which
    # n-grams cannot weigh. A longer one pictures the day besides ("sitting down he is okay").
    only_denies = mentions.negated and not mentions.positive and len(space_cjk(bare).split()) <= SHORT_DENIAL
    own_reading = _STATED_SCORE.search(bare) or only_denies
    if guess and fact.learned_reader and not reading.sure and not own_reading:
        return _weighed_with_examples(fact, text, reading, said)
    return reading


def _between(text: str, levels: tuple[Any, ...]) -> Parsed | None:
    """Two neighbouring levels of a scale said of one person: the higher, with both as the answer's
    alternatives (an outcome that hangs on which is left to the study team)."""
    if len(set(levels)) < 2:
        return None
    low, high = min(levels), max(levels)
    if high - low != 1:
        return None  # "some days breathless lying down, some days out walking": no one level
    return replace(result.value(high, text), alternatives=(low, high))


_LEVEL_NUMBER = re.compile(
    r"(?<![\d.])(\d+)(?![\d.])(?!\s*(?:(?:or|to|and|-|到|或)\s*\d+\s*)?"
    r"(?:hours?|hrs?|days?|weeks?|months?|years?|times?|minutes?|mins?|%|小时|个|天|周|次|分钟|年|月|岁))",
    re.IGNORECASE,
)
"""A number in figures that may be a level: not a length or a count ("I sleep 2 or 3 hours")."""


def _two_levels_said(fact: FactDefinition, text: str) -> Parsed | None:
    """A numbered scale answered with two neighbouring numbers and no other ("between 1 and 2",
    "2 or 3", "2和3之间"): both, as for `_between`."""
    if not fact.choice_values or not all(isinstance(v, int) for v in fact.choice_values):
        return None
    # in figures, as typed, and not a count of something ("I sleep 2 or 3 hours")
    numbers = {int(n) for n in _LEVEL_NUMBER.findall(text)}
    if len(numbers) != 2 or not numbers <= set(fact.choice_values) or max(numbers) - min(numbers) != 1:
        return None
    return _between(text, tuple(numbers))


SHORT_DENIAL = 6
"""Words (Chinese characters) in an answer that only denies a level of a scale."""


def _by_phrases(fact: FactDefinition, text: str, mentions: Mentions) -> Parsed:
    """One choice read from the labels and synonyms the answer names (`mentions`)."""
    if len(mentions.positive) == 1:
        # The whole answer is one name of the choice ("breast cancer"): beyond doubt.
        whole = _bare(text) in {
            p.words
            for p in _phrases(fact.id, _labels(fact), written_language(text))
            if p.value == mentions.positive[0]
        }
        return replace(result.value(mentions.positive[0], text), sure=whole and not mentions.negated)
    if len(mentions.positive) > 1 and fact.several_choices == "highest":
        # several levels of a scale named: the highest is the limit ("I work, but I tire easily")
        return result.value(max(mentions.positive), text)
    if len(mentions.positive) > 1:
        became = _what_it_became(fact, text)
        if became is not None:  # "MDS that turned into AML": AML, read back if it excludes
            return result.value(became, text)
        over = vocabulary(written_language(text)).named_over.get(fact.id, {})
        standing = [v for v in mentions.positive if not any(v in over.get(o, ()) for o in mentions.positive)]
        if standing == [mentions.positive[0]]:
            # "AML with myelodysplasia-related changes": AML, read back if it excludes. Only when it is
            # named first, as what the rest qualifies: "MDS, and they watch for AML" is not AML.
            return result.value(standing[0], text)
        return result.unclear(text, "choice.ambiguous")
    return result.unclear(text, "choice.no_match")


def _weighed_with_examples(fact: FactDefinition, text: str, by_phrases: Parsed, now: str) -> Parsed:
    """The phrase lists' reading weighed against the learned reader's guess (bot/parsing/learned.py)
    of `now` (what the answer says of now): the guess fills a gap or overrules when confident,
    and a doubtful disagreement is asked again. A guess is never beyond doubt."""
    language = written_language(text)
    model = learned.reader(fact.id, language, _training_phrases(fact, language))
    if model is None:
        return by_phrases
    guess = model.guess(now)
    value, decided = learned.weigh(by_phrases.value if by_phrases.ok else None, guess)
    if not decided:
        return by_phrases
    if value is None and by_phrases.ok:
        # the words name one level, the examples lean to its neighbour: both, as for `_between`
        return _between(text, (by_phrases.value, guess.value)) or result.unclear(text, "choice.ambiguous")
    return result.unclear(text, "choice.ambiguous") if value is None else result.value(value, text)


def prepare_learned_readers(registry: Iterable[FactDefinition]) -> None:
    """Train the learned reader of every fact marked `learned_reader`, in every language."""
    for fact in registry:
        if fact.learned_reader:
            for language in LANGUAGES:
                learned.reader(fact.id, language, _training_phrases(fact, language))


def _training_phrases(fact: FactDefinition, language: str) -> tuple[tuple[str, Any], ...]:
    """A fact's choice labels and synonyms in one language, as the learned reader's examples."""
    labels = [(localize(c.label, language), c.value) for c in fact.choices]
    synonyms = language_words(language).choice_synonyms.get(fact.id, {})
    return tuple(labels + [(phrase, value) for value, phrases in synonyms.items() for phrase in phrases])


def _what_it_became(fact: FactDefinition, text: str) -> Any | None:
    """Of several choices named, the one an illness became: named after `became_markers` ("MDS,
    which turned into AML") or before `came_from_markers` ("AML secondary to MDS"), when that side
    of the words names exactly one."""
    lw = language_words(written_language(text))
    said = plain(text)
    for key, later_side in (("became_markers", True), ("came_from_markers", False)):
        marker = lw.pattern(key).search(said)
        if marker is None:
            continue
        before, after = (
            set(find_mentions(fact, _CJK_SPACES.sub("", part)).positive)
            for part in (said[: marker.start()], said[marker.end() :])
        )
        named, other = (after, before) if later_side else (before, after)
        named = (named - other) or named  # "AML with myelodysplastic changes, evolved from MDS"
        if len(named) == 1:
            return named.pop()
    return None


_CJK_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])")  # undo `space_cjk`


def parse_choices(fact: FactDefinition, text: str) -> Parsed:
    """Read one or more choices, in the registry's order; "none" with anything else is ambiguous."""
    exact = _exact(fact, text)
    if exact is not None:
        return result.value([exact], text)
    all_but = _all_but(fact, text)
    if all_but is not None:
        return result.value(all_but, text) if all_but else result.unclear(text, "choice.ambiguous")
    if vocabulary(written_language(text)).all_of_these.search(_choice_text(text)):
        return result.value([v for v in fact.choice_values if v not in _SELF_NEGATING_VALUES], text)
    # "还没开始治，下周才开始化疗", "none yet, chemo starts next week": what is still to come is not had
    had = without_future_clauses(text, also="choice_talked_of")
    chosen: set[Any] = set(find_mentions(fact, had).positive) | _combined(fact, had)
    if not chosen:
        return result.unclear(text, "choice.no_match")
    if chosen & _SELF_NEGATING_VALUES and len(chosen) > 1:
        return result.unclear(text, "choice.ambiguous")
    return result.value([v for v in fact.choice_values if v in chosen], text)


def _all_but(fact: FactDefinition, text: str) -> list[Any] | None:
    """Every choice but those taken back ("everything except radiation", "all of them apart from
    immunotherapy", 除了放疗都做过), when the answer says so; else None."""
    words_of = vocabulary(written_language(text))
    said = _choice_text(text)
    every = words_of.all_of_these.search(said) or words_of.everything.search(said)
    taken_back = words_of.all_but.search(said)
    if every is None or taken_back is None:
        return None
    clause_end = words_of.clause_break.search(said, taken_back.end())
    clause = said[taken_back.end() : clause_end.start() if clause_end else len(said)]
    if every.start() > taken_back.end():  # 除了放疗都做过: the choices named before the "all"
        clause = said[taken_back.end() : every.start()]
    if not language_words(written_language(text)).raw.get("words_spaced", True):
        clause = clause.replace(" ", "")  # 放 疗 → 放疗: find_mentions reads the answer as typed
    named = set(find_mentions(fact, clause).positive)
    if not named:
        return None
    return [v for v in fact.choice_values if v not in _SELF_NEGATING_VALUES and v not in named]


def _combined(fact: FactDefinition, text: str) -> set[Any]:
    """The choices a regimen named in `text` combines (`choice_combinations` in
    bot/words/<language>.yaml: R-CHOP is chemotherapy and an antibody, aza-ven chemotherapy and a
    targeted drug)."""
    said = _choice_text(text)
    language = written_language(text)
    regimens = _combinations(language, fact.id)
    if language != DEFAULT_LANGUAGE:  # "ABVD四个周期", "R-CHOP六次": regimens named in Latin letters
        regimens += _combinations(DEFAULT_LANGUAGE, fact.id)
    return {value for pattern, values in regimens if pattern.search(said) for value in values}


@functools.cache
def _combinations(language: str, fact_id: str) -> tuple[tuple[re.Pattern, tuple[Any, ...]], ...]:
    by_fact = language_words(language).raw.get("choice_combinations") or {}
    return tuple(
        (phrase_pattern([space_cjk(str(phrase))]), tuple(values))
        for phrase, values in (by_fact.get(fact_id) or {}).items()
    )
