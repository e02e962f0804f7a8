"""The coordinator dashboard: a small aiohttp web app over bot.leads (the same functions as the CLI).

    python -m bot coordinators add LOGIN     create an account (asks for the password twice)
    python -m bot.dashboard                  serve on 127.0.0.1:8050 (PRESCREEN_DASHBOARD_PORT)

Modules: accounts (coordinator accounts, argon2), accounts_cli (`python -m bot coordinators`),
auth (sessions, CSRF, sign-in throttle), app (make_app, middlewares, security headers), pages (the
HTML pages and the JSON API), chart (the funnel as inline SVG), render (Jinja2, autoescaped).
Importing this package loads no web framework: the CLI imports `accounts` only.
"""
