"""Every reply in every corpus, in both languages: a value read wrongly (a misread yes, an "I don't
know" read as a value, a wrong number or date) that would make a study exclude the person is never
taken as sure, so the conversation reads it back before it counts. The benchmark prints this as
"excl. no read-back"; this makes it a rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.understanding import CORPUS_DIR, TODAY, excluded_by, expected_values, same
from bot.understanding import understand

PARTS = sorted(CORPUS_DIR.glob("*/*.yaml"))


def _rows(part: Path) -> list[dict]:
    return yaml.safe_load(part.read_text(encoding="utf-8")) or []


@pytest.mark.parametrize("part", PARTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_misreading_that_excludes_is_taken_without_a_read_back(part):
    language = part.parent.name
    unread = []
    for row in _rows(part):
        wanted = expected_values(row)
        reading = understand(
            row["fact"], str(row["answer"]), TODAY, proxy=bool(row.get("proxy")), language=language
        )
        parsed = reading.parsed
        if not parsed.ok or any(same(row["fact"], parsed.value, w, row) for w in wanted):
            continue
        meant = [w for w in wanted if w not in ("unknown", "unclear")]
        excluded_meant = set.intersection(*(excluded_by(row["fact"], w) for w in meant)) if meant else set()
        if reading.sure and excluded_by(row["fact"], parsed.value) - excluded_meant:
            unread.append((row["fact"], row["answer"], parsed.value))
    assert not unread, unread
