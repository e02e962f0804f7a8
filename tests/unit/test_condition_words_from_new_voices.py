"""Words that answer the condition questions, learned from new writers' voices (bot/words/<language>.yaml):
an infection getting better is under control, a restarted medicine is taken, a night feed is
breastfeeding, a false positive is no HIV, a shock to restart the heart is a serious rhythm problem,
and dialect forms (么有, 么麻达, 哪里会) are plain no and yes."""

from datetime import date

import pytest

from bot.understanding import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "fact_id, text, meant",
    [
        (
            "uncontrolled_infection",
            "a kidney infection last week, antibiotics sorted it, she's much better",
            False,
        ),
        ("uncontrolled_infection", "fevers every evening and nobody can find the source", True),
        ("still_on_transplant_immunosuppressants", "they put him back on tacrolimus last month", True),
        ("still_on_transplant_immunosuppressants", "last dose was in August", False),
        ("breastfeeding", "just one feed at bedtime now", True),
        ("breastfeeding", "I'm 66, dear", False),
        ("can_become_pregnant", "I have the depo jab", True),
        ("aml_no_response_after_two_courses", "after the second round the marrow was clear", False),
        ("ventricular_arrhythmia_or_fainting", "my heart stopped in 2019 and they shocked me back", True),
        ("ventricular_arrhythmia_or_fainting", "I faint when I see blood, always have", False),
        (
            "ventricular_arrhythmia_or_fainting",
            "blacked out twice, the tapes were fine, never worked out why",
            True,
        ),
        ("hiv_or_aids", "it was a false positive, retested negative", False),
        ("takes_immunosuppressants", "natalizumab for MS", True),
        ("takes_immunosuppressants", "only antihistamines for hay fever", False),
    ],
)
def test_english_condition_words(fact_id, text, meant):
    parsed = understand(fact_id, text, TODAY).parsed
    assert parsed.ok and parsed.value is meant


@pytest.mark.parametrize(
    "fact_id, text, meant",
    [
        ("breastfeeding", "快断了，就晚上喂一顿", True),
        ("breastfeeding", "孩子去年春节就断的奶", False),
        ("pregnant", "我六十多了，哪里会", False),
        ("hiv_or_aids", "检查是假阳性", False),
        ("cardiomyopathy", "扩张型的", True),
        ("ventricular_arrhythmia_or_fainting", "做过电复律", True),
        ("uncontrolled_infection", "水痘刚结痂", False),
        ("active_bleeding", "么有", False),
        ("willing_contraception", "没麻达", True),
    ],
)
def test_chinese_condition_words(fact_id, text, meant):
    parsed = understand(fact_id, text, TODAY, language="zh").parsed
    assert parsed.ok and parsed.value is meant


@pytest.mark.parametrize(
    "text, language",
    [
        ("we can't use birth control, it's against our faith", "en"),
        ("因为信仰，我们没法避孕", "zh"),
        ("我不能避孕", "zh"),
    ],
)
def test_cannot_use_contraception_is_no_willingness(text, language):
    parsed = understand("willing_contraception", text, TODAY, language=language).parsed
    assert parsed.ok and parsed.value is False


@pytest.mark.parametrize(
    "fact_id, text, language, meant",
    [
        ("pregnant", "my period's late but I haven't tested yet", "en", "unknown"),
        ("pregnant", "月经推迟了几天，还没测", "zh", "unknown"),
        ("aml_relapse_no_response", "after the FLAG the marrow was clear", "en", False),
        ("aml_relapse_no_response", "这次治完骨髓里看不到白血病细胞了", "zh", False),
        ("aml_relapse_no_response", "现在MRD阴性", "zh", False),
    ],
)
def test_untested_is_unknown_and_a_clear_marrow_is_remission(fact_id, text, language, meant):
    parsed = understand(fact_id, text, TODAY, language=language).parsed
    assert (parsed.status == "unknown") if meant == "unknown" else (parsed.ok and parsed.value is meant)
