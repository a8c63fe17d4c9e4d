"""Analytics: dyads, a dyad's series, the actor network, event locations."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from accord.interfaces.api import queries
from accord.interfaces.api.deps import blocking, clean, pool
from accord.interfaces.api.filters import check_window, counting_rules, event_filters
from accord.interfaces.api.models import (
    ActorCountList,
    DyadList,
    DyadSeries,
    ErrorOut,
    LocationList,
    NetworkOut,
    TypeMixOut,
)
from accord.store.base import Counting, EventQuery

router = APIRouter(prefix="/v1", tags=["analytics"], responses={400: {"model": ErrorOut}})
Count = Literal["stories", "reports"]
_COUNT = Query("stories", description="Count stories (one per real-world event) or reports (coded events).")
Group = Literal["actor", "country"]
_GROUP = Query("actor", description="Rank actors (id, else code) or countries (every actor of the country).")
_RULES = Depends(counting_rules)


def counted(store: Any, rules: Counting, since: dt.date | None, until: dt.date | None,
            period: str | None = None) -> dict[str, Any]:
    """What an aggregate counted, as every interface reports it."""
    n, total = store.coverage(since, until, by=period, rules=rules)
    return {"rules": rules.describe(period), "events": n, "of": total, "note": f"{rules.describe(period)}, {n} of {total} events"} | {
        k: v for k, v in rules.to_dict().items()}


def _names(store: Any, keys: list[str]) -> dict[str, str]:
    from accord.actors.kb import default_kb

    kb = default_kb()
    known = {k: kb.actors[k].name for k in keys if k in kb.actors}
    return known | queries.names(store, [k for k in keys if k not in known])


@router.get("/dyads", response_model=DyadList)
async def top_dyads(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                    count: Count = _COUNT, limit: int = Query(20, ge=1, le=500), group: Group = _GROUP,
                    rules: Counting = _RULES) -> Any:
    """The directed (source, target) pairs with the most stories or reports."""
    check_window(since, until)

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            rows = [d.to_dict() for d in s.top_dyads(since, until, limit, count=count, group=group, rules=rules)]
            names = _names(s, sorted({k for d in rows for k in (d["source"], d["target"])}))
            note = counted(s, rules, since, until)
        dyads = [d | {"source_name": names.get(d["source"]), "target_name": names.get(d["target"])} for d in rows]
        return {"dyads": dyads, "counted": note}

    return await blocking(run)


@router.get("/top-actors", response_model=ActorCountList)
async def top_actors(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                     count: Count = _COUNT, limit: int = Query(20, ge=1, le=500), group: Group = _GROUP,
                     rules: Counting = _RULES) -> Any:
    """The actors (or countries) in the most stories or reports, as source or target."""
    check_window(since, until)

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            rows = [a.to_dict() for a in s.top_actors(since, until, limit, count=count, group=group, rules=rules)]
            names = _names(s, [r["key"] for r in rows])
            note = counted(s, rules, since, until)
        return {"actors": [r | {"name": r["name"] or names.get(r["key"])} for r in rows], "counted": note}

    return await blocking(run)


@router.get("/type-mix", response_model=TypeMixOut)
async def type_mix(request: Request, by: Literal["day", "week", "month", "year"] = Query("month"),
                   since: dt.date | None = None, until: dt.date | None = None, count: Count = _COUNT,
                   rules: Counting = _RULES) -> Any:
    """Stories (or reports) of each PLOVER type per period."""
    check_window(since, until)

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            rows = [r.to_dict() for r in s.type_mix(by, count=count, since=since, until=until, rules=rules)]
            return {"by": by, "count": count, "rows": rows, "counted": counted(s, rules, since, until, by)}

    return await blocking(run)


@router.get("/dyads/{a}/{b}/series", response_model=DyadSeries)
async def dyad_series(request: Request, a: str, b: str,
                      by: Literal["day", "week", "month", "year"] = Query("month"),
                      direction: Literal["both", "a_to_b", "b_to_a"] = Query("both"),
                      count: Count = _COUNT, since: dt.date | None = None, until: dt.date | None = None,
                      rules: Counting = _RULES) -> Any:
    """Per period between actors a and b (ids, codes, or countries: USA is every actor of the
    United States): counts by QuadClass, total, Goldstein sum and mean. Only events dated at
    least as finely as the period count. Empty periods between the first and the last are zeros."""
    check_window(since, until)
    a, b = clean(a, "a") or "", clean(b, "b") or ""

    def run() -> tuple[list[dict[str, Any]], dict[str, Any]]:
        with pool(request).store() as s:
            rows = s.dyad_series(a, b, by=by, direction=direction, count=count, since=since, until=until, rules=rules)
            return [r.to_dict() for r in rows], counted(s, rules, since, until, by)

    series, note = await blocking(run)
    return {"a": a, "b": b, "by": by, "direction": direction, "count": count, "series": series, "counted": note}


@router.get("/network", response_model=NetworkOut)
async def network(request: Request, since: dt.date | None = None, until: dt.date | None = None,
                  count: Count = _COUNT, max_edges: int = Query(300, ge=1, le=5000), rules: Counting = _RULES) -> Any:
    """The directed actor graph of the window: edge weight = stories (or reports) from source to
    target, `goldstein_mean` > 0 leans cooperative, < 0 conflictual. Only the `max_edges`
    heaviest edges are kept (then by source, target); node figures are over the whole window."""
    check_window(since, until)

    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            graph = s.network(since, until, count=count, rules=rules).to_dict()
            names = _names(s, [n["id"] for n in graph["nodes"]])
            note = counted(s, rules, since, until)
        return _network(graph, names, max_edges) | {"counted": note}

    return await blocking(run)


def _network(graph: dict[str, Any], names: dict[str, str], max_edges: int) -> dict[str, Any]:
    edges = sorted(graph["edges"], key=lambda e: (-e["weight"], e["source"], e["target"]))[:max_edges]
    tone: dict[str, list[float]] = {}
    for e in graph["edges"]:
        for end in (e["source"], e["target"]):
            acc = tone.setdefault(end, [0.0, 0.0])
            acc[0] += e["goldstein_mean"] * e["weight"]
            acc[1] += e["weight"]
    kept = {end for e in edges for end in (e["source"], e["target"])}
    nodes = [n | {"name": names.get(n["id"]), "goldstein_mean": round(tone[n["id"]][0] / tone[n["id"]][1], 4)}
             for n in graph["nodes"] if n["id"] in kept]
    return graph | {"nodes": nodes, "edges": sorted(edges, key=lambda e: (e["source"], e["target"]))}


@router.get("/locations", response_model=LocationList)
async def locations(request: Request, query: EventQuery = Depends(event_filters),
                    limit: int = Query(500, ge=1, le=5000), rules: Counting = _RULES) -> Any:
    """Places of the counted events matching the filters (same filters as /v1/events), with the
    number of events, how many were cooperative (QuadClass 1-2) and the mean Goldstein score."""
    def run() -> dict[str, Any]:
        with pool(request).store() as s:
            return {"locations": queries.locations(s, query, limit, rules),
                    "counted": counted(s, rules, query.since, query.until)}

    return await blocking(run)
