"""The dashboard's own words in Chinese or English (bot/dashboard/i18n.py): every text it shows has a
translation in each language file, the switch keeps the choice and returns to the same page, the
browser's language is the default, and lead data stays as the person wrote it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bot.dashboard import i18n
from bot.dashboard.i18n import LANGUAGE_COOKIE, TranslationError, catalogs, chosen_language
from bot.dashboard.render import CRITERION_WORDS, OUTCOME_WORDS
from bot.leads import funnel
from bot.leads.models import LEAD_STATUSES
from bot.leads.service import OUTCOMES, get_lead
from bot.parsing.relations import RELATIONS
from tests.dashboard.test_leads_pages import save

DASHBOARD = Path(i18n.__file__).resolve().parent
TEMPLATE_TEXT = re.compile(r"""_\(\s*(["'])((?:(?!\1).)*)\1""")


def texts_in_the_code() -> set[str]:
    """Every literal text the templates and handlers pass to `_` (or to `words_for(request)`)."""
    found = set()
    for template in DASHBOARD.glob("templates/*.html"):
        found |= {m.group(2).replace("\\'", "'") for m in TEMPLATE_TEXT.finditer(template.read_text())}
    for module in DASHBOARD.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            called = node.func
            by_underscore = isinstance(called, ast.Name) and called.id == "_"
            by_words_for = (
                isinstance(called, ast.Call)
                and isinstance(called.func, ast.Name)
                and called.func.id == "words_for"
            )
            if (by_underscore or by_words_for) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def coded_values_shown_in_words() -> set[str]:
    """Values stored as codes that pages show through `_`: outcomes, statuses, criterion results and
    kinds, funnel steps, relations, consent kinds, and the HTTP reasons of error pages."""
    words = {text for _, text in [*OUTCOME_WORDS.values(), *CRITERION_WORDS.values()]}
    words |= {value.replace("_", " ") for value in [*OUTCOMES, *LEAD_STATUSES, *RELATIONS]}
    words |= set(funnel.STAGE_LABELS.values()) | {"inclusion", "exclusion", "All studies"}
    words |= {"screening consent", "contact consent", "Not Found", "Method Not Allowed"}
    words.add("Wrong login name or password.")
    return words


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(set(catalogs()) - {"en"}))
def test_every_dashboard_text_has_a_translation_with_the_same_placeholders(language):
    table = catalogs()[language]
    needed = texts_in_the_code() | coded_values_shown_in_words()
    assert len(needed) > 150, "the extraction found too little: is `_` still how pages translate?"
    assert sorted(needed - set(table)) == [], f"missing in translations/{language}.yaml"
    assert sorted(set(table) - needed) == [], f"no longer used, remove from translations/{language}.yaml"
    for english, translated in table.items():
        assert placeholders(translated) == placeholders(english), english


def test_the_browser_language_is_the_default_and_the_cookie_wins():
    assert chosen_language(None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert chosen_language(None, "en-GB,zh;q=0.5") == "en"
    assert chosen_language(None, "fr-FR,zh;q=0.3") == "zh"
    assert chosen_language(None, "fr-FR, de;q=0.7") == "en"
    assert chosen_language(None, "zh;q=0, en") == "en"
    assert chosen_language(None, "zh;q=banana") == "en"
    assert chosen_language(None, None) == "en"
    assert chosen_language("en", "zh-CN") == "en"
    assert chosen_language("xx", "zh-CN") == "zh"


def test_a_broken_translation_file_names_itself(tmp_path):
    (tmp_path / "fr.yaml").write_text("Leads: [not, text]\n", encoding="utf-8")
    with pytest.raises(TranslationError, match="fr.yaml"):
        catalogs(tmp_path)
    (tmp_path / "fr.yaml").write_text("Leads: 'unclosed\n", encoding="utf-8")
    catalogs.cache_clear()
    with pytest.raises(TranslationError, match="fr.yaml: not valid YAML"):
        catalogs(tmp_path)
    catalogs.cache_clear()


def test_the_sign_in_page_follows_the_browser_language(dashboard):
    browser = dashboard.browser()
    page = browser.get("/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text
    assert '<html lang="zh-CN">' in page
    assert "登录名" in page and "Login name" not in page
    assert "Login name" in browser.get("/login", headers={"Accept-Language": "en-US"}).text


def test_the_switch_keeps_the_choice_and_returns_to_the_same_page(dashboard):
    browser = dashboard.signed_in()
    english = browser.get("/funnel?since=2026-11-01").page
    switch = english.by_id["language-zh"].attrs["href"]
    assert switch.startswith("/language/zh?next=")
    response = browser.get(switch)
    assert response.status == 303 and response.location == "/funnel?since=2026-11-01"
    assert f"{LANGUAGE_COOKIE}=zh" in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    chinese = browser.get("/funnel?since=2026-11-01").text
    assert '<html lang="zh-CN">' in chinese and "筛查漏斗" in chinese and "开始的对话" in chinese
    assert "Screening funnel" not in chinese
    assert browser.get("/leads").page.by_id["language-en"].attrs["href"] == "/language/en?next=/leads"
    browser.get("/language/en?next=/leads")
    assert "Screening funnel" in browser.get("/funnel").text


@pytest.mark.parametrize(
    "elsewhere", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "leads"]
)
def test_the_switch_never_sends_anyone_to_another_site(dashboard, elsewhere):
    response = dashboard.browser().get(f"/language/zh?next={elsewhere}")
    assert response.status == 303 and response.location == "/leads"


def test_an_unknown_language_is_not_found(dashboard):
    assert dashboard.browser().get("/language/xx?next=/leads").status == 404


def test_a_lead_in_chinese_keeps_the_persons_own_words(dashboard, database_url):
    lead_id = save("c-zh", {"age": 66, "diagnosis": "aml"}, trial="nct06642025")
    browser = dashboard.signed_in()
    browser.get("/language/zh?next=/leads")
    page = browser.get(f"/leads/{lead_id}").page
    assert "联系方式" in page.text and "处理记录" in page.text and "入排标准" in page.text
    assert "Contact details" not in page.text and "Work on this lead" not in page.text
    lead = get_lead(lead_id)
    for fact_id, given in lead.answers.items():
        said = given.get("said") if isinstance(given, dict) else None
        if said:
            row = next(r for r in page.rows_with("answer-row") if r.attrs["data-fact-id"] == fact_id)
            assert said in row.text  # as the person wrote it, never translated
    csrf = page.form("status-form").fields["csrf_token"]
    browser.post(f"/leads/{lead_id}/status", {"status": "contacted", "note": "", "csrf_token": csrf})
    after = browser.get(f"/leads/{lead_id}").page
    assert after.by_id["flash"].text == "状态已从“新线索”改为“已联系”。"
    assert after.by_id["lead-status"].text == "已联系"
