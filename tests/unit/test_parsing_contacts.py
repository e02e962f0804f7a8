"""Phone numbers and email addresses, read offline; and no parser reaches the network."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from bot.facts import default_registry
from bot.parsing import extract_facts, parse_answer, parse_email, parse_phone

PHONES = [
    pytest.param("138 0013 8000", "+8613800138000", id="cn-mobile-spaced"),
    pytest.param("13800138000", "+8613800138000", id="cn-mobile-plain"),
    pytest.param("+86 138 0013 8000", "+8613800138000", id="cn-mobile-with-country-code"),
    pytest.param("my number is 138-0013-8000", "+8613800138000", id="cn-mobile-in-a-sentence"),
    pytest.param("010 1234 5678", "+861012345678", id="cn-beijing-landline"),
    pytest.param("+44 20 7946 0958", "+442079460958", id="uk-kept"),
    pytest.param("+1 650 253 0000", "+16502530000", id="us-kept"),
]


@pytest.mark.parametrize("text, expected", PHONES)
def test_valid_phones(text, expected):
    parsed = parse_phone(text)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


def test_phone_default_region_can_change():
    assert parse_phone("020 7946 0958", default_region="GB").value == "+442079460958"


BAD_PHONES = [
    pytest.param("12345", "phone.too_short", id="too-short"),
    pytest.param("1380013800012345678", "phone.too_long", id="too-long"),
    pytest.param("hello", "phone.not_a_number", id="not-a-number"),
    pytest.param("+999 123", "phone.invalid", id="bad-country-code"),
    pytest.param("138 0013 8000 or 139 0013 9000", "phone.ambiguous", id="two-numbers"),
]


@pytest.mark.parametrize("text, problem", BAD_PHONES)
def test_bad_phones(text, problem):
    parsed = parse_phone(text)
    assert (parsed.status, parsed.problem) == ("unclear", problem), parsed


EMAILS = [
    pytest.param("jane@qq.com", "jane@qq.com", id="plain"),
    pytest.param("Jane.Doe@Example.COM", "Jane.Doe@example.com", id="domain-lower-cased"),
    pytest.param("  jane@qq.com. ", "jane@qq.com", id="trailing-full-stop"),
    pytest.param("my email is jane@163.com", "jane@163.com", id="in-a-sentence"),
    pytest.param("张三@qq.com", "张三@qq.com", id="unicode-local-part"),
]


@pytest.mark.parametrize("text, expected", EMAILS)
def test_valid_emails(text, expected):
    parsed = parse_email(text)
    assert (parsed.status, parsed.value) == ("value", expected), parsed


BAD_EMAILS = [
    pytest.param("jane.doe.example.com", "email.no_at_sign", id="missing-at"),
    pytest.param("jane@example", "email.bad_domain", id="domain-without-dot"),
    pytest.param("jane@", "email.bad_domain", id="nothing-after-at"),
    pytest.param("jane@gmail..com", "email.bad_domain", id="two-dots-in-domain"),
    pytest.param("jane@exa_mple.com", "email.bad_domain", id="underscore-in-domain"),
    pytest.param("@qq.com", "email.bad_local_part", id="nothing-before-at"),
    pytest.param("jane doe@qq.com", "email.bad_local_part", id="space-before-at"),
    pytest.param("jane@@qq.com", "email.invalid", id="two-at-signs"),
]


@pytest.mark.parametrize("text, problem", BAD_EMAILS)
def test_bad_emails(text, problem):
    parsed = parse_email(text)
    assert (parsed.status, parsed.problem) == ("unclear", problem), parsed


@pytest.mark.parametrize("text", ["I don't know", "not sure"])
def test_contacts_unknown(text):
    assert parse_phone(text).status == "unknown"
    assert parse_email(text).status == "unknown"


def test_no_parser_reaches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a parser tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    registry = default_registry()
    today = date(2026, 11, 21)
    assert parse_answer(registry["last_platelet_transfusion"], "last Tuesday", today).value == date(
        2026, 11, 17
    )
    assert parse_answer(registry["age"], "born 2 March 1971", today).value == 55
    assert parse_email("jane@qq.com").value == "jane@qq.com"
    assert parse_phone("138 0013 8000").value == "+8613800138000"
    assert extract_facts("I'm 47 and my platelets are 70", today, registry)["platelet_count"].value == 70
