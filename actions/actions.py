"""Custom actions for the Rasa action server (``rasa run actions --actions actions``).

Actions are meant to stay thin ``rasa_sdk`` adapters: they read slots and the
latest message from the tracker, call into the plain-Python domain package in
``bot/`` (trial schema, eligibility engine) and turn its results into
responses and events. No screening logic lives here, so it can be unit-tested
without Rasa.

No custom actions exist yet; the first ones come with the screening flow.
"""
