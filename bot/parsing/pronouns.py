"""Fill the proxy questions' pronoun placeholders: "How old {is} {they}?" → "How old is he?".

Placeholders: {they} {them} {their} {is} {has} {was} {does}, and capitalised {They} {Is} {Has}
{Does} {Was} {Them} {Their} at the start of a sentence. "he" and "she" take the singular verbs;
None or "they" take the plural ones (are/have/were/do), and so does a verb written out in full just
before {they}: "Has {they} ever had..." → "Have they ever had...". "{has}n't" becomes "hasn't" or
"haven't". Unknown placeholders are left as they are.
"""

from __future__ import annotations

import re

FORMS: dict[str, dict[str, str]] = {
    "he": {
        "they": "he",
        "them": "him",
        "their": "his",
        "is": "is",
        "has": "has",
        "was": "was",
        "does": "does",
    },
    "she": {
        "they": "she",
        "them": "her",
        "their": "her",
        "is": "is",
        "has": "has",
        "was": "was",
        "does": "does",
    },
    "they": {
        "they": "they",
        "them": "them",
        "their": "their",
        "is": "are",
        "has": "have",
        "was": "were",
        "does": "do",
    },
}
"""Pronoun → placeholder → word."""

CHINESE_FORMS: dict[str, dict[str, str]] = {
    "he": {"they": "他", "them": "他", "their": "他的"},
    "she": {"they": "她", "them": "她", "their": "她的"},
    "they": {"they": "患者", "them": "患者", "their": "患者的"},
}
"""Chinese proxy texts use only {they}, {them} and {their}: Chinese verbs do not change with the
person, and an unknown sex is 患者 (the patient), never a guess."""

PLURAL_VERBS = {"is": "are", "has": "have", "was": "were", "does": "do"}
"""Verbs written out before {they} that change with it ("Does {they} have" → "Do they have")."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_VERB_BEFORE_THEY = re.compile(r"\b(is|has|was|does|Is|Has|Was|Does|IS|HAS|WAS|DOES)(\s+)(?=\{[Tt]hey\})")


def _match_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def fill_pronouns(template: str, pronoun: str | None, language: str = "en") -> str:
    """Fill pronoun placeholders for "he", "she", or None/"they" (anything else is treated as they),
    in English or, for `language` "zh", in Chinese."""
    key = (pronoun or "they").strip().lower()
    table = CHINESE_FORMS if language == "zh" else FORMS
    forms = table.get(key, table["they"])
    if forms is FORMS["they"]:
        template = _VERB_BEFORE_THEY.sub(
            lambda m: _match_case(PLURAL_VERBS[m.group(1).lower()], m.group(1)) + m.group(2), template
        )

    def replace(match: re.Match) -> str:
        name = match.group(1)
        word = forms.get(name.lower())
        return match.group(0) if word is None else _match_case(word, name)

    return _PLACEHOLDER.sub(replace, template)
