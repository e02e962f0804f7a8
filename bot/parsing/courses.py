"""Which course of treatment brought remission, for a yes/no question about the first few courses
("did the first two courses put it into remission?"): remission said to come only with a later
course ("第三个疗程才缓解", "it took three rounds", "remission after the 3rd cycle") is no
remission within them, and one said to come with an earlier course is.

A fact opts in with `within_courses` in facts.yaml. Each language's words (what a course is called,
what remission is called, ordinal words, the negations that undo a remission) are its `courses`
section in bot/words/<language>.yaml; numbers are already digits (`numeric_text`, cn2an).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.parsing.text import alternation, numeric_text
from bot.parsing.words import words
from bot.text import written_language


@dataclass(frozen=True)
class _CourseWords:
    by_place: tuple[
        re.Pattern, ...
    ]  # a course named by its place: 第3个疗程, the 3rd cycle, the third course
    by_count: re.Pattern  # courses counted: 3个疗程, 3 rounds
    remission: re.Pattern
    negated: re.Pattern  # a negation just before a remission word: 没缓解, didn't work
    elided: re.Pattern  # a failure said without the remission word after an earlier one: 第二个疗程也没有
    ordinals: dict[str, int]
    spaced: bool


@functools.cache
def _course_words(language: str) -> _CourseWords | None:
    raw = words(language).raw.get("courses")
    if not raw:
        return None
    spaced = bool(raw.get("spaced", True))
    units = alternation(raw["units"])
    gap = r"\s+(?:[a-z]+\s+)?" if spaced else r"\s*(?:个\s*)?"  # "the 3rd chemo cycle"; 第3个疗程
    prefix = alternation(raw.get("ordinal_before") or ())
    suffix = alternation(raw.get("ordinal_after") or ())
    by_place = [re.compile(rf"(?:{prefix})\s*(\d+){gap}(?:{units})")] if raw.get("ordinal_before") else []
    if raw.get("ordinal_after"):
        by_place.append(re.compile(rf"(?<!\d)(\d+)(?:{suffix}){gap}(?:{units})"))
    ordinals = {str(k): int(v) for k, v in (raw.get("ordinals") or {}).items()}
    if ordinals:
        by_place.append(re.compile(rf"\b({alternation(ordinals)}){gap}(?:{units})"))
    negations = alternation(raw["negations"])
    return _CourseWords(
        by_place=tuple(by_place),
        by_count=re.compile(rf"(?<![\d第+])(\d){gap}(?:{units})"),  # "7+3" is a regimen, not 31 courses
        remission=re.compile(alternation(raw["remission"])),
        negated=re.compile(rf"(?:{negations})\W*(?:[a-z]+\W+)?$" if spaced else rf"(?:{negations}).{{0,2}}$"),
        elided=re.compile(alternation(raw["elided_failure"]))
        if raw.get("elided_failure")
        else re.compile(r"(?!x)x"),
        ordinals=ordinals,
        spaced=spaced,
    )


_CLAUSES = re.compile(r"[,;.!?，；。！？]|\bbut\b|但是|不过|可是")


def remission_course(text: str) -> int | None:
    """The course remission came with, when the answer says so (the latest one named with a
    remission word it does not negate); None when it names none. Courses named by their place
    ("第3个疗程", "the third cycle") outweigh courses counted ("3个疗程")."""
    prepared = _prepared(text)
    if prepared is None:
        return None
    found, said = prepared
    by_place: list[int] = []
    by_count: list[int] = []
    for clause in _CLAUSES.split(said):
        if not _remission_said(clause, found):
            continue
        by_place += _by_place(clause, found)
        by_count += _by_count(clause, found)
    if by_place:
        return max(by_place)
    return max(by_count) if by_count else None


def courses_named_by_place(text: str) -> set[int]:
    """Every course the answer names by its place ("第1个疗程", "the second cycle"), remission or not."""
    prepared = _prepared(text)
    return set(_by_place(prepared[1], prepared[0])) if prepared is not None else set()


def failed_through(text: str) -> int | None:
    """The most courses the answer says brought no remission ("两个疗程都没缓解", "two rounds of 7+3
    and still not in remission"): a count or place of courses in a clause whose remission word is
    negated; None when it says none. What came after them ("后来换了药才缓解") cannot undo it."""
    prepared = _prepared(text)
    if prepared is None:
        return None
    found, said = prepared
    failed = [
        course
        for clause in _CLAUSES.split(said)
        if _remission_denied(clause, found) or found.elided.search(clause)
        for course in _by_place(clause, found) + _by_count(clause, found)
    ]
    return max(failed) if failed else None


def _prepared(text: str) -> tuple[_CourseWords, str] | None:
    """The language's course words and the answer in their matching form; None without them."""
    found = _course_words(written_language(text))
    if found is None:
        return None
    if found.spaced:
        return found, numeric_text(text).lower()
    # written without spaces, a space typed between phrases ends a clause (第一个疗程没缓解 第二个也没有)
    typed = re.sub(r"(?<=\S)\s+(?=\S)", "，", text.strip())
    return found, numeric_text(typed).lower().replace(" ", "")


def _by_place(clause: str, found: _CourseWords) -> list[int]:
    """Courses named by their place in `clause` ("第3个疗程", "the third cycle")."""
    named = [match.group(1) for pattern in found.by_place for match in pattern.finditer(clause)]
    return [int(value) if value.isdigit() else found.ordinals[value] for value in named]


def _by_count(clause: str, found: _CourseWords) -> list[int]:
    """Courses counted in `clause` ("3个疗程", "two rounds")."""
    return [int(m.group(1)) for m in found.by_count.finditer(clause)]


def _remission_denied(clause: str, found: _CourseWords) -> bool:
    matches = list(found.remission.finditer(clause))
    return bool(matches) and all(found.negated.search(clause[: m.start()]) for m in matches)


def _remission_said(clause: str, found: _CourseWords) -> bool:
    return any(not found.negated.search(clause[: m.start()]) for m in found.remission.finditer(clause))
