"""Who is answering, and the pronouns in the questions put to someone answering for the patient."""

from __future__ import annotations

import re

import pytest

from bot.facts import default_registry
from bot.parsing import Relation, fill_pronouns, parse_relation
from bot.text import localize

REGISTRY = default_registry()

SELF = Relation(proxy=False, pronoun=None, sex=None, relation=None)


def he(relation):
    return Relation(proxy=True, pronoun="he", sex="male", relation=relation)


def she(relation):
    return Relation(proxy=True, pronoun="she", sex="female", relation=relation)


def they(relation):
    return Relation(proxy=True, pronoun="they", sex=None, relation=relation)


RELATIONS = [
    pytest.param("it's for me", SELF, id="for-me"),
    pytest.param("myself", SELF, id="myself"),
    pytest.param("I am the patient", SELF, id="i-am-the-patient"),
    pytest.param("Me", SELF, id="me"),
    pytest.param("my dad", he("father"), id="my-dad"),
    pytest.param("father", he("father"), id="father"),
    pytest.param("For my Dad.", he("father"), id="for-my-dad-punctuated"),
    pytest.param("my husband", he("husband"), id="husband"),
    pytest.param("my son", he("son"), id="son"),
    pytest.param("brother", he("brother"), id="brother"),
    pytest.param("grandfather", he("grandfather"), id="grandfather"),
    pytest.param("for my grandpa, he's 80", he("grandfather"), id="grandpa"),
    pytest.param("I'm asking for my father-in-law", he("father-in-law"), id="father-in-law"),
    pytest.param("my mum", she("mother"), id="my-mum"),
    pytest.param("mom", she("mother"), id="mom"),
    pytest.param("mother", she("mother"), id="mother"),
    pytest.param("wife", she("wife"), id="wife"),
    pytest.param("daughter", she("daughter"), id="daughter"),
    pytest.param("sister", she("sister"), id="sister"),
    pytest.param("grandma", she("grandmother"), id="grandma"),
    pytest.param("my partner", they("partner"), id="partner"),
    pytest.param("my friend", they("friend"), id="friend"),
    pytest.param("a patient of mine", they("patient"), id="patient-of-mine"),
    pytest.param("someone else", they("someone else"), id="someone-else"),
    pytest.param("my child", they("child"), id="child"),
    pytest.param("I'm his daughter", Relation(True, "he", "male", None), id="inverse-his-daughter"),
    pytest.param("hello", None, id="unclear-greeting"),
    pytest.param("yes", None, id="unclear-yes"),
    pytest.param("me and my wife", None, id="two-people"),
    pytest.param("my mum and my dad", None, id="two-relatives"),
]


@pytest.mark.parametrize("text, expected", RELATIONS)
def test_relations(text, expected):
    assert parse_relation(text) == expected


FILLED = [
    pytest.param("How old {is} {they}?", "he", "How old is he?", id="he-is"),
    pytest.param("How old {is} {they}?", "she", "How old is she?", id="she-is"),
    pytest.param("How old {is} {they}?", None, "How old are they?", id="none-are-they"),
    pytest.param("How old {is} {they}?", "they", "How old are they?", id="they-are-they"),
    pytest.param("Has {they} ever had one?", "he", "Has he ever had one?", id="written-has-he"),
    pytest.param("Has {they} ever had one?", None, "Have they ever had one?", id="written-have-they"),
    pytest.param("Does {they} have one?", "she", "Does she have one?", id="written-does-she"),
    pytest.param("Does {they} have one?", None, "Do they have one?", id="written-do-they"),
    pytest.param("Is {they} still taking it?", None, "Are they still taking it?", id="written-are-they"),
    pytest.param("{Is} {they} pregnant?", "she", "Is she pregnant?", id="capital-is"),
    pytest.param("{Is} {they} pregnant?", None, "Are they pregnant?", id="capital-are"),
    pytest.param("if {they} {has}n't had one", "he", "if he hasn't had one", id="hasnt"),
    pytest.param("if {they} {has}n't had one", None, "if they haven't had one", id="havent"),
    pytest.param("{They} {was} told", "she", "She was told", id="capital-they-was"),
    pytest.param("{They} {was} told", None, "They were told", id="capital-they-were"),
    pytest.param("{Does} {they} smoke?", "he", "Does he smoke?", id="capital-does"),
    pytest.param("{Does} {they} smoke?", None, "Do they smoke?", id="capital-do"),
    pytest.param("{Has} {they} had it?", None, "Have they had it?", id="capital-have"),
    pytest.param("told {them} about {their} scan", "he", "told him about his scan", id="him-his"),
    pytest.param("told {them} about {their} scan", "she", "told her about her scan", id="her-her"),
    pytest.param("told {them} about {their} scan", None, "told them about their scan", id="them-their"),
    pytest.param("Which {unknown} stays", "he", "Which {unknown} stays", id="unknown-placeholder-kept"),
]


@pytest.mark.parametrize("template, pronoun, expected", FILLED)
def test_fill_pronouns(template, pronoun, expected):
    assert fill_pronouns(template, pronoun) == expected


PROXY_QUESTIONS = [
    pytest.param(localize(fact.question.proxy), id=fact.id) for fact in REGISTRY if fact.question is not None
]


@pytest.mark.parametrize("template", PROXY_QUESTIONS)
def test_every_proxy_question_fills_for_he_she_and_they(template):
    for pronoun in ("he", "she", None):
        filled = fill_pronouns(template, pronoun)
        assert "{" not in filled and "}" not in filled, filled
        words = re.findall(r"[a-z']+", filled.lower())
        if pronoun == "he" and ("{they}" in template.lower() or "{is}" in template.lower()):
            assert "they" not in words, filled
            assert "are they" not in filled.lower(), filled
            assert "he" in words, filled
        if pronoun is None:
            for wrong in ("has they", "does they", "is they", "was they", "they has", "they is", "they was"):
                assert wrong not in filled.lower(), filled


@pytest.mark.parametrize(
    "fact_id, pronoun, expected",
    [
        pytest.param("age", "he", "How old is he? A date of birth is fine too.", id="age-he"),
        pytest.param("age", None, "How old are they? A date of birth is fine too.", id="age-they"),
        pytest.param(
            "heart_failure", "she", "Has a doctor ever told her that she has heart failure?", id="hf-she"
        ),
        pytest.param(
            "heart_failure", None, "Has a doctor ever told them that they have heart failure?", id="hf-they"
        ),
        pytest.param(
            "stem_cell_transplant",
            None,
            "Have they ever had a stem cell or bone marrow transplant?",
            id="transplant-they",
        ),
        pytest.param(
            "last_platelet_transfusion",
            None,
            'When did they last have a platelet transfusion? Say "never" if they haven\'t had one.',
            id="transfusion-they",
        ),
        pytest.param(
            "active_hepatitis",
            None,
            "Do they have active hepatitis (hepatitis A, B or C) at the moment?",
            id="hepatitis-they",
        ),
    ],
)
def test_registry_questions_read_naturally(fact_id, pronoun, expected):
    assert fill_pronouns(localize(REGISTRY[fact_id].question.proxy), pronoun) == expected
