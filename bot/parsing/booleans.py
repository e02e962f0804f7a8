"""Yes and no, read against the question that was asked.

A negation word is evidence, never the verdict on its own. The answer is read clause by clause,
and each piece of evidence has a strength:

3. phrases that answer this very question (`facts.<id>.says_yes/says_no` in bot/words/<language>.yaml:
   "I'm past menopause" to "could you become pregnant?"), and, for a willingness, the ways people
   agree or refuse ("no problem", "I wouldn't mind", "I'd never refuse", "I'd rather not");
2. the question's topic, named or negated ("I have active hepatitis B", "never had a transplant");
   for a condition asked about now, a topic said to be past or fine is a no ("hepatitis B years
   ago, it cleared", "my kidneys are fine");
1. plain yes and no words ("yes", "nope", "not really") and yes statements ("I do", "she has").

The strongest kind of evidence decides; when it disagrees with itself the answer is unclear and the
conversation asks again. "I don't know" and its relatives are "unknown". How the question is asked
(`reading` in facts.yaml: now, ever, willing, capable) decides which of these apply, and
`answer_inverts` turns the answer round for a question asked the other way up.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from bot.parsing import result
from bot.parsing.pinyin import homophones_corrected
from bot.parsing.result import Parsed
from bot.parsing.text import blanked, phrase_pattern, plain, without_not_unknown
from bot.parsing.words import FactWords, Words, answer_language, words

if TYPE_CHECKING:
    from bot.facts import FactDefinition, MeasureAnswer

_CLAUSE_BREAK = re.compile(r"[,.;:!?()]|\s-\s|\b(?:but|however|though|although|except|whereas)\b")
_NOT_WORDS = re.compile(r"[^a-z0-9' \u3400-\u4dbf\u4e00-\u9fff]+")
NEGATION_WINDOW = 6
"""How many words before a phrase a negation word may stand and still turn it round (a language's
words file may set its own `negation_window`: a Chinese character is a word here)."""

STRONG, TOPIC, PLAIN = 3, 2, 1
_NOT_NOT = re.compile(
    r"\bnot\s+(?:(?:that|like|as if|as though)\s+(?:it|i|he|she|they|we)\s+"
    r"(?:did|was|were|is|had|has|have|do|does)\s+)?not\b"
)
"""Two negations that cancel: "I wouldn't not agree", "it's not that it didn't work" (it did)."""


def _negated(clause: str, start: int, lw: Words) -> bool:
    """Whether a negation word stands before `start`, with only pass-through words between."""
    return _negation_start(clause, start, lw) != start


def _negation_start(clause: str, start: int, lw: Words) -> int:
    """Where the negation word before `start` begins, with only pass-through words between it and
    `start`; `start` itself when there is none."""
    passes, negators = lw.pattern("negation_passes"), lw.pattern("negators")
    # "没想到查出来有乙肝": a surprise, no negation (`not_negations`)
    clause = lw.pattern("not_negations").sub(lambda found: " " * len(found.group()), clause)
    subjects, answers = lw.pattern("clause_subjects"), lw.pattern("answer_negators")
    # the phrase may open with the subject itself ("no that is fine", "no just the blood")
    opening = re.match(r"\S+", clause[start:])
    subject_passed = bool(opening and subjects.fullmatch(opening.group()))
    window = int(lw.raw.get("negation_window", NEGATION_WINDOW))
    for word in reversed(list(re.finditer(r"\S+", clause[:start]))[-window:]):
        if negators.fullmatch(word.group()):
            # "no she had the change": an answer word, then a clause of its own ("no history of" negates)
            return start if subject_passed and answers.fullmatch(word.group()) else word.start()
        if not passes.fullmatch(word.group()):
            break
        subject_passed = subject_passed or bool(subjects.fullmatch(word.group()))
    return start


def _answered_no(clause: str, start: int, lw: Words) -> bool:
    """Whether the negation before `start` is an answer word ("no", "nope": `answer_negators`)."""
    negation = _negation_start(clause, start, lw)
    word = re.match(r"\S+", clause[negation:])
    return negation != start and bool(word and lw.pattern("answer_negators").fullmatch(word.group()))


AFTER_NEGATION_REACH = 4
"""Pass-through words between a topic and a negation that ends the clause after it (心梗和搭桥都没有)."""


def _negated_after(clause: str, end: int, lw: Words, negations: str = "negators_after") -> bool:
    """A negation that ends the clause right after its topic, with at most AFTER_NEGATION_REACH
    pass-through words between ("心衰没有", "乙肝倒是没有", "抗排异的药都没吃"; not "丙肝还没治好",
    where it negates the cure)."""
    after = clause[end:].lstrip(" :：=-–").split()  # "MI: none", "heart attack - no", as a form is filled
    passes = lw.pattern("negation_passes")
    for skip in range(AFTER_NEGATION_REACH + 1):
        if skip and not (len(after) > skip and passes.fullmatch(after[skip - 1])):
            break
        rest = " ".join(after[skip:])
        found = lw.pattern(negations).match(rest)
        if found and not _PARTICLES.sub("", rest[found.end() :]).strip():
            return True
    return False


_PARTICLES = re.compile(r"[过了的啊吧呢哦呀嘛]|\s")


def _turned_round(clause: str, match: re.Match, lw: Words) -> bool:
    """A negation before a phrase turns it round, unless the phrase carries its own ("no, it never
    went into remission": the "no" agrees with "never went into remission")."""
    return not lw.pattern("negators").search(match.group()) and _negated(clause, match.start(), lw)


def _mask_with_its_negation(clause: str, match: re.Match, turned: bool, lw: Words) -> str:
    """`blanked`, and when a negation turned the phrase round, the negation with it: it is spent."""
    start = _negation_start(clause, match.start(), lw) if turned else match.start()
    return clause[:start] + " " * (match.end() - start) + clause[match.end() :]


def _clauses(words_text: str, lw: Words) -> list[str]:
    breaks = lw.pattern("clause_breaks")  # the language's own "but" ("但是", "不过")
    # "MI: none", "heart attack: no": a label and its answer, as a form is filled, are one clause
    words_text = re.sub(
        rf"[:：]\s*(?=(?:{lw.pattern('answers_after_topic').pattern})\s*(?:[.,;。，；]|$))", " ", words_text
    )
    parts = [" ".join(_NOT_WORDS.sub(" ", p).split()) for p in _CLAUSE_BREAK.split(words_text)]
    parts = [piece for part in parts for piece in breaks.split(part)]
    asking = set(lw.spaced_list("question_endings"))  # "会影响治疗吗": a question, not an answer
    telling = tuple(lw.spaced_list("statement_endings"))  # "吃着呢": a statement all the same
    ongoing = lw.pattern("statement_markers")  # "还在吃环孢素呢": so is a state still going on,
    ongoing_endings = set(lw.spaced_list("statement_marker_endings"))  # ending in 呢 (吗 still asks)
    questions = lw.pattern("question_markers")  # "会不会有副作用", wherever it stands
    return [
        " ".join(p.split())
        for p in parts
        if p.strip()
        and (
            p.split()[-1] not in asking
            or " ".join(p.split()).endswith(telling)
            or (p.split()[-1] in ongoing_endings and ongoing.search(p))
        )
        and not questions.search(p)
    ]


def _phrase_evidence(clause: str, pattern: re.Pattern, value: bool, lw: Words) -> tuple[list[bool], str]:
    """Each match of `pattern` says `value`, or the opposite when a negation stands before it."""
    found: list[bool] = []
    for match in list(pattern.finditer(clause)):
        found.append(value != _negated(clause, match.start(), lw))
        clause = blanked(clause, [match])
    return found, clause


def fact_phrases(clause: str, fact_words: FactWords, lw: Words) -> tuple[list[bool], str]:
    """The fact's own yes and no phrases in a clause (longest first), turned round when negated;
    the negation that turned one round is spent with it ("not unwilling" says no more)."""
    found: list[bool] = []
    for match in list(fact_words.says.finditer(clause)):
        says_yes = match.group() in fact_words.says_yes
        # "no, the lumbar puncture was clear": an answer's "no" agrees with a denial beside it
        turned = _turned_round(clause, match, lw) and (
            says_yes or not _answered_no(clause, match.start(), lw)
        )
        found.append(says_yes != turned)
        clause = _mask_with_its_negation(clause, match, turned, lw)
    return found, clause


def _unexplained_beside_an_event(text: str, fact_words: FactWords | None, lw: Words) -> re.Pattern | None:
    """The fact's `unexplained` phrases when one of its `events` is said and not denied in `text`,
    and no cause is given beside it (a `says_no` phrase: "when they took my blood"), else None."""
    if fact_words is None or not fact_words.unexplained.search(text):
        return None
    if False in fact_words.answers_in(fact_words.unexplained.sub(" ", text)):
        return None
    said = any(not _negated(text, found.start(), lw) for found in fact_words.events.finditer(text))
    return fact_words.unexplained if said else None


RAISED_NEGATION_REACH = 6
"""Words between a verb of thinking and the problem word its negation denies."""


def _willingness(clause: str, lw: Words, refusals: list[bool] | None = None) -> tuple[list[bool], str]:
    """The agreeing and refusing phrases of a clause, and the clause with them masked. With
    `refusals` (a question that asks the person to refrain), a plain refusal ("he won't", "not
    going to") goes there instead: it may refuse the request or the thing to refrain from."""
    found: list[bool] = []
    for pattern in _negated_problems(lw):
        for match in list(pattern.finditer(clause)):
            found.append(True)  # "no problem", "never refuse", "nothing against it"
            clause = blanked(clause, [match])
    # Agreements that hold a negation ("would not say no", "不介意") before refusals ("would not"),
    # then the other agreements ("i would"), each only where the one before left the words unread.
    for pattern, value in (
        (_negated_agreements(lw), True),
        (lw.pattern("willing_no"), False),
        (lw.pattern("willing_yes"), True),
    ):
        for match in list(pattern.finditer(clause)):
            # "that's not something I'd do": an agreement negated is a refusal (and the other way)
            turned = _turned_round(clause, match, lw)
            said = value != turned
            if refusals is not None and not said:
                refusals.append(said)  # "he won't", "不会的": the negation goes with it
                clause = _mask_with_its_negation(clause, match, turned, lw)
                continue
            found.append(said)
            clause = blanked(clause, [match])
    for match in list(lw.pattern("negative_words").finditer(clause)):
        found.append(False)  # "I object", "that's a problem for me"
        clause = blanked(clause, [match])
    return found, clause


@functools.cache
def _negated_problems(lw: Words) -> tuple[re.Pattern, re.Pattern]:
    """A problem word denied: after a negation on a verb of thinking, and after a negation close by.

    "I don't think that'll be a problem", "我不觉得会有问题": a negation on a verb of thinking
    (`raised_negation`) denies the thought, when only `raised_negation_glue` words ("that", "would",
    "be", 会, 有) lead to its problem word ("I don't think I'd want the hassle" is no). Then "no
    problem", "never refuse", "nothing against it": at most three words between."""
    negators, problems = lw.pattern("negators").pattern, lw.pattern("negative_words").pattern
    glue = lw.pattern("raised_negation_glue").pattern
    negated_thought = re.compile(
        rf"{negators}\s+{lw.pattern('raised_negation').pattern}"
        rf"(?:\s+{glue}){{0,{RAISED_NEGATION_REACH}}}?\s+{problems}"
    )
    return negated_thought, re.compile(rf"{negators}(?:\s+[a-z']+){{0,3}}?\s+{problems}")


@functools.cache
def _negated_agreements(lw: Words) -> re.Pattern:
    """The agreeing phrases that contain a negation word ("would not say no")."""
    negators = lw.pattern("negators")
    return phrase_pattern(p for p in lw.spaced_list("willing_yes") if negators.search(p))


def _said_later(words: re.Pattern, fact_words: FactWords, later: list[str]) -> bool:
    """Whether a later clause that names no topic of its own holds `words`: a dismissal ("fatty liver,
    but they said it's nothing to worry about") or, after a test, all being well ("..., all fine")."""
    return any(words.search(clause) and not fact_words.topic.search(clause) for clause in later)


@functools.cache
def _tested_around(lw: Words) -> tuple[re.Pattern, re.Pattern]:
    """What ends the words before a topic named as what a test looked for (`tested_before`: "tested
    for", 查过), and what opens the words after it (`tested_after`: "test", 检测)."""
    return (
        re.compile(rf"(?:{lw.pattern('tested_before').pattern})\s*$"),
        re.compile(rf"\s*(?:{lw.pattern('tested_after').pattern})"),
    )


def _named_as_tested(clause: str, match: re.Match, lw: Words) -> bool:
    """Whether a topic is named as what a test looked for: "tested for HIV", 做过艾滋病检测."""
    before, after = _tested_around(lw)
    return bool(before.search(clause[: match.start()]) or after.match(clause[match.end() :]))


def _topic(
    clause: str, fact_id: str, reading: str, lw: Words, whole: str, later: list[str] = ()
) -> list[bool]:
    fact_words = lw.for_fact(fact_id)
    if fact_words is None:
        return []
    found: list[bool] = []
    over = (
        reading == "now"
        and bool(lw.pattern("past_markers").search(whole))
        and not lw.pattern("ongoing_markers").search(whole)
    )
    # ... but a clause about now that names something else, and says nothing of it being over, is
    # not ("stopped the tacrolimus in April, now on ruxolitinib"; "现在肾功能恢复了" is over)
    about_now = bool(lw.pattern("now_markers").search(clause)) and not lw.pattern("past_markers").search(
        clause
    )
    dismissed = _said_later(lw.pattern("dismissals"), fact_words, list(later))
    fine_later = _said_later(lw.pattern("fine_words"), fact_words, list(later))
    match = fact_words.topic.search(clause)
    while match:
        # "心衰没有": in Chinese the negation may follow its topic
        # ... and past the fact's other topics named after it ("心梗搭桥都没有", "心梗和搭桥都没有")
        named_after = clause[: match.end()] + fact_words.topic.sub(" or ", clause[match.end() :])
        negated = (
            _negated(clause, match.start(), lw)
            or _negated_after(named_after, match.end(), lw)
            # "heart failure no, just high blood pressure"; not "the pill no", one way refused
            or (reading != "willing" and _negated_after(named_after, match.end(), lw, "answers_after_topic"))
        )
        # "kidneys are fine", "fine for liver", or a later clause that dismisses it
        # ("ok so he had a heart attack": an "ok" that opens what is said is no "all is well")
        opened = re.sub(rf"^\s*(?:{lw.pattern('discourse_openers').pattern})", " ", clause)
        fine = dismissed or bool(lw.pattern("fine_words").search(opened))
        named_only_now = about_now and whole.count(match.group()) == 1
        if _named_as_tested(clause, match, lw):
            # "tested for HIV, all fine", "查过艾滋，没事": what was looked for, not what was found;
            # a later clause saying all was well is the answer, else it says nothing
            if not negated and (fine or fine_later):
                found.append(False)
        elif negated or not _asked_about(clause, match.start(), lw):
            # "啥子免疫抑制剂哦，没吃过": a topic asked about is not said to be had
            found.append(not (negated or (over and not named_only_now) or fine))
        # A topic named once lets a negation reach the next ("no nosebleeds or blood in my urine").
        clause = clause[: match.start()] + "or" + clause[match.end() :]
        match = fact_words.topic.search(clause, match.start() + 2)
    for match in fact_words.topic_inverted.finditer(clause):
        found.append(_thing_denied(clause, match.start(), lw))  # "I won't donate": yes to "willing not to"
    return found


def _thing_denied(text: str, start: int, lw: Words) -> bool:
    """For the thing a question asks the person to refrain from, named at `start`: whether it is
    denied, by a negation right before it ("I won't donate") or by not even knowing of it earlier in
    its clause (`unaware_of`: "he wouldn't even know where the sperm bank is"). Not by a negation
    further back: "I don't want to stop donating" wants the thing."""
    opens = max(text.rfind(mark, 0, start) for mark in ".,;!?，。；！？") + 1
    return _negated(text, start, lw) or bool(lw.pattern("unaware_of").search(text[opens:start]))


def _answer_after_the_turn(
    said: str, words_text: str, fact_id: str, fact_words: FactWords, lw: Words
) -> Parsed | None:
    """After a reason the question does not apply, a contrast that answers anyway ("not needed, but
    yes if required", "not married, but sure"): what follows the last contrast, read on its own,
    when it names no such reason itself. Else None."""
    turns = list(lw.pattern("contrast_openers").finditer(words_text))
    if not turns:
        return None
    tail = words_text[turns[-1].end() :].strip(" ,.")
    if not tail or fact_words.does_not_apply.search(tail):
        return None
    parsed = read_yes_no(lw.as_written(tail), fact_id, "willing", lw.language)
    return replace(parsed, said=said, sure=False) if parsed.ok else None


def _without_opening_hesitations(words_text: str, lw: Words) -> str:
    """The words without the hesitations that open the answer or a part of it ("嗯 那个 没有", "um,
    no"); one inside a sentence stays ("没做过那个检查": 那个 is "that")."""
    parts = []
    for part in re.split(r"(?<=[,.;!?])", words_text):
        while (found := lw.opening_hesitation.match(part)) is not None:
            part = part[found.end() :]
        parts.append(part)
    return " ".join("".join(parts).split())


def _echoes_left_out(clauses: list[str], fact_words: FactWords | None, lw: Words) -> list[str]:
    """The clauses without those that only name the topic right before a lone yes or no ("heart
    failure, no. just high blood pressure", "心衰 没有 就是血压高"): the topic echoes the question,
    and the yes or no answers it."""
    if fact_words is None:
        return clauses
    return [
        clause
        for i, clause in enumerate(clauses)
        if not (
            i + 1 < len(clauses) and fact_words.topic.fullmatch(clause) and _lone_word(clauses[i + 1], lw)
        )
    ]


def _agreed_beside_the_reason(
    said: str, words_text: str, fact_id: str, fact_words: FactWords, lw: Words
) -> Parsed | None:
    """Beside a reason the question does not apply, a plain agreement ("他说可以 他现在也没对象",
    "行吧 反正也没对象"): the rest, read without the reason, when it agrees in a yes word or an
    agreeing phrase and holds no negation. A refusal, or a denied problem ("so it's not an issue for
    me"), stays unread: beside the reason, it may say only that the question does not apply."""
    rest = " ".join(fact_words.does_not_apply.sub(" ", words_text).split())
    if not rest or rest == words_text or lw.pattern("negators").search(rest):
        return None
    if not (lw.pattern("yes_words").search(rest) or lw.pattern("willing_yes").search(rest)):
        return None
    parsed = read_yes_no(lw.as_written(rest), fact_id, "willing", lw.language)
    return replace(parsed, said=said, sure=False) if parsed.ok and parsed.value is True else None


def _asked_about(clause: str, start: int, lw: Words) -> bool:
    """Whether a question word (`asked_about`: 啥子, 什么) stands right before `start`: the topic is
    asked about, or scorned ("啥子免疫抑制剂哦"), not said to be had."""
    before = clause[:start].split()
    asked = lw.pattern("asked_about")
    return any(len(before) >= n and asked.fullmatch(" ".join(before[-n:])) for n in (1, 2, 3))


def _answered_after_inverted_topic(words_text: str, fact_words: FactWords | None, lw: Words) -> bool | None:
    """For a question asking the person to refrain (`topic_inverted`: "willing not to donate?"): the
    thing named, then at once a lone yes or no ("But donating, no, he wouldn't do that", "donating?
    no way"), answers about the thing: no to donating is yes to refraining. Else None."""
    if fact_words is None:
        return None
    named = list(fact_words.topic_inverted.finditer(words_text))
    if not named or _negated(words_text, named[-1].start(), lw):
        return None
    opening = re.split(r"[,;:.!?，；：。！？]", words_text[: named[-1].start()])[-1]
    echoed = re.match(
        r"\s*[?？]", words_text[named[-1].end() :]
    )  # "keen to donate? no way": a question echoed
    if not echoed and fact_words.says.search(opening + named[-1].group()):
        return None  # "no plans to donate. yes": the clause answered already, the yes agrees with it
    parts = [p.strip() for p in re.split(r"[,;:.!?，；：。！？]", words_text[named[-1].end() :])]
    if len(parts) < 2 or parts[0] or not _lone_word(parts[1], lw):
        return None  # "a regular donor and I don't want to stop": not a yes or no to the thing
    said = set(_plain_words(parts[1], lw))
    if len(said) != 1:
        return None
    # "stop donating? no chance": the refraining itself echoed, so the lone word answers it as asked
    return said.pop() if _ends_with(opening.rstrip(), lw.pattern("refraining_words")) else not said.pop()


def _last_of_disagreeing(clauses: list[str], answers: list[list[bool]]) -> tuple[str, bool] | None:
    """When the clauses that answer disagree, the last of them and its one answer; else None (they
    agree, or the last says both)."""
    said = [(clause, found) for clause, found in zip(clauses, answers, strict=False) if found]
    if len({value for _, found in said for value in found}) < 2:
        return None
    last_clause, last = said[-1]
    return (last_clause, last[0]) if len(set(last)) == 1 else None


def _said_of_now(clauses: list[str], answers: list[list[bool]], lw: Words) -> bool | None:
    """For a question about now: when the clauses disagree, the last one that answers says it is
    about now (`now_markers`: "pred with the chemo, not at the moment", 化疗时吃，平时不吃), or the
    ones saying otherwise all say they were before (`past_markers`, `earlier_markers`, `days_gone`:
    "not at the minute, had a nosebleed last week", "not currently, had one sunday"), the clauses
    about now are the answer; else None."""
    last = _last_of_disagreeing(clauses, answers)
    if last is None:
        return None
    now = lw.pattern("now_markers")
    if now.search(last[0]):
        return last[1]
    said = [(clause, found) for clause, found in zip(clauses, answers, strict=False) if found]
    said_now = {value for clause, found in said if now.search(clause) for value in found}
    if len(said_now) != 1:
        return None
    answer = next(iter(said_now))
    before = lw.pattern("past_markers"), lw.pattern("earlier_markers"), lw.pattern("days_gone")
    otherwise = [clause for clause, found in said if answer not in found]
    return answer if all(any(p.search(clause) for p in before) for clause in otherwise) else None


def _said_in_contrast(
    words_text: str, clauses: list[str], evidence: list[tuple[list[bool], list[bool], list[bool]]], lw: Words
) -> bool | None:
    """When the answer's own phrases disagree and the last clause that has one opens with a
    contrast (`contrast_openers`: "but", 但是) against every earlier one, it corrects them: "my
    periods stopped with the chemo, but they might come back"; else None."""
    said = [(i, set(strong)) for i, (strong, _, _) in enumerate(evidence) if strong]
    if len(said) < 2 or len(said[-1][1]) != 1:
        return None
    last, answer = said[-1][0], next(iter(said[-1][1]))
    if any(answer in values for _, values in said[:-1]):
        return None
    return answer if _opened_by_contrast(words_text, clauses[last], lw) else None


def _plain_answer_after_contrast(
    words_text: str, clauses: list[str], answers: list[list[bool]], lw: Words
) -> bool | None:
    """When a statement is followed by a contrast and a plain yes or no ("not relevant with my
    partner but sure, yes", "I had a scan last year, but no"), that plain word is the answer; else
    None. Only after a statement: "yes but not now" answers both ways, and a plain word about now
    is left to the reading of now."""
    said = [i for i, found in enumerate(answers) if found]
    if len(said) < 2:
        return None
    opened = [i for i in said if _opened_by_contrast(words_text, clauses[i], lw)]
    if not opened:
        return None
    turn = opened[-1]  # the last clause that opens with "but": the plain answer runs from it
    tail, head = said[said.index(turn) :], [i for i in said if i < turn]
    values = {value for i in tail for value in answers[i]}
    if (
        not head
        or len(values) != 1
        or not all(_lone_word(clauses[i], lw) for i in tail)
        or any(_lone_word(clauses[i], lw) for i in head)
        or any(lw.pattern("now_markers").search(clauses[i]) for i in tail)
    ):
        return None
    answer = next(iter(values))
    return answer if all(answer not in answers[i] for i in head) else None


def _opened_by_contrast(words_text: str, clause: str, lw: Words) -> bool:
    """Whether `clause` (one of `_clauses(words_text)`) opens with a contrast ("but", 但是)."""
    words = r"\W+".join(re.escape(word) for word in clause.split())
    return bool(re.search(rf"(?:{lw.pattern('contrast_openers').pattern})\W*{words}", words_text))


def _said_in_the_end(clauses: list[str], answers: list[list[bool]], lw: Words) -> bool | None:
    """When the clauses disagree and the last one that answers says it came later (`later_markers`:
    "then", "in the end", "第二个疗程", "后来") or, in three words or fewer, draws the conclusion
    (`conclusion_markers`: "so yes"), that clause is the answer; else None."""
    last = _last_of_disagreeing(clauses, answers)
    if last is None:
        return None
    last_clause, answer = last
    concludes = len(last_clause.split()) <= 3 and lw.pattern("conclusion_markers").search(last_clause)
    later = lw.pattern("later_markers")
    if concludes or later.search(last_clause) or lw.pattern("later_openers").match(last_clause.strip()):
        return answer  # "..., then it did"; "the first didn't, the second did" (`later_openers`)
    # or open a clause between it and the last that said otherwise ("第一个没缓解，第二个换了方案，
    # 缓解了"); only at its start, as 才 inside one is "only" (娃才八个月)
    end = max(i for i, found in enumerate(answers) if found)
    start = max((i for i, found in enumerate(answers[:end]) if found and set(found) != {answer}), default=-1)
    return answer if any(later.match(clause.strip()) for clause in clauses[start + 1 : end]) else None


def topic_denied(text: str, fact_id: str, language: str = "en") -> bool:
    """Whether every mention of the fact's topic in `text` is negated ("a stent, but never a heart
    attack or bypass", "red cells last week but never platelets"): the person has not had it. False
    when the topic is not named, or named once without a negation."""
    lw = words(answer_language(text, language))
    if lw.for_fact(fact_id) is None:
        return False
    words_text = plain(text)
    clauses = _clauses(words_text, lw)
    found = [
        said
        for position, clause in enumerate(clauses)
        for said in _topic(clause, fact_id, "ever", lw, words_text, clauses[position + 1 :])
    ]
    return bool(found) and not any(found)


def asks_back(text: str, language: str = "en") -> bool:
    """Whether the answer only asks a question back ("do you mean platelets or a blood
    transfusion?") or asks whether something counts ("does a blood transfusion count?")."""
    lw = words(answer_language(text, language))
    marked = text.translate(str.maketrans("？。！", "?.!"))
    sentences = [part.strip() for part in re.findall(r"[^.!?]*[.!?]*", marked) if part.strip()]
    # "last week?" is a tentative answer; "do you mean platelets or …?" asks back. With the language's
    # `question_openers`, a sentence that opens with none of them is tentative however long
    # ("october, about the 20th?"); without them (Chinese), any longer one asks back.
    openers = lw.pattern("question_openers") if lw.list("question_openers") else None
    only_questions = bool(sentences) and all(
        part.endswith("?")
        and len(plain(part).split()) > 3
        and (openers is None or bool(openers.match(plain(part))))
        for part in sentences
    )
    return only_questions or bool(lw.pattern("asks_if_it_counts").search(plain(text)))


_SENTENCE_END = re.compile(r"(?<=[!?。！？])\s*|(?<=\.)(?!\d)\s*")
"""Where a sentence ends: after ! ? 。 ！ ？, or a full stop that is not inside a number ("2.5")."""


def _still_to_come(words_text: str, fact_words: FactWords, lw: Words) -> bool:
    """Whether the answer says only that what would answer is still to come: the fact's `awaiting`
    phrases, or, beside a guess (`suspected`), the language's `still_uncertain` patterns ("could be
    GVHD, could be my age"), with no yes or no word and none of the fact's own answering phrases
    beside them ("yes, cultures pending" is a yes; "no infection, cultures not back" a no)."""
    uncertain = lw.still_uncertain.search(words_text) and lw.pattern("suspected").search(words_text)
    if not (fact_words.awaiting.search(words_text) or uncertain):
        return False
    rest = lw.pattern("not_yet_words").sub(
        " ", lw.still_uncertain.sub(" ", fact_words.awaiting.sub(" ", words_text))
    )
    return not (
        fact_words.says.search(rest)
        or lw.pattern("yes_words").search(rest)
        or lw.pattern("no_words").search(rest)
    )


def _answered_in_pieces_beside(text: str, fact_words: FactWords, lw: Words) -> set[bool]:
    """For Chinese typed with spaces or commas for stops and no question mark ("捐精是啥意思 反正我不捐",
    "冻精自用应该不算捐吧，不捐"): the fact's own phrases in the pieces that ask nothing answer it."""
    if lw.pattern("asks_if_it_counts").search(plain(text)):
        return set()  # "我老公结扎了，这个算吗": the statement is what is asked about, not an answer
    pieces = [p for p in re.split(r"[\s,，。.!！?？;；]+", text) if p]
    told = [
        plain(p)
        for p in pieces
        if not (
            asks_what_it_means(p, lw.language)
            or lw.pattern("asks_if_it_counts").search(plain(p))
            or re.search(r"[吗吧呢?？]$", p)
        )
    ]
    if not told or len(told) == len(pieces):
        return set()
    return set().union(*(fact_words.answers_in(piece) for piece in told))


def asks_what_it_means(text: str, language: str = "en") -> bool:
    """Whether a sentence of the answer asks what the question means or whether something counts
    ("what do you mean by days?", "does a funny turn count?", "啥叫缓解"; `asks_what_it_means` in
    bot/words/<language>.yaml). The person needs the question explained, so the rest of what they
    say ("She gets tired but she's got cancer") is not yet their answer to it."""
    lw = words(answer_language(text, language))
    starts, ends, anywhere, short_starts = lw.meaning_questions
    marked = bool((lw.raw.get("asks_what_it_means") or {}).get("needs_question_mark"))
    for sentence in _SENTENCE_END.split(plain(text)):
        asked = sentence.rstrip().endswith(("?", "？")) or not marked
        bare = sentence.strip(" ?？.!！。,，")
        if starts.match(bare) or (asked and (anywhere.search(bare) or _ends_with(bare, ends))):
            return True
        if short_starts.match(bare) and len(bare.split()) <= SHORT_QUESTION_WORDS:
            return True
    return False


SHORT_QUESTION_WORDS = 4
"""The most words of a sentence that asks what a word is without saying so ("what is steroid")."""


def _ends_with(sentence: str, pattern: re.Pattern) -> bool:
    return any(match.end() == len(sentence) for match in pattern.finditer(sentence))


def says_it_happened(text: str, language: str = "en") -> bool:
    """Whether a clause says, without a negation, that the person had it ("had one in 2019",
    "九几年犯过"): `yes_statements` in bot/words/<language>.yaml."""
    lw = words(answer_language(text, language))
    for clause in _clauses(plain(text), lw):
        for match in lw.yes_statements.finditer(clause):
            if not _negated(clause, match.start(), lw):
                return True
    return False


def _another_thing_had(text: str, fact_words: FactWords | None, lw: Words) -> str:
    """Chinese: in a piece that opens "有" and a thing that is not what the question asks about ("有梅毒"
    to the HIV question, "有房颤" to the one about ventricular rhythms), the 有 says the person has that
    thing, not yes; it is left out. Particles and amounts after 有 (`has_not_a_thing`: 有的, 有过, 有一次)
    keep it a yes, and so does the question's own topic or answering phrase in the piece."""
    if fact_words is None:
        return text
    followers = tuple(lw.list("has_not_a_thing"))
    has_a_thing = lw.has_a_thing
    pieces = re.split(r"([，。,.!！?？;；\s]+)", text)
    for i, piece in enumerate(pieces):
        opening = has_a_thing.match(piece)
        if opening is None or piece[opening.end() :].startswith(followers):
            continue
        spaced = plain(piece)
        if fact_words.topic.search(spaced) or fact_words.says.search(spaced):
            continue
        pieces[i] = opening.group(1) + piece[opening.end() :]
    return "".join(pieces)


def read_yes_no(
    text: str,
    fact_id: str | None,
    reading: str,
    language: str = "en",
    yes_if_any: bool = False,
    refrain: bool = False,
    outcome: bool = False,
) -> Parsed:
    """The evidence-weighing reader behind `parse_boolean` (see the module docstring). With
    `yes_if_any` (a question about several things at once), a clause that says only yes outweighs
    others that say only no: they are about the other things. With `refrain` (the question asks the
    person not to do something), a plain refusal beside answers that all agree is about the thing
    refrained from ("Of course, he won't be doing that"), and counts only when nothing else agrees.
    With `outcome` (the question asks how a treatment turned out), a statement that a treatment goes
    on ("还在打阿扎", "still on it") is no yes: being treated says nothing of remission."""
    said = text
    lw = words(answer_language(text, language))
    if fact_id and lw.language == "zh":  # 缓介, 化聊: a homophone the pinyin keyboard offered
        text = homophones_corrected(text, _fact_phrases(lw, fact_id, reading))
        if reading in ("now", "ever"):  # a condition had, not a willingness or a capacity
            text = _another_thing_had(text, lw.for_fact(fact_id), lw)
    plain_said = plain(text)
    words_text = without_not_unknown(plain_said)  # "can't say I'm not bleeding": bleeding
    words_text = _NOT_NOT.sub(" ", words_text)  # "I wouldn't not agree": two negations cancel
    hesitating = _without_opening_hesitations(words_text, lw)
    left = _PARTICLES.sub("", hesitating)
    if len(left) > 1 or (left and _lone_word(hesitating, lw)):
        # "嗯 没有", "嗯 有": 嗯 a hesitation before the answer; a yes alone, or with a particle (嗯啊, 嗯呐)
        words_text = hesitating
    if lw.pattern("unknown").search(words_text):
        return result.unknown(said)
    fact_words = lw.for_fact(fact_id) if fact_id else None
    if fact_words is not None and _still_to_come(words_text, fact_words, lw):
        # "fever since Tuesday, they're doing cultures, nobody's told us what it is yet", 还没评估,
        # "could be GVHD, could be my age": what would answer is still to come
        return result.unknown(said, result.RESULT_PENDING)
    about_the_thing = _answered_after_inverted_topic(words_text, fact_words, lw)
    if about_the_thing is not None:  # "donating? no way": no to donating, yes to not donating
        return result.value(about_the_thing, said)
    if lw.pattern("asks_if_it_counts").search(words_text) or asks_what_it_means(text, language):
        # "肝上有个小囊肿，这个算吗", "what do you mean by serious? I get palpitations": the question
        # is explained and asked again; unless a plain yes or no stands on its own beside the
        # question ("Would the pill count? Either way, yes.", "你什么意思？没有！")
        beside = statements(words_text, lw)
        answered = {
            value
            for clause in _clauses(beside, lw)
            if _lone_word(clause, lw)
            for value in _plain_words(clause, lw, reading, outcome)
        }
        if (
            not answered
            and reading == "willing"
            and fact_words is not None
            and beside.split() != words_text.split()
        ):
            # "啥意思？捐精子？不捐不捐": the fact's own phrase, in a sentence of its own after the
            # question (not "绝经了这个算吗", one sentence asking), answers it
            answered = fact_words.answers_in(beside)
        if not answered and reading == "willing" and fact_words is not None and lw.language == "zh":
            answered = _answered_in_pieces_beside(text, fact_words, lw)
        if len(answered) == 1:
            return result.value(answered.pop(), said)
        return result.unclear(said, result.ASKS_WHAT_IT_MEANS)
    # "only one course so far": ask again, unless it also answers yes ("only the one course, I was
    # already in remission": remission within two courses)
    if (
        fact_words is not None
        and fact_words.does_not_apply.search(words_text)
        and True not in fact_words.answers_in(words_text)
    ):
        if reading == "willing" and (
            turned := _answer_after_the_turn(said, words_text, fact_id, fact_words, lw)
            or _agreed_beside_the_reason(said, words_text, fact_id, fact_words, lw)
        ):
            return turned  # "my wife's tubes are tied so it's not needed, but yes if required"
        return result.unclear(said, "boolean.unclear")
    clauses = _echoes_left_out(
        _clauses(statements(words_text, lw, willing=reading == "willing"), lw), fact_words, lw
    )
    if not clauses:
        return result.unclear(said, "boolean.unclear")
    tiers: dict[int, list[bool]] = {STRONG: [], TOPIC: [], PLAIN: []}
    evidence: list[tuple[list[bool], list[bool], list[bool]]] = []  # each clause's strong, topic, plain
    refusals: list[list[bool]] = []  # with `refrain`: each clause's plain refusals, set aside
    topic_to_come: list[int] = []  # clauses whose topic is only still to come
    to_come = [_to_come(clause, lw, fact_words) for clause in clauses]  # each clause: still to come
    of_now = [clause for clause, later in zip(clauses, to_come, strict=True) if not later]
    said_of_now = (
        " , ".join(of_now) if reading in ("ever", "now") and len(of_now) < len(clauses) else words_text
    )
    unexplained = _unexplained_beside_an_event(words_text, fact_words, lw)
    for position, clause in enumerate(clauses):
        strong: list[bool] = []
        if unexplained is not None:  # "collapsed at church ... the monitor found nothing": a yes
            found_nothing, clause = _phrase_evidence(clause, unexplained, True, lw)
            strong += found_nothing
        if fact_words is not None:
            answered, clause = fact_phrases(clause, fact_words, lw)
            strong += answered
        refused: list[bool] = []
        before_willingness = clause
        if reading == "willing":
            agreeing, clause = _willingness(clause, lw, refused if refrain else None)
            strong += agreeing
        elif reading == "capable":
            able, clause = _phrase_evidence(clause, lw.pattern("capable_yes"), True, lw)
            unable, clause = _phrase_evidence(clause, lw.pattern("capable_no"), False, lw)
            strong += able + unable
        refusals.append(refused)
        # "not going to be donating": a refusal set aside still negates the thing it names
        clause_for_topic = before_willingness if refused else clause
        tiers[STRONG] += strong
        topic = (
            _topic(
                clause_for_topic,
                fact_id,
                reading,
                lw,
                said_of_now,
                # ("the oncologist wants her to come off it" does not stop the CellCept named before it)
                [
                    clause
                    for clause, later in zip(clauses[position + 1 :], to_come[position + 1 :], strict=True)
                    if not later
                ],
            )
            if fact_id
            else []
        )
        if reading in ("ever", "now") and True in topic and to_come[position]:
            topic = [False]  # "transplant is scheduled for next month", "准备下个月移植": not yet
            topic_to_come.append(position)
        tiers[TOPIC] += topic
        plain_words = _plain_words(clause, lw, reading, outcome)
        tiers[PLAIN] += plain_words
        evidence.append((strong, topic, plain_words))
    if topic_to_come and any(
        True in strong + topic
        for position, (strong, topic, _) in enumerate(evidence)
        if position not in topic_to_come
    ):
        # "his kidneys only work a little, they're talking about dialysis next year": the treatment to
        # come is no "not yet" beside a problem said to be there now (a plan said in so many words,
        # "准备做", still is)
        for position in topic_to_come:
            strong, _, plain_words = evidence[position]
            evidence[position] = (strong, [], plain_words)
        tiers = _tiers(evidence)
    if fact_words is not None:
        kept = _without_denials_of_other_things(clauses, evidence, fact_words.other_things, lw)
        if kept is not evidence:
            evidence, tiers = kept, _tiers(kept)
    if any(refusals) and not _refusals_echo_agreement(evidence, refusals, tiers, words_text, clauses, lw):
        # Nothing else agrees: the refusals are evidence after all ("No, he won't": read back).
        tiers[STRONG] += [v for found in refusals for v in found]
        evidence = [
            (strong + refused, *rest) for (strong, *rest), refused in zip(evidence, refusals, strict=True)
        ]
    per_clause = [strong or topic or plain_words for strong, topic, plain_words in evidence]
    if reading == "now" and not any(tiers.values()) and lw.pattern("past_markers").search(words_text):
        tiers[PLAIN].append(False)  # "only in the past", "stopped in August": not now
    # "the first course didn't, but the second one did", "I'm not giving any away. So yes": the outcome
    final = _said_in_the_end(clauses, per_clause, lw)
    if (
        final is None
        and reading == "now"
        and (not _lone_word(clauses[0], lw) or lw.pattern("now_markers").search(clauses[0]))
    ):
        # ("yes but not now" answers the question itself both ways: asked again; "not currently,
        # had one sunday" opens with an answer about now)
        final = _said_of_now(clauses, per_clause, lw)
    several_apart = (
        yes_if_any and _yes_and_no_apart(per_clause) and _about_other_parts(clauses, per_clause, fact_words)
    )
    if final is None and len(set(tiers[STRONG])) > 1 and not several_apart:
        # (a question about several things: "liver function very poor, but the kidneys are fine" is
        # a yes about the liver, not a no corrected by a "but")
        final = _said_in_contrast(words_text, clauses, evidence, lw)
    if final is None:
        final = _plain_answer_after_contrast(words_text, clauses, per_clause, lw)
    if final is not None:
        return result.value(final, said)
    opening = _lone_word(clauses[0], lw) and set(per_clause[0])
    closing = len(clauses) > 1 and _lone_word(clauses[-1], lw) and set(per_clause[-1])
    if closing and not opening and not tiers[STRONG] and set(tiers[TOPIC]) - closing:
        # "查过脑脊液，没有", "they checked the spinal fluid, no": the closing word answers; the
        # topic before it only names what was looked at (read back before it can exclude)
        return result.value(next(iter(closing)), said)
    for tier in (STRONG, TOPIC, PLAIN):
        values = set(tiers[tier])
        if tier == TOPIC and opening and values and values != opening:
            # "No. Spinal tap was clean, skin's clean", "no, they stop the tacrolimus": the opening
            # word and the topic disagree, so one of them is misread. Asked again, never guessed.
            return result.unclear(said, "boolean.unclear")
        if (
            tier == PLAIN
            and opening
            and len(values) > 1
            and _said_of_something_else(clauses, per_clause, opening)
        ):
            # "没有，就是有点咳嗽", "没有，乙肝五项都查了": the opening word answers the question; the
            # plain words after it are about something else.
            return result.value(next(iter(opening)), said)
        if len(values) == 1:
            parsed = result.value(values.pop(), said)
            # a hedge set aside to read the answer still leaves it in doubt ("maybe yes")
            # ("no??" is said unsure: never beyond doubt)
            unsure = "?" in plain_said or "？" in plain_said
            return replace(
                parsed, sure=tier == PLAIN and not unsure and _lone_word(_NOT_NOT.sub(" ", plain_said), lw)
            )
        if values and several_apart and tier == STRONG:
            return result.value(True, said)  # "liver's fine, but the kidneys are failing"
        if values:
            return result.unclear(said, "boolean.unclear")
    return result.unclear(said, "boolean.unclear")


def _tiers(evidence: list[tuple[list[bool], list[bool], list[bool]]]) -> dict[int, list[bool]]:
    """The answers of every clause's evidence, by tier."""
    return {
        tier: [v for found in evidence for v in found[index]]
        for index, tier in enumerate((STRONG, TOPIC, PLAIN))
    }


def _without_denials_of_other_things(
    clauses: list[str],
    evidence: list[tuple[list[bool], list[bool], list[bool]]],
    other: re.Pattern,
    lw: Words,
) -> list[tuple[list[bool], list[bool], list[bool]]]:
    """Each clause's evidence, less a no said of other things (the fact's `other_things`: "no other
    bleeding", 别的地方没出血, bruises) beside a clause whose own phrases or topic say yes of now: "a
    heavy period, no other bleeding" is a yes, its "other" saying the period counts. Not when the no
    speaks of now ("bled last week, none now and nothing else"), nor beside a bare yes word or a
    yes said of the past. `evidence` itself when nothing is set aside."""
    denials = {
        position
        for position, found in enumerate(evidence)
        if set(found[0] + found[1] + found[2]) == {False}
        and other.search(clauses[position])
        and not lw.pattern("now_markers").search(clauses[position])
    }
    said_yes_now = [
        position
        for position, found in enumerate(evidence)
        if position not in denials
        and True in found[0] + found[1]
        and not lw.pattern("past_markers").search(clauses[position])
    ]
    if not denials or not said_yes_now:
        return evidence
    return [([], [], []) if position in denials else found for position, found in enumerate(evidence)]


def _refusals_echo_agreement(
    evidence: list[tuple[list[bool], list[bool], list[bool]]],
    refusals: list[list[bool]],
    tiers: dict[int, list[bool]],
    words_text: str,
    clauses: list[str],
    lw: Words,
) -> bool:
    """Whether the refusals set aside are about the thing refrained from: everything else agrees,
    and each refusal's agreement is a plain yes or the thing denied in its own clause ("yes, he
    won't be doing that") or stands in another clause ("Of course. He won't."), not an agreeing
    phrase of its own sentence ("I'd rather keep my options open"), and no refusal is set against
    the agreement by a contrast ("Sure, but I'm not going to give it up", "可以，不过我不愿意")."""
    if {v for found in tiers.values() for v in found} != {True}:
        return False
    for position, refused in enumerate(refusals):
        if not refused:
            continue
        if _opened_by_contrast(words_text, clauses[position], lw):
            return False
        _, topic, plain_words = evidence[position]
        elsewhere = any(True in part for j, said in enumerate(evidence) if j != position for part in said)
        if not (elsewhere or True in topic or True in plain_words):
            return False
    return True


def _between_clause_dates(text: str, today: date | None) -> list:
    """The time between two dates said in two clauses ("去年三月缓解的，今年五月复发"), as one
    length of time; none unless exactly two clauses name a date."""
    from bot.parsing.dates import clause_dates  # dates reads yes/no words from this module
    from bot.parsing.durations import Duration

    said = clause_dates(text, today) if today is not None else []
    if len(said) != 2:
        return []
    return [Duration(abs((said[1] - said[0]).days) / DAYS_PER_MONTH, "=")]


DAYS_PER_MONTH = 365.25 / 12


_READING_LISTS = {"willing": ("willing_yes", "willing_no"), "capable": ("capable_yes", "capable_no")}
"""The words lists that answer a question read this way, whatever the fact (愿易 and 愿一 are 愿意)."""


@functools.cache
def _fact_phrases(lw: Words, fact_id: str, reading: str = "ever") -> tuple[str, ...]:
    """Every phrase the words file lists for one yes/no fact (topic, says_yes, says_no...), then
    those that answer any question read the same way (a willingness, an ability)."""
    lists = (lw.raw.get("facts") or {}).get(fact_id) or {}
    own = [str(p) for phrases in lists.values() if isinstance(phrases, list) for p in phrases]
    shared = [str(p) for key in _READING_LISTS.get(reading, ()) for p in lw.raw.get(key) or ()]
    return tuple(own + shared)


def _yes_and_no_apart(per_clause: list[list[bool]]) -> bool:
    """Whether some clause says only yes and every clause that says no says only no."""
    said = [set(found) for found in per_clause]
    return {True} in said and {True, False} not in said


def _about_other_parts(
    clauses: list[str], per_clause: list[list[bool]], fact_words: FactWords | None
) -> bool:
    """Whether a part of the question (`parts`: the liver, the kidneys) is said yes of and no later
    clause says no of it: "liver very poor, but the kidneys are fine" leaves the liver's yes;
    "cirrhosis, but compensated, Child-Pugh A, kidneys okay" takes it back (a no before the yes,
    "肌酐有点高，医生说是肾功能不全", does not). True when no part is named with a yes."""
    if fact_words is None or not fact_words.parts:
        return True
    named = [
        {index for index, part in enumerate(fact_words.parts) if part.search(clause)} for clause in clauses
    ]
    said = [set(found) for found in per_clause]
    said_yes = {part for position, parts in enumerate(named) if said[position] == {True} for part in parts}
    taken_back = {
        part
        for position, parts in enumerate(named)
        if said[position] == {True}
        for part in parts
        if any(part in named[later] and said[later] == {False} for later in range(position + 1, len(clauses)))
    }
    return not said_yes or bool(said_yes - taken_back)


def _said_of_something_else(clauses: list[str], answers: list[list[bool]], opening: set[bool]) -> bool:
    """Whether every later clause that disagrees with the opening word says more than a few words
    (a statement about something else), rather than turning the answer round ("yes but not now")."""
    disagreeing = [
        clause for clause, found in zip(clauses[1:], answers[1:], strict=False) if set(found) - opening
    ]
    return all(len(clause.split()) > 3 for clause in disagreeing)


def statements(words_text: str, lw: Words | None = None, willing: bool = False) -> str:
    """The text without its questions ("what kind of contraception?" names the topic but asserts
    nothing), sentence by sentence ("Yes, whatever it takes. Would the pill count?" keeps its yes).
    With the language's words, a plain yes or no that opens a question's sentence is kept ("yes ok,
    condom is ok?"); "if I say no, what then?" opens with no plain answer."""
    kept = []
    for part in _SENTENCE_END.split(words_text):
        if not part.strip().endswith(("?", "？")):
            kept.append(part)
        elif lw is not None and "," in part and _lone_word(part.split(",")[0], lw):
            kept.append(part.split(",")[0])
        elif willing and lw is not None and "," in part and _lone_willingness(part.split(",")[0], lw):
            kept.append(part.split(",")[0])  # "愿意，能用啥方法？", "sure, which method?": the yes stands
        elif lw is not None and kept and _unsure_conclusion(part, lw):
            # "... not to worry about it. So I suppose yes?": the story's conclusion (alone, "so I
            # guess not?" is an unsure reply, asked again)
            kept.append(part.rstrip(" ?？"))
        elif lw is not None and _lone_word(part, lw):
            # "no??", "yes?": a plain answer said unsure, not a question. Anything more ("so not
            # really?", "I don't think so?") stays a question: people who end a statement so are
            # unsure of it, and it is asked again.
            kept.append(part.rstrip(" ?？"))
    return " ".join(kept)


UNSURE_CONCLUSION_WORDS = 5


def _to_come(clause: str, lw: Words, fact_words: FactWords | None) -> bool:
    """Whether a clause is about something still to come: a `future_markers` word anywhere in it
    ("scheduled for next month"), or a `plan_markers` word before the question's topic ("hoping for a
    transplant", 计划明年移植; not "had a transplant in 2022 and we are hoping for a cure")."""
    if lw.pattern("future_markers").search(clause):
        return True
    plan = lw.pattern("plan_markers").search(clause)
    topic = fact_words.topic.search(clause) if plan and fact_words else None
    return plan is not None and (topic is None or plan.start() <= topic.start())


def _unsure_conclusion(sentence: str, lw: Words) -> bool:
    """A short conclusion with a plain yes or no, ended by a question mark because the person is
    unsure ("So I suppose yes?", "所以算有吧？"), not a question back ("so is that a no?")."""
    opening = lw.pattern("conclusion_markers").match(sentence.strip())
    if opening is None or len(sentence.split()) > UNSURE_CONCLUSION_WORDS:
        return False
    rest = sentence.strip()[opening.end() :].strip()
    return not lw.pattern("question_openers").match(rest) and bool(_yes_or_no_words(lw).search(rest))


def _plain_words(clause: str, lw: Words, reading: str = "ever", outcome: bool = False) -> list[bool]:
    """Plain yes and no words, the longest phrase first across both lists ("没错", "not wrong", is a
    yes, not the "没" of a no); a yes statement ("I do") only when no such word is there, and, for a
    question about how a treatment turned out (`outcome`), not one that only says a treatment goes on
    ("还在打阿扎").

    With `fine_clause_says_no` (bot/words/<language>.yaml), a clause that says all is well says no to
    a condition ("心脏一直挺好的": its 好 is not a yes), and yes to how a treatment turned out
    ("第二个疗程过后骨髓就正常了")."""
    said_yes = set(lw.spaced_list("yes_words"))
    found: list[bool] = []
    if lw.raw.get("fine_clause_says_no") and reading in ("now", "ever"):
        for match in list(lw.pattern("fine_words").finditer(clause)):
            found.append(outcome)  # "心脏一直挺好的": its 好 is not a yes
            clause = blanked(clause, [match])
    neither = set(lw.spaced_list("neither_yes_nor_no"))
    found += [
        match.group() in said_yes
        for match in _yes_or_no_words(lw).finditer(clause)
        if match.group() not in neither
    ]
    if (
        not found
        and lw.yes_statements.search(clause)
        and not (outcome and lw.ongoing_treatment.search(clause))
    ):
        found.append(True)
    return found


@functools.cache
def _yes_or_no_words(lw: Words) -> re.Pattern:
    """Yes and no words, and the words that hold one but are neither (`neither_yes_nor_no`: 好多年,
    好像), longest first, so the longer word is found instead."""
    return phrase_pattern(
        lw.spaced_list("yes_words") + lw.spaced_list("no_words") + lw.spaced_list("neither_yes_nor_no")
    )


def _lone_word(words_text: str, lw: Words) -> bool:
    """Whether the whole answer is one plain yes or no ("No.", "yes please", "nope, thanks"):
    beyond doubt, so an answer that excludes needs no read-back."""
    rest = " ".join(_NOT_WORDS.sub(" ", words_text).split())
    rest = lw.pattern("fillers").sub(" ", rest)
    rest = " ".join(rest.split())
    return bool(rest) and any(p.fullmatch(rest) for p in (lw.pattern("yes_words"), lw.pattern("no_words")))


def _lone_willingness(words_text: str, lw: Words) -> bool:
    """Whether the words are one plain agreement or refusal and nothing more ("愿意", "happy to")."""
    rest = " ".join(lw.pattern("fillers").sub(" ", words_text).split())
    return bool(rest) and any(
        p.fullmatch(rest) for p in (lw.pattern("willing_yes"), lw.pattern("willing_no"))
    )


def parse_boolean(
    text: str,
    fact: FactDefinition | None = None,
    language: str = "en",
    reading: str | None = None,
    today: date | None = None,
) -> Parsed:
    """Read yes (True), no (False), or "I don't know" (unknown) in answer to `fact`'s question;
    anything else is unclear. Without a fact (consent, confirmations), agreeing phrases count too
    ("no problem", "sure, go ahead"). `today` places relative dates ("March last year") for a
    question about a time limit."""
    how = reading or (fact.reading if fact is not None else "willing")
    parsed = read_yes_no(
        text,
        fact.id if fact is not None else None,
        how,
        language,
        yes_if_any=fact is not None and fact.yes_if_any,
        refrain=fact is not None and fact.asks_to_refrain,
        outcome=fact is not None and fact.answer_inverts,
    )
    if (
        fact is not None
        and fact.asks_what_was_told
        and (parsed.status == "unknown" or parsed.problem == "boolean.unclear")
    ):
        parsed = _when_not_told(text, fact.id, how, language, fact.yes_if_any) or parsed
    if fact is not None and fact.asks_to_refrain and parsed.ok:
        if parsed.value is False and (parsed.sure or not _refuses_the_request(text, fact.id, language)):
            # "No." to "willing not to donate?": no to donating, or no to the willingness? So too
            # "I'm sure he wouldn't", "never thought about it": a no that names neither the request
            # nor the thing. Asked again, with buttons that say which (`yes_no_buttons` in facts.yaml).
            return result.unclear(text, "boolean.refrain_unclear")
        parsed = replace(parsed, sure=False)
    if (
        fact is not None
        and how == "willing"
        and parsed.value is False
        and _said_on_a_condition(text, language)
    ):
        # "if it's the pill, no", 要是吃避孕药我不想吃: willing on other terms; asked again, never a no
        return result.unclear(text, "boolean.unclear")
    if fact is not None and fact.within_months is not None and parsed.status != "unknown":
        from bot.parsing.durations import said_durations, within  # imports this package's words

        durations = said_durations(text) or _between_clause_dates(text, today)
        # "没复发过，哪来的12个月内复发": the limit quoted back from the question, with a yes or no
        # read from the words, is the question's own words, not a length said. (Beside another
        # length it still counts: "yes, within 12 months, then again 2 years later" is asked again.)
        echoes = all(d.months == fact.within_months and d.said in ("<", "<~") for d in durations)
        if durations and not (echoes and parsed.ok):  # "about 18 months later", "一年多"
            said = within(durations, fact.within_months)
            return result.unclear(text, "boolean.unclear") if said is None else result.value(said, text)
    told_by_course = False  # the course that brought remission outweighs a blast count said on the way
    if fact is not None and fact.within_courses is not None and parsed.status != "unknown":
        from bot.parsing.courses import (  # reads the words files, as this module does
            courses_named_by_place,
            failed_through,
            remission_course,
        )

        course = remission_course(text)
        if course is not None:  # "头俩疗程没管用，第三个疗程才好": no remission within the first two
            parsed = result.value(course <= fact.within_courses, text)
            # a blast count beside several courses named may be of another one than the remission's
            told_by_course = len(courses_named_by_place(text)) > 1
        elif (failed_through(text) or 0) >= fact.within_courses:
            # "两个疗程都没缓解，后来换了药才缓解": the courses asked about failed, whatever came after
            parsed, told_by_course = result.value(False, text), True
    if (
        fact is not None
        and not told_by_course
        and fact.answered_by_measure is not None
        and parsed.problem != result.ASKS_WHAT_IT_MEANS
    ):
        parsed = _with_measure(parsed, text, fact.answered_by_measure)
    if (
        fact is not None
        and parsed.ok
        and parsed.value is True
        and _rests_on_a_marker(text, fact.id, language)
    ):
        # "乙肝表面抗原阳性", "hep C antibody positive": infected once, active now is a clinician's call
        return result.unknown(text, result.FOR_THE_STUDY_TEAM)
    if fact is not None and fact.answer_inverts and parsed.ok:
        parsed = replace(parsed, value=not parsed.value)
    return parsed


def _said_on_a_condition(text: str, language: str) -> bool:
    """Whether an answer names a condition (`conditions`: "if it means the pill, no", 得看是什么办法，
    要是吃药就不行): a refusal said so is willing on other terms."""
    return bool(words(answer_language(text, language)).pattern("conditions").search(plain(text)))


def _refuses_the_request(text: str, fact_id: str, language: str) -> bool:
    """For a question asking the person to refrain: whether a no is plainly about the request, not
    the thing ("not willing", "I'd rather keep my options open", 不同意: `refuses_the_request`), or
    says the thing is wanted (the fact's own no phrases, "I'm a regular donor"; or the thing named
    and not denied, 我在捐精)."""
    lw = words(answer_language(text, language))
    said = without_not_unknown(plain(text))
    fact_words = lw.for_fact(fact_id)
    if fact_words is not None:
        if False in fact_words.answers_in(said):
            return True
        # "I'd rather not donate" is no refusal of the request, whatever "rather not" says alone
        said = fact_words.says.sub(" ", said)
        for named in reversed(list(fact_words.topic_inverted.finditer(said))):
            if _negated(said, named.start(), lw):
                said = said[: _negation_start(said, named.start(), lw)] + " " + said[named.end() :]
    if lw.pattern("refuses_the_request").search(said):
        return True
    if fact_words is None:
        return False
    return any(
        not _thing_denied(said, named.start(), lw) for named in fact_words.topic_inverted.finditer(said)
    )


def _rests_on_a_marker(text: str, fact_id: str, language: str) -> bool:
    """Whether a yes names a test result of the fact's `marker_only` list and none of its
    `says_yes` or `marker_active` words of activity ("HBsAg positive" alone; not "HBsAg positive,
    viral load high")."""
    fact_words = words(answer_language(text, language)).for_fact(fact_id)
    said = plain(text)
    if fact_words is None or not fact_words.marker_only.search(said) or fact_words.marker_active.search(said):
        return False
    return True not in fact_words.answers_in(said)


def _when_not_told(text: str, fact_id: str, reading: str, language: str, yes_if_any: bool) -> Parsed | None:
    """For a question about what a doctor has told the person: an answer whose only "don't know" is
    that nobody said so ("医生没说过", "haven't been told that") is read with that as a plain no
    (`not_told_read_as`): a no when the whole then says no, else ("医生没说过，不过在透析") asked
    again. None when some other "don't know" stands ("不清楚，医生没说过")."""
    lw = words(answer_language(text, language))
    said = plain(text)
    told = [m.span() for m in lw.pattern("not_told").finditer(said)]
    if not told:
        return None
    unknown = lw.pattern("unknown")
    for start in range(len(said)):  # every "don't know" phrase, overlapping ones too
        found = unknown.match(said, start)
        if found and not any(a <= found.start() and found.end() <= b for a, b in told):
            return None
    rest = lw.pattern("not_told").sub(f" {lw.raw.get('not_told_read_as', ', no ,')} ", said)
    if not lw.raw.get("words_spaced", True):
        rest = rest.replace(" ", "")  # read as typed: 透析, not 透 析
    parsed = read_yes_no(rest, fact_id, reading, language, yes_if_any=yes_if_any)
    if parsed.status == "unknown":
        return None
    if parsed.ok and parsed.value is False:
        return replace(parsed, said=text, sure=False)
    # "没说过，不过在透析", "查是查过，结果没人告诉我" (tested, the result not told): asked again
    return result.unclear(text, "boolean.unclear")


def _with_measure(parsed: Parsed, text: str, measure: MeasureAnswer) -> Parsed:
    """The words' reading checked against a figure said ("缓解了，不过骨髓里还有8%"): it answers when
    the words do not, and a disagreement is asked again."""
    from bot.parsing.measures import answer_by_measure  # reads the words files, as this module does

    if parsed.status == "unknown":
        return parsed
    by_figure = answer_by_measure(text, measure.measure, measure.yes_below, measure.no_from)
    if by_figure is None:
        return parsed
    if not parsed.ok:
        return result.value(by_figure, text)
    return parsed if parsed.value == by_figure else result.unclear(text, "boolean.unclear")
