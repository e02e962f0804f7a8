"""Who is answering: the patient, or someone on their behalf (and then he, she or they).

"it's for me", "myself", "I am the patient" → the patient. "my dad", "my husband", "grandfather" →
someone answering for a man; "my mum", "wife", "grandma" → for a woman; "my partner", "a friend",
"a patient of mine", "someone else", "my child" → for someone we call "they". "I'm his daughter"
says the patient is a man. Anything else, or a mix ("me and my wife"), is None.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.parsing.text import phrase_pattern, plain, space_cjk
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
