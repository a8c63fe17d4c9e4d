"""What the dashboard needs beyond the other routes (issue 15): a time series and per-country
figures over the shared event filters, and a download of the filtered events through the
existing exporter (accord.analytics.export), plus the country page."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from accord.interfaces.api import web
from accord.interfaces.api.deps import blocking, pool
from accord.interfaces.api.filters import counting_rules, event_filters
from accord.interfaces.api.models import ErrorOut
from accord.interfaces.api.routes_analytics import counted
from accord.store.base import Counting, EventQuery

# Dashboard helpers: served under /v1 but kept out of the public OpenAPI schema (like the pages).
router = APIRouter(prefix="/v1", tags=["dashboard"], include_in_schema=False, responses={400: {"model": ErrorOut}})
web.PAGES.setdefault("country", "Country")  # the country page (pages/country.html), linked from the map
Period = Literal["day", "week", "month", "year"]
MAX_PERIODS = 20_000


def _where(query: EventQuery, rules: Counting, *extra: str) -> tuple[str, list[Any]]:
    where, params = query.sql_where(*extra)
    conds, cparams = rules.conditions("e")
    if conds:
        where = (where + " AND " if where else "WHERE ") + " AND ".join(conds)
        params = [*params, *cparams]
    return where, params


def period_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def next_period(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    if by == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day.replace(year=day.year + 1)


def fill_series(rows: list[tuple[Any, ...]], by: str) -> list[dict[str, Any]]:
    """(day, quad class, events, Goldstein sum) rows -> one row per period from the first to the
    last, empty periods as zeros."""
    acc: dict[dt.date, dict[str, Any]] = {}
    for day, quad, n, gsum in rows:
        if day is None:
            continue
        if isinstance(day, dt.datetime):
            day = day.date()
        r = acc.setdefault(period_start(day, by), {"quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "gsum": 0.0})
        if quad in (1, 2, 3, 4):
            r[f"quad{quad}"] += int(n)
        r["gsum"] += float(gsum or 0)
    if not acc:
        return []
    out: list[dict[str, Any]] = []
    day, last = min(acc), max(acc)
    while day <= last and len(out) < MAX_PERIODS:
        r = acc.get(day, {"quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "gsum": 0.0})
        total = r["quad1"] + r["quad2"] + r["quad3"] + r["quad4"]
        out.append({"period": day.isoformat(), "quad1": r["quad1"], "quad2": r["quad2"], "quad3": r["quad3"],
                    "quad4": r["quad4"], "total": total,
                    "goldstein_mean": round(r["gsum"] / total, 4) if total else None})
        day = next_period(day, by)
    return out


@router.get("/series")
async def series(request: Request, query: EventQuery = Depends(event_filters),
                 by: Period = Query("month"), rules: Counting = Depends(counting_rules)) -> Any:
    """Counted events matching the filters per period (from the first to the last, empty periods
    as zeros): counts by QuadClass, total and mean Goldstein."""
    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            where, params = _where(query, rules, "e.day IS NOT NULL")
            rows = s.query(f"SELECT e.day, e.quad_class, count(*), sum(e.goldstein) FROM events e {where} "
                           "GROUP BY 1, 2", params)
            return {"by": by, "series": fill_series(list(rows), by),
                    "counted": counted(s, rules, query.since, query.until, by)}

    return await blocking(run)


@router.get("/countries")
async def countries(request: Request, query: EventQuery = Depends(event_filters),
                    rules: Counting = Depends(counting_rules)) -> Any:
    """Per ISO alpha-3 country: the counted events matching the filters with a source or target
    of that country, and their mean Goldstein score."""
    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            where, params = _where(query, rules)
            sql = f"""SELECT country, count(*) AS n, avg(g) FROM (
                SELECT DISTINCT a.country AS country, e.id AS id, e.goldstein AS g FROM events e
                JOIN event_actors a ON a.event_id = e.id AND a.role IN ('source', 'target') AND a.country IS NOT NULL
                {where}) t GROUP BY 1 ORDER BY n DESC, 1"""
            rows = [{"country": c, "events": int(n), "goldstein_mean": round(float(g), 4)}
                    for c, n, g in s.query(sql, params)]
            return {"countries": rows, "counted": counted(s, rules, query.since, query.until)}

    return await blocking(run)


@router.get("/export", response_class=FileResponse, responses={200: {"content": {
    "text/csv": {}, "application/vnd.apache.parquet": {}}, "description": "The events file"}})
async def export(request: Request, query: EventQuery = Depends(event_filters),
                 format: Literal["csv", "parquet"] = Query("csv")) -> Any:
    """Every stored event matching the filters (the same filters and events as /v1/events), as
    written by `accord export` (GDELT-style columns)."""
    from accord.analytics.export import export_events
    from accord.errors import StoreError

    folder = Path(tempfile.mkdtemp(prefix="accord-export-"))
    path = folder / f"events.{format}"

    def run() -> int:
        with pool(request).store() as s:
            return export_events(s, path, format, query)

    try:
        written = await blocking(run)
    except StoreError as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(400, str(e)) from e
    media = "text/csv; charset=utf-8" if format == "csv" else "application/vnd.apache.parquet"
    return FileResponse(path, media_type=media, filename=f"accord-events.{format}",
                        headers={"x-accord-rows": str(written)},
                        background=BackgroundTask(shutil.rmtree, folder, True))


@router.get("/place-events")
async def place_events(request: Request, query: EventQuery = Depends(event_filters),
                       name: str = Query(..., max_length=200), lat: float = Query(..., ge=-90, le=90),
                       lon: float = Query(..., ge=-180, le=180), limit: int = Query(50, ge=1, le=500)) -> Any:
    """The events matching the filters located at one place of /v1/locations (oldest first)."""
    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            where, params = query.sql_where("e.loc_name IS NOT NULL")
            where += " AND e.loc_name = ? AND e.loc_lat = ? AND e.loc_lon = ?"
            rows = s.query(f"SELECT e.id FROM events e {where} ORDER BY e.day NULLS LAST, e.id LIMIT ?",
                           [*params, name, lat, lon, limit])
            found = [s.event(r[0]) for r in rows]
            return {"events": [e.to_dict() for e in found if e is not None]}

    return await blocking(run)


@router.get("/country-actors/{code}")
async def country_actors(request: Request, code: str, query: EventQuery = Depends(event_filters),
                         rules: Counting = Depends(counting_rules), limit: int = Query(200, ge=1, le=1000)) -> Any:
    """Every actor of an ISO alpha-3 country in the counted events matching the filters, busiest
    first: key (actor id, else code), name, code, events as source or target."""
    if len(code) != 3 or not code.isalpha():
        raise HTTPException(400, "a country is an ISO alpha-3 code")

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            where, params = _where(query, rules)
            sql = f"""SELECT coalesce(a.actor_id, a.code) AS k, max(a.name), max(a.code), count(DISTINCT e.id) AS n
                FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role IN ('source', 'target') AND a.country = ?
                {where} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?"""
            rows = s.query(sql, [code.upper(), *params, limit])
            return {"country": code.upper(), "actors": [{"key": k, "name": n, "code": c, "events": int(cnt)}
                                                        for k, n, c, cnt in rows if k]}

    return await blocking(run)


@router.get("/network-of")
async def network_of(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                     count: Literal["stories", "reports"] = Query("stories"),
                     type: str | None = Query(None, max_length=20), quad_class: int | None = Query(None, ge=1, le=4),
                     max_edges: int = Query(300, ge=1, le=5000), rules: Counting = Depends(counting_rules)) -> Any:
    """/v1/network restricted to one PLOVER type and/or QuadClass (a story counts with its own
    type and QuadClass, its anchor's): the same edges, nodes and names otherwise."""
    from accord.analytics.network import Edge, Network, _nodes
    from accord.analytics.series import facts
    from accord.interfaces.api.filters import _plover_type, check_window
    from accord.interfaces.api.routes_analytics import _names, _network

    check_window(since, until)
    kind = _plover_type(type)

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            if kind is None and quad_class is None:
                graph = s.network(since, until, count=count, rules=rules).to_dict()
            else:
                table, params = facts(count, rules)
                conds = ["source_key IS NOT NULL", "target_key IS NOT NULL"]
                for cond, value in (("day >= ?", since), ("day <= ?", until), ("type = ?", kind),
                                    ("quad_class = ?", quad_class)):
                    if value is not None:
                        conds.append(cond)
                        params.append(value)
                sql = f"""SELECT source_key, target_key, count(*), avg(goldstein) FROM (
                    SELECT DISTINCT unit, source_key, target_key, goldstein FROM {table} x
                    WHERE {' AND '.join(conds)}) y GROUP BY 1, 2 ORDER BY 1, 2"""
                edges = tuple(Edge(a, b, int(w), float(g)) for a, b, w, g in s.query(sql, params))
                graph = Network(nodes=_nodes(edges), edges=edges, count=count, since=since, until=until).to_dict()
            names = _names(s, [n["id"] for n in graph["nodes"]])
            note = counted(s, rules, since, until)
        return _network(graph, names, max_edges) | {"counted": note, "type": kind, "quad_class": quad_class}

    return await blocking(run)
