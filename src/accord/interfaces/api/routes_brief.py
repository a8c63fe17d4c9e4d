"""Briefs and the claims ledger (issue 16): `GET /v1/brief`, `GET /v1/claims`, and the dashboard's
brief page at `/brief` (static files web/static/brief.html, brief.css, js/brief.js)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from accord.analytics import brief as brief_mod
from accord.analytics import claims as claims_mod
from accord.errors import StoreError
from accord.interfaces.api.deps import blocking, clean, pool
from accord.interfaces.api.models import ErrorOut

api = APIRouter(prefix="/v1", tags=["briefs"], responses={400: {"model": ErrorOut}})
page_router = APIRouter(include_in_schema=False)
Status = Literal["fulfilled", "open", "expired"]
SummaryBy = Literal["outlet", "speaker", "type"]


@api.get("/brief")
async def get_brief(
    request: Request,
    actor: str | None = Query(None, description="An actor id, code or name as written."),
    country: str | None = Query(None, description="ISO alpha-3: every source or target of that country."),
    dyad: str | None = Query(None, description="Two actors or countries, A,B (both directions)."),
    query: str | None = Query(None, description="Words the event sentence contains."),
    since: dt.date | None = Query(None, description="First day; default 30 days before `until`."),
    until: dt.date | None = Query(None, description="Last day; default the latest publication date."),
    limit: int = Query(10, ge=1, le=100, description="Items per section."),
    format: Literal["json", "md"] = Query("json", description="JSON (with every query) or Markdown."),
) -> Any:
    """A situation brief: key story events (most-reported first, best evidence sentence, outlets,
    days), the trend against the previous period of the same length, who said what, open claims
    and contradictions. Every figure comes with the SQL and parameters that produced it (`queries`)."""
    scope = {k: clean(v, k) for k, v in (("actor", actor), ("country", country), ("dyad", dyad), ("query", query))}
    try:
        brief_mod.Scope.of(**scope)  # a bad scope is the caller's error (400), not the store's
    except StoreError as e:
        raise HTTPException(400, str(e)) from e
    if since is not None and until is not None and since > until:
        raise HTTPException(400, f"since {since} is after until {until}")

    def run() -> dict[str, Any]:
        from accord.interfaces.cli_brief import period

        with pool(request).store() as s:
            db = claims_mod.database_of(s)
            first, last = period(db, since, until)
            return brief_mod.build_brief(db, since=first, until=last, limit=limit, **scope)  # type: ignore[arg-type]

    result = await blocking(run)
    if format == "md":
        return PlainTextResponse(brief_mod.render_markdown(result), media_type="text/markdown; charset=utf-8")
    return result


@api.get("/claims")
async def get_claims(
    request: Request,
    status: Status | None = Query(None, description="Only claims in this state."),
    type: str | None = Query(None, description="Only claims of this PLOVER type."),
    source: str | None = Query(None, description="Only claims reported by this outlet (document source)."),
    speaker: str | None = Query(None, description="Only claims attributed to this speaker (id or name)."),
    since: dt.date | None = Query(None, description="Claims made on or after this day."),
    until: dt.date | None = Query(None, description="Claims made on or before this day."),
    as_of: dt.date | None = Query(None, description="The day that decides expiry; default the latest publication."),
    summary: SummaryBy | None = Query(None, description="Instead of claims: the share fulfilled by this key."),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> Any:
    """The claims ledger: future, hypothetical and conditional events and whether a later asserted
    event fulfilled them (fulfilled, open, expired), with both sentences. On a server with
    writing on, the ledger is brought up to date with new documents first."""
    type_, outlet, who = clean(type, "type"), clean(source, "source"), clean(speaker, "speaker")
    filters: dict[str, Any] = dict(type=type_, outlet=outlet, speaker=who, since=since, until=until, as_of=as_of)
    p = pool(request)

    def run() -> dict[str, Any]:
        with p.store() as s:
            db = claims_mod.database_of(s)
            if not p.read_only:
                with p.write_lock:
                    claims_mod.update_claims(db, claims_mod.stored_horizon(db) or claims_mod.DEFAULT_HORIZON_DAYS)
            if not db.table_exists("claims_meta"):
                raise HTTPException(409, "this store has no claims ledger yet; build it with `accord claims`")
            params = claims_mod.ledger_params(status=status, type=type_, outlet=outlet, speaker=who, since=since,
                                              until=until, as_of=as_of or claims_mod.as_of_day(db),
                                              horizon_days=claims_mod.stored_horizon(db))
            if summary is not None:
                rows = claims_mod.summary(db, summary, **filters)
                return {"summary": summary, "params": params, "rows": [r.to_dict() for r in rows]}
            found = claims_mod.ledger(db, status=status, limit=limit, offset=offset, **filters)
            total = claims_mod.count(db, status=status, **filters)
            return {"params": params, "total": total, "limit": limit, "offset": offset,
                    "next_offset": offset + limit if offset + limit < total else None,
                    "claims": [c.to_dict() for c in found]}

    return await blocking(run)


# ---- the dashboard page ------------------------------------------------------------------------

@cache
def brief_page() -> str:
    """layout.html around static/brief.html (trusted package files only), like the other pages."""
    from accord.interfaces.api.web import NAV, PAGES, WEB

    layout = (WEB / "layout.html").read_text(encoding="utf-8")
    body = (WEB / "static" / "brief.html").read_text(encoding="utf-8")
    nav = "\n".join(f'<a href="/{name}">{PAGES[name]}</a>' for name in NAV if name in PAGES)
    nav += '\n<a href="/brief" aria-current="page">Brief</a>'
    head = '<link rel="stylesheet" href="/static/brief.css">\n</head>'
    return (layout.replace("{{title}}", "Brief").replace("{{page}}", "brief").replace("{{nav}}", nav)
            .replace("{{body}}", body).replace("</head>", head, 1))


@page_router.get("/brief", response_class=HTMLResponse)
async def dashboard_brief() -> Response:
    return HTMLResponse(brief_page())


# What create_app includes: the /v1 routes and the page.
router = APIRouter()
router.include_router(api)
router.include_router(page_router)
