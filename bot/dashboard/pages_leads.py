"""The leads list and one lead: the same service functions as `python -m bot leads`.

No health data in URLs (OWASP ASVS 8.3.1): an outcome is health data, so the list's filter is sent
by POST and kept, with the page number, in the session row (`coordinator_sessions.view`); the list's
URL is always plain /leads. Lead ids in URLs are random UUIDs and say nothing about the person.

The list shows the columns of `leads list` (service.lead_summary): no name and no contact details.
A list is what is on screen most of the time, often with others around; the detail page, one click
away, shows who to call. It also means listing never decrypts anyone's contact details.
"""

from __future__ import annotations

import math
import re
from typing import Any

from aiohttp import web

from bot.dashboard.auth import SignedIn, save_view
from bot.dashboard.responses import (
    PAGE_SIZE,
    TRIALS,
    blocking,
    page_language,
    render,
    see_other,
    signed_in,
    words_for,
)
from bot.leads import service
from bot.leads.models import LEAD_STATUSES
from bot.text import localize

FILTER_FIELDS = ("trial", "outcome", "status", "language", "since", "until")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/leads", leads_page)
    app.router.add_post("/leads/filter", set_filter)
    app.router.add_post("/leads/page", set_page)
    app.router.add_get("/leads/{lead_id}", lead_page)
    app.router.add_post("/leads/{lead_id}/status", change_status)
    app.router.add_post("/leads/{lead_id}/notes", add_note)


# ----- the list -----


def current_filter(view: dict[str, Any]) -> service.LeadFilter:
    """The filter kept in the session (already validated when it was set)."""
    return service.parse_filter(**(view.get("filter") or {}))


async def take_flash(session: SignedIn) -> tuple[dict[str, Any], str | None]:
    """The session's view without its one-time message, and that message (shown once, then gone)."""
    view = dict(session.view)
    flash = view.pop("flash", None)
    if flash:
        await blocking(save_view, session, view)
    return view, flash


async def leads_page(request: web.Request) -> web.Response:
    session = signed_in(request)
    view, flash = await take_flash(session)
    try:
        wanted = await blocking(current_filter, view)
    except service.LeadsError as error:  # e.g. a trial file was removed since the filter was set
        await blocking(save_view, session, {**view, "filter": {}, "page": 1})
        return await _list(
            request,
            service.LeadFilter(),
            {},
            1,
            error=words_for(request)("The saved filter no longer works: {problem}", problem=error),
        )
    return await _list(request, wanted, view.get("filter") or {}, int(view.get("page") or 1), flash=flash)


async def set_filter(request: web.Request) -> web.Response:
    session = signed_in(request)
    form = await request.post()
    if form.get("action") == "clear":
        await blocking(save_view, session, {**session.view, "filter": {}, "page": 1})
        return see_other("/leads")
    raw = {name: str(form.get(name) or "").strip() or None for name in FILTER_FIELDS}
    try:
        wanted = await blocking(service.parse_filter, **raw)
    except service.LeadsError as error:
        shown = {k: v for k, v in raw.items() if v}
        error_text = words_for(request)("Check the filter: {problem}.", problem=error)
        return _render_list(request, shown, rows=None, error=error_text, status=400)
    await blocking(save_view, session, {**session.view, "filter": wanted.as_audit_json(), "page": 1})
    return see_other("/leads")


async def set_page(request: web.Request) -> web.Response:
    session = signed_in(request)
    form = await request.post()
    try:
        page = max(1, int(str(form.get("page") or "1")))
    except ValueError:
        page = 1
    await blocking(save_view, session, {**session.view, "page": page})
    return see_other("/leads")


async def _list(
    request: web.Request,
    wanted: service.LeadFilter,
    shown: dict[str, str],
    page: int,
    error: str | None = None,
    flash: str | None = None,
) -> web.Response:
    size = request.app[PAGE_SIZE]
    total = await blocking(service.count_leads, wanted)
    pages = max(1, math.ceil(total / size))
    page = min(max(1, page), pages)
    leads = await blocking(service.list_leads, wanted, limit=size, offset=(page - 1) * size)
    rows = [service.lead_summary(lead) for lead in leads]
    return _render_list(
        request, shown, rows, total=total, page=page, pages=pages, size=size, error=error, flash=flash
    )


def _render_list(
    request: web.Request,
    shown: dict[str, str],
    rows: list[dict[str, Any]] | None,
    status: int = 200,
    **context: Any,
) -> web.Response:
    context.setdefault("total", 0)
    context.setdefault("page", 1)
    context.setdefault("pages", 1)
    context.setdefault("size", request.app[PAGE_SIZE])
    return render(
        request,
        "leads.html",
        status=status,
        title=words_for(request)("Leads"),
        nav="leads",
        shown=shown,
        rows=rows,
        trials=request.app[TRIALS],
        outcomes=service.OUTCOMES,
        statuses=LEAD_STATUSES,
        formats=service.EXPORT_FORMATS,
        **context,
    )


# ----- one lead -----


async def lead_page(request: web.Request) -> web.Response:
    _view, flash = await take_flash(signed_in(request))
    return await _lead(request, flash=flash)


async def _lead(request: web.Request, status: int = 200, **context: Any) -> web.Response:
    _ = words_for(request)
    lead_id = request.match_info["lead_id"]
    if not UUID.match(lead_id):
        raise web.HTTPNotFound()
    try:
        lead = await blocking(service.get_lead, lead_id)
        shown = service.lead_view(lead)
    except service.LeadsError as error:
        if "no lead with id" in str(error):
            raise web.HTTPNotFound() from None
        return render(request, "error.html", status=500, title=_("Cannot show this lead"), message=str(error))
    trial = request.app[TRIALS].get(shown.trial_id)
    plain = {c.id: localize(c.plain, page_language(request)) for c in trial.criteria} if trial else {}
    return render(
        request,
        "lead.html",
        status=status,
        title=_("Lead {id}", id=shown.id[:8]),
        nav="leads",
        lead=shown,
        trial=trial,
        plain=plain,
        statuses=[s for s in LEAD_STATUSES if s != shown.status],
        **context,
    )


async def change_status(request: web.Request) -> web.Response:
    _ = words_for(request)
    session = signed_in(request)
    form = await request.post()
    lead_id = request.match_info["lead_id"]
    try:
        event = await blocking(
            service.change_status,
            lead_id,
            str(form.get("status") or ""),
            session.login,
            note=str(form.get("note") or ""),
        )
    except service.LeadsError as error:
        return await _lead(
            request, status=400, error=_("The status was not changed: {problem}.", problem=error)
        )
    message = _(
        "Status changed from {old} to {new}.",
        old=_(event.from_status.replace("_", " ")),
        new=_(event.to_status.replace("_", " ")),
    )
    await blocking(save_view, session, {**session.view, "flash": message})
    return see_other(f"/leads/{lead_id}")


async def add_note(request: web.Request) -> web.Response:
    _ = words_for(request)
    session = signed_in(request)
    form = await request.post()
    lead_id = request.match_info["lead_id"]
    try:
        await blocking(service.add_note, lead_id, str(form.get("note") or ""), session.login)
    except service.LeadsError as error:
        return await _lead(request, status=400, error=_("The note was not added: {problem}.", problem=error))
    await blocking(save_view, session, {**session.view, "flash": _("Note added.")})
    return see_other(f"/leads/{lead_id}")
