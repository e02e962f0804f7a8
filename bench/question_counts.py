"""How many health questions people are asked, through the real chat (not a test).

    .venv/bin/python -m bench.question_counts [--people 20]

Starts the real action server and Rasa (as bench.load_rest does), then plays three kinds of people,
each answering in plain words drawn at random (fixed seed) from several phrasings:

- screened for both studies, without AML (target: median at most 10 health questions);
- screened for both studies, with AML that has come back (target: at most 18);
- excluded by their first answers: an age of 80 (target: at most 3).

A health question is any screening question, a checklist included; read-backs are counted apart.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import uuid
from pathlib import Path

import requests

from bench.load_rest import Processes, start_ours
from tests.personas import READ_BACK, Persona, asked_fact

PHRASINGS: dict[str, dict[str, list[str]]] = {
    "no_aml": {
        "age": ["58", "I'm 58", "fifty-eight", "58 years old"],
        "sex": ["female", "woman", "I'm a woman", "F"],
        "diagnosis": ["breast cancer", "lung cancer", "bowel cancer", "lymphoma"],
        "cancer_treatments": ["chemo", "chemotherapy and radiotherapy", "I had chemo", "chemo and keytruda"],
        "platelet_count": ["72", "72,000", "platelets were 72k", "around 65"],
        "last_platelet_transfusion": ["never", "never had one", "no", "I've never had a transfusion"],
        "active_bleeding": ["no", "nope", "no bleeding", "not at the moment"],
        "ecog": ["I work full time", "I do light housework but nothing heavy", "I walk the dog every day"],
        "can_become_pregnant": ["no, I've been through the menopause", "no", "I'm past menopause"],
    },
    "aml": {
        "age": ["55", "I'm 55", "fifty five"],
        "sex": ["male", "man", "I'm a man"],
        "diagnosis": ["AML", "acute myeloid leukaemia", "acute myeloid leukemia"],
        "cancer_treatments": ["chemo", "chemotherapy", "I had chemo and venetoclax"],
        "platelet_count": ["45", "45,000", "platelets 45"],
        "last_platelet_transfusion": ["never", "no never"],
        "active_bleeding": ["no", "none"],
        "ecog": ["fully active", "I do light work but nothing heavy", "I still work part time"],
        "partner_can_become_pregnant": ["no", "my wife is past menopause", "no partner"],
        "willing_no_sperm_donation": ["yes", "no problem", "I wasn't planning to donate anyway"],
        "haemoglobin": ["90 g/L", "9.1 g/dL", "Hb 95"],
        "cd3_count": ["I don't know", "800 cells/ul", "no idea"],
        "aml_no_response_after_two_courses": ["yes", "yes it went into remission", "it relapsed later"],
        "aml_relapse_count": ["twice", "2", "it came back twice"],
        "heart_problems": ["none of these", "none", "no"],
        "ejection_fraction": ["I don't know", "60%", "not sure"],
        "infections_and_organs": ["none of these", "no", "none"],
        "medicines_and_transplant": ["none of these", "no", "none of them"],
        "creatinine": ["I don't know", "80", "no idea"],
        "serious_liver_or_kidney_problems": ["no"],
    },
    "excluded": {"age": ["80", "I'm 80", "eighty"], "diagnosis": ["lung cancer"]},
}
OPENING = ["yes", "for me", "not sure, check them all"]


def person(kind: str, rng: random.Random) -> Persona:
    answers = {fact: rng.choice(options) for fact, options in PHRASINGS[kind].items()}
    return Persona(kind, OPENING, answers)


def count_questions(base_url: str, persona: Persona) -> tuple[int, int]:
    """Health questions and read-backs in one whole conversation."""
    sender = f"bench-questions-{uuid.uuid4().hex}"

    def say(text: str) -> list[str]:
        resp = requests.post(
            f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        resp.raise_for_status()
        return [m["text"] for m in resp.json() if "text" in m]

    replies = say("hi")
    for line in persona.opening:
        replies = say(line)
    questions = read_backs = 0
    for _ in range(60):
        asked = asked_fact(replies[-1], persona) if replies else None
        if asked is None:
            break
        if asked == READ_BACK:
            read_backs += 1
        else:
            questions += 1
        replies = say(persona.answers.get(asked, "I don't know"))
    return questions, read_backs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20, help="people of each kind")
    args = parser.parse_args()
    procs = Processes()
    rng = random.Random(20261203)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rasa, _ = start_ours(procs, Path(tmp), "sql")
            print(
                "| kind of person | people | median health questions | max | read-backs (median) | target |"
            )
            print("| --- | --- | --- | --- | --- | --- |")
            for kind, target in (("no_aml", 10), ("aml", 18), ("excluded", 3)):
                counts = [count_questions(rasa.base_url, person(kind, rng)) for _ in range(args.people)]
                asked = [q for q, _ in counts]
                print(
                    f"| {kind} | {len(asked)} | {statistics.median(asked):g} | {max(asked)} | "
                    f"{statistics.median([r for _, r in counts]):g} | ≤ {target} |"
                )
    finally:
        procs.stop_all()


if __name__ == "__main__":
    main()
