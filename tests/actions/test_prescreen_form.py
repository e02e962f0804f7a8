"""The form's validation: what each answer does to the slots, and what the person is told."""

from __future__ import annotations

import pytest

from actions.prescreen_form import ValidatePrescreenForm
from bot import conversation
from tests.actions.conftest import make_tracker, responses, run, slot_events

FORM = ValidatePrescreenForm()
CONSENTED = {"screening_consent": True, "answering_for": "self", "chosen_trials": ["xj-mk-002"]}
# A finished screening of someone who may fit, who agreed to be contacted: the contact questions' stage.
CONTACT_STAGE = {
    **CONSENTED,
    "answers": {"age": {"value": 47}, "diagnosis": {"value": "solid_tumour"}},
    "callback_requested": True,
    "contact_consent": True,
}


def validate(domain, slots=None, text="", fill=None, requested=None, intent="inform"):
    tracker = make_tracker(slots, text=text, intent=intent, fill=fill, requested_slot=requested)
    events, dispatcher = run(FORM, tracker, domain)
    return slot_events(events), responses(dispatcher)


def test_the_form_asks_for_consent_before_any_health_question(domain):
    slots, _ = validate(domain)
    assert slots["requested_slot"] == "screening_consent"


def test_consent_is_recorded_with_the_exact_wording_shown(domain):
    slots, said = validate(
        domain, text="yes I agree", fill={"screening_consent": "yes I agree"}, requested="screening_consent"
    )
    assert slots["screening_consent"] is True
    (record,) = slots["consents"]
    assert record["kind"] == "screening" and record["agreed"] is True and record["at"]
    assert record["wording"] == domain["responses"]["utter_ask_screening_consent"][0]["text"]
    assert slots["requested_slot"] == "answering_for"
    assert said == []


def test_declining_consent_ends_the_form_without_a_health_question(domain):
    slots, _ = validate(
        domain, text="no thanks", fill={"screening_consent": "no thanks"}, requested="screening_consent"
    )
    assert slots["screening_consent"] is False
    assert slots["requested_slot"] is None


def test_an_unclear_consent_answer_is_asked_again(domain):
    slots, said = validate(
        domain, text="hmm", fill={"screening_consent": "hmm"}, requested="screening_consent"
    )
    assert slots["screening_consent"] is None
    assert said == ["utter_consent_unclear"]
    assert slots["requested_slot"] == "screening_consent"


def test_my_dad_makes_a_proxy_conversation_and_answers_sex(domain):
    slots, _ = validate(
        domain,
        slots={"screening_consent": True},
        text="I'm asking for my dad",
        fill={"answering_for": "I'm asking for my dad"},
        requested="answering_for",
    )
    assert slots["answering_for"] == "proxy"
    assert slots["pronoun"] == "he"
    assert slots["answers"]["sex"]["value"] == "male"
    assert slots["requested_slot"] == "chosen_trials"


def test_not_sure_which_study_screens_every_recruiting_trial(domain):
    slots, _ = validate(
        domain,
        slots={"screening_consent": True, "answering_for": "self"},
        text="not sure",
        fill={"chosen_trials": "not sure"},
        requested="chosen_trials",
    )
    assert sorted(slots["chosen_trials"]) == ["nct06642025", "xj-mk-002"]
    assert slots["requested_slot"] == "current_answer"


def test_a_study_is_picked_by_keyword(domain):
    slots, _ = validate(
        domain,
        slots={"screening_consent": True, "answering_for": "self"},
        text="the CAR-T one",
        fill={"chosen_trials": "the CAR-T one"},
        requested="chosen_trials",
    )
    assert slots["chosen_trials"] == ["nct06642025"]


def test_an_answer_that_would_exclude_is_read_back_before_it_counts(domain):
    asked = {**CONSENTED, "current_question": "age", "current_question_text": "How old are you?"}
    slots, _ = validate(
        domain,
        slots=asked,
        text="seventy-six, I think",
        fill={"current_answer": "seventy-six, I think"},
        requested="current_answer",
    )
    # 76 would exclude from XJ-MK-002 (18-75), and it came with a hedge: read back first
    pending = slots["pending_answers"]
    assert pending["facts"] == ["age"] and pending["answers"]["age"]["value"] == 76
    assert "age" not in (slots.get("answers") or {})
    assert slots["requested_slot"] == "current_answer"

    slots, _ = validate(
        domain,
        slots={**asked, "pending_answers": pending},
        text="Yes, that's right",
        fill={"current_answer": "Yes, that's right"},
        requested="current_answer",
    )
    stored = slots["answers"]["age"]
    assert (stored["value"], stored["said"], stored["how"]) == (76, "seventy-six, I think", "confirmed")
    assert stored["question"] == "How old are you?"
    assert slots["requested_slot"] is None  # no more questions: the form ends


def test_a_read_back_answered_no_drops_the_answer_and_asks_again(domain):
    asked = {
        **CONSENTED,
        "current_question": "age",
        "current_question_text": "How old are you?",
        "question_asks": 1,
    }
    pending = {"facts": ["age"], "answers": {"age": {"value": 76, "said": "seventy-six", "how": "parsed"}}}
    slots, said = validate(
        domain,
        slots={**asked, "pending_answers": pending},
        text="No, let me change it",
        fill={"current_answer": "No, let me change it"},
        requested="current_answer",
    )
    assert said == ["utter_read_back_changed"]
    assert "age" not in (slots.get("answers") or {}) and slots["pending_answers"] is None
    assert slots["requested_slot"] == "current_answer"


def test_an_answer_beyond_doubt_counts_without_a_read_back(domain):
    slots, _ = validate(
        domain,
        slots={**CONSENTED, "current_question": "age", "current_question_text": "How old are you?"},
        text="76",
        fill={"current_answer": "76"},
        requested="current_answer",
    )
    assert slots["answers"]["age"]["value"] == 76 and slots["answers"]["age"]["how"] == "parsed"
    assert slots["requested_slot"] is None


def test_several_facts_in_one_message_are_all_kept(domain):
    text = "I'm a 47 year old woman with breast cancer on chemo and my platelets are 70"
    slots, _ = validate(
        domain,
        slots={**CONSENTED, "current_question": "age"},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    answers = slots["answers"]
    assert answers["age"]["value"] == 47
    assert answers["sex"]["value"] == "female"
    assert answers["diagnosis"]["value"] == "solid_tumour"
    assert answers["cancer_treatments"]["value"] == ["chemotherapy"]
    assert answers["platelet_count"]["value"] == 70


def test_i_dont_know_is_recorded_as_unknown_and_moves_on(domain):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "platelet_count"},
        text="I don't know",
        fill={"current_answer": "I don't know"},
        requested="current_answer",
    )
    assert slots["answers"]["platelet_count"]["value"] == "unknown"
    assert slots["requested_slot"] == "current_answer"
    assert said == []


@pytest.mark.parametrize(
    ("fact_id", "text"),
    [
        ("diagnosis", "still waiting for the biopsy, they think lymphoma"),
        ("gvhd", "they think it might be GVHD, waiting on a skin biopsy"),
        ("diagnosis", "还在等病理结果，医生说像淋巴瘤"),
    ],
)
def test_a_guess_before_its_result_is_recorded_as_unknown_not_read_back_and_moves_on(domain, fact_id, text):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": fact_id},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert slots["answers"][fact_id]["value"] == "unknown"
    assert not slots.get(conversation.READ_BACK_SLOT)
    assert said == []


@pytest.mark.parametrize(
    ("text", "language"), [("hep B positive", "en"), ("HBsAg positive", "en"), ("乙肝表面抗原阳性", "zh")]
)
def test_a_positive_hepatitis_test_alone_is_recorded_as_unknown_for_the_study_team_and_moves_on(
    domain, text, language
):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "language": language, "current_question": "active_hepatitis"},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert slots["answers"]["active_hepatitis"]["value"] == "unknown"
    assert not slots.get(conversation.READ_BACK_SLOT)
    assert said == []


@pytest.mark.parametrize(
    ("fact_id", "text", "language", "response"),
    [
        ("willing_contraception", "if it means the pill, no", "en", "utter_answer_unclear"),
        ("willing_contraception", "要是吃避孕药就不行", "zh", "utter_answer_unclear"),
        ("willing_no_sperm_donation", "he wouldn't", "en", "utter_answer_which_no"),
    ],
)
def test_a_refusal_on_a_condition_or_of_either_thing_is_asked_again_not_read_back(
    domain, fact_id, text, language, response
):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "language": language, "current_question": fact_id},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said == [response]
    assert fact_id not in (slots.get("answers") or {})
    assert not slots.get(conversation.READ_BACK_SLOT)


@pytest.mark.parametrize(
    ("fact_id", "text"),
    [("willing_no_sperm_donation", "he wouldn't"), ("willing_contraception", "if it means the pill, no")],
)
def test_a_no_asked_again_is_never_asked_a_third_time(domain, fact_id, text):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": fact_id, "question_asks": 2},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said == ["utter_moving_on_unknown"]
    assert slots["answers"][fact_id]["value"] == "unknown"
    assert not slots.get(conversation.READ_BACK_SLOT)


def test_an_answer_we_cannot_understand_is_asked_again_then_recorded_as_unknown(domain):
    base = {**CONSENTED, "current_question": "platelet_count"}
    slots, said = validate(
        domain, slots=base, text="banana", fill={"current_answer": "banana"}, requested="current_answer"
    )
    assert said == ["utter_answer_unclear"]
    assert "answers" not in slots or "platelet_count" not in (slots.get("answers") or {})

    slots, said = validate(
        domain,
        slots={**base, "question_asks": 2},
        text="banana again",
        fill={"current_answer": "banana again"},
        requested="current_answer",
    )
    assert said == ["utter_moving_on_unknown"]
    assert slots["answers"]["platelet_count"]["value"] == "unknown"


def test_a_lone_no_to_willing_not_to_donate_is_asked_again_and_a_worded_button_counts(domain):
    """ "No" to "willing not to donate sperm?" says no to which? It is asked again with buttons that
    say what they mean, and pressing "No, not agreed" is the answer, with no read-back."""
    base = {**CONSENTED, "current_question": "willing_no_sperm_donation"}
    slots, said = validate(
        domain, slots=base, text="no", fill={"current_answer": "no"}, requested="current_answer"
    )
    assert said == ["utter_answer_which_no"]
    assert "willing_no_sperm_donation" not in (slots.get("answers") or {})
    pressed = "No, not agreed"
    slots, said = validate(
        domain,
        slots={**base, "question_asks": 2},
        text=pressed,
        fill={"current_answer": pressed},
        requested="current_answer",
    )
    assert slots["answers"]["willing_no_sperm_donation"]["value"] is False
    assert not slots.get("pending_answers"), slots


def test_declining_to_answer_hears_why_once_then_moves_on_as_unknown(domain):
    """ "I'd rather not say" is no answer and no "don't know" yet: the reason for the question is
    given and it is asked once more; declined again, it is recorded as unknown, which never excludes."""
    base = {**CONSENTED, "current_question": "hiv_or_aids"}
    text = "I'd rather not say"
    slots, said = validate(
        domain, slots=base, text=text, fill={"current_answer": text}, requested="current_answer"
    )
    assert said == ["utter_answer_declined"]
    assert "hiv_or_aids" not in (slots.get("answers") or {})
    slots, said = validate(
        domain,
        slots={**base, "question_asks": 2},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said == ["utter_moving_on_unknown"]
    assert slots["answers"]["hiv_or_aids"]["value"] == "unknown"


def test_a_doubtful_number_said_again_is_taken_but_read_back(domain):
    """Platelets "7.2" are asked again with their unit; the same number again is meant. It counts,
    and since it would exclude, it is read back first, never recorded as unknown."""
    base = {**CONSENTED, "current_question": "platelet_count"}
    slots, said = validate(
        domain, slots=base, text="7.2", fill={"current_answer": "7.2"}, requested="current_answer"
    )
    assert said == ["utter_answer_with_unit"]
    slots, said = validate(
        domain,
        slots={**base, "question_asks": 2},
        text="7.2",
        fill={"current_answer": "7.2"},
        requested="current_answer",
    )
    assert "utter_moving_on_unknown" not in said
    pending = slots["pending_answers"]
    assert pending["facts"] == ["platelet_count"] and pending["answers"]["platelet_count"]["value"] == 7.2
    assert "platelet_count" not in (slots.get("answers") or {})


def test_an_impossible_age_gets_a_clarifying_question_not_a_crash(domain):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "age"},
        text="230",
        fill={"current_answer": "230"},
        requested="current_answer",
    )
    assert said == ["utter_answer_out_of_range"]
    assert slots["current_answer"] is None


def test_a_bad_phone_number_is_asked_again_with_a_hint(domain):
    slots, said = validate(
        domain,
        slots={**CONTACT_STAGE, "contact_name": "Anna"},
        text="12345",
        fill={"contact_phone": "12345"},
        requested="contact_phone",
    )
    assert slots["contact_phone"] is None
    assert said == ["utter_invalid_phone"]


def test_a_valid_phone_number_is_stored_in_international_form(domain):
    slots, _ = validate(
        domain,
        slots={**CONTACT_STAGE, "contact_name": "Anna"},
        text="138 0013 8000",
        fill={"contact_phone": "138 0013 8000"},
        requested="contact_phone",
    )
    assert slots["contact_phone"] == "+8613800138000"


def test_a_bad_email_is_asked_again(domain):
    slots, said = validate(
        domain,
        slots={**CONTACT_STAGE, "contact_name": "Anna", "contact_phone": "+8613800138000"},
        text="anna at example",
        fill={"contact_email": "anna at example"},
        requested="contact_email",
    )
    assert slots["contact_email"] is None and said == ["utter_invalid_email"]


def test_skipping_both_phone_and_email_is_not_allowed(domain):
    slots, said = validate(
        domain,
        slots={**CONTACT_STAGE, "contact_name": "Anna", "contact_phone": "none"},
        text="skip",
        fill={"contact_email": "skip"},
        requested="contact_email",
    )
    assert said == ["utter_need_phone_or_email"]
    assert slots["contact_email"] is None and slots["contact_phone"] is None


def test_saying_the_details_are_wrong_asks_for_them_again(domain):
    details = {
        "contact_name": "Anna",
        "contact_phone": "+8613800138000",
        "contact_email": "none",
        "contact_time": "mornings",
        "contact_language": "English",
    }
    slots, said = validate(
        domain,
        slots={**CONTACT_STAGE, **details},
        text="no",
        fill={"contact_confirmed": "no"},
        requested="contact_confirmed",
    )
    assert said == ["utter_contact_correct_it"]
    assert all(slots[name] is None for name in details)


def test_an_answer_wins_even_when_nlu_calls_it_off_topic(domain):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "age"},
        text="I'm 52",
        fill={"current_answer": "I'm 52"},
        requested="current_answer",
        intent="medical_advice",
    )
    assert slots["answers"]["age"]["value"] == 52
    assert said == []


def test_a_request_for_medical_advice_gets_the_no_advice_reply_and_the_question_again(domain):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "platelet_count"},
        text="should I stop my chemo?",
        fill={"current_answer": "should I stop my chemo?"},
        requested="current_answer",
        intent="medical_advice",
    )
    assert said == ["utter_medical_advice"]
    assert slots["current_answer"] is None
    assert "platelet_count" not in (slots.get("answers") or {})


def test_a_question_about_what_the_question_means_is_answered_with_the_term_then_asked_again(domain):
    # "What do you mean by days?" is not a picture of a day: the term is explained, nothing recorded
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "ecog"},
        text="What do you mean by days? She gets tired",
        fill={"current_answer": "What do you mean by days? She gets tired"},
        requested="current_answer",
    )
    assert said == ["utter_explain_term"]
    assert "ecog" not in (slots.get("answers") or {})


def test_a_second_question_about_the_question_is_recorded_as_unknown_not_asked_a_third_time(domain):
    # Explaining the term is the one extra ask; a second "what do you mean?" moves on as unknown,
    # and unknown never excludes.
    text = "what do you mean by days? she just sits"
    slots, said = validate(
        domain,
        slots={**CONSENTED, "current_question": "ecog", "question_asks": 2},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said == ["utter_moving_on_unknown"]
    assert slots["answers"]["ecog"]["value"] == "unknown"


@pytest.mark.parametrize(
    ("fact_id", "text"),
    [("cardiomyopathy", "I don't know what that is"), ("cardiomyopathy", "不知道这是啥")],
)
def test_a_doubt_about_the_question_is_explained_once_then_recorded_as_unknown(domain, fact_id, text):
    # "I don't know what that is" (since 6 December): explained and asked again the first time; the
    # second time it moves on as unknown, never a third ask and never an exclusion.
    first, said_first = validate(
        domain,
        slots={**CONSENTED, "current_question": fact_id},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert first["current_answer"] is None and fact_id not in (first.get("answers") or {})
    assert said_first and said_first[0] != "utter_moving_on_unknown"
    second, said_second = validate(
        domain,
        slots={**CONSENTED, "current_question": fact_id, "question_asks": 2},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said_second == ["utter_moving_on_unknown"]
    assert second["answers"][fact_id]["value"] == "unknown"


def test_last_and_a_month_whose_two_years_decide_the_outcome_is_recorded_as_unknown(domain):
    # October 2025 is over six months before 3 December 2026, October 2026 within them: the CAR-T
    # study's heart-attack criterion hangs on which "last October" meant, so the study team checks it
    text = "he had a heart attack last October"
    slots, said = validate(
        domain,
        slots={
            **CONSENTED,
            "chosen_trials": ["nct06642025"],
            "answering_for": "proxy",
            "current_question": "last_heart_attack_or_bypass",
        },
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert slots["answers"]["last_heart_attack_or_bypass"]["value"] == "unknown"
    assert not slots.get(conversation.READ_BACK_SLOT)


def test_a_reply_that_reads_two_ways_in_two_languages_is_asked_again_then_moves_on_as_unknown(domain):
    # "乙肝 carrier, but not active": yes by its Chinese words, no by its English ones. Asked again,
    # never read back or excluded; the second time it is recorded as unknown, never asked a third time.
    text = "乙肝 carrier, but not active"
    asked = {**CONSENTED, "current_question": "active_hepatitis"}
    slots, said = validate(
        domain, slots=asked, text=text, fill={"current_answer": text}, requested="current_answer"
    )
    assert said == ["utter_answer_unclear"]
    assert "active_hepatitis" not in (slots.get("answers") or {})
    assert not slots.get(conversation.READ_BACK_SLOT)
    slots, said = validate(
        domain,
        slots={**asked, "question_asks": 2},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert said == ["utter_moving_on_unknown"]
    assert slots["answers"]["active_hepatitis"]["value"] == "unknown"


@pytest.mark.parametrize(("text", "language"), [("房颤有的，吃华法林", "zh"), ("yes AF", "en")])
def test_atrial_fibrillation_alone_is_recorded_as_unknown_for_the_study_team_and_moves_on(
    domain, text, language
):
    slots, said = validate(
        domain,
        slots={**CONSENTED, "language": language, "current_question": "ventricular_arrhythmia_or_fainting"},
        text=text,
        fill={"current_answer": text},
        requested="current_answer",
    )
    assert slots["answers"]["ventricular_arrhythmia_or_fainting"]["value"] == "unknown"
    assert not slots.get(conversation.READ_BACK_SLOT)
    assert said == []
