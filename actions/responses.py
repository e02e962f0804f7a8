"""Every domain response the custom actions send.

`rasa data validate` only sees responses used in stories and rules, so it calls these "not used".
scripts/validate.sh accepts that warning for exactly these names (and the form's utter_ask_<slot>
questions), and tests/actions/test_responses.py keeps this list true: each name exists in the
domain, every response the actions send is listed, and no domain response is dead.
"""

OUTCOMES = ("likely_eligible", "needs_review", "not_eligible")

SENT_BY_ACTIONS = frozenset(
    {
        # validation feedback
        "utter_consent_unclear",
        "utter_answering_for_unclear",
        "utter_trial_choice_unclear",
        "utter_answer_unclear",
        "utter_answer_out_of_range",
        "utter_moving_on_unknown",
        "utter_answer_with_unit",
        "utter_answer_which_no",
        "utter_answer_day_or_month",
        "utter_answer_declined",
        "utter_read_back",
        "utter_read_back_changed",
        "utter_invalid_name",
        "utter_invalid_phone",
        "utter_invalid_email",
        "utter_need_phone_or_email",
        "utter_confirm_unclear",
        "utter_contact_correct_it",
        # questions with dynamic wording or buttons
        "utter_screening_question",
        "utter_ask_chosen_trials",
        "utter_ask_contact_consent",
        "utter_ask_contact_consent_proxy",
        "utter_ask_contact_confirmed",
        "utter_not_given",
        # outcome and endings
        *(f"utter_outcome_{o}" for o in OUTCOMES),
        *(f"utter_outcome_{o}_proxy" for o in OUTCOMES),
        "utter_outcome_scheduling_note",
        "utter_outcome_final_decision",
        "utter_consent_declined",
        "utter_lead_saved",
        "utter_lead_saved_proxy",
        "utter_no_contact_goodbye",
        "utter_not_eligible_goodbye",
        # at any point
        "utter_why_we_ask",
        "utter_why_we_ask_general",
        "utter_explain_term",
        "utter_term_unknown",
        "utter_go_back_ok",
        "utter_go_back_nothing",
        "utter_start_over",
        "utter_human_handoff",
        "utter_stopped",
        "utter_other_studies",
        # replies to an off-topic message that was not an answer (also used by rules outside the form)
        "utter_out_of_scope",
        "utter_medical_advice",
    }
)


def asked_by_form(domain: dict) -> set[str]:
    """The form's own questions: Rasa sends utter_ask_<slot> when it requests a slot."""
    slots = domain.get("forms", {}).get("prescreen_form", {}).get("required_slots", [])
    return {f"utter_ask_{slot}" for slot in slots} & set(domain.get("responses", {}))


if __name__ == "__main__":  # used by scripts/validate.sh
    import yaml

    with open("domain.yml", encoding="utf-8") as f:
        names = SENT_BY_ACTIONS | asked_by_form(yaml.safe_load(f))
    print("\n".join(sorted(names)))
