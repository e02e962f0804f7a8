"""Turning what people type into fact values.

`parse_answer` reads one answer to one fact's question; `extract_facts` picks plainly stated facts out
of a free-text message; `parse_relation` tells who is answering; `parse_phone` and `parse_email`
read contact details; `fill_pronouns` fills the proxy questions' {they}/{is}... placeholders.

Parsers return codes, never sentences: see `Parsed.problem` and `result.PROBLEM_CODES`.
Modules: text (clean-up, number words, "I don't know"), numbers (units and bare-number rules),
ages, booleans, choices (synonym tables), dates (dateparser, imported lazily), answers (dispatch),
extract, relations, contacts, pronouns.
"""

from bot.parsing.answers import parse_answer
from bot.parsing.contacts import parse_email, parse_phone
from bot.parsing.extract import extract_facts
from bot.parsing.pronouns import fill_pronouns
from bot.parsing.relations import Relation, parse_relation
from bot.parsing.result import PROBLEM_CODES, Parsed

__all__ = [
    "PROBLEM_CODES",
    "Parsed",
    "Relation",
    "extract_facts",
    "fill_pronouns",
    "parse_answer",
    "parse_email",
    "parse_phone",
    "parse_relation",
]
