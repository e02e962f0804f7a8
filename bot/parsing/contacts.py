"""Phone numbers (with phonenumbers) and email addresses (with email_validator, no network)."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumberFormat,
    PhoneNumberMatcher,
    ValidationResult,
)

from bot.parsing import result
from bot.parsing.result import Parsed
from bot.parsing.text import plain, unknown_phrase

DEFAULT_REGION = "CN"

_PARSE_ERRORS = {
    NumberParseException.NOT_A_NUMBER: "phone.not_a_number",
    NumberParseException.TOO_LONG: "phone.too_long",
    NumberParseException.TOO_SHORT_NSN: "phone.too_short",
    NumberParseException.TOO_SHORT_AFTER_IDD: "phone.too_short",
    NumberParseException.INVALID_COUNTRY_CODE: "phone.invalid",
}
_POSSIBILITY = {
    ValidationResult.TOO_SHORT: "phone.too_short",
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "phone.too_short",  # a local number without its area code
    ValidationResult.TOO_LONG: "phone.too_long",
}
_PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s().\-]*\d|\+?\d")


def parse_phone(text: str, default_region: str = DEFAULT_REGION) -> Parsed:
    """A phone number as E.164 ("+8613800138000"); numbers without a country code are read in
    `default_region`. Problems: "phone.invalid", "phone.too_short", "phone.too_long",
    "phone.not_a_number", "phone.ambiguous" (two different numbers)."""
    said = text
    if unknown_phrase(plain(text)):
        return result.unknown(said)
    found: list[str] = []
    for match in PhoneNumberMatcher(text, default_region, leniency=Leniency.VALID):
        number = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        if number not in found:
            found.append(number)
    if len(found) == 1:
        return result.value(found[0], said)
    if len(found) > 1:
        return result.unclear(said, "phone.ambiguous")
    candidates = _PHONE_LIKE.findall(text)
    if not candidates:
        return result.unclear(said, "phone.not_a_number")
    candidate = max(candidates, key=len)
    try:
        number = phonenumbers.parse(candidate, default_region)
    except NumberParseException as error:
        return result.unclear(said, _PARSE_ERRORS.get(error.error_type, "phone.invalid"))
    reason = phonenumbers.is_possible_number_with_reason(number)
    return result.unclear(said, _POSSIBILITY.get(reason, "phone.invalid"))


def _email_problem(address: str, message: str) -> str:
    """A code for email_validator's message (its wording is English prose, so match loosely)."""
    lowered = message.lower()
    if address.count("@") == 0:
        return "email.no_at_sign"
    if "too long" in lowered:
        return "email.too_long"
    if "after the @-sign" in lowered or "domain" in lowered:
        return "email.bad_domain"
    if "before the @-sign" in lowered:
        return "email.bad_local_part"
    if "period" in lowered or "hyphen" in lowered:
        local, _, domain = address.partition("@")
        return (
            "email.bad_domain" if ".." in domain or domain.startswith(("-", ".")) else "email.bad_local_part"
        )
    return "email.invalid"


def parse_email(text: str) -> Parsed:
    """A normalised email address (domain lower-cased). Checked offline: no DNS look-up.

    Problems: "email.no_at_sign", "email.bad_domain", "email.bad_local_part", "email.too_long", and
    "email.invalid" for anything else.
    """
    said = text
    if unknown_phrase(plain(text)):
        return result.unknown(said)
    address = text.strip().strip(".,;:!?<>()[]\"'")
    words = address.split()
    if len(words) >= 3:  # "my email is jane@qq.com"
        with_at = [w.strip(".,;:!?<>()[]\"'") for w in words if "@" in w]
        address = with_at[0] if len(with_at) == 1 else address
    try:
        checked = validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return result.unclear(said, _email_problem(address, str(error)))
    return result.value(checked.normalized, said)
