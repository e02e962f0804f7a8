"""End-to-end, through the real Rasa and action servers: the answers that used to be misread or to
trap people in a loop (issue "Understand answers the way people say them").

Each test talks to the assistant until it asks the question under test (answering the others the
way the persona below does), then sends the reply under test and checks what happens next.
"""

from __future__ import annotations

import uuid

import pytest

from bot import conversation
from tests.e2e.test_conversations import send
from tests.personas import READ_BACK, Persona, asked_fact

pytestmark = pytest.mark.e2e

WOMAN = {
    "age": "47",
    "sex": "female",
    "diagnosis": "breast cancer",
    "cancer_treatments": "chemo",
    "platelet_count": "72",
    "last_platelet_transfusion": "never",
    "active_bleeding": "no",
    "ecog": "I do light work and housework, but nothing heavy",
    "can_become_pregnant": "yes",
}
MAN = {**WOMAN, "sex": "male", "partner_can_become_pregnant": "no"}
AML = {"age": "50", "sex": "male", "diagnosis": "AML"}
NOT_A_FIT = "doesn't look like a fit"


def reach(rasa_server, answers: dict[str, str], target: str, study: str) -> tuple[str, list[str], Persona]:
    """A new conversation, answered until the assistant asks `target`; returns its id, the replies so
    far, and the persona."""
    persona = Persona(f"reaching {target}", ["yes", "for me", study], dict(answers))
    sender = f"e2e-understanding-{uuid.uuid4().hex}"
    replies = send(rasa_server, sender, "hi")
    for line in persona.opening:
        replies = send(rasa_server, sender, line)
    for _ in range(40):
        fact_id = asked_fact(replies[-1], persona) if replies else None
        if fact_id == target:
            return sender, replies, persona
        assert fact_id is not None, f"stuck before {target}: {replies}"
        replies = send(rasa_server, sender, persona.answers.get(fact_id, "I don't know"))
    raise AssertionError(f"{target} was never asked")


def question(fact_id: str) -> str:
    return conversation.question_text(fact_id, False, None)


@pytest.mark.parametrize(
    "reply",
    [
        "I wouldn't mind",
        "why not, that's fine",
        "I have no objection to that",
        "I'd never refuse",
        "not a problem",
        "no problem, I can do that",
    ],
)
def test_agreeing_to_contraception_in_negative_words_is_a_yes(rasa_server, reply):
    sender, _, _ = reach(rasa_server, WOMAN, "willing_contraception", "the platelet study")
    replies = send(rasa_server, sender, reply)
    text = "\n".join(replies)
    assert NOT_A_FIT not in text and "You're welcome" not in text, replies
    assert question("willing_contraception") not in replies, f"asked again: {replies}"


@pytest.mark.parametrize("reply", ["no problem", "I wasn't planning to donate anyway"])
def test_agreeing_not_to_donate_sperm_is_a_yes(rasa_server, reply):
    sender, _, _ = reach(rasa_server, MAN, "willing_no_sperm_donation", "the platelet study")
    replies = send(rasa_server, sender, reply)
    assert NOT_A_FIT not in "\n".join(replies), replies
    assert question("willing_no_sperm_donation") not in replies, replies


def test_describing_bleeding_answers_the_question_instead_of_looping(rasa_server):
    sender, _, persona = reach(rasa_server, WOMAN, "active_bleeding", "the platelet study")
    replies = send(
        rasa_server, sender, "yes, I've had nosebleeds that won't stop and blood in my urine this week"
    )
    assert question("active_bleeding") not in replies, replies
    assert asked_fact(replies[-1], persona) not in (None, "active_bleeding"), replies


def test_relapse_after_a_transplant_answers_the_remission_question(rasa_server):
    sender, _, persona = reach(rasa_server, AML, "aml_no_response_after_two_courses", "the CAR-T study")
    replies = send(rasa_server, sender, "relapsed after my transplant")
    assert question("aml_no_response_after_two_courses") not in replies, replies
    assert asked_fact(replies[-1], persona) is not None, replies


def test_an_answer_that_would_exclude_is_read_back_and_counts_only_when_confirmed(rasa_server):
    sender, _, persona = reach(rasa_server, WOMAN, "willing_contraception", "the platelet study")
    replies = send(rasa_server, sender, "I'd rather not")
    assert asked_fact(replies[-1], persona) == READ_BACK, replies
    assert NOT_A_FIT not in "\n".join(replies)
    replies = send(rasa_server, sender, "No, let me change it")
    assert replies[-1] == question("willing_contraception"), replies
    replies = send(rasa_server, sender, "I'd rather not")
    assert asked_fact(replies[-1], persona) == READ_BACK, replies
    replies = send(rasa_server, sender, "Yes, that's right")
    assert NOT_A_FIT in "\n".join(replies), replies


def test_no_question_is_asked_a_third_time(rasa_server):
    sender, replies, _ = reach(rasa_server, WOMAN, "active_bleeding", "the platelet study")
    transcript = list(replies)
    for _ in range(3):
        transcript += send(rasa_server, sender, "thanks")
    asked = sum(1 for r in transcript if r == question("active_bleeding"))
    assert asked <= 2, transcript


def test_a_doubtful_platelet_count_is_asked_again_with_its_unit(rasa_server):
    sender, _, persona = reach(rasa_server, WOMAN, "platelet_count", "the platelet study")
    replies = send(rasa_server, sender, "7.2")
    assert NOT_A_FIT not in "\n".join(replies)
    assert any("unit" in r for r in replies) and replies[-1] == question("platelet_count"), replies
    replies = send(rasa_server, sender, "72 x10^9/L")
    assert asked_fact(replies[-1], persona) not in (None, "platelet_count"), replies


def test_after_the_outcome_every_message_gets_a_fitting_reply(rasa_server, response_texts):
    sender, _, _ = reach(rasa_server, {"age": "80"}, "age", "the platelet study")
    replies = send(rasa_server, sender, "80")
    assert NOT_A_FIT in "\n".join(replies), replies  # a plain number needs no read-back
    sorry = set(response_texts("utter_default"))
    for line, expected in [
        ("thanks", "utter_you_are_welcome"),
        ("ok", "utter_anything_else"),
        ("why?", "utter_outcome_not_eligible"),
        ("are there other studies?", "utter_other_studies"),
        ("bye", "utter_goodbye"),
    ]:
        replies = send(rasa_server, sender, line)
        assert replies and not sorry & set(replies), (line, replies)
        template = next(iter(response_texts(expected)))
        words = max(template.split("{"), key=len).split("}")[-1].strip()[:25]
        assert words and any(words in r for r in replies), (line, expected, replies)
