"""The facts the conversation can gather, and a person's answers to them.

`bot/facts.yaml` is the registry: each fact has a type, a canonical unit, the question in plain
words (for the patient and for someone answering on their behalf), why we ask, and glossary terms.
Trial rules may only read facts that are in the registry.

A person's answers become a `FactSet`: every value checked against its fact's type and plausible
range, converted to the canonical unit, with age derived from a birth date and facts that follow
from others filled in (a man cannot be pregnant). Each fact is in one of three states: answered,
unknown ("I don't know"), or unanswered (not asked yet).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, Extra, ValidationError, root_validator, validator

from bot.rules import NEVER, FactState, Rule, RuleError, Truth, parse_rule
from bot.text import LocalizedText, localize
from bot.validation_messages import describe_errors, read_yaml_file

REGISTRY_PATH = Path(__file__).with_name("facts.yaml")
UNKNOWN = "unknown"
"""The value recorded when a person says they don't know, or we could not understand them."""

FactType = Literal["integer", "number", "boolean", "choice", "choices", "date"]


class Choice(BaseModel, extra=Extra.forbid):
    value: int | str
    label: LocalizedText


class Question(BaseModel, extra=Extra.forbid):
    """The question as put to the patient (`self`) and to someone answering for them (`proxy`).

    Proxy text may use {they} {them} {their} {is} {has} {was} {does} (and capitalised {They}),
    filled with he/she/they forms when we know who the person is.
    """

    self: LocalizedText
    proxy: LocalizedText


class Implication(BaseModel, extra=Extra.forbid):
    """A value that follows from other facts, e.g. `pregnant` is false when sex is male."""

    when: Any
    value: Any

    @validator("when")
    def _parse_rule(cls, raw: Any) -> Rule:
        return parse_rule(raw, "implied.when")


class AgeAnswers(BaseModel, extra=Extra.forbid):
    """A woman's age said in answer to whether she could become pregnant ("she's 68", "女朋友28"):
    below `yes_below` she could, from `no_from` on she could not, in between it is asked again.
    Words that answer the question themselves ("she's 38 but had a hysterectomy") come first."""

    yes_below: int | None = None
    no_from: int


class MeasureAnswer(BaseModel, extra=Extra.forbid):
    """A figure that answers a yes/no question: for `measure` (its words are `measures.<measure>`
    in the words files), below `yes_below` the answer is yes, from `no_from` on it is no, in
    between the words decide. The yes is the answer to the question as asked (before
    `answer_inverts`)."""

    measure: str
    yes_below: float
    no_from: float


class YesNoButtons(BaseModel, extra=Extra.forbid):
    """The yes and no buttons of a question a plain "Yes" or "No" would leave open ("willing not to
    donate?"): each says what it agrees to, and pressing one is that answer, beyond doubt."""

    yes: LocalizedText
    no: LocalizedText


class FactDefinition(BaseModel, extra=Extra.forbid):
    id: str = ""
    type: FactType
    label: LocalizedText
    question: Question | None = None
    why: LocalizedText = ""
    glossary: list[str] = []
    ask_order: int = 1000
    unit: str | None = None
    units: dict[str, float] = {}
    minimum: float | None = None
    maximum: float | None = None
    choices: list[Choice] = []
    allow_never: bool = False
    answers_for: str | None = None
    via: Literal["whole_years_before_reference"] | None = None
    implied: list[Implication] = []
    reading: Literal["now", "ever", "willing", "capable"] = "ever"
    """How a yes/no question is asked: about now (a past condition is a no), ever, a willingness
    ("no problem" is a yes) or an ability (bot/parsing/booleans.py)."""
    yes_if_any: bool = False
    """The question asks about several things at once ("your liver or kidneys", "hepatitis B or C",
    "an arrhythmia or fainting"): a clause that says yes to one of them is a yes, whatever another
    clause says of the rest ("liver's fine, kidneys are failing")."""
    age_answers: AgeAnswers | None = None
    """For "could she become pregnant?": an age said instead of a yes or no answers it."""
    asks_to_refrain: bool = False
    """The question asks whether the person would refrain from something ("willing not to donate
    sperm"). A lone "no" to it may mean "no, I won't donate" as well as "no, I'm not willing", so it
    is asked again with the fact's `yes_no_buttons`; no other answer that would exclude is beyond
    doubt either: it is read back first."""
    yes_no_buttons: YesNoButtons | None = None
    """Buttons worded for this question instead of the plain Yes and No."""
    may_be_about_a_relative: bool = False
    """The answer may rightly be about a relative (a partner who could become pregnant, a baby being
    breastfed, a brother who gave stem cells). For other questions, a person answering for themselves
    who says what a relative has ("no, but my mum has it") is not answering with it
    (bot/parsing/relations.py `about_the_patient`)."""
    asks_what_was_told: bool = False
    """The question asks whether a doctor has told the person so ("has a doctor told you that you
    have heart failure?"): "nobody told me that", "医生没说过" (`not_told` in the words files) are a
    no, where to another question they are a "don't know"."""
    answer_inverts: bool = False
    """The question is asked the other way up from the fact (yes to "did it go into remission?"
    means no to "no response after two courses"), so a yes records false."""
    ask_unit_below: float | None = None
    """A number given without a unit that comes out below this (canonical unit) is doubtful
    ("platelets 7.2"): the conversation asks again for it with its unit instead of taking it."""
    self_minimum: float | None = None
    """Below this, an answer about oneself is implausible (an age of 1 typed by the patient): it is
    asked again, never counted. Someone answering for another person may give any plausible value."""
    answered_by_measure: MeasureAnswer | None = None
    """For a yes/no question a figure answers too ("原始细胞8%" to "did it go into remission?",
    "kidneys working at 25 percent" to "serious kidney problems?": bot/parsing/measures.py)."""
    within_months: float | None = None
    """For a yes/no question about a time limit ("did it come back within 12 months?"): a length of
    time said ("8 months after", "一年多") or two month-and-year dates answer it
    (bot/parsing/durations.py)."""
    within_courses: int | None = None
    """For a yes/no question about the first few courses of treatment ("did the first two courses put
    it into remission?"): remission said to come with a later course ("第三个疗程才缓解", "it took
    three rounds") answers no, with one of the first courses yes (bot/parsing/courses.py)."""
    several_choices: Literal["ask_again", "highest"] = "ask_again"
    """When a free-text answer names several choices of an ordered scale: ask again, or take the
    highest ("puffed on the stairs, and now even walking across the room" is the more limited one;
    a limit said beside an ability decides the level)."""
    learned_reader: bool = False
    """Free-text answers are also read by a classifier trained on people's replies
    (bot/words/examples/<language>.yaml) and the choices' phrases, weighed against the phrase lists
    (bot/parsing/learned.py). For scales people describe rather than name (a picture of their day)."""
    several_dates: Literal["ask_again", "latest"] = "ask_again"
    """When a free-text answer names dates that do not fit together ("a bypass in 2015, a small
    infarct in 2021"): ask again, or, for a fact about the most recent event, take the latest
    (bot/parsing/date_mentions.py)."""
    equivalents: dict[str, float] = {}
    """Drugs whose dose converts to this fact's unit, with the factor (dexamethasone 6.67 mg of
    prednisone per mg); names per language are in bot/words/<language>.yaml `drugs`."""

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: dict[str, Any]) -> dict[str, Any]:
        kind = values["type"]
        if kind in ("choice", "choices") and not values["choices"]:
            raise ValueError(f"`choices` is required for a fact of type {kind}")
        if kind not in ("choice", "choices") and values["choices"]:
            raise ValueError(f"`choices` only belongs on choice facts, not on type {kind}")
        if values["units"] and kind not in ("number", "integer"):
            raise ValueError("`units` only belongs on number facts")
        if (values["reading"] != "ever" or values["answer_inverts"] or values["asks_what_was_told"]) and (
            kind != "boolean"
        ):
            raise ValueError(
                "`reading`, `answer_inverts` and `asks_what_was_told` only belong on boolean facts"
            )
        if values["answered_by_measure"] is not None and kind != "boolean":
            raise ValueError("`answered_by_measure` only belongs on boolean facts")
        if (
            values["within_months"] is not None or values["within_courses"] is not None
        ) and kind != "boolean":
            raise ValueError("`within_months` and `within_courses` only belong on boolean facts")
        if values["several_choices"] != "ask_again" and kind != "choice":
            raise ValueError("`several_choices` only belongs on choice facts")
        if values["learned_reader"] and kind != "choice":
            raise ValueError("`learned_reader` only belongs on choice facts")
        if values["several_dates"] != "ask_again" and kind != "date":
            raise ValueError("`several_dates` only belongs on date facts")
        if values["allow_never"] and kind != "date":
            raise ValueError("`allow_never` only belongs on date facts")
        if bool(values["answers_for"]) != bool(values["via"]):
            raise ValueError("`answers_for` and `via` go together (e.g. via: whole_years_before_reference)")
        if values["question"] is None and values["answers_for"] is None:
            raise ValueError("a fact needs a `question`, or `answers_for` naming the fact it answers")
        return values

    @property
    def choice_values(self) -> list[int | str]:
        return [c.value for c in self.choices]

    def choice_label(self, value: Any, language: str = "en") -> str:
        for choice in self.choices:
            if choice.value == value:
                return localize(choice.label, language)
        return str(value)


class FactsError(ValueError):
    """Answers that do not fit the registry; `problems` lists one sentence per fact."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class Checklist(BaseModel, extra=Extra.forbid):
    """Several related yes/no (or never-or-date) facts asked as one question with "none of these":
    `items` maps each fact to its plain wording in the list."""

    id: str = ""
    items: dict[str, LocalizedText]
    question: Question
    why: LocalizedText = ""


class Registry:
    """All fact definitions, by id, and the checklists that ask several of them at once."""

    def __init__(
        self, definitions: dict[str, FactDefinition], checklists: dict[str, Checklist] | None = None
    ):
        self.definitions = definitions
        self.checklists = checklists or {}

    def get(self, fact_id: str, default: FactDefinition | None = None) -> FactDefinition | None:
        return self.definitions.get(fact_id, default)

    def checklist_of(self, fact_id: str) -> Checklist | None:
        return next((c for c in self.checklists.values() if fact_id in c.items), None)

    def __contains__(self, fact_id: str) -> bool:
        return fact_id in self.definitions

    def __getitem__(self, fact_id: str) -> FactDefinition:
        return self.definitions[fact_id]

    def __iter__(self):
        return iter(self.definitions.values())


def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """Read and validate the facts registry; errors name the fact and the field."""
    raw = read_yaml_file(path, f"facts file {path.name}") or {}
    definitions: dict[str, FactDefinition] = {}
    problems: list[str] = []
    for fact_id, body in (raw.get("facts") or {}).items():
        try:
            definitions[fact_id] = FactDefinition.parse_obj({**(body or {}), "id": fact_id})
        except (ValidationError, RuleError) as error:
            details = (
                describe_errors(error, body, known_fields=FactDefinition.__fields__)
                if isinstance(error, ValidationError)
                else [str(error)]
            )
            problems.extend(f"{path.name}: fact `{fact_id}`: {d}" for d in details)
    for definition in definitions.values():
        target = definition.answers_for
        if target and target not in definitions:
            problems.append(
                f"{path.name}: fact `{definition.id}`: `answers_for` names unknown fact {target!r}"
            )
    checklists: dict[str, Checklist] = {}
    for checklist_id, body in (raw.get("checklists") or {}).items():
        try:
            checklists[checklist_id] = Checklist.parse_obj({**(body or {}), "id": checklist_id})
        except ValidationError as error:
            details = describe_errors(error, body, known_fields=Checklist.__fields__)
            problems.extend(f"{path.name}: checklist `{checklist_id}`: {d}" for d in details)
            continue
        for fact_id in checklists[checklist_id].items:
            definition = definitions.get(fact_id)
            if definition is None or checklist_id in definitions:
                problems.append(f"{path.name}: checklist `{checklist_id}`: {fact_id!r} is not a fact")
            elif definition.type != "boolean" and not (definition.type == "date" and definition.allow_never):
                problems.append(
                    f"{path.name}: checklist `{checklist_id}`: {fact_id!r} must be yes/no or a date that"
                    " allows never"
                )
    if problems:
        raise FactsError(problems)
    return Registry(definitions, checklists)


@functools.cache
def default_registry() -> Registry:
    return load_registry()


@dataclass(frozen=True)
class Answer:
    """One answer as given: its value in the canonical unit, plus what the person actually said."""

    value: Any
    unit: str | None = None
    said: str | None = None
    answered_at: datetime | None = None


@dataclass
class FactSet:
    """A person's answers, checked and normalised, as the rules engine reads them."""

    answers: dict[str, Answer]
    reference_date: date
    derived: dict[str, Any] = field(default_factory=dict)

    def state(self, fact_id: str) -> FactState:
        if fact_id in self.derived:
            return FactState.ANSWERED
        answer = self.answers.get(fact_id)
        if answer is None:
            return FactState.UNANSWERED
        return FactState.UNKNOWN if answer.value == UNKNOWN else FactState.ANSWERED

    def value(self, fact_id: str) -> Any:
        if fact_id in self.derived:
            return self.derived[fact_id]
        return self.answers[fact_id].value

    def as_of(self, on_date: date, registry: Registry) -> FactSet:
        """The same answers judged on another date (age and time windows depend on it)."""
        moved = FactSet(answers=dict(self.answers), reference_date=on_date)
        _derive(moved, registry)
        return moved

    def with_answers(self, extra: dict[str, Answer], registry: Registry) -> FactSet:
        """These answers plus more (already checked), with facts derived afresh."""
        combined = FactSet(answers={**self.answers, **extra}, reference_date=self.reference_date)
        _derive(combined, registry)
        return combined


def parse_facts(raw: Mapping[str, Any], on_date: date, registry: Registry | None = None) -> FactSet:
    """Check answers against the registry and build the FactSet the engine reads.

    Each value is either plain (`"platelet_count": 72`) or an object with `value`, and optionally
    `unit`, `said` and `answered_at`. `"unknown"` or null records "I don't know". All problems are
    reported at once, each naming its fact and what was expected.
    """
    registry = registry or default_registry()
    answers: dict[str, Answer] = {}
    problems: list[str] = []
    for fact_id, given in raw.items():
        if fact_id not in registry:
            problems.append(f"`{fact_id}` is not a known fact (see bot/facts.yaml)")
            continue
        try:
            answers[fact_id] = _to_answer(registry[fact_id], given)
        except ValueError as error:
            problems.append(f"`{fact_id}`: {error}")
    if problems:
        raise FactsError(problems)
    facts = FactSet(answers=answers, reference_date=on_date)
    _derive(facts, registry)
    return facts


def _to_answer(definition: FactDefinition, given: Any) -> Answer:
    if isinstance(given, dict):
        unknown_keys = set(given) - {"value", "unit", "said", "answered_at", "unit_said", "how", "question"}
        if unknown_keys or "value" not in given:
            raise ValueError(
                "an answer object needs `value` and may have `unit`, `said`, `answered_at`, `unit_said`,"
                " `how`, `question`"
            )
        value, unit = given["value"], given.get("unit")
        said, answered_at = given.get("said"), given.get("answered_at")
        if isinstance(answered_at, str):
            answered_at = datetime.fromisoformat(answered_at)
    else:
        value, unit, said, answered_at = given, None, None, None
    if value is None or value == UNKNOWN:
        return Answer(UNKNOWN, None, said, answered_at)
    return Answer(coerce_value(definition, value, unit), definition.unit, said, answered_at)


def coerce_value(definition: FactDefinition, value: Any, unit: str | None = None) -> Any:
    """Check one value against its fact's type and range; convert it to the canonical unit."""
    kind = definition.type
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number (got {value!r})")
        if unit is not None and unit != definition.unit:
            if unit not in definition.units:
                known = ", ".join([definition.unit or ""] + list(definition.units))
                raise ValueError(f"unit {unit!r} is not known here; use one of: {known}")
            # Rounded: 700 cells/µL × 0.001 is 0.7, not 0.7000000000000001, so bounds stay exact.
            value = round(value * definition.units[unit], 9)
        if kind == "integer":
            if float(value) != int(value):
                raise ValueError(f"must be a whole number (got {value!r})")
            value = int(value)
        low, high = definition.minimum, definition.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"{value!r} is outside the plausible range {low:g} to {high:g}")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false (got {value!r})")
        return value
    if kind == "choice":
        if value not in definition.choice_values:
            raise ValueError(f"must be one of {definition.choice_values} (got {value!r})")
        return value
    if kind == "choices":
        if not isinstance(value, list) or any(v not in definition.choice_values for v in value):
            raise ValueError(f"must be a list drawn from {definition.choice_values} (got {value!r})")
        return sorted(set(value), key=definition.choice_values.index)
    if kind == "date":
        if value == NEVER:
            if not definition.allow_never:
                raise ValueError("cannot be 'never'")
            return NEVER
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"must be a date written YYYY-MM-DD (got {value!r})") from None
    raise ValueError(f"unsupported fact type {kind}")  # pragma: no cover - the schema forbids it


def _derive(facts: FactSet, registry: Registry) -> None:
    """Fill facts that follow from others. Only unanswered or unknown facts are ever filled."""
    for definition in registry:
        target = definition.answers_for
        if (
            target
            and facts.state(target) is not FactState.ANSWERED
            and facts.state(definition.id) is FactState.ANSWERED
        ):
            derive = DERIVATIONS[definition.via]
            derived = derive(facts.value(definition.id), facts.reference_date)
            try:  # a birth date in the future, or 1850, is as implausible as an age of 230
                facts.derived[target] = coerce_value(registry[target], derived)
            except ValueError as error:
                raise FactsError([f"`{definition.id}` gives {target} {derived}: {error}"]) from None
    changed = True
    while changed:  # implications can chain (sex → can become pregnant → pregnant)
        changed = False
        for definition in registry:
            if facts.state(definition.id) is FactState.ANSWERED:
                continue
            for implication in definition.implied:
                if implication.when.evaluate(facts) is Truth.TRUE:
                    facts.derived[definition.id] = implication.value
                    changed = True
                    break


def whole_years_before(born: date, on_date: date) -> int:
    """Whole years from one date to another: a birth date gives the age on the reference date.

    A birth date after the reference date gives -1 or less (not 0), so no age range accepts it.
    """
    years = relativedelta(on_date, born).years
    return min(years, -1) if born > on_date else years


DERIVATIONS = {"whole_years_before_reference": whole_years_before}
