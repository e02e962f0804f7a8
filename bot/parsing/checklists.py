"""A checklist answer: "Have you had any of these? ... or none of these".

The answer names some items ("a heart attack last year"), denies some ("no heart failure"), says
"none of these", or doesn't know. Each item is read with its fact's own words (its topic in
bot/words/<language>.yaml, negation and, for conditions asked about now, the past), as a yes/no
answer would be. The value is a mapping fact → True / False / "never" / `ASK`:

- items named take True; a date fact named ("a heart attack") takes `ASK`, so its date is asked next;
- when something was named, the items left unnamed take no (False, or "never" for a date);
- "none of these" (or a plain no with nothing named) makes every item no;
- "I don't know" is unknown; anything else ("yes", "which ones?") is unclear and asked again.
"""

from __future__ import annotations

from bot.facts import Checklist, Registry
from bot.parsing import result
from bot.parsing.booleans import _clauses, _topic, fact_phrases
from bot.parsing.result import Parsed
from bot.parsing.text import plain
from bot.parsing.words import answer_language, words
from bot.rules import NEVER

ASK = "ask"
"""The value of a named item whose details (a date) are asked next."""


def parse_checklist(checklist: Checklist, text: str, registry: Registry, language: str = "en") -> Parsed:
    """Read a checklist answer into {fact: True | False | "never" | ASK} (see the module docstring)."""
    said = text
    lw = words(answer_language(text, language))
    words_text = plain(text)
    clauses = _clauses(words_text, lw)
    named: dict[str, bool] = {}
    for fact_id in checklist.items:
        definition = registry[fact_id]
        fact_words = lw.for_fact(fact_id)
        evidence: list[bool] = []
        for clause in clauses:
            if fact_words is not None:
                answered, clause = fact_phrases(clause, fact_words, lw)
                evidence += answered
            evidence += _topic(clause, fact_id, definition.reading, lw, words_text)
        if evidence and len(set(evidence)) == 1:
            named[fact_id] = evidence[0]
    anything_named = any(named.values())
    says_none = bool(lw.pattern("none_of_these").search(words_text)) or (
        not named and bool(lw.pattern("no_words").search(words_text))
    )
    if not anything_named:
        if lw.pattern("unknown").search(words_text):
            return result.unknown(said)
        if not says_none:
            return result.unclear(said, "choice.no_match")
    value = {}
    for fact_id in checklist.items:
        is_date = registry[fact_id].type == "date"
        if named.get(fact_id):
            value[fact_id] = ASK if is_date else True
        else:
            value[fact_id] = NEVER if is_date else False
    return result.value(value, said)
