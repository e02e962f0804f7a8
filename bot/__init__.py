"""Clinical-trial pre-screening: trial data, the eligibility engine, and the faces built on them.

The engine (trials, facts, rules, eligibility, next questions) is plain Python with no Rasa
imports, so it can be tested in milliseconds. See docs/architecture.md for the map.
"""
