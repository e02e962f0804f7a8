"""The chat widget on the demo trial-site page, in a real Chromium, against the real servers.

The whole screening (buttons, typing, a reload half-way, contact details) runs once in the
`widget_lead` fixture (widget.py); here we check its lead, and that an XSS payload stays text,
start over works, the keyboard alone works, the offline message shows, and axe-core finds no
serious or critical problems, in English and on the Chinese page, where the widget speaks Chinese and
its 中文 / English switch changes language.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bot.leads import queries
from bot.text import written_language
from tests.e2e.browser.conftest import serious_axe_violations
from tests.e2e.browser.widget import PATIENT, XSS, bot_messages, open_widget, type_message, wait_for_replies

pytestmark = pytest.mark.e2e


def test_a_patient_screens_in_the_widget_and_becomes_a_lead(widget_lead):
    stored = queries.leads_for_conversation(widget_lead["conversation_id"])
    assert {lead.trial_id for lead in stored} == PATIENT.lead_trials, "\n".join(widget_lead["transcript"])
    assert not any("you are eligible" in line.lower() for line in widget_lead["transcript"])


def test_an_xss_payload_shows_as_text_and_runs_nothing(site_server, page: Page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_widget(page, site_server.base_url)
    type_message(page, XSS)
    user_messages = page.locator('#prescreen-chat-log .psc-msg[data-from="user"] .psc-body')
    expect(user_messages.last).to_have_text(XSS)
    assert page.locator("#prescreen-chat-log img").count() == 0
    assert not dialogs and not page.script_errors


def test_start_over_begins_a_new_conversation(site_server, page: Page):
    open_widget(page, site_server.base_url)
    first_id = page.evaluate("localStorage.getItem('prescreen-chat.session-id')")
    before = bot_messages(page).count()
    page.locator("#prescreen-chat-start-over").click()
    replies = wait_for_replies(page, 0) if bot_messages(page).count() < before else []
    assert page.evaluate("localStorage.getItem('prescreen-chat.session-id')") != first_id
    assert replies, "the new conversation should open with the greeting"


@pytest.mark.parametrize("viewport", [(1280, 900), (360, 640)], ids=["desktop", "phone"])
def test_no_serious_accessibility_problems_with_the_widget_open(site_server, browser, viewport):
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(site_server.base_url)
        assert serious_axe_violations(page) == []
        page.locator("#prescreen-chat-launcher").click()
        wait_for_replies(page, 0)
        assert serious_axe_violations(page) == []
        no_sideways_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert no_sideways_scroll
    finally:
        context.close()


def test_the_keyboard_alone_can_open_use_and_close_the_chat(site_server, page: Page):
    page.goto(site_server.base_url)
    page.locator("#prescreen-chat-launcher").focus()
    page.keyboard.press("Enter")
    wait_for_replies(page, 0)
    # New bot messages are announced: the log is a polite live region.
    log = page.locator("#prescreen-chat-log")
    assert (log.get_attribute("role"), log.get_attribute("aria-live")) == ("log", "polite")
    # Answer the consent question from the keyboard: a focused quick reply takes Enter.
    before = bot_messages(page).count()
    page.locator("button.psc-quick-reply").first.focus()
    page.keyboard.press("Enter")
    wait_for_replies(page, before)
    page.get_by_label("Your message").focus()
    page.keyboard.press("Escape")
    expect(page.locator("#prescreen-chat-panel")).to_be_hidden()
    expect(page.locator("#prescreen-chat-launcher")).to_be_focused()


def test_the_widget_says_so_when_the_server_is_unreachable(offline_site_server, page: Page):
    """A demo page whose chat server is down: a clear status message, and nothing lost."""
    page.goto(offline_site_server.base_url)
    page.locator("#prescreen-chat-launcher").click()
    expect(page.locator("#prescreen-chat-status")).to_contain_text(
        "Can't reach the assistant", timeout=30_000
    )
    page.get_by_label("Your message").fill("hello?")
    page.keyboard.press("Enter")
    expect(page.locator("#prescreen-chat-status")).to_contain_text("sent when the connection is back")
    expect(page.locator('#prescreen-chat-log .psc-msg[data-from="user"] .psc-body').last).to_have_text(
        "hello?"
    )


def test_the_chinese_page_chats_in_chinese_with_no_serious_accessibility_problems(
    site_server, browser, artifacts
):
    """The Chinese demo page: the widget's own words, the greeting and the consent buttons are in
    Chinese; a typed Chinese answer is understood; axe finds nothing serious; a screenshot is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site_server.base_url}/zh/")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        replies = open_widget_in_chinese(page)
        assert replies and all(written_language(r) == "zh" for r in replies), replies
        expect(page.locator("#prescreen-chat-send")).to_have_text("发送")
        expect(page.locator("#prescreen-chat-language")).to_have_text("English")
        expect(page.locator("button.psc-quick-reply", has_text="同意")).to_be_visible()
        assert serious_axe_violations(page) == []
        before = bot_messages(page).count()
        page.locator("button.psc-quick-reply", has_text="同意").first.click()
        asked = wait_for_replies(page, before)
        assert any("为自己" in r for r in asked), asked  # consent understood: who is answering, in Chinese
        page.screenshot(path=str(artifacts / "widget-chinese.png"))
        assert not errors
    finally:
        context.close()


def test_the_language_switch_changes_the_widget_and_the_next_reply(site_server, page: Page):
    """中文 / English: the widget's words change at once, and the bot follows from the next message."""
    open_widget(page, site_server.base_url)
    page.locator("#prescreen-chat-language").click()
    expect(page.locator("#prescreen-chat-send")).to_have_text("发送")
    expect(page.locator("#prescreen-chat-language")).to_have_text("English")
    before = bot_messages(page).count()
    page.locator("#prescreen-chat-input").fill("yes")
    page.keyboard.press("Enter")
    replies = wait_for_replies(page, before)
    assert replies and written_language(replies[-1]) == "zh", replies
    page.reload()  # the choice is kept for this conversation
    page.locator("#prescreen-chat-launcher").click()
    expect(page.locator("#prescreen-chat-send")).to_have_text("发送")


def open_widget_in_chinese(page: Page) -> list[str]:
    page.locator("button.check-button[data-prescreen-chat-open]").first.click()
    expect(page.locator("#prescreen-chat-panel")).to_be_visible()
    return wait_for_replies(page, 0)
