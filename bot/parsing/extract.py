"""Several facts from one free-text message.

"I'm a 47 year old woman with breast cancer on chemo and my platelets are 70" gives age 47, sex
female, diagnosis solid_tumour, cancer_treatments ["chemotherapy"] and platelet_count 70.

This is deliberately conservative: a wrong fill is worse than none. A fact is filled only when the
message states it plainly (an age as "47 years old", "aged 47", "I'm 47," or "born in 1971"; a lab
value right after its name; "I'm pregnant"; "I had a stem cell transplant"), nothing in the same
clause makes it hearsay or a plan ("family history of", "might need", "will start"), and every
mention agrees. Everything else is left for the conversation to ask.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bot.facts import Registry
from bot.parsing import result
from bot.parsing.ages import parse_age
from bot.parsing.choices import find_mentions, vocabulary
from bot.parsing.numbers import parse_number
from bot.parsing.result import Parsed
from bot.parsing.text import FULL_STOP, numeric_text, phrase_pattern
from bot.parsing.words import words as language_words

LAB_NAMES: dict[str, tuple[str, ...]] = {
    fact_id: tuple(str(name) for name in names)
    for fact_id, names in (language_words("en").raw.get("lab_names") or {}).items()
}
"""Lab values picked out when the number follows the name ("my platelets are 70", "Hb 8.5 g/dL"):
`lab_names` in bot/words/en.yaml."""

STATED_FACTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "stem_cell_transplant": (
        (
            "stem cell transplant",
            "stem cell transplantation",
            "bone marrow transplant",
            "bone marrow transplantation",
            "bmt",
            "allogeneic transplant",
            "autologous transplant",
            "allo transplant",
            "auto transplant",
            "allogeneic stem cell transplant",
            "autologous stem cell transplant",
        ),
        True,
    ),
    "heart_failure": (("heart failure", "congestive heart failure", "chf"), True),
    "cardiomyopathy": (("cardiomyopathy",), True),
    "hiv_or_aids": (("hiv", "hiv aids"), True),
    "gvhd": (("gvhd", "graft versus host disease", "graft versus host", "graft vs host"), False),
}
"""Yes/no facts stated as "I had / I have X" (or denied, "I have never had X"): the phrases, and
whether the past counts (`True` for "ever had" facts; `False` for facts about now, such as GVHD)."""

HEARSAY = (
    "family history", "history of", "died of", "died from", "passed away", "runs in the family", "risk of",
    "screening", "worried", "tested for", "suspected", "might", "may have", "could be", "ruled out",
    "will", "going to", "planned", "plan to", "planning", "scheduled", "waiting for", "about to",
    "considering", "offered", "recommended", "if",
)  # fmt: skip
"""Words that make a clause about a possibility, a plan or someone else's history, not a fact.
A clause ending in "?" is a question, and counts the same."""

MAX_MESSAGE_LENGTH = 2000
"""Longer messages are not searched for facts."""

_SUBJECT = r"(?:i|he|she|they|we)"
_EVER_VERBS = (
    r"(?:had|have|has|underwent|got|received|went through|suffer from|suffers from|live with|lives with|"
    r"(?:was|were|have been|has been) diagnosed with|"
    r"(?:was|were|have been|has been) told (?:i|he|she|they) (?:have|has))"
)
_NOW_VERBS = r"(?:have|has|suffer from|suffers from|am suffering from|is suffering from)"
_FILLER = r"(?:(?:ever|also|already|previously|recently|once|still|currently|been|actually)\s+)*"
_ARTICLES = r"(?:(?:a|an|the|my|his|her|their|some|any|previous|prior)\s+)*"
_CLAUSE = re.compile(r"[,.;!?]\s|[,.;!?]$|\bbut\b")
_HEARSAY = phrase_pattern(HEARSAY)
_NEGATORS = frozenset({"no", "not", "never", "without"})
_SELF_SEX = re.compile(
    r"\b(?:i am|he is|she is|patient is|(?:a|an)\s+\d+\s*(?:years?|yrs?)\s*old)\s+"
    r"(?:(?:a|an)\s+)?(?:[a-z0-9]+\s+){0,3}?(woman|man|lady|gentleman|guy|girl|boy)\b"
)
_SEX_WORD = re.compile(r"\b(female|male)\b")
_BE_SUBJECT = r"(?:i am|she is|he is|they are|we are|patient is)"
_CONDITION_GAP = frozenset(
    {"not", "no", "longer", "currently", "now", "also", "still", "definitely", "actually", "about", "around"}
    | {"approximately", "week", "weeks", "month", "months"}
)


def _clause_span(text: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in _CLAUSE.finditer(text[:position])]
    end_match = _CLAUSE.search(text, position)
    return (starts[-1] if starts else 0), (end_match.start() if end_match else len(text))


def _hearsay(text: str, position: int) -> bool:
    """Whether the clause around `position` is hearsay, a plan, or a question."""
    start, end = _clause_span(text, position)
    return bool(_HEARSAY.search(text[start:end])) or text[end : end + 1] == "?"


def _agreed(values: list[Any]) -> Any | None:
    distinct = []
    for value in values:
        if value not in distinct:
            distinct.append(value)
    return distinct[0] if len(distinct) == 1 else None


# ----- age and sex ----------------------------------------------------------------------------------
_AGE_PATTERNS = [
    re.compile(r"\b\d{1,3}\s*(?:years?|yrs?|yr)\s*old\b"),
    re.compile(r"\b\d{1,3}\s*(?:yo|y/o|y\.o\.)(?![a-z])"),
    re.compile(r"\baged?\s*(?:is\s*)?:?\s*\d{1,3}\b(?!\s*(?:%|mg|g|kg|days?|weeks?|months?))"),
    re.compile(r"\b(?:i am|he is|she is|they are)\s+\d{1,3}(?=\s*(?:$|[,.;!]|and\b|years?\b|yrs?\b))"),
    re.compile(r"\bborn\b(?:\s+(?:in|on))?\s+[^,;]*?\b(?:18|19|20)\d\d\b"),
]


def _age(fact, words: str, today: date) -> Parsed | None:
    readings = []
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(words):
            if _hearsay(words, match.start()):
                continue
            parsed = parse_age(fact, match.group(), today)
            if parsed.ok:
                readings.append(parsed.value)
    age = _agreed(readings)
    return None if age is None else result.value(age, "")


def _sex(words: str) -> Any | None:
    synonyms = vocabulary().synonyms["sex"]
    found = []
    for match in _SELF_SEX.finditer(words):
        found += [value for value, names in synonyms.items() if match.group(1) in names]
    for match in _SEX_WORD.finditer(words):
        before = words[max(0, match.start() - 8) : match.start()].split()
        if not (_NEGATORS & set(before[-1:])):
            found.append(match.group(1))
    return _agreed(found)


# ----- labs -----------------------------------------------------------------------------------------
_FILL_WORDS = (
    r"(?:count|level|levels|value|result|is|are|was|were|of|at|around|about|approximately|roughly|only|just|"
    r"now|currently|today|still|down to|dropped to|went down to|fell to|came back at|came back as|showed)"
)
_LAB_END = re.compile(
    r";|\.\s|\.$|\bwith\b|(?:,|\band\b|\bso\b)\s*(?:i|he|she|they|we|my|his|her|their|the|also)\b"
)
"""Where a lab value's words end. Not at "but" or a bare comma: "platelets 72 last week but 50 today"
must read as two numbers (and so fill nothing), not as 72."""
_ANY_LAB = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(n) for names in LAB_NAMES.values() for n in names)
    + r")(?![a-z0-9])"
)


def _lab(fact, words: str) -> Parsed | None:
    names = "|".join(re.escape(n) for n in sorted(LAB_NAMES[fact.id], key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![a-z0-9])(?:{names})(?![a-z0-9])(?:\s*(?:{_FILL_WORDS}(?![a-z])|[=:~-]))*\s*(?=-?\d)"
    )
    readings = []
    for match in pattern.finditer(words):
        ends = [
            m.start() for m in (_LAB_END.search(words, match.end()), _ANY_LAB.search(words, match.end())) if m
        ]
        snippet = words[match.end() : min(ends) if ends else len(words)]
        parsed = parse_number(fact, snippet, pick_latest=False)  # two counts in passing: not volunteered
        if parsed.ok:
            readings.append(parsed)
    values = [p.value for p in readings]
    value = _agreed(values)
    return None if value is None else readings[values.index(value)]


# ----- stated conditions ----------------------------------------------------------------------------
def _condition(words: str, phrases: tuple[str, ...], past_counts: bool) -> bool | None:
    keywords = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    verbs = _EVER_VERBS if past_counts else _NOW_VERBS
    stated = re.compile(
        rf"\b{_SUBJECT}\s+(?P<neg>(?:(?:have|has|had|did|do|does)\s+)?not\s+|never\s+)?{_FILLER}"
        rf"{verbs}\s+{_ARTICLES}(?P<gap>(?:[a-z]+\s+){{0,2}}?)(?:{keywords})(?![a-z0-9])"
    )
    denied = re.compile(
        rf"\b(?:no|never had|never had an?|no history of|never been diagnosed with)\s+"
        rf"(?:{keywords})(?![a-z0-9])"
    )
    found: list[bool] = []
    for match in stated.finditer(words):
        if _hearsay(words, match.start()):
            continue
        negated = bool(match.group("neg")) or bool(_NEGATORS & set(match.group("gap").split()))
        found.append(not negated)
    for match in denied.finditer(words):
        if not _hearsay(words, match.start()) or "history of" in match.group():
            found.append(False)
    return _agreed(found)


def _being(words: str, condition: str) -> bool | None:
    """ "I'm pregnant" → True, "she is not pregnant" → False, "I'm not pregnant and not breastfeeding"
    → False for both; "trying to get pregnant" → None."""
    direct = re.compile(rf"\b{_BE_SUBJECT}\s+(?P<gap>(?:[a-z0-9]+\s+){{0,3}}?)(?:{condition})\b")
    joined = re.compile(
        rf"\b{_BE_SUBJECT}\s+(?P<first>[^,.;]*?)\s(?:and|or|nor)\s+(?P<gap>(?:also\s+|not\s+)*)(?:{condition})\b"
    )
    found: list[bool] = []
    for match in direct.finditer(words):
        gap = set(match.group("gap").split())
        if any(not (w in _CONDITION_GAP or w.isdigit()) for w in gap) or _hearsay(words, match.start()):
            continue
        found.append(not (gap & _NEGATORS))
    for match in joined.finditer(words):
        first_negated = bool(_NEGATORS & set(match.group("first").split()))
        negated = "not" in match.group("gap").split()
        if (negated or not first_negated) and not _hearsay(words, match.start()):
            found.append(not negated)
    return _agreed(found)


def _hiv(words: str) -> bool | None:
    """ "I'm HIV positive" → True, "he is HIV negative" → False."""
    found = [
        m.group(1) == "positive"
        for m in re.finditer(rf"\b{_BE_SUBJECT}\s+(?:also\s+)?hiv\s*(positive|negative)\b", words)
        if not _hearsay(words, m.start())
    ]
    return _agreed(found)


_CONDITIONS: dict[str, Callable[[str], bool | None]] = {
    "pregnant": lambda words: _being(words, "pregnant"),
    "breastfeeding": lambda words: _being(words, "breastfeeding|breast feeding"),
    "hiv_or_aids": _hiv,
}


# ----- counts ---------------------------------------------------------------------------------------
def _relapse_count(words: str) -> int | None:
    """ "relapsed twice", "it came back 3 times", "2 relapses" → the count; several that disagree → None."""
    lw = language_words()
    said = lw.pattern("relapse_words").pattern
    counts = {str(k): int(v) for k, v in (lw.raw.get("count_words") or {}).items()}
    count_words = "|".join(sorted(map(re.escape, counts), key=len, reverse=True))
    found = []
    for match in re.finditer(
        rf"{said}\s+(?:[a-z]+\s+){{0,2}}?(?:({count_words})|(\d{{1,2}})\s+times)\b", words
    ):
        if not _hearsay(words, match.start()):
            found.append(counts[match.group(1)] if match.group(1) else int(match.group(2)))
    for match in re.finditer(r"\b(\d{1,2})\s+(?:relapses|recurrences)\b", words):
        if not _hearsay(words, match.start()):
            found.append(int(match.group(1)))
    return _agreed(found)


def _steroid_dose(fact, words: str, today: date | None = None) -> Parsed | None:
    """ "prednisone 20 mg", "4mg of dexamethasone", "pred 10mg twice a day" → the daily dose in the
    fact's unit."""
    names = "|".join(
        re.escape(n)
        for names in language_words().drug_names.values()
        for n in sorted(names, key=len, reverse=True)
    )
    pattern = (
        rf"\b(?:{names})\b[^.;,]{{0,15}}?\d+(?:\.\d+)?\s*mg\b|\b\d+(?:\.\d+)?\s*mg\s+(?:of\s+)?(?:{names})\b"
    )
    # Each mention is read with the rest of its clause, so "10mg twice a day" counts twice.
    readings = [
        parse_number(fact, re.split(rf"[;,]|{FULL_STOP}", words[m.start() :])[0], today=today)  # not in "7.5"
        for m in re.finditer(pattern, words)
        if not _hearsay(words, m.start())
    ]
    values = [r.value for r in readings if r.ok]
    value = _agreed(values)
    return None if value is None or len(values) != len(readings) else readings[values.index(value)]


# ----- everything -----------------------------------------------------------------------------------
def extract_facts(text: str, today: date, registry: Registry) -> dict[str, Parsed]:
    """Every fact plainly stated in a free-text message, as `Parsed` values (status "value" only).

    Facts not in `registry` are skipped. `said` on each result is the whole message.
    """
    if len(text) > MAX_MESSAGE_LENGTH:
        return {}  # not read at all (the channels refuse such messages first)
    words = numeric_text(text)
    found: dict[str, Any] = {}
    units: dict[str, str | None] = {}

    if "age" in registry:
        age = _age(registry["age"], words, today)
        if age is not None:
            found["age"] = age.value
    if "sex" in registry:
        sex = _sex(words)
        if sex is not None:
            found["sex"] = sex
    if "diagnosis" in registry:
        mentions = find_mentions(registry["diagnosis"], text, free_text=True)
        positive = [v for v in mentions.positive if not _hearsay_mention(words, registry["diagnosis"], v)]
        if len(positive) == 1:
            found["diagnosis"] = positive[0]
    if "cancer_treatments" in registry:
        fact = registry["cancer_treatments"]
        mentions = find_mentions(fact, text, free_text=True)
        positive = [v for v in mentions.positive if v != "none" and not _hearsay_mention(words, fact, v)]
        if positive:
            found["cancer_treatments"] = [v for v in fact.choice_values if v in positive]
    for fact_id in LAB_NAMES:
        if fact_id in registry:
            lab = _lab(registry[fact_id], words)
            if lab is not None:
                found[fact_id], units[fact_id] = lab.value, lab.unit
    for fact_id, (phrases, past_counts) in STATED_FACTS.items():
        if fact_id in registry:
            stated = _condition(words, phrases, past_counts)
            if stated is not None:
                found[fact_id] = stated
    if "daily_steroid_dose" in registry:
        dose = _steroid_dose(registry["daily_steroid_dose"], words, today)
        if dose is not None:
            found["daily_steroid_dose"] = dose.value
            found.setdefault("takes_steroids", True)
    if "aml_relapse_count" in registry:
        relapses = _relapse_count(words)
        if relapses is not None:
            found["aml_relapse_count"] = relapses
    for fact_id, read in _CONDITIONS.items():
        if fact_id in registry:
            stated = read(words)
            if stated is not None and found.get(fact_id, stated) == stated:
                found[fact_id] = stated
            elif stated is not None:
                found.pop(fact_id)  # "I have HIV" and "I'm HIV negative": say nothing
    return {fact_id: result.value(v, text, units.get(fact_id)) for fact_id, v in found.items()}


def _hearsay_mention(words: str, fact, value: Any) -> bool:
    """Whether every clause naming `value` is hearsay or a plan ("might need chemo")."""
    names = [n for n in vocabulary().synonyms.get(fact.id, {}).get(value, ())] + [
        fact.choice_label(value).lower()
    ]
    if isinstance(value, str):
        names.append(value.replace("_", " "))
    positions = [m.start() for m in phrase_pattern(names).finditer(words)]
    return bool(positions) and all(_hearsay(words, p) for p in positions)
