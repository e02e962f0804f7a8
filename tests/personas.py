"""The scripted people who talk to the assistant: the e2e conversations, the browser tests and the
load benchmark (bench/load_rest.py) all use these, so a persona's answers live in one place.

Each persona answers whatever the assistant asks, recognising the question by its wording in the
facts registry (`asked_fact`), so nothing depends on the order the engine chooses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot import conversation
from bot.facts import default_registry
from bot.messages import message

READ_BACK = "read_back"
"""What `asked_fact` returns for a read-back of an answer that would exclude."""


@dataclass
class Persona:
    name: str
    opening: list[str]  # consent, who is answering, which study
    answers: dict[str, str]  # fact id -> what they type when asked
    proxy: bool = False
    pronoun: str | None = None
    contact: list[str] | None = None  # consent, name, phone, email, time, language, confirm
    expected: dict[str, str] = field(default_factory=dict)  # trial id -> outcome response name
    lead_trials: set[str] = field(default_factory=set)
    forgotten: bool = False  # declined or stopped: nothing of the conversation may be stored

    def __post_init__(self) -> None:
        # An answer that would exclude is read back ("Just to check ..."): the persona confirms it.
        self.answers.setdefault(READ_BACK, message("button.read_back_yes"))
        # Checklists ("any of these heart problems?"): "none of these" when every item is a no,
        # else the items that are a yes, in the checklist's words.
        for checklist in default_registry().checklists.values():
            said = [self.answers.get(fact_id) for fact_id in checklist.items]
            if checklist.id in self.answers or any(s is None for s in said):
                continue
            named = [
                str(checklist.items[f])
                for f, s in zip(checklist.items, said, strict=True)
                if s not in ("no", "never")
            ]
            self.answers[checklist.id] = "I have had " + " and ".join(named) if named else "none of these"


CONTACT = [
    "yes please",
    "Anna Smith",
    "+86 138 0013 8000",
    "anna@example.com",
    "weekday mornings",
    "English",
    "yes",
]

PERSONAS = [
    Persona(
        "xj likely eligible, typed in plain words",
        ["yes I agree", "it's for me", "the platelet one"],
        {
            "age": "I'm forty-seven",
            "sex": "female",
            "diagnosis": "breast cancer",
            "cancer_treatments": "chemo",
            "platelet_count": "platelets were 72k",
            "last_platelet_transfusion": "never had one",
            "active_bleeding": "no",
            "ecog": "I can do light housework but nothing heavy",
            "can_become_pregnant": "no, I've been through the menopause",
        },
        contact=CONTACT,
        expected={"xj-mk-002": "utter_outcome_likely_eligible"},
        lead_trials={"xj-mk-002"},
    ),
    Persona(
        "xj excluded by age, and the screening stops early",
        ["yes", "for myself", "the megakaryocyte study"],
        {"age": "eighty", "diagnosis": "lung cancer"},
        expected={"xj-mk-002": "utter_outcome_not_eligible"},
    ),
    Persona(
        "car-t likely eligible",
        ["yes", "me", "the CAR-T study"],
        {
            "age": "born in 1971",
            "sex": "male",
            "diagnosis": "AML",
            "aml_no_response_after_two_courses": "no",
            "aml_relapse_count": "twice",
            "ecog": "fully active",
            "haemoglobin": "9.1 g/dL",
            "cd3_count": "800 cells/ul",
            "platelet_count": "45",
            "partner_can_become_pregnant": "no",
            "active_hepatitis": "no",
            "hiv_or_aids": "no",
            "uncontrolled_infection": "no",
            "takes_immunosuppressants": "no",
            "takes_steroids": "no",
            "heart_failure": "no",
            "last_heart_attack_or_bypass": "never",
            "ventricular_arrhythmia_or_fainting": "no",
            "cardiomyopathy": "no",
            "ejection_fraction": "60%",
            "serious_liver_or_kidney_problems": "no",
            "creatinine": "80 umol/L",
            "stem_cell_transplant": "no",
        },
        contact=CONTACT,
        expected={"nct06642025": "utter_outcome_likely_eligible"},
        lead_trials={"nct06642025"},
    ),
    Persona(
        "car-t excluded by a different diagnosis",
        ["yes", "myself", "NCT06642025"],
        {"age": "60", "diagnosis": "lymphoma"},
        expected={"nct06642025": "utter_outcome_not_eligible"},
    ),
    Persona(
        "caregiver for her father, both studies",
        ["yes", "I'm asking for my dad", "not sure"],
        {
            "age": "he's seventy-six",
            "diagnosis": "AML",
            "cancer_treatments": "chemotherapy",
            "platelet_count": "60",
        },
        proxy=True,
        pronoun="he",
        contact=CONTACT,
        expected={
            "xj-mk-002": "utter_outcome_not_eligible_proxy",
            "nct06642025": "utter_outcome_not_eligible_proxy",
        },
    ),
    Persona(
        "someone who says I don't know a lot",
        ["yes", "for me", "both"],
        {"age": "52", "sex": "female", "diagnosis": "AML", "cancer_treatments": "chemo"},
        contact=CONTACT,
        expected={"xj-mk-002": "utter_outcome_needs_review", "nct06642025": "utter_outcome_needs_review"},
        lead_trials={"xj-mk-002", "nct06642025"},
    ),
    Persona(
        "declines consent",
        ["no thank you"],
        {},
        forgotten=True,
    ),
    Persona(
        "stops part-way",
        ["yes", "for me", "the platelet study"],
        {"age": "47", "diagnosis": "stop"},
        forgotten=True,
    ),
    Persona(
        "declines contact",
        ["yes", "for me", "the platelet study"],
        {
            "age": "50",
            "sex": "male",
            "diagnosis": "lymphoma",
            "cancer_treatments": "chemo and radiotherapy",
            "platelet_count": "80",
        },
        contact=["no thanks"],
        expected={"xj-mk-002": "utter_outcome_needs_review"},
    ),
]


def by_name(name: str) -> Persona:
    return next(p for p in PERSONAS if p.name == name)


@lru_cache(maxsize=8)
def questions(proxy: bool = False, pronoun: str | None = None) -> dict[str, str]:
    """Question wording, as asked of this person (or of a caregiver about him/her) -> fact id."""
    registry = default_registry()
    asked = [d.id for d in registry if d.question is not None] + list(registry.checklists)
    return {conversation.question_text(q, proxy, pronoun).strip(): q for q in asked}


def asked_fact(reply: str, persona: Persona) -> str | None:
    """The fact this reply asks for (READ_BACK for a read-back), or None if it is neither."""
    if reply.strip().startswith(read_back_opening()):
        return READ_BACK
    return questions(persona.proxy, persona.pronoun).get(reply.strip())


@lru_cache(maxsize=1)
def read_back_opening() -> str:
    """The first words of the read-back response in domain.yml."""
    import yaml

    with open(Path(__file__).resolve().parents[1] / "domain.yml", encoding="utf-8") as f:
        text = yaml.safe_load(f)["responses"]["utter_read_back"][0]["text"]
    return text.split(":")[0]
