"""A language's words for reading answers, from `bot/words/<language>.yaml`.

The parsers hold no word lists of their own: yes and no, "I don't know", the phrases that answer
each yes/no fact, choice synonyms, steroid names and count words all come from here, so a new
phrasing or a new language is a data change. Every phrase list is compiled once into a whole-word,
longest-first pattern.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.parsing.text import phrase_pattern, plain, space_cjk
from bot.text import written_language
from bot.validation_messages import read_yaml_file

WORDS_DIR = Path(__file__).resolve().parent.parent / "words"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class FactWords:
    """The phrases that answer one yes/no fact."""

    topic: re.Pattern
    topic_inverted: re.Pattern
    says: re.Pattern
    """Phrases that answer the question on their own, yes and no together, longest first (so "it
    did not work" is not read as "it did")."""
    says_yes: frozenset[str]
    does_not_apply: re.Pattern
    """Phrases saying the question does not fit the person's course ("only one course so far" to
    "after two courses…?", 复发后没再治 to "did treatment after the relapse work?"): asked again,
    never read as a yes or a no."""
    other_events: re.Pattern
    """For a date question: events people date instead of the one asked about ("two stents in
    2020" to "when was the last heart attack or bypass?"). An answer that dates only these is asked
    again, never read as the date asked for."""
    premise_denied: re.Pattern
    """Phrases denying what the question takes for granted ("I don't have heart failure" to "how
    much does heart failure limit you?"): no level is read; the question is asked again, and the
    denial itself is kept where it is a fact of its own."""
    marker_only: re.Pattern
    """Test results that show a condition was met but not whether it is there now ("HBsAg
    positive", 大三阳, "hep C antibody positive"): a yes resting on them alone, with none of
    `says_yes`'s words of activity or `marker_active`'s, is for the study team to judge, never the
    person's yes."""
    marker_active: re.Pattern
    """Beside a `marker_only` result, words that show the condition active now (raised liver tests,
    treatment starting); alone they answer nothing (chemotherapy raises liver tests too)."""
    not_yet: re.Pattern
    """For a date question about something ending ("when did you stop them?"): phrases saying it
    has not ended ("still on them", 还在吃), which answer "never"."""
    events: re.Pattern = re.compile(r"(?!x)x")
    """Events the question asks about when nothing explains them ("fainted", 晕倒)."""
    unexplained: re.Pattern = re.compile(r"(?!x)x")
    """Beside one of `events`, said and not denied: phrases saying no cause was found ("the monitor
    found nothing", "ECG and echo were normal", 没查出问题), which are then a yes: an unexplained faint.
    Without an event they are read as the rest of the words file says ("no, holter was normal")."""
    restarted: re.Pattern = re.compile(r"(?!x)x")
    """For a date question about something ending: phrases saying it was started again ("restarted
    in June", 又吃上了). What follows the last of them answers; nothing following means not ended."""

    parts: tuple[re.Pattern, ...] = ()
    """For a question about several things at once (`yes_if_any`), the words naming each (`parts`: the
    liver, the kidneys): a no about one part beside a yes about another leaves the yes; a no about the
    same part ("cirrhosis, but compensated, Child-Pugh A") corrects it."""
    awaiting: re.Pattern = re.compile(r"(?!x)x")
    """Phrases saying what would answer is still to come ("cultures pending", "还没评估", "the marrow
    test is after Christmas"): without one of the fact's own answering phrases beside them, the
    person cannot know yet, and the answer is "don't know" (an unknown never excludes)."""

    other_things: re.Pattern = re.compile(r"(?!x)x")
    """In a no beside a clause that says yes, words that make the no about other things ("spots on
    her legs, no other bleeding", 别的地方没出血): the yes stands. Only where the question asks about
    several things of one kind (not "nothing for any other illness", which answers)."""

    def answers_in(self, text: str) -> set[bool]:
        """The answers the fact's own phrases in `text` give, not turned by any negation: True for a
        `says_yes` phrase, False for a `says_no` one."""
        return {found.group(0) in self.says_yes for found in self.says.finditer(text)}


@dataclass(frozen=True, eq=False)
class Words:
    """Everything one language's file says, with its phrase lists compiled."""

    language: str
    raw: Mapping[str, Any]
    patterns: dict[str, re.Pattern] = field(default_factory=dict)
    fact_words: dict[str, FactWords] = field(default_factory=dict)
    spaced: dict[str, list[str]] = field(default_factory=dict, repr=False)
    """spaced_list's answers, made once per list: the readers ask for some on every reply."""

    def pattern(self, key: str) -> re.Pattern:
        """The compiled pattern of a top-level phrase list (`yes`, `no`, `unknown`...)."""
        return self.patterns[key]

    def for_fact(self, fact_id: str) -> FactWords | None:
        return self.fact_words.get(fact_id)

    def list(self, key: str) -> list[str]:
        """A phrase list as written in the file (Chinese unspaced)."""
        return [str(p) for p in self.raw.get(key) or []]

    def spaced_list(self, key: str) -> list[str]:
        """A phrase list in the form answers are matched in (`plain`: Chinese characters spaced), its
        `{slot}` phrases written out as the patterns have them."""
        if key not in self.spaced:
            self.spaced[key] = [space_cjk(p) for p in expand_slots(self.list(key), self.phrase_slots)]
        return list(self.spaced[key])

    def spaced_list_in(self, section: str, key: str) -> list[str]:
        """A phrase list inside a section (`dates: {never: [...]}`), in matching form."""
        return [space_cjk(str(p)) for p in (self.raw.get(section) or {}).get(key) or []]

    def _expressions(self, key: str) -> re.Pattern:
        """A list of regular expressions in the file, as one pattern (none matches nothing)."""
        patterns = self.list(key)
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else re.compile(r"(?!x)x")

    @functools.cached_property
    def still_uncertain(self) -> re.Pattern:
        """`still_uncertain`: for a yes or no beside a guess, patterns saying it is not settled yet
        ("could be GVHD, could be my age", "a rash they're keeping an eye on")."""
        return self._expressions("still_uncertain")

    @functools.cached_property
    def given_again(self) -> re.Pattern:
        """`given_again`: in a clause about a transfusion, patterns saying it was given once more
        (又输了一次), over the text as written (Chinese unspaced)."""
        return self._expressions("given_again")

    @functools.cached_property
    def other_blood_given(self) -> re.Pattern:
        """`other_blood_given`: blood products that are not platelets (红细胞, 血浆), over the text as
        written: a clause saying one of them was given again is no platelet transfusion."""
        return self._expressions("other_blood_given")

    @functools.cached_property
    def has_a_thing(self) -> re.Pattern:
        """`has_a_thing`: a piece of the text as written opening with "has" and then a thing (有梅毒),
        group 1 being what comes before "has"; the thing starts at the match's end."""
        return self._expressions("has_a_thing")

    @functools.cached_property
    def yes_statements(self) -> re.Pattern:
        return self._expressions("yes_statements")

    @functools.cached_property
    def ongoing_treatment(self) -> re.Pattern:
        """`ongoing_treatment`: yes statements that say a treatment is still being given ("还在打",
        "still on it"), over the spaced text; no answer to how a treatment turned out."""
        return self._expressions("ongoing_treatment")

    def as_written(self, plain_part: str) -> str:
        """Part of a `plain` text back in the form the readers take: plain() spaces the characters of
        a language written without spaces (Chinese), and "十 月 份" is no month to the numeral reader."""
        return plain_part if self.raw.get("words_spaced", True) else plain_part.replace(" ", "")

    @functools.cached_property
    def opening_hesitation(self) -> re.Pattern:
        """A hesitation (`hesitations`: 嗯, "um") that opens a `plain` text, as a whole word."""
        return re.compile(rf"^\s*(?:{self.pattern('hesitations').pattern})(?=\s|$)")

    @functools.cached_property
    def amount_given(self) -> re.Pattern:
        """A number of bags or units of blood given (`amounts_given`: "2 pints", 2袋): no lab value."""
        return re.compile(rf"\d+(?:\.\d+)?\s*(?:{self.pattern('amounts_given').pattern})")

    @functools.cached_property
    def transfused_right_before(self) -> re.Pattern:
        """A transfusion (`transfused_before`: 输完, "after the") ending the text before a lab's name."""
        return re.compile(rf"(?:{self.pattern('transfused_before').pattern})\s*$")

    @functools.cached_property
    def threshold_rules(self) -> re.Pattern:
        """`threshold_rules`: a rule about a threshold, not a value ("if it goes under 80 he needs
        blood", 低于60就得输), over the text as `numbers.prepare` leaves it."""
        return self._expressions("threshold_rules")

    @functools.cached_property
    def results_pending(self) -> re.Pattern:
        """`results_pending`: patterns saying a result is still to come ("waiting for the biopsy
        results", 病理还没出来), over the text as written (Chinese unspaced)."""
        return self._expressions("results_pending")

    @functools.cached_property
    def phrase_slots(self) -> dict[str, list[str]]:
        """`phrase_slots`: the words a phrase's `{slot}` stands for (see `expand_slots`)."""
        return {
            str(name): [str(p) for p in said] for name, said in (self.raw.get("phrase_slots") or {}).items()
        }

    @functools.cached_property
    def choice_synonyms(self) -> dict[str, dict[Any, tuple[str, ...]]]:
        """Per choice fact: choice value → phrases (slots written out), with the solid-tumour organ
        phrases made up."""
        synonyms: dict[str, dict[Any, tuple[str, ...]]] = {}
        for fact_id, by_value in (self.raw.get("choices") or {}).items():
            synonyms[fact_id] = {
                value: tuple(expand_slots([str(p) for p in phrases], self.phrase_slots))
                for value, phrases in by_value.items()
            }
        organs = self.list("organs")
        templates = self.list("organ_patterns")
        if "diagnosis" in synonyms and organs:
            made = tuple(t.format(organ=o) for o in organs for t in templates)
            synonyms["diagnosis"]["solid_tumour"] = made + synonyms["diagnosis"].get("solid_tumour", ())
        return synonyms

    @functools.cached_property
    def meaning_questions(self) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
        """`asks_what_it_means`: phrases that open (`starts`), end (`ends`) or sit anywhere in
        (`anywhere`) a sentence asking what the question means or whether something counts, and
        those that open only a short one (`short_starts`: "what is steroid")."""
        section = self.raw.get("asks_what_it_means") or {}
        starts, ends, anywhere, short_starts = (
            phrase_pattern(str(p) for p in section.get(key) or [])
            for key in ("starts", "ends", "anywhere", "short_starts")
        )
        return starts, ends, anywhere, short_starts

    @functools.cached_property
    def drug_names(self) -> dict[str, tuple[str, ...]]:
        return {drug: tuple(names) for drug, names in (self.raw.get("drugs") or {}).items()}


_LISTS = (
    "yes_words",
    "refraining_words",
    "discourse_openers",
    "not_negations",
    "question_openers",
    "not_yet_words",
    "again_beside_relapse",
    "raised_negation",
    "now_markers",
    "raised_negation_glue",
    "no_words",
    "negators",
    "negation_passes",
    "tested_before",
    "suspected",
    "doubts_whether",
    "doubts_what_it_was",
    "tested_after",
    "unknown",
    "not_told",
    "clause_subjects",
    "answer_negators",
    "not_unknown",
    "asks_if_it_counts",
    "unsure_of_the_question",
    "declines_to_answer",
    "none_taken",
    "negators_after",
    "other_labs",
    "transfused_before",
    "blood_products",
    "inexact_after",
    "one_time_words",
    "one_more_joiners",
    "total_markers",
    "corrections",
    "corrections_between_numbers",
    "alternatives_between_numbers",
    "later_markers",
    "later_openers",
    "statement_markers",
    "conclusion_markers",
    "varies",
    "fillers",
    "hesitations",
    "unaware_of",
    "answers_after_topic",
    "amounts_given",
    "past_markers",
    "days_gone",
    "fine_words",
    "dismissals",
    "future_markers",
    "plan_markers",
    "before_that_markers",
    "before_that_openers",
    "again_words",
    "first_of_told",
    "ordinal_events",
    "ongoing_markers",
    "willing_yes",
    "willing_no",
    "refuses_the_request",
    "conditions",
    "negative_words",
    "capable_yes",
    "capable_no",
    "relapse_words",
    "latest_markers",
    "latest_when_alone",
    "earlier_markers",
    "none_of_these",
    "clause_breaks",
    "all_trials",
    "question_markers",
    "skip",
    "became_markers",
    "came_from_markers",
    "said_to_be_low",
    "earlier_beside_now",
    "again_relapses",
    "birthday_not_yet",
    "before_the_number",
    "to_the_number",
    "contrast_openers",
    "then_words",
    "asked_about",
    "again_not_counted_after",
    "choice_talked_of",
    "only_before_one",
)


def answer_language(text: str, conversation_language: str = DEFAULT_LANGUAGE) -> str:
    """The language whose words read `text`: the one it is written in. Chinese characters are
    Chinese; Latin letters are the conversation's language when that is written in them, else
    English (an "OK" or a "yes" typed in a Chinese conversation)."""
    written = written_language(text or "")
    if written != DEFAULT_LANGUAGE:
        return written
    return DEFAULT_LANGUAGE if conversation_language in NON_LATIN_LANGUAGES else conversation_language


NON_LATIN_LANGUAGES = frozenset({"zh"})
"""Languages not written in Latin letters: a Latin-letter answer in them is read as English."""


@functools.cache
def words(language: str = DEFAULT_LANGUAGE) -> Words:
    """The words of `language` (falling back to English when there is no file for it)."""
    path = WORDS_DIR / f"{language}.yaml"
    if not path.exists():
        path = WORDS_DIR / f"{DEFAULT_LANGUAGE}.yaml"
    raw = read_yaml_file(path, f"words file {path.name}") or {}
    loaded = Words(language=language, raw=raw)
    slots = loaded.phrase_slots
    for key in _LISTS:
        loaded.patterns[key] = phrase_pattern(expand_slots([str(p) for p in raw.get(key) or []], slots))
    for fact_id, lists in (raw.get("facts") or {}).items():

        def phrases(key: str, lists: Mapping[str, Any] = lists) -> list[str]:
            return expand_slots([str(p) for p in lists.get(key) or []], slots)

        says_yes, says_no = phrases("says_yes"), phrases("says_no")
        loaded.fact_words[fact_id] = FactWords(
            topic=phrase_pattern(phrases("topic")),
            topic_inverted=phrase_pattern(phrases("topic_inverted")),
            says=phrase_pattern(says_yes + says_no),
            says_yes=frozenset(space_cjk(p) for p in says_yes),
            does_not_apply=phrase_pattern(phrases("does_not_apply")),
            marker_only=phrase_pattern(phrases("marker_only")),
            marker_active=phrase_pattern(phrases("marker_active")),
            not_yet=phrase_pattern(phrases("not_yet")),
            restarted=phrase_pattern(phrases("restarted")),
            events=phrase_pattern(phrases("events")),
            unexplained=phrase_pattern(phrases("unexplained")),
            premise_denied=phrase_pattern(phrases("premise_denied")),
            other_events=phrase_pattern(phrases("other_events")),
            awaiting=phrase_pattern(phrases("awaiting")),
            other_things=phrase_pattern(phrases("other_things")),
            parts=tuple(
                phrase_pattern(expand_slots([str(p) for p in named], slots))
                for named in (lists.get("parts") or {}).values()
            ),
        )
    return loaded


def expand_slots(phrases: list[str], slots: Mapping[str, list[str]]) -> list[str]:
    """Phrases with `{slot}` names (`phrase_slots` in a words file) written out in every way the
    slots can be filled: "{removed} {whose} {womb}" is "took out my womb", "removed her ovaries"...
    A name that is no slot is an error in the words file, not a phrase to match literally."""
    expanded: list[str] = []
    for phrase in phrases:
        names = re.findall(r"\{(\w+)\}", phrase)
        if not names:
            expanded.append(phrase)
            continue
        missing = [n for n in names if n not in slots]
        if missing:
            raise ValueError(f"words file: phrase {phrase!r} names no slot {missing[0]!r} (phrase_slots)")
        for filling in itertools.product(*(slots[n] for n in names)):
            said = phrase
            for name, word in zip(names, filling, strict=True):
                said = said.replace("{" + name + "}", word, 1)
            expanded.append(" ".join(said.split()))
    return expanded


def without_future_clauses(text: str, also: str | None = None) -> str:
    """`text` without its clauses about something still to come (bot/words/<language>.yaml
    `future_markers`: "going down to 30 next week", "my next one is tomorrow", "下周减到8毫克"), when
    another clause remains: the questions ask about now and the past. `also` names a further list
    of such markers that holds for one question only (`choice_talked_of`: a treatment "they have
    talked about" is still to come; a kidney problem they have talked about is not)."""
    lw = words(written_language(text))
    markers = [lw.pattern("future_markers"), *([lw.pattern(also)] if also else [])]
    clauses = re.split(r"(?<=[,;.，；。])(?!\d)|(?<=\s-)(?=\s)", text)
    kept = [c for c in clauses if not any(m.search(plain(c)) for m in markers)]
    return "".join(kept) if kept and len(kept) < len(clauses) else text


def now_and_before(clauses: list[str], lw: Words, weak_alone: bool = True) -> tuple[list[int], list[int]]:
    """Which clauses (in `plain` form) say "now" and which say "before" (`latest_markers`,
    `earlier_markers`; `earlier_beside_now` only beside a clause that says now: "last time" alone is
    the latest). A latest word inside an earlier phrase does not count ("last week 40, today
    28"), and a clause that says now may say "was" too ("her last count was 102, the one before 98").
    `latest_when_alone` ("is", "after") says now only in a clause that says nothing of before ("40.
    was 35 last year so it's better"), or when every clause says before and only one says it too;
    without `weak_alone` (how a scale's day is told: "buggered after walking from the lounge") anywhere."""
    earlier_words, latest_words = lw.pattern("earlier_markers"), lw.pattern("latest_markers")
    latest_alone = lw.pattern("latest_when_alone")
    beside_now = lw.pattern("earlier_beside_now")
    now = [
        i
        for i, c in enumerate(clauses)
        if latest_words.search(beside_now.sub(" ", earlier_words.sub(" ", c)))
        or (latest_alone.search(c) and not (weak_alone and earlier_words.search(c)))
    ]
    before = [i for i, c in enumerate(clauses) if i not in now and earlier_words.search(c)]
    told_after = [i for i in before if latest_alone.search(earlier_words.sub(" ", clauses[i]))]
    if not now and len(before) == len(clauses) and len(told_after) == 1:
        # every clause says "was", one says "after" too: "it was 68 last week so she had 2 units,
        # and it was 94 when they checked after"
        now, before = told_after, [i for i in before if i not in told_after]
    if now:  # "上次78，这次102": beside a "now", "last time" is the time before it
        before += [
            i for i, c in enumerate(clauses) if i not in now and i not in before and beside_now.search(c)
        ]
    return now, sorted(before)
