"""GET /funnel and GET /api/funnel: how many conversations reached each step, per trial, and the
criteria that excluded most. Aggregates only (bot.leads.funnel): no names, no ids of people.

Its filter (study, language and dates) is in the query string: unlike a lead's outcome it says nothing about
any person, and a bookmarkable funnel is handy.
"""

from __future__ import annotations

from dataclasses import asdict

from aiohttp import web

from bot.dashboard.chart import bar_chart
from bot.dashboard.responses import TRIALS, blocking, page_language, render, words_for
from bot.leads import funnel, service


def add_routes(app: web.Application) -> None:
    app.router.add_get("/funnel", funnel_page)
    app.router.add_get("/api/funnel", funnel_json)
    app.router.add_get("/api/me", me_json)


def _wanted(request: web.Request) -> tuple[dict[str, str], service.LeadFilter]:
    shown = {k: request.query.get(k, "").strip() for k in ("trial", "language", "since", "until")}
    wanted = service.parse_filter(**{k: v or None for k, v in shown.items()})
    return {k: v for k, v in shown.items() if v}, wanted


async def funnel_page(request: web.Request) -> web.Response:
    _ = words_for(request)
    error = None
    try:
        shown, wanted = await blocking(_wanted, request)
        groups = await blocking(funnel.funnel_report, wanted, shown_in=page_language(request))
    except service.LeadsError as problem:
        shown = {k: v for k, v in request.query.items() if k in ("trial", "language", "since", "until")}
        error, groups = _("Check the filter: {problem}.", problem=problem), []
    sections = []
    for group in groups:
        key = group.trial_id or "all"
        title = group.title if group.trial_id else _(group.title)
        rows = [(_(funnel.STAGE_LABELS[stage]), count) for stage, count in group.stages.items()]
        sections.append(
            {
                "key": key,
                "group": group,
                "title": title,
                "rows": rows,
                "chart": bar_chart(
                    key, _("{title}: conversations at each step", title=title), rows, _("no data")
                ),
            }
        )
    return render(
        request,
        "funnel.html",
        status=400 if error else 200,
        title=_("Screening funnel"),
        nav="funnel",
        sections=sections,
        shown=shown,
        trials=request.app[TRIALS],
        error=error,
    )


async def funnel_json(request: web.Request) -> web.Response:
    try:
        _, wanted = await blocking(_wanted, request)
        groups = await blocking(funnel.funnel_report, wanted)
    except service.LeadsError as problem:
        return web.json_response({"error": str(problem)}, status=400)
    return web.json_response([asdict(group) for group in groups])


async def me_json(request: web.Request) -> web.Response:
    return web.json_response({"login": request["signed_in"].login})
