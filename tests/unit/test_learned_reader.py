"""The learned reader of the scales people describe rather than name (bot/parsing/learned.py):
a picture of a day read as a level, weighed against the phrase lists, never beyond doubt.

The replies below are the developer's own, not corpus rows: the corpora are its training data
(tuning parts) and its measure (held-out parts)."""

from __future__ import annotations

from datetime import date

import pytest

from bench import learned_examples
from bot.facts import FactsError, load_registry
from bot.parsing.learned import DOUBT_ABOVE, TAKE_ABOVE, Guess, examples, weigh
from bot.understanding import understand

TODAY = date(2026, 12, 3)
HE_LIES_DOWN_ALL_DAY = (
    "he can feed himself but spends the whole day lying down now and we do everything else for him"
)
SHE_DRESSES_HERSELF = (
    "she gets herself up and dressed, sits in the garden, but any job around the house is too much"
)
STAIRS_WIND_ME = "I'm grand sitting in my chair but the stairs knock the wind out of me"


@pytest.mark.parametrize(
    ("language", "fact_id", "said", "level"),
    [
        ("en", "ecog", "Mostly I sit in my armchair by the window, my son helps me get washed", 3),
        ("en", "ecog", HE_LIES_DOWN_ALL_DAY, 4),
        ("en", "ecog", SHE_DRESSES_HERSELF, 2),
        ("zh", "ecog", "每天还去单位上班，周末还爬山", 0),
        ("zh", "ecog", "吃喝拉撒都要人伺候，一天到晚躺着", 4),
        ("zh", "ecog", "自己能做饭洗衣服，就是重的东西拎不动", 1),
        ("zh", "ecog", "白天多半时间歪在沙发上，洗澡得家里人帮", 3),
        ("en", "heart_failure_limitation", STAIRS_WIND_ME, 2),
        ("zh", "heart_failure_limitation", "坐着没事，上两层楼就得停下喘口气", 2),
    ],
)  # fmt: skip
def test_a_picture_of_a_day_is_read_as_a_level(language: str, fact_id: str, said: str, level: int) -> None:
    reading = understand(fact_id, said, TODAY, language=language)
    assert reading.parsed.ok and reading.parsed.value == level, reading.parsed


@pytest.mark.parametrize(
    ("language", "fact_id", "said"),
    [
        ("en", "ecog", HE_LIES_DOWN_ALL_DAY),
        ("zh", "ecog", "吃喝拉撒都要人伺候，一天到晚躺着"),
        ("en", "heart_failure_limitation", "can't even walk to the loo without gasping"),
    ],
)  # fmt: skip
def test_a_level_read_from_a_description_is_never_beyond_doubt(
    language: str, fact_id: str, said: str
) -> None:
    """The classifier may be wrong: a level that would exclude is read back before it counts."""
    reading = understand(fact_id, said, TODAY, language=language)
    assert reading.parsed.ok and not reading.sure


def test_a_button_is_still_beyond_doubt() -> None:
    reading = understand("ecog", "I do light work and housework, but nothing heavy", TODAY)
    assert reading.parsed.value == 1 and reading.sure


def test_a_day_that_varies_is_still_asked_again() -> None:
    reading = understand("ecog", "depends on the day, chemo week I'm in bed, other weeks I'm at work", TODAY)
    assert not reading.parsed.ok


def test_a_score_named_is_taken_as_named() -> None:
    assert understand("ecog", "the oncologist wrote ECOG 2 in my notes", TODAY).parsed.value == 2


def test_weighing_a_guess_against_the_phrase_lists() -> None:
    sure_guess = Guess(3, TAKE_ABOVE + 0.1)
    middling_guess = Guess(3, (TAKE_ABOVE + DOUBT_ABOVE) / 2)
    weak_guess = Guess(3, DOUBT_ABOVE - 0.1)
    # nothing read by the phrase lists: a confident guess fills the gap, a weak one does not
    assert weigh(None, sure_guess) == (3, True)
    assert weigh(None, middling_guess) == (None, False)
    # the phrase lists read 1: a confident guess overrules, a middling one makes it doubtful
    assert weigh(1, sure_guess) == (3, True)
    assert weigh(1, middling_guess) == (None, True)
    assert weigh(1, weak_guess) == (1, False)
    # agreement leaves the phrase lists' reading as it was
    assert weigh(3, sure_guess) == (3, False)


def test_the_examples_files_are_made_from_the_tuning_corpora_only() -> None:
    """bot/words/examples/ is what `python -m bench.learned_examples` makes: no hand edits, no
    held-out reply, no stale copy after a tuning corpus changed."""
    for language in ("en", "zh"):
        made = learned_examples.render(learned_examples.examples_of(language))
        path = learned_examples.EXAMPLES_DIR / f"{language}.yaml"
        assert path.read_text(encoding="utf-8") == made, f"run python -m bench.learned_examples ({path})"
    assert len(examples("ecog", "zh")) > 100 and len(examples("heart_failure_limitation", "en")) > 100


def test_a_learned_reader_belongs_only_on_a_choice_fact(tmp_path) -> None:  # noqa: ANN001
    registry = tmp_path / "facts.yaml"
    registry.write_text(
        "facts:\n  bleeding:\n    type: boolean\n    label: bleeding\n    learned_reader: true\n"
        "    question:\n      self: Are you bleeding?\n      proxy: Is {they} bleeding?\n",
        encoding="utf-8",
    )
    with pytest.raises(FactsError, match="learned_reader"):
        load_registry(registry)


def test_a_short_denial_of_a_level_is_not_guessed_at() -> None:
    assert not understand("ecog", "not fully active", TODAY).parsed.ok


def test_a_scale_is_read_for_now_by_the_learned_reader_too() -> None:
    # the earlier, worse days are left out before the classifier reads the answer
    reading = understand("heart_failure_limitation", "以前走两步就喘，现在上三楼才喘", TODAY, language="zh")
    assert reading.parsed.value == 2, reading.parsed
