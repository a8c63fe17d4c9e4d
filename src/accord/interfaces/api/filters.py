"""The event filters shared by /v1/events, /v1/stories and /v1/locations, as one dependency."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from fastapi import HTTPException, Query
from fastapi.exceptions import RequestValidationError

from accord.errors import StoreError
from accord.interfaces.api.deps import MAX_FILTER_CHARS, clean, dyad_pair
from accord.interfaces.api.models import FIRST_DAY, LAST_DAY
from accord.store.base import GRANULARITIES, Counting, EventQuery
from accord.types import MODALITIES, PLOVER_TYPES

MAX_OFFSET = 1_000_000_000
_MODALITY_HELP = ("Modality, repeatable or comma-separated (asserted, reported, hedged, ...); `all` for every one.")
_GRANULARITY_HELP = f"Date granularity, repeatable or comma-separated ({', '.join(GRANULARITIES)}); `all` for every one."


def _plover_type(value: str | None) -> str | None:
    """A PLOVER type in any case (`threaten` = `THREATEN`), else 422."""
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise RequestValidationError([{"type": "enum", "loc": ("query", "type"), "input": value,
                                       "msg": f"Input should be one of {', '.join(PLOVER_TYPES)} (any case)"}])
    return value.upper()


def _choices(name: str, values: list[str] | None, valid: tuple[str, ...]) -> tuple[str, ...] | None:
    if not values:
        return None
    parts = [p.strip() for v in values for p in v.split(",") if p.strip()]
    if "all" in parts:
        return None
    bad = [p for p in parts if p not in valid]
    if bad:
        raise RequestValidationError([{"type": "enum", "loc": ("query", name), "input": bad[0],
                                       "msg": f"Input should be one of {', '.join(valid)} or all"}])
    return tuple(dict.fromkeys(parts)) or None


def check_window(since: dt.date | None, until: dt.date | None) -> None:
    for day in (since, until):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise HTTPException(400, f"dates must lie between {FIRST_DAY} and {LAST_DAY}")
    if since and until and since > until:
        raise HTTPException(400, f"since {since} is after until {until}")


async def event_filters(
    since: dt.date | None = Query(None, description="First day (the event date, else the publication date), inclusive."),
    until: dt.date | None = Query(None, description="Last day, inclusive."),
    actor: str | None = Query(None, max_length=MAX_FILTER_CHARS,
                              description="Source or target: actor id (mark_rutte), code (USAGOV) or text as written."),
    dyad: str | None = Query(None, max_length=2 * MAX_FILTER_CHARS + 1,
                             description="`source,target`, each an actor id or code (USAGOV,RUSGOV)."),
    type: str | None = Query(None, max_length=20, description="PLOVER event type, any case."),
    quad_class: int | None = Query(None, ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, "
                                                                  "3 verbal conflict, 4 material conflict."),
    modality: list[str] | None = Query(None, description=_MODALITY_HELP),
    min_confidence: float | None = Query(None, ge=0, le=1),
    q: str | None = Query(None, max_length=MAX_FILTER_CHARS, description="Text the sentence contains (any case)."),
    country: str | None = Query(None, min_length=3, max_length=3, pattern="^[A-Za-z]{3}$",
                                description="ISO alpha-3 country: every source or target of that country."),
    granularity: list[str] | None = Query(None, description=_GRANULARITY_HELP),
) -> EventQuery:
    check_window(since, until)
    return EventQuery(actor=clean(actor, "actor"), dyad=dyad_pair(dyad), type=_plover_type(type),
                      quad_class=quad_class, modality=_choices("modality", modality, MODALITIES),
                      min_confidence=min_confidence, since=since, until=until, text=clean(q, "q"),
                      country=country.upper() if country else None,
                      granularity=_choices("granularity", granularity, GRANULARITIES))


async def counting_rules(
    modality: list[str] | None = Query(None, description=_MODALITY_HELP + " Default: asserted, reported."),
    min_confidence: float | None = Query(None, ge=0, le=1, description="Lowest confidence counted (default 0.3)."),
    granularity: list[str] | None = Query(None, description=_GRANULARITY_HELP + " Default: all that fit the period."),
    include_inferred: bool = Query(False, description="Count inferred actors (unidentified attackers, implied "
                                                      "targets) under their country code."),
) -> Counting:
    """The counting rules of every aggregate (the same defaults as the CLI and Python)."""
    try:
        return Counting.of(
            modality=_choices("modality", modality, MODALITIES) if modality else Counting().modality,
            min_confidence=min_confidence if min_confidence is not None else Counting().min_confidence,
            granularity=_choices("granularity", granularity, GRANULARITIES),
            include_inferred=include_inferred)
    except StoreError as e:
        raise HTTPException(400, str(e)) from e


def as_kwargs(query: EventQuery) -> dict[str, Any]:
    """EventQuery -> the keyword arguments of Store.events."""
    return {f.name: getattr(query, f.name) for f in dataclasses.fields(query)}


def with_actor_names(store: Any, query: EventQuery) -> EventQuery:
    """`actor=Donald Trump` also matches the actor a knowledge-base name names (as the CLI does)."""
    if query.actor is None or query.actors is not None:
        return query
    from accord.interfaces.cli_store import resolve_actor

    return dataclasses.replace(query, **resolve_actor(store, query.actor, strict=False))
