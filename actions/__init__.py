"""Thin rasa_sdk adapters over `bot/`: read slots, call bot/, turn results into events and replies.

No eligibility or parsing logic lives here; user-facing wording lives in domain.yml and the data
files under bot/ (questions, glossary, trial texts), never in Python.
"""
