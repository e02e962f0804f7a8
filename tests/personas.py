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
from bot.text import localize, response_language

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
    language: str = "en"  # the language the persona writes in (and the page's language)

    def __post_init__(self) -> None:
        # An answer that would exclude is read back ("Just to check ..."): the persona confirms it.
        self.answers.setdefault(READ_BACK, message("button.read_back_yes", self.language))
        # Checklists ("any of these heart problems?"): "none of these" when every item is a no,
        # else the items that are a yes, in the checklist's words.
        for checklist in default_registry().checklists.values():
            said = [self.answers.get(fact_id) for fact_id in checklist.items]
            if checklist.id in self.answers or any(s is None for s in said):
                continue
            named = [
                localize(checklist.items[f], self.language)
                for f, s in zip(checklist.items, said, strict=True)
                if s not in ("no", "never", "没有", "从来没有")
            ]
            none = message("button.none_of_these", self.language)
            if self.language == "zh":
                self.answers[checklist.id] = "我有" + "和".join(named) if named else none
            else:
                self.answers[checklist.id] = "I have had " + " and ".join(named) if named else "none of these"

    @property
    def dont_know(self) -> str:
        """What the persona types for a question it has no answer for."""
        return message("button.dont_know", self.language)


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


@lru_cache(maxsize=16)
def questions(proxy: bool = False, pronoun: str | None = None, language: str = "en") -> dict[str, str]:
    """Question wording, as asked of this person (or of a caregiver about him/her) -> fact id."""
    registry = default_registry()
    asked = [d.id for d in registry if d.question is not None] + list(registry.checklists)
    return {conversation.question_text(q, proxy, pronoun, language).strip(): q for q in asked}


def asked_fact(reply: str, persona: Persona) -> str | None:
    """The fact this reply asks for (READ_BACK for a read-back), or None if it is neither."""
    if reply.strip().startswith(read_back_opening(persona.language)):
        return READ_BACK
    return questions(persona.proxy, persona.pronoun, persona.language).get(reply.strip())


@lru_cache(maxsize=4)
def read_back_opening(language: str = "en") -> str:
    """The first words of the read-back response in domain.yml, in `language`."""
    import yaml

    with open(Path(__file__).resolve().parents[1] / "domain.yml", encoding="utf-8") as f:
        variants = yaml.safe_load(f)["responses"]["utter_read_back"]
    shown = next((v for v in variants if response_language(v) == language), variants[0])
    return shown["text"].replace("：", ":").split(":")[0]


CHINESE_CONTACT = [
    "好的，可以联系我",
    "李华",
    "138 0013 8000",
    "lihua@example.com",
    "工作日上午",
    "中文",
    "对",
]

CHINESE_PERSONAS = [
    # The same people as in PERSONAS, writing Chinese on the Chinese page: the same outcomes.
    Persona(
        "xj likely eligible, in Chinese",
        ["好的，我同意", "我自己", "血小板那个研究"],
        {
            "age": "四十七岁",
            "sex": "女",
            "diagnosis": "乳腺癌",
            "cancer_treatments": "化疗",
            "platelet_count": "血小板7.2万",
            "last_platelet_transfusion": "从来没输过",
            "active_bleeding": "没有",
            "ecog": "能干点轻活，重活干不了",
            "can_become_pregnant": "不会，已经绝经了",
        },
        contact=CHINESE_CONTACT,
        expected={"xj-mk-002": "utter_outcome_likely_eligible"},
        lead_trials={"xj-mk-002"},
        language="zh",
    ),
    Persona(
        "xj excluded by age, in Chinese",
        ["同意", "是我自己", "巨核细胞的研究"],
        {"age": "八十", "diagnosis": "肺癌"},
        expected={"xj-mk-002": "utter_outcome_not_eligible"},
        language="zh",
    ),
    Persona(
        "car-t likely eligible, in Chinese",
        ["可以", "我", "CAR-T那个"],
        {
            "age": "1971年出生",
            "sex": "男",
            "diagnosis": "急性髓系白血病",
            "aml_no_response_after_two_courses": "没有",
            "aml_relapse_count": "复发过两次",
            "ecog": "跟生病前一样，什么都能干",
            "haemoglobin": "9.1 g/dL",
            "cd3_count": "800个/微升",
            "platelet_count": "45",
            "partner_can_become_pregnant": "没有",
            "active_hepatitis": "没有",
            "hiv_or_aids": "没有",
            "uncontrolled_infection": "没有",
            "takes_immunosuppressants": "没有",
            "takes_steroids": "没有",
            "heart_failure": "没有",
            "last_heart_attack_or_bypass": "从来没有",
            "ventricular_arrhythmia_or_fainting": "没有",
            "cardiomyopathy": "没有",
            "ejection_fraction": "60%",
            "serious_liver_or_kidney_problems": "没有",
            "creatinine": "80 umol/L",
            "stem_cell_transplant": "没有",
        },
        contact=CHINESE_CONTACT,
        expected={"nct06642025": "utter_outcome_likely_eligible"},
        lead_trials={"nct06642025"},
        language="zh",
    ),
    Persona(
        "caregiver for her father, both studies, in Chinese",
        ["好的", "我是替我爸爸问的", "不确定"],
        {
            "age": "他七十六了",
            "diagnosis": "急性髓系白血病",
            "cancer_treatments": "化疗",
            "platelet_count": "60",
        },
        proxy=True,
        pronoun="he",
        contact=CHINESE_CONTACT,
        expected={
            "xj-mk-002": "utter_outcome_not_eligible_proxy",
            "nct06642025": "utter_outcome_not_eligible_proxy",
        },
        language="zh",
    ),
    Persona(
        "declines consent, in Chinese",
        ["不用了，谢谢"],
        {},
        forgotten=True,
        language="zh",
    ),
]
