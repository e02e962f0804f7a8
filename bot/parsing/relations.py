"""Who is answering: the patient, or someone on their behalf (and then he, she or they).

"it's for me", "myself", "I am the patient" → the patient. "my dad", "my husband", "grandfather" →
someone answering for a man; "my mum", "wife", "grandma" → for a woman; "my partner", "a friend",
"a patient of mine", "someone else", "my child" → for someone we call "they". "I'm his daughter"
says the patient is a man. Anything else, or a mix ("me and my wife"), is None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.parsing.text import alternation, phrase_pattern, plain, space_cjk
from bot.text import written_language


@dataclass(frozen=True)
class Relation:
    """Who the patient is to the person typing. `relation` is a canonical word such as "father"."""

    proxy: bool
    pronoun: str | None
    sex: str | None
    relation: str | None = None


RELATIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "father": (("father", "dad", "daddy", "papa", "pa", "baba"), "male"),
    "husband": (("husband", "hubby"), "male"),
    "son": (("son",), "male"),
    "brother": (("brother", "bro"), "male"),
    "grandfather": (("grandfather", "grandpa", "granddad", "grandad", "gramps", "granddaddy"), "male"),
    "uncle": (("uncle",), "male"),
    "nephew": (("nephew",), "male"),
    "boyfriend": (("boyfriend",), "male"),
    "stepfather": (("stepfather", "stepdad", "step father", "step dad"), "male"),
    "father-in-law": (("father in law",), "male"),
    "grandson": (("grandson",), "male"),
    "mother": (("mother", "mum", "mom", "mummy", "mommy", "mam", "mama", "ma"), "female"),
    "wife": (("wife", "missus"), "female"),
    "daughter": (("daughter",), "female"),
    "sister": (("sister", "sis"), "female"),
    "grandmother": (
        ("grandmother", "grandma", "granny", "gran", "nan", "nana", "nanna", "grandmom", "grandmum"),
        "female",
    ),
    "aunt": (("aunt", "auntie", "aunty"), "female"),
    "niece": (("niece",), "female"),
    "girlfriend": (("girlfriend",), "female"),
    "stepmother": (("stepmother", "stepmum", "stepmom", "step mother", "step mum", "step mom"), "female"),
    "mother-in-law": (("mother in law",), "female"),
    "granddaughter": (("granddaughter",), "female"),
    "partner": (("partner", "spouse", "fiance", "fiancee", "significant other"), None),
    "friend": (("friend", "mate", "buddy", "pal", "neighbour", "neighbor", "colleague", "coworker"), None),
    "child": (("child", "kid", "baby", "toddler", "teenager"), None),
    "parent": (("parent",), None),
    "sibling": (("sibling",), None),
    "relative": (("relative", "cousin", "family member", "grandparent", "in law"), None),
    "patient": (("a patient", "patient of mine", "my patient", "one of my patients", "client"), None),
    "someone else": (
        ("someone else", "somebody else", "another person", "someone", "somebody", "other person"),
        None,
    ),
}
"""Canonical relation → (words for it, the patient's sex). The words are matched whole, in
`text.plain` form, with plurals of the single words ("kids" is not listed: one patient at a time)."""

SELF_PHRASES = (
    "for me", "myself", "me", "i am the patient", "the patient is me", "it is me", "me myself", "mine",
    "my own", "for my own", "self", "its me", "for myself", "me personally", "i have cancer", "i am ill",
    "i am sick", "i am the one",
)  # fmt: skip
"""Phrases meaning the person typing is the patient."""

_PRONOUNS = {"male": "he", "female": "she", None: "they"}
_WORDS = {word: relation for relation, (words, _) in RELATIONS.items() for word in words}
_RELATION = phrase_pattern(_WORDS)
_SELF = phrase_pattern(SELF_PHRASES)
_INVERSE = re.compile(r"\bi am (his|her|their|the patient s|the patients) ")


def _chinese_relation(text: str) -> Relation | None:
    """The same reading for Chinese, from bot/words/zh.yaml `relations` (relation → words, sex),
    `self_phrases` and `inverse` (我是他女儿: the words before the patient's pronoun)."""
    inverse, relations, self_phrases = _chinese_words()
    spaced = " ".join(re.sub(r"[^\u3400-\u9fffa-z ]+", " ", plain(text)).split())
    for phrase in inverse:  # "我 是 他" / "我 是 她"
        if phrase in spaced:
            sex = "male" if phrase.endswith("他") else "female" if phrase.endswith("她") else None
            return Relation(True, _PRONOUNS[sex], sex, None)
    named = {relation: sex for relation, (pattern, sex) in relations.items() if pattern.search(spaced)}
    if len(named) > 1:
        return None
    if named:
        relation, sex = named.popitem()
        return Relation(True, _PRONOUNS[sex], sex, relation)
    if self_phrases.search(spaced):
        return Relation(False, None, None, None)
    return None


@functools.cache
def _chinese_words() -> tuple[list[str], dict[str, tuple[re.Pattern, str | None]], re.Pattern]:
    """zh.yaml's inverse phrases, each relation's pattern and sex, and the self phrases (once)."""
    from bot.parsing.words import words as language_words

    lw = language_words("zh")
    relations = {
        relation: (phrase_pattern(space_cjk(str(w)) for w in entry.get("words") or []), entry.get("sex"))
        for relation, entry in (lw.raw.get("relations") or {}).items()
    }
    return lw.spaced_list("inverse"), relations, phrase_pattern(lw.spaced_list("self_phrases"))


def parse_relation(text: str) -> Relation | None:
    """Who the patient is to the person typing, or None when that is not clear."""
    if written_language(text or "") == "zh":
        return _chinese_relation(text)
    words = re.sub(r"[^a-z ]+", " ", plain(text).replace("'", " ").replace("-", " "))
    words = " ".join(words.split())
    inverse = _INVERSE.search(words + " ")
    if inverse:  # "I'm his daughter": the patient is a man
        sex = {"his": "male", "her": "female"}.get(inverse.group(1))
        return Relation(True, _PRONOUNS[sex], sex, None)
    relations = {_WORDS[m.group()] for m in _RELATION.finditer(words)}
    if len(relations) > 1:
        return None
    if relations:
        relation = relations.pop()
        if _SELF.search(_RELATION.sub(" ", words)) and re.search(r"\b(?:and|or|both)\b", words):
            return None  # "me and my wife"
        sex = RELATIONS[relation][1]
        return Relation(True, _PRONOUNS[sex], sex, relation)
    if _SELF.search(words):
        return Relation(False, None, None, None)
    return None


# ----- what is said of someone else ------------------------------------------------------------------
_CLAUSE_SEPARATOR = r"[,.;:!?，。；：！？、\n]|\s[-–—]\s|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
"""Punctuation, a dash, or a space typed between Chinese characters ("我就是他老伴 我都六十八了")."""


@functools.cache
def _someone_else_words(language: str, proxy: bool) -> tuple[re.Pattern, ...] | None:
    """The language's `someone_else` section: what splits clauses, a clause that opens with a
    relative as its subject ("my mum had...", "但是我爸有"; for someone answering for the patient,
    the patient's relative: "his son has it", 是他儿子有), the words for the person the answer is
    about, a plain yes or no, and the words of a relative telling of them ("my mum says", 我妈说)."""
    from bot.parsing.words import words as language_words

    lw = language_words(language)
    section = lw.raw.get("someone_else")
    if not section:
        return None
    named = _relatives_named(lw, section)
    mode = "proxy_" if proxy else ""
    possessive = alternation(str(p) for p in section.get(f"{mode}possessives") or [])
    optional = "?" if not proxy and not section.get("possessive_required", True) else ""
    openers = alternation(str(p) for p in section.get("openers") or [])
    relative = alternation(sorted(named, key=len, reverse=True))
    boundary = _boundary(section)
    subject = re.compile(
        rf"^\s*(?:(?:{openers})\s*)?(?:(?:{possessive})\s*){optional}(?:{relative})(?:s|['’]s|s['’])?{boundary}"
    )
    separator = _clause_separator(section)
    about = [space_cjk(str(w)) for w in section.get(f"{mode}self_words") or []]
    if proxy:  # the patient is named by what they are to the person typing: "舅舅没有", "dad hasn't"
        about += [space_cjk(w) for w in named]
    self_words = phrase_pattern(about)
    plain_answer = phrase_pattern(lw.spaced_list("yes_words") + lw.spaced_list("no_words"))
    reports = re.compile(
        rf"\s*(?:{alternation(space_cjk(str(w)) for w in section.get('reports') or [])})(?![a-z])"
    )
    return separator, subject, self_words, plain_answer, reports


_NOT_A_RELATIVE = frozenset({"patient", "someone else"})


def _boundary(section: Mapping[str, Any]) -> str:
    """A word boundary, in a language written with spaces; none in one written without (Chinese)."""
    return r"\b" if section.get("words_spaced", True) else ""


def _clause_separator(section: Mapping[str, Any]) -> re.Pattern:
    """What splits an answer into clauses: punctuation, a dash, or the section's `clause_breaks`
    ("but", 但是); the separators are kept by `split`."""
    boundary = _boundary(section)
    breaks = alternation(str(p) for p in section.get("clause_breaks") or [])
    return re.compile(rf"({_CLAUSE_SEPARATOR}|{boundary}(?:{breaks}){boundary})")


def _relatives_named(lw: Any, section: Mapping[str, Any]) -> list[str]:  # noqa: ANN401 - the language's Words
    """Every word for a relative in the language: its `relations` (Chinese) or RELATIONS (English),
    and the section's `more_relatives`."""
    if lw.language == "zh":
        named = [
            str(w) for entry in (lw.raw.get("relations") or {}).values() for w in entry.get("words") or []
        ]
    else:
        named = [
            w for relation, (said, _) in RELATIONS.items() if relation not in _NOT_A_RELATIVE for w in said
        ]
    return named + [str(w) for w in section.get("more_relatives") or []]


@functools.cache
def _answerer_clause(language: str) -> tuple[re.Pattern, re.Pattern] | None:
    """What splits clauses, and a clause in which the person typing says what they are to the
    patient ("I'm his wife", 我是他女儿): `answerer_intros`, then a `proxy_possessives` word and a
    relative, and nothing more."""
    from bot.parsing.words import words as language_words

    lw = language_words(language)
    section = lw.raw.get("someone_else")
    if not section or not section.get("answerer_intros"):
        return None
    intros = alternation(str(p) for p in section["answerer_intros"])
    possessive = alternation(str(p) for p in section.get("proxy_possessives") or [])
    openers = alternation(str(p) for p in section.get("openers") or [])
    relative = alternation(_relatives_named(lw, section))
    separator = _clause_separator(section)
    clause = re.compile(
        rf"\s*(?:(?:{openers})\s+)?(?:{intros})\s*(?:{possessive})\s*(?:{relative})(?:s|['’]s)?\s*"
    )
    return separator, clause


def without_the_answerer(text: str, language: str) -> str:
    """From someone answering for the patient, `text` without a clause saying who they are to the
    patient ("male, I'm his wife", 男的，我是他老婆): it speaks of the person typing, not the patient.
    The text as it was when nothing else is left."""
    found = _answerer_clause(language)
    if found is None:
        return text
    separator, clause = found
    pieces = separator.split(text)
    kept = [
        "" if index % 2 == 0 and clause.fullmatch(piece.lower()) else piece
        for index, piece in enumerate(pieces)
    ]
    rest = "".join(kept)
    return rest if any(ch.isalnum() for ch in rest) else text


def about_the_patient(text: str, language: str, proxy: bool = False) -> str:
    """`text` without the clauses said of a relative beside an answer about the patient ("no, but my
    mum has it", "我老公有乙肝，我没有"; from someone answering for the patient, "舅舅没有，是他儿子有"):
    what the relative has is not the answer. A clause that also speaks of the patient ("my dad and I
    both have it") or tells of them ("my mum says...") is kept; the words are each language's
    `someone_else` section (bot/words/<language>.yaml)."""
    found = _someone_else_words(language, proxy)
    if found is None:
        return text
    separator, subject, self_words, plain_answer, reports = found
    pieces = separator.split(text)
    kept = []
    of_a_relative = False
    own_answer = False
    for index, piece in enumerate(pieces):
        if index % 2 == 0:  # a clause (odd pieces are the separators between them)
            lowered = piece.lower()
            rest = subject.sub(" ", lowered, count=1)
            if rest != lowered:
                # "my mum says I had one", 我妈说大夫没讲过: the relative tells of the person
                of_a_relative = not (self_words.search(plain(rest)) or reports.match(plain(rest)))
            elif self_words.search(plain(lowered)) or plain_answer.fullmatch(plain(lowered).strip()):
                of_a_relative = False  # "..., but I don't", "..., no": the patient's own again
                own_answer = True
            # else a clause without a subject of its own goes on about the same person ("my dad
            # had one, in 2015"; "我爸有，2015年")
            if of_a_relative:
                piece = ""
        kept.append(piece)
    # Only with an answer about the patient beside it: a relative named alone ("my dad had heart
    # failure") may be the patient after all, read as said and read back before it can exclude.
    return "".join(kept) if own_answer else text
