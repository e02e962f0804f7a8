"""The list of responses sent by actions stays true, so validate.sh's exception stays narrow."""

from __future__ import annotations

import re
from pathlib import Path

from actions.responses import OUTCOMES, SENT_BY_ACTIONS, asked_by_form

ROOT = Path(__file__).resolve().parents[2]


def sent_in_code() -> set[str]:
    names = set()
    for path in (ROOT / "actions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'response="(utter_[a-z_]+)"', text))
        names |= set(re.findall(r'with_proxy\("(utter_[a-z_]+)"', text))
        names |= {f"{n}_proxy" for n in re.findall(r'with_proxy\("(utter_[a-z_]+)"', text)}
        if 'f"utter_outcome_{result.outcome.value}"' in text:
            names |= {f"utter_outcome_{o}" for o in OUTCOMES} | {f"utter_outcome_{o}_proxy" for o in OUTCOMES}
    return names


def used_in_data() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yml"))
    return set(re.findall(r"action: (utter_[a-z_]+)", text))


def test_every_listed_response_exists_in_the_domain(domain):
    assert set(domain["responses"]) >= SENT_BY_ACTIONS


def test_every_response_the_actions_send_is_listed(domain):
    unlisted = sent_in_code() - SENT_BY_ACTIONS - {"utter_ask_screening_consent"}
    assert not unlisted, f"add to actions/responses.py: {sorted(unlisted)}"


def test_no_domain_response_is_dead(domain):
    reachable = used_in_data() | SENT_BY_ACTIONS | asked_by_form(domain) | {"utter_default"}
    dead = set(domain["responses"]) - reachable
    assert not dead, f"responses nothing sends: {sorted(dead)}"
