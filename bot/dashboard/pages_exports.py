"""POST /exports: the leads matching the current filter as a download, in the CLI's formats.

`service.export_leads` writes the file and its `export_audit` row (actor: the signed-in login) in
one go; the dashboard writes it to an anonymous temporary file and streams that back, so a large
export never sits in memory and nothing is left on disk.
"""

from __future__ import annotations

import tempfile
from typing import IO

from aiohttp import web

from bot.dashboard.pages_leads import current_filter
from bot.dashboard.responses import add_security_headers, blocking, now, render, signed_in, words_for
from bot.leads import service

CONTENT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json; charset=utf-8", "json"),
    "fhir": ("application/fhir+ndjson; charset=utf-8", "ndjson"),  # one Bundle per line
}
CHUNK = 64 * 1024


def add_routes(app: web.Application) -> None:
    app.router.add_post("/exports", export)


def _export(wanted: service.LeadFilter, fmt: str, actor: str) -> tuple[IO[bytes], int]:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, which closes it
    try:
        rows = service.export_leads(wanted, fmt, handle, actor)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return handle, rows


async def export(request: web.Request) -> web.StreamResponse:
    session = signed_in(request)
    form = await request.post()
    fmt = str(form.get("format") or "").strip().lower()
    if fmt not in CONTENT_TYPES:
        _ = words_for(request)
        known = ", ".join(CONTENT_TYPES)
        return render(
            request,
            "error.html",
            status=400,
            title=_("Unknown format"),
            message=_("Export as one of: {known}.", known=known),
        )
    try:
        wanted = await blocking(current_filter, session.view)
        handle, rows = await blocking(_export, wanted, fmt, session.login)
    except service.LeadsError as error:
        title = words_for(request)("Export failed")
        return render(request, "error.html", status=400, title=title, message=str(error))
    content_type, extension = CONTENT_TYPES[fmt]
    stamp = now(request).strftime("%Y%m%d-%H%M%S")
    response = web.StreamResponse(
        headers={
            "Content-Type": content_type,
            "Content-Disposition": f'attachment; filename="leads-{stamp}.{extension}"',
            "X-Lead-Count": str(rows),
        }
    )
    add_security_headers(request, response.headers)  # before streaming starts
    try:
        await response.prepare(request)
        while chunk := await blocking(handle.read, CHUNK):
            await response.write(chunk)
        await response.write_eof()
    finally:
        handle.close()
    return response
