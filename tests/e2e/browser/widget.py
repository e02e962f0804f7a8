"""Driving the chat widget from Playwright, and the one screening the browser tests share.

The `widget_lead` fixture (in conftest.py) runs `screen_in_the_widget` once per session: a
patient screens for the megakaryocyte study by buttons and by typing, reloads half-way and
carries on, and consents to contact. The dashboard tests then work the lead it made.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.personas import CONTACT, asked_fact, by_name

XSS = "<img src=x onerror=alert(1)>"
PATIENT = by_name("xj likely eligible, typed in plain words")
assert PATIENT.lead_trials == {"xj-mk-002"}
REPLY_TIMEOUT_MS = 60_000
SETTLE_S = 0.6  # the bot's replies arrive as separate socket.io events; wait for the last one


def bot_messages(page: Page):
    return page.locator('#prescreen-chat-log .psc-msg[data-from="bot"] .psc-body')


def wait_for_replies(page: Page, seen_before: int) -> list[str]:
    """Wait until the bot has answered (more bot messages than before, then no new ones for a
    moment) and return the new ones."""
    messages = bot_messages(page)
    expect(messages.nth(seen_before)).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    count = messages.count()
    while True:
        time.sleep(SETTLE_S)
        now = messages.count()
        if now == count:
            break
        count = now
    return messages.all_inner_texts()[seen_before:]


def type_message(page: Page, text: str) -> list[str]:
    before = bot_messages(page).count()
    page.get_by_label("Your message").fill(text)
    page.keyboard.press("Enter")
    return wait_for_replies(page, before)


def click_reply(page: Page, title: str) -> list[str]:
    before = bot_messages(page).count()
    page.locator("button.psc-quick-reply:not([disabled])", has_text=title).first.click()
    return wait_for_replies(page, before)


def open_widget(page: Page, site_url: str) -> list[str]:
    page.goto(site_url)
    page.locator("button.check-button[data-prescreen-chat-open]").first.click()
    expect(page.locator("#prescreen-chat-panel")).to_be_visible()
    return wait_for_replies(page, 0)


def screen_in_the_widget(browser, site_url: str, artifacts) -> dict:
    """One whole screening in the widget; returns the conversation id and the bot's replies."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        replies = open_widget(page, site_url)
        assert page.locator("button.psc-quick-reply", has_text="Yes, I agree").count() == 1, replies
        replies = click_reply(page, "Yes, I agree")  # by button
        for line in PATIENT.opening[1:]:
            replies = type_message(page, line)  # by typing

        answered = 0
        reloaded = False
        contact = list(CONTACT)
        transcript: list[str] = list(replies)
        for _ in range(40):
            fact_id = asked_fact(replies[-1], PATIENT)
            if fact_id is not None:
                answer = PATIENT.answers.get(fact_id, "I don't know")
                if fact_id == "diagnosis":
                    answer = f"{answer} {XSS}"  # stored as said; shown later in the dashboard
                buttons = page.locator("button.psc-quick-reply:not([disabled])")
                titles = buttons.all_inner_texts()
                if answer.lower() in (t.lower() for t in titles):
                    replies = click_reply(page, next(t for t in titles if t.lower() == answer.lower()))
                else:
                    replies = type_message(page, answer)
                transcript += replies
                answered += 1
                if answered == 3 and not reloaded:
                    page.screenshot(path=str(artifacts / "widget-mid-conversation.png"))
                    session_id = page.evaluate("localStorage.getItem('prescreen-chat.session-id')")
                    shown = bot_messages(page).count()
                    page.reload()
                    # The chat was open before the reload, so it opens again by itself.
                    expect(page.locator("#prescreen-chat-panel")).to_be_visible()
                    # The transcript is back, and no new greeting was sent.
                    expect(bot_messages(page)).to_have_count(shown)
                    assert page.evaluate("localStorage.getItem('prescreen-chat.session-id')") == session_id
                    replies = bot_messages(page).all_inner_texts()[-1:]
                    reloaded = True
                continue
            if contact:
                replies = type_message(page, contact.pop(0))
                transcript += replies
                continue
            break
        assert reloaded, "the screening ended before the reload step"
        session_id = page.evaluate("localStorage.getItem('prescreen-chat.session-id')")
        assert re.fullmatch(r"[0-9a-f]{32}", session_id or ""), session_id
        assert not dialogs, f"a script ran: {dialogs}"
        page.screenshot(path=str(artifacts / "widget-finished.png"))
        return {"conversation_id": session_id, "transcript": transcript}
    finally:
        context.close()
