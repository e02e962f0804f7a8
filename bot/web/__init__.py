"""The public web face of the assistant: the demo trial-site page and the patient chat widget.

`python -m bot.web` serves the page (see `bot/web/site.py`); the widget is
`bot/web/static/chat-widget.js` (see docs/web-widget.md).
"""
